import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { driveUntil } from "../../test/campaign-fixtures";
import { smtpMessages } from "../../test/delivery-fixtures";
import { call, seedTemplate } from "../../test/helpers";
import {
  deliverEmail,
  FIXTURES,
  fixtureFor,
  type SentLead,
  sentCampaign,
  sentLeads,
} from "../../test/inbound-fixtures";
import { createWebhook, manualDispatcher, newSink } from "../../test/webhook-fixtures";

const reply = FIXTURES.find((f) => f.name === "gmail-reply")!;
const variantOf = async (lead: { email: string }) =>
  (await smtpMessages(lead.email))[0]!.subject!.startsWith("Hi ") ? "B" : "A";

/**
 * A seeded stream of outcomes: every lead sent variant B replies, no lead sent A does. Replies are
 * what the test is judged on, so each batch of replies is a look.
 */
async function replyToB(leads: SentLead[]) {
  for (const lead of leads) {
    if ((await variantOf(lead)) !== "B") continue;
    const { raw, to } = fixtureFor(reply, lead);
    await deliverEmail(lead.email, to, raw);
  }
}

describe("automatic A/B winner (auto_winner on reply_rate)", () => {
  it("is not chosen before every variant has the minimum sends, then chosen, and new leads get it", async () => {
    const c = await sentCampaign(60, {
      sendFirst: 12,
      firstStepVariants: async ({ templateId, userId }) => [
        { label: "A", weight: 1, type: "TEMPLATE", template_id: templateId },
        {
          label: "B",
          weight: 1,
          type: "TEMPLATE",
          template_id: await seedTemplate(userId, {
            subject: "Hi {{first_name}}",
            body: "Hey. {{unsubscribe_url}}",
          }),
        },
      ],
      stepExtra: (n) =>
        n === 1 ? { auto_winner: { metric: "reply_rate", min_sends_per_variant: 10, confidence: 0.95 } } : {},
    });
    const sink = newSink();
    await createWebhook(c.key, sink.url, ["campaign.ab_winner"]);
    const stats = async () =>
      (await call("GET", `/api/v1/campaigns/${c.campaignId}/stats`, { key: c.key })).json;

    // 12 sent, so at least one variant has fewer than 10: B's perfect replies decide nothing yet.
    await replyToB(c.leads);
    expect((await stats()).ab_winners).toEqual([]);

    // More sends, one a minute, until both variants have 10 (the split is a weighted draw per campaign,
    // so how many that takes varies; 50 sends leave a shortfall with probability about 2e-6).
    const counts = { A: 0, B: 0 };
    for (const lead of c.leads) counts[await variantOf(lead)]++;
    let sent = c.leads.length;
    while ((counts.A < 10 || counts.B < 10) && sent < 50) {
      sent++;
      await driveUntil(c.stub, c.start + (sent - 1) * 60_000 + 30_000);
      counts[await variantOf({ email: c.emails[sent - 1]! })]++;
    }
    expect(counts.A).toBeGreaterThanOrEqual(10);
    expect(counts.B).toBeGreaterThanOrEqual(10);
    const batch = await sentLeads(c, c.emails.slice(c.leads.length, sent));
    await replyToB(batch);
    const after = await stats();
    expect(after.ab_winners).toEqual([
      {
        step: 1,
        variant: "B",
        metric: "reply_rate",
        decided_at: expect.any(String),
        confidence: 0.95,
        probabilities: { A: expect.any(Number), B: expect.any(Number) },
        variants: [
          { variant: "A", sent: counts.A, replied: 0 },
          // Decided at the first reply that made B confident: the figures of that moment.
          { variant: "B", sent: counts.B, replied: expect.any(Number) },
        ],
      },
    ]);
    expect(after.ab_winners[0].variants[1].replied).toBeLessThanOrEqual(counts.B);
    expect(after.ab_winners[0].probabilities.B).toBeGreaterThan(0.95);

    // The leads not yet started all get the winner; the plan shows it too.
    const planned = (await call("GET", `/api/v1/campaigns/${c.campaignId}/schedule?limit=5`, { key: c.key }))
      .json.planned as { step: number; variant: string }[];
    expect(planned.filter((p) => p.step === 1).every((p) => p.variant === "B")).toBe(true);
    await driveUntil(c.stub, c.start + 59 * 60_000 + 30_000);
    const rest = await sentLeads(c, c.emails.slice(sent));
    expect(rest.length).toBeGreaterThanOrEqual(10);
    for (const lead of rest) expect(await variantOf(lead), lead.email).toBe("B");
    // Stats count them under B; the A leads sent before the decision stay A.
    const last = await stats();
    expect(last.per_variant.filter((v: any) => v.step === 1).map((v: any) => [v.variant, v.sent])).toEqual([
      ["A", counts.A],
      ["B", counts.B + rest.length],
    ]);

    // The decision is a webhook event with its figures.
    const dispatcher = await manualDispatcher(c.userId, Date.now());
    for (let i = 0; i < 5 && (await dispatcher.testNextWakeAt()) !== null; i++)
      await runDurableObjectAlarm(dispatcher);
    const events = (await sink.requests()).map((r) => JSON.parse(r.body));
    expect(events.map((e) => e.type)).toEqual(["campaign.ab_winner"]);
    expect(events[0].data).toMatchObject({
      campaign_id: c.campaignId,
      step: 1,
      variant: "B",
      confidence: 0.95,
    });
  });
});
