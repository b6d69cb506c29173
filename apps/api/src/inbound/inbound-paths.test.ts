import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { allMessages, draftCampaign, driveUntil, launchAt } from "../../test/campaign-fixtures";
import { call } from "../../test/helpers";
import {
  deliverEmail,
  FIXTURES,
  fixtureFor,
  inboundEmail,
  inbox,
  leadView,
  PLAIN_INBOUND,
  sentCampaign,
} from "../../test/inbound-fixtures";
import { createWebhook, manualDispatcher, newSink } from "../../test/webhook-fixtures";
import worker from "../index";

const fixture = (name: string) => FIXTURES.find((f) => f.name === name)!;

const leadEventTypes = async (c: { key: string; campaignId: string }, leadId: string) =>
  (
    (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads/${leadId}/events`, { key: c.key })).json
      .events as any[]
  ).map((e) => e.type);

describe("email(): nothing is silently lost", () => {
  // INBOUND_CATCH_ALL is a deployment variable: these call the same exported handler with it set.
  const withCatchAll = { ...env, INBOUND_CATCH_ALL: "ops@acme.test" };
  const handle = async (to: string, raw: string, e = withCatchAll) => {
    const { message, calls } = inboundEmail("someone@example.org", to, raw);
    await worker.email!(message as unknown as ForwardableEmailMessage, e);
    return calls;
  };

  it("mail that matches nothing goes to the catch-all instead of being refused", async () => {
    const raw =
      "From: someone@example.org\r\nTo: hello@inbound.cadence.test\r\nSubject: Partnership\r\nMessage-ID: <p-1@example.org>\r\n\r\nHello there\r\n";
    const calls = await handle(PLAIN_INBOUND, raw);
    expect(calls.rejected).toEqual([]);
    expect(calls.forwarded).toEqual([
      { to: "ops@acme.test", headers: { "x-cadence-classification": "reply" } },
    ]);
    // Without a catch-all it is refused, with the reason the sender's server will report.
    const refused = await deliverEmail("someone@example.org", PLAIN_INBOUND, raw.replace("p-1", "p-2"));
    expect(refused.forwarded).toEqual([]);
    expect(refused.rejected).toEqual([
      "No such recipient: this message does not answer any email Cadence sent",
    ]);
  });

  it("a reply to an alias without forward_to goes to the catch-all; stored and applied all the same", async () => {
    const c = await sentCampaign(1, { forwardTo: null });
    const { raw, to } = fixtureFor(fixture("gmail-reply"), c.leads[0]!);
    const calls = await handle(to, raw);
    expect(calls.forwarded.map((f) => f.to)).toEqual(["ops@acme.test"]);
    expect((await leadView(c, c.leads[0]!.leadId)).status).toBe("stopped");
    expect((await inbox(c.key)).items[0]).toMatchObject({
      classification: "reply",
      forwarded_to: "ops@acme.test",
    });
    // And with neither: the reply is kept in the inbox, not refused (it did reach its lead).
    const d = await sentCampaign(1, { forwardTo: null });
    const second = fixtureFor(fixture("gmail-reply"), d.leads[0]!);
    const none = await deliverEmail(d.leads[0]!.email, second.to, second.raw);
    expect(none).toEqual({ forwarded: [], rejected: [] });
    expect((await inbox(d.key)).total).toBe(1);
  });

  it("the same message delivered twice is stored once, applied once and forwarded once", async () => {
    const c = await sentCampaign(1);
    const lead = c.leads[0]!;
    const { raw, to } = fixtureFor(fixture("gmail-reply"), lead);
    const first = await deliverEmail(lead.email, to, raw);
    const again = await deliverEmail(lead.email, to, raw);
    expect(first.forwarded).toHaveLength(1);
    expect(again).toEqual({ forwarded: [], rejected: [] });
    expect((await inbox(c.key)).total).toBe(1);
    expect((await leadEventTypes(c, lead.leadId)).filter((t) => t === "replied")).toHaveLength(1);
  });
});

describe("email(): matching against what was really sent", () => {
  it("a Message-ID in Cadence's form is confirmed with the campaign object, and only from the lead", async () => {
    const c = await draftCampaign({ rows: [{ email: "ada@example.com", first_name: "Ada", company: "A" }] });
    const step = (n: number) => ({
      step: n,
      delay_days: n - 1,
      variants: [{ label: "A", weight: 1, type: "TEMPLATE", template_id: c.templateId }],
    });
    await call("PATCH", `/api/v1/campaigns/${c.campaignId}`, {
      key: c.key,
      body: { steps: [step(1), step(2)] },
    });
    const start = Date.now();
    const stub = await launchAt(c, start);
    await driveUntil(stub, start + 60_000);
    const [sent] = await allMessages(c);
    // Captured messages carry the same inbound addresses as real sends.
    expect(sent.headers["Reply-To"]).toMatch(/^Sam Sender <r\+[a-z2-7]+@inbound\.cadence\.test>$/);
    expect(sent.headers["Return-Path"]).toMatch(/^<b\+[a-z2-7]+@inbound\.cadence\.test>$/);
    const reply = (inReplyTo: string, id: string) =>
      `From: ada@example.com\r\nTo: ${PLAIN_INBOUND}\r\nSubject: Re: hi\r\nMessage-ID: <${id}@example.com>\r\nIn-Reply-To: ${inReplyTo}\r\n\r\nSure, call me.\r\n`;
    // A Message-ID of Cadence's form for an action never sent (step 2) matches nothing.
    const forged = sent.headers["Message-ID"].replace(/\.1@/, ".2@");
    expect((await deliverEmail("ada@example.com", PLAIN_INBOUND, reply(forged, "f1"))).rejected).toHaveLength(
      1,
    );
    expect((await leadView(c, sent.campaign_lead_id)).status).not.toBe("stopped");
    // The real Message-ID, quoted by someone else: Message-IDs are not secret, the sender must be the lead.
    const other = reply(sent.headers["Message-ID"], "o1").replace(
      "From: ada@example.com",
      "From: eve@example.net",
    );
    expect((await deliverEmail("eve@example.net", PLAIN_INBOUND, other)).rejected).toHaveLength(1);
    expect((await leadView(c, sent.campaign_lead_id)).status).not.toBe("stopped");
    const calls = await deliverEmail(
      "ada@example.com",
      PLAIN_INBOUND,
      reply(sent.headers["Message-ID"], "r1"),
    );
    expect(calls.rejected).toEqual([]);
    expect((await inbox(c.key)).items[0]).toMatchObject({
      classification: "reply",
      matched_by: "in_reply_to",
      campaign_lead_id: sent.campaign_lead_id,
      text: "Sure, call me.",
    });
    expect((await leadView(c, sent.campaign_lead_id)).status).toBe("stopped");
  });

  it("a tampered tag is ignored but a valid In-Reply-To still finds the real lead", async () => {
    const c = await sentCampaign(2);
    const [ada, grace] = c.leads as [any, any];
    // Ada's reply, sent to an address whose tag was altered (as if to aim at another lead).
    const { raw } = fixtureFor(fixture("gmail-reply"), ada);
    const tampered = fixtureFor(fixture("tampered-tag-reply"), grace).to;
    const calls = await deliverEmail(ada.email, tampered, raw);
    expect(calls.rejected).toEqual([]);
    const [row] = (await inbox(c.key)).items;
    expect(row).toMatchObject({ matched_by: "in_reply_to", campaign_lead_id: ada.leadId });
    expect(row.details.tampered_tag).toBe("true");
    expect((await leadView(c, ada.leadId)).status).toBe("stopped");
    expect((await leadView(c, grace.leadId)).status).toBe("active");
  });
});

describe("email(): webhooks", () => {
  it("every classification reaches webhooks once, from the campaign object's outbox", async () => {
    const c = await sentCampaign(3);
    const sink = newSink();
    await createWebhook(c.key, sink.url, ["*"]);
    const dispatcher = await manualDispatcher(c.userId, Date.now());
    const [a, b, d] = c.leads as [any, any, any];
    for (const [name, lead] of [
      ["gmail-reply", a],
      ["outlook-out-of-office", b],
      ["postfix-dsn-delayed", d],
    ] as const) {
      const { raw, to } = fixtureFor(fixture(name), lead);
      await deliverEmail(lead.email, to, raw);
    }
    for (let i = 0; i < 5 && (await dispatcher.testNextWakeAt()) !== null; i++)
      await runDurableObjectAlarm(dispatcher);
    const bodies = (await sink.requests()).map((r) => JSON.parse(r.body));
    const inboundTypes = bodies.filter((x) => x.type !== "lead.sent" && x.type !== "campaign.status_changed");
    expect(inboundTypes.map((x) => x.type).sort()).toEqual([
      "lead.auto_replied",
      "lead.bounced",
      "lead.replied",
    ]);
    expect(inboundTypes.find((x) => x.type === "lead.replied").data.campaign_lead_id).toBe(a.leadId);
    expect(inboundTypes.find((x) => x.type === "lead.auto_replied").data).toMatchObject({
      campaign_id: c.campaignId,
      campaign_lead_id: b.leadId,
      email: b.email,
      step: 1,
      classification: "auto_reply",
      return_date: "2027-03-15",
    });
    expect(inboundTypes.find((x) => x.type === "lead.bounced").data).toMatchObject({
      campaign_lead_id: d.leadId,
      bounce_type: "soft",
      status: "4.4.1",
    });
  });
});
