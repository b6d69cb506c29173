import { describe, expect, it } from "vitest";
import { smtpMessages } from "../../../test/delivery-fixtures";
import { call, newUser } from "../../../test/helpers";
import { deliverEmail, FIXTURES, fixtureFor, inbox, sentCampaign } from "../../../test/inbound-fixtures";

const fixture = (name: string) => FIXTURES.find((f) => f.name === name)!;

async function campaignWithInbound() {
  const c = await sentCampaign(3);
  const [a, b, d] = c.leads as [any, any, any];
  for (const [name, lead] of [
    ["gmail-reply", a],
    ["outlook-out-of-office", b],
    ["postfix-dsn", d],
  ] as const) {
    const { raw, to } = fixtureFor(fixture(name), lead);
    await deliverEmail(lead.email, to, raw);
  }
  return c;
}

describe("GET /api/v1/inbox", () => {
  it("lists the user's inbound messages newest first, paginated, filtered by campaign, lead and classification", async () => {
    const c = await campaignWithInbound();
    const [a, b] = c.leads as [any, any];
    const all = await inbox(c.key);
    expect(all).toMatchObject({ total: 3, offset: 0, limit: 50 });
    expect(all.items.map((m) => m.classification)).toEqual(["hard_bounce", "auto_reply", "reply"]);
    const reply = all.items[2];
    expect(reply).toMatchObject({
      campaign_id: c.campaignId,
      campaign_lead_id: a.leadId,
      step: 1,
      matched_by: "tag",
      from: a.email,
      from_name: "Ada Lovelace",
      subject: "Re: Hello Ada",
      snippet: "Hi Sam, Yes, happy to talk. Does Thursday at 3pm work for you? Ada",
      message_id: "<CAJ4zS5gQ1x8vZ_reply_ada_0001@mail.gmail.com>",
      details: {},
    });
    expect(reply.raw_size).toBeGreaterThan(1000);
    expect(reply.received_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const page = await inbox(c.key, "?limit=2&offset=1");
    expect(page).toMatchObject({ total: 3, offset: 1, limit: 2 });
    expect(page.items.map((m) => m.classification)).toEqual(["auto_reply", "reply"]);
    expect((await inbox(c.key, "?classification=auto_reply")).items.map((m) => m.campaign_lead_id)).toEqual([
      b.leadId,
    ]);
    expect((await inbox(c.key, `?campaign_lead_id=${a.leadId}`)).items.map((m) => m.classification)).toEqual([
      "reply",
    ]);
    expect((await inbox(c.key, `?campaign_id=${c.campaignId}`)).total).toBe(3);
    expect((await inbox(c.key, `?campaign_id=${crypto.randomUUID()}`)).total).toBe(0);
    expect((await call("GET", "/api/v1/inbox?classification=spam", { key: c.key })).status).toBe(422);
  });

  it("is tenant-scoped and authenticated", async () => {
    const c = await campaignWithInbound();
    const other = await newUser();
    expect((await inbox(other.key)).total).toBe(0);
    expect((await inbox(other.key, `?campaign_id=${c.campaignId}`)).total).toBe(0);
    expect((await call("GET", "/api/v1/inbox")).status).toBe(401);
  });
});

describe("GET /api/v1/campaigns/{id}/leads/{campaign_lead_id}/conversation", () => {
  it("shows the thread in order: what was sent, then what came back", async () => {
    const c = await campaignWithInbound();
    const a = c.leads[0]!;
    const res = await call("GET", `/api/v1/campaigns/${c.campaignId}/leads/${a.leadId}/conversation`, {
      key: c.key,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ campaign_id: c.campaignId, campaign_lead_id: a.leadId, email: a.email });
    // The outbound half comes from the campaign object (nothing is written to D1 per send): the very
    // text the SMTP server received.
    const [received] = await smtpMessages(a.email);
    expect(received!.text).toContain("quick question about Engines");
    expect(res.json.items).toEqual([
      {
        direction: "outbound",
        at: expect.any(String),
        step: 1,
        subject: "Hello Lead1",
        text: received!.text!.replace(/\r\n/g, "\n").trimEnd(),
        message_id: a.messageId,
        status: "sent",
        inbound_message_id: null,
      },
      {
        direction: "inbound",
        at: expect.any(String),
        step: 1,
        subject: "Re: Hello Ada",
        text: "Hi Sam,\n\nYes, happy to talk. Does Thursday at 3pm work for you?\n\nAda",
        message_id: "<CAJ4zS5gQ1x8vZ_reply_ada_0001@mail.gmail.com>",
        status: "reply",
        inbound_message_id: expect.any(String),
      },
    ]);
    expect(res.json.items[0].at <= res.json.items[1].at).toBe(true);
  });

  it("is 404 for another user's campaign or a lead that is not in the campaign", async () => {
    const c = await campaignWithInbound();
    const other = await newUser();
    const path = `/api/v1/campaigns/${c.campaignId}/leads/${c.leads[0]!.leadId}/conversation`;
    expect((await call("GET", path, { key: other.key })).status).toBe(404);
    const missing = await call(
      "GET",
      `/api/v1/campaigns/${c.campaignId}/leads/${crypto.randomUUID()}/conversation`,
      {
        key: c.key,
      },
    );
    expect(missing.status).toBe(404);
    expect(missing.json.detail).toBe("NOT_FOUND");
  });

  it("both routes are in the OpenAPI document", async () => {
    const doc = (await call("GET", "/openapi.json")).json;
    expect(doc.paths["/api/v1/inbox"].get).toBeDefined();
    expect(
      doc.paths["/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/conversation"].get,
    ).toBeDefined();
    expect(doc.components.schemas.InboundMessage.properties.classification.enum).toContain("hard_bounce");
  });
});
