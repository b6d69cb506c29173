import { describe, expect, it } from "vitest";
import { smtpMessages } from "../../test/delivery-fixtures";
import { call, seedTemplate } from "../../test/helpers";
import { deliverEmail, FIXTURES, fixtureFor, type SentLead, sentCampaign } from "../../test/inbound-fixtures";

const fixture = (name: string) => FIXTURES.find((f) => f.name === name)!;
const deliver = (name: string, lead: SentLead) => {
  const { raw, to } = fixtureFor(fixture(name), lead);
  return deliverEmail(lead.email, to, raw);
};

/** The timeline event types stats count, and the field each counts into. */
const FIELD: Record<string, string> = {
  replied: "replied",
  auto_replied: "auto_replied",
  bounced: "hard",
  soft_bounced: "soft",
  unsubscribed: "unsubscribed",
  complained: "complained",
  clicked: "unique_clicks",
};

type Tally = Record<string, number>;
const flat = (o: any): Tally => ({
  sent: o.sent,
  failed: o.failed,
  replied: o.replied,
  auto_replied: o.auto_replied,
  hard: o.bounced.hard,
  soft: o.bounced.soft,
  unsubscribed: o.unsubscribed,
  complained: o.complained,
  unique_clicks: o.unique_clicks,
});
const zero = (): Tally => ({
  sent: 0,
  failed: 0,
  replied: 0,
  auto_replied: 0,
  hard: 0,
  soft: 0,
  unsubscribed: 0,
  complained: 0,
  unique_clicks: 0,
});

describe("stats: per campaign, per step and per variant, from the object's recorded outcomes", () => {
  it("are exactly the counts of the leads' timelines", async () => {
    const c = await sentCampaign(12, {
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
    });
    const names = [
      "gmail-reply",
      "outlook-reply-references",
      "outlook-out-of-office",
      "german-auto-reply",
      "postfix-dsn",
      "exchange-dsn",
      "postfix-dsn-delayed",
      "gmail-unsubscribe-request",
      "yahoo-arf-complaint",
      "gmail-reply",
    ];
    for (const [i, name] of names.entries()) await deliver(name, c.leads[i]!);

    const stats = (await call("GET", `/api/v1/campaigns/${c.campaignId}/stats`, { key: c.key })).json;
    // The same figures, tallied from each lead's timeline (the variant read from the email it received).
    const campaign = zero();
    const steps = new Map<number, Tally>();
    const variants = new Map<string, Tally>();
    for (const lead of c.leads) {
      const events = (
        await call("GET", `/api/v1/campaigns/${c.campaignId}/leads/${lead.leadId}/events`, { key: c.key })
      ).json.events as { type: string; step: number | null }[];
      const [received] = await smtpMessages(lead.email);
      const variant = received!.subject!.startsWith("Hi ") ? "B" : "A";
      const seen = new Set<string>();
      for (const e of events) {
        const field = e.type === "sent" || e.type === "failed" ? e.type : FIELD[e.type];
        if (!field || e.step === null) continue;
        const s = steps.get(e.step) ?? zero();
        steps.set(e.step, s);
        const vk = `${e.step}:${e.step === 1 ? variant : "A"}`;
        const v = variants.get(vk) ?? zero();
        variants.set(vk, v);
        s[field]!++;
        v[field]!++;
        if (field === "sent" || field === "failed" || !seen.has(field)) campaign[field]!++;
        seen.add(field);
      }
    }
    expect(flat(stats.outcomes)).toEqual(campaign);
    expect(stats.per_step.map((s: any) => [s.step, flat(s)])).toEqual([...steps.entries()].sort());
    expect(stats.per_variant.map((v: any) => [`${v.step}:${v.variant}`, flat(v)])).toEqual(
      [...variants.entries()].sort(),
    );
    // And they are what was delivered: 12 first emails, each classification once.
    expect(campaign).toEqual({
      sent: 12,
      failed: 0,
      replied: 3,
      auto_replied: 2,
      hard: 2,
      soft: 1,
      unsubscribed: 1,
      complained: 1,
      unique_clicks: 0,
    });
    expect(stats.outcomes.reply_rate).toBe(3 / 12);
    expect(new Set(stats.per_variant.map((v: any) => v.variant))).toEqual(new Set(["A", "B"]));
  });
});
