import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  campaignObject,
  draftCampaign,
  driveUntil,
  launchAt,
  leadRows,
  MONDAY,
} from "../../test/campaign-fixtures";
import { call } from "../../test/helpers";
import { createWebhook, manualDispatcher, newSink } from "../../test/webhook-fixtures";
import { verifyWebhookSignature } from "../webhooks/signature";

describe("campaign events reach the user's webhooks", () => {
  it("lead.sent, lead.replied and campaign.status_changed are delivered, signed, with stable event ids", async () => {
    // The fixture's pacing is open all week in UTC.
    const c = await draftCampaign();
    const sink = newSink();
    const hook = await createWebhook(c.key, sink.url, [
      "lead.sent",
      "lead.replied",
      "campaign.status_changed",
    ]);
    const dispatcher = await manualDispatcher(c.userId, MONDAY);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + 60_000);
    const lead = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads`, { key: c.key })).json.items[0];
    await call("POST", "/api/v1/events", {
      key: c.key,
      body: { type: "replied", campaign_lead_id: lead.campaign_lead_id },
    });
    for (let i = 0; i < 5 && (await dispatcher.testNextWakeAt()) !== null; i++)
      await runDurableObjectAlarm(dispatcher);

    const received = await sink.requests();
    const bodies = received.map((r) => JSON.parse(r.body));
    const types = bodies.map((b) => b.type);
    expect(types).toContain("lead.sent");
    expect(types).toContain("lead.replied");
    expect(types).toContain("campaign.status_changed");
    const sent = bodies.find((b) => b.type === "lead.sent");
    expect(sent.data).toMatchObject({
      campaign_id: c.campaignId,
      campaign_lead_id: lead.campaign_lead_id,
      email: lead.email,
      step: 1,
    });
    expect(sent.id).toMatch(new RegExp(`^${c.campaignId}:\\d+$`));
    for (const r of received) {
      expect(
        await verifyWebhookSignature(hook.secret, r.headers["cadence-signature"]!, r.body, 10 * 365 * 86_400),
      ).toBe(true);
      expect(r.headers["cadence-event-id"]).toBe(JSON.parse(r.body).id);
    }
    expect(new Set(bodies.map((b) => b.id)).size).toBe(bodies.length);
  });

  it("a webhook created while the campaign runs gets the next events at once", async () => {
    const c = await draftCampaign({
      rows: [
        { email: "a@example.com", first_name: "A", company: "X" },
        { email: "b@example.com", first_name: "B", company: "X" },
      ],
    });
    const dispatcher = await manualDispatcher(c.userId, MONDAY);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY); // first send: the object learns the user has no webhook
    const sink = newSink();
    await createWebhook(c.key, sink.url, ["lead.sent"]);
    await driveUntil(stub, MONDAY + 60_000); // second send
    for (let i = 0; i < 5 && (await dispatcher.testNextWakeAt()) !== null; i++)
      await runDurableObjectAlarm(dispatcher);
    const sent = (await sink.requests()).map((r) => JSON.parse(r.body));
    expect(sent.map((b) => b.data.email)).toEqual(["b@example.com"]);
  });

  it("without webhooks, an object woken from eviction writes nothing to its outbox", async () => {
    const c = await draftCampaign({ rows: leadRows(5) });
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY); // first send: the object learns the user has no webhook
    // Every outbox row ever written takes the next sequence number, even once the row is gone.
    const outboxWrites = (object: typeof stub) =>
      runInDurableObject(
        object,
        (_instance, state: DurableObjectState) =>
          (state.storage.sql.exec("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").toArray()[0]
            ?.seq as number | undefined) ?? 0,
      );
    const before = await outboxWrites(stub);
    for (let i = 0; i < 3; i++) {
      await abortAllDurableObjects();
      const fresh = campaignObject(c.campaignId);
      await fresh.testSetClock((await fresh.testNextWakeAt())!);
      await runDurableObjectAlarm(fresh);
    }
    expect((await campaignObject(c.campaignId).state()).processedLeads).toBe(4);
    expect(await outboxWrites(campaignObject(c.campaignId))).toBe(before);
  });
});
