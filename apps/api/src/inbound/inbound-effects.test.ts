import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "../../test/helpers";
import {
  deliverEmail,
  FIXTURES,
  fixtureFor,
  leadView,
  type SentLead,
  sentCampaign,
} from "../../test/inbound-fixtures";
import { createWebhook, manualDispatcher, newSink } from "../../test/webhook-fixtures";

const rand = () => crypto.randomUUID().slice(0, 8);
const fixture = (name: string) => FIXTURES.find((f) => f.name === name)!;
/** A fixture for one lead, with a Message-ID of its own (the same message twice is applied once). */
const deliver = async (name: string, lead: SentLead) => {
  const { raw, to } = fixtureFor(fixture(name), lead);
  return deliverEmail(
    lead.email,
    to,
    raw.replace(/^Message-ID: <[^>]+>/im, `Message-ID: <${rand()}@mx.test>`),
  );
};
const leadEvents = async (c: { key: string; campaignId: string }, leadId: string) =>
  (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads/${leadId}/events`, { key: c.key })).json
    .events as { type: string; at: string; step: number | null; data: Record<string, unknown> | null }[];

describe("email(): an out-of-office with a return date", () => {
  it("moves the lead's next step past the date: in its timeline, its lead view and the schedule", async () => {
    const c = await sentCampaign(2);
    const [away, other] = c.leads as [SentLead, SentLead];
    await deliver("outlook-out-of-office", away);
    const event = (await leadEvents(c, away.leadId)).find((e) => e.type === "auto_replied");
    expect(event).toMatchObject({
      step: 1,
      data: { return_date: "2027-03-15", waits_until: "2027-03-16T00:00:00Z", classification: "auto_reply" },
    });
    expect((await leadView(c, away.leadId)).next_due_at).toBe("2027-03-16T00:00:00Z");
    // The other lead's follow-up is still due two days after its first email.
    expect(Date.parse((await leadView(c, other.leadId)).next_due_at)).toBeLessThan(c.start + 3 * 86_400_000);
    const schedule = (
      await call("GET", `/api/v1/campaigns/${c.campaignId}/schedule?limit=10`, { key: c.key })
    ).json;
    const planned = schedule.planned as { campaign_lead_id: string; step: number; at: string }[];
    expect(planned.map((p) => p.campaign_lead_id)).toEqual([other.leadId, away.leadId]);
    expect(planned[1]!.step).toBe(2);
    expect(planned[1]!.at >= "2027-03-16T00:00:00Z").toBe(true);
  });
});

describe("email(): stop_on_reply_scope", () => {
  const emails = () => {
    const company = `engines-${rand()}.test`;
    return [
      `ada@${company}`,
      `bob@${company}`,
      `cy@other-${rand()}.test`,
      `g1-${rand()}@gmail.com`,
      `g2-${rand()}@gmail.com`,
    ];
  };

  it('"company": a reply stops every lead at its domain, but never a free-mail domain\'s', async () => {
    const c = await sentCampaign(5, { emails: emails(), campaign: { stop_on_reply_scope: "company" } });
    const [ada, bob, cy, g1, g2] = c.leads as SentLead[];
    await deliver("gmail-reply", ada!);
    const status = async (l: SentLead) => {
      const v = await leadView(c, l.leadId);
      return `${v.status}${v.stop_reason ? `:${v.stop_reason}` : ""}`;
    };
    expect(await status(ada!)).toBe("stopped:replied");
    expect(await status(bob!)).toBe("stopped:company_replied");
    expect(await status(cy!)).toBe("active");
    // One Gmail user's reply stops that lead only.
    await deliver("gmail-reply", g1!);
    expect(await status(g1!)).toBe("stopped:replied");
    expect(await status(g2!)).toBe("active");
    expect(await status(cy!)).toBe("active");
  });

  it('"lead" (the default): a reply stops its own lead only', async () => {
    const c = await sentCampaign(5, { emails: emails() });
    const [ada, bob] = c.leads as SentLead[];
    await deliver("gmail-reply", ada!);
    expect((await leadView(c, ada!.leadId)).status).toBe("stopped");
    expect((await leadView(c, bob!.leadId)).status).toBe("active");
  });
});

describe("email(): the complaint-rate guard", () => {
  it("pauses the campaign (paused_reason complaint_rate) with a campaign.guard_tripped event", async () => {
    const c = await sentCampaign(20);
    const sink = newSink();
    await createWebhook(c.key, sink.url, ["*"]);
    const dispatcher = await manualDispatcher(c.userId, Date.now());
    await deliver("yahoo-arf-complaint", c.leads[0]!);
    const campaign = (await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json;
    expect(campaign).toMatchObject({ status: "paused", paused_reason: "complaint_rate" });
    for (let i = 0; i < 5 && (await dispatcher.testNextWakeAt()) !== null; i++)
      await runDurableObjectAlarm(dispatcher);
    const bodies = (await sink.requests()).map((r) => JSON.parse(r.body));
    expect(bodies.find((b) => b.type === "campaign.guard_tripped")?.data).toEqual({
      campaign_id: c.campaignId,
      guard: "complaint_rate",
      count: 1,
      emails: 20,
      rate: 0.05,
      threshold: 0.003,
    });
    expect(bodies.find((b) => b.type === "lead.complained")?.data.campaign_lead_id).toBe(c.leads[0]!.leadId);
  });

  it("waits for 20 emails before it judges", async () => {
    const c = await sentCampaign(2);
    await deliver("yahoo-arf-complaint", c.leads[0]!);
    const campaign = (await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json;
    expect(campaign.status).not.toBe("paused");
    expect((await leadView(c, c.leads[0]!.leadId)).status).toBe("stopped");
  });
});
