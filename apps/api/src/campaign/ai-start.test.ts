import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { AI_ROWS, type AiScenario, aiScenario, useAiScenario } from "../../test/ai-fixtures";
import {
  allMessages,
  campaignObject,
  draftCampaign,
  driveUntil,
  type LaunchableCampaign,
  launchAt,
  MONDAY,
} from "../../test/campaign-fixtures";
import { call } from "../../test/helpers";
import { createWebhook, manualDispatcher, newSink } from "../../test/webhook-fixtures";
import { campaignLeadId } from "./sequence";

const HOUR = 3_600_000;
const START = MONDAY + HOUR;
const PERSONALIZED_STEP = {
  step: 1,
  delay_days: 0,
  channel: "email",
  variants: [{ label: "A", weight: 1, type: "PERSONALIZATION" }],
};

/** A campaign scheduled for START whose only step is personalized (no template), its user on `ai` when given. */
async function scheduledCampaign(policy: string, ai: AiScenario | null) {
  const c = await draftCampaign({
    rows: AI_ROWS,
    steps: [PERSONALIZED_STEP],
    campaign: {
      launch_type: "scheduled",
      start_date: new Date(START).toISOString(),
      unreviewed_launch_policy: policy,
    },
  });
  if (ai) await useAiScenario(c.key, ai);
  return c;
}

const emailOf = (i: number) => ({
  subject: `Approved for ${AI_ROWS[i]!.first_name}`,
  body: `Hello ${AI_ROWS[i]!.first_name}, approved text number ${i + 1}.`,
});

async function approve(c: LaunchableCampaign, rowIndex: number) {
  const leadId = await campaignLeadId(c.campaignId, rowIndex);
  const res = await call("POST", `/api/v1/campaigns/${c.campaignId}/leads/${leadId}/approve`, {
    key: c.key,
    body: { step_index: 1, variant_label: "A", ...emailOf(rowIndex - 1) },
  });
  expect(res.status, res.text).toBe(200);
}

/** The campaign.status_changed events the user's webhook received. */
async function statusEvents(c: LaunchableCampaign, sink: ReturnType<typeof newSink>) {
  const dispatcher = await manualDispatcher(c.userId, START);
  for (let i = 0; i < 5 && (await dispatcher.testNextWakeAt()) !== null; i++)
    await runDurableObjectAlarm(dispatcher);
  return (await sink.requests())
    .map((r) => JSON.parse(r.body))
    .filter((b) => b.type === "campaign.status_changed")
    .map((b) => b.data);
}

const campaignRow = async (c: LaunchableCampaign) =>
  (await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json;

describe("unreviewed_launch_policy at the scheduled start", () => {
  it("hold: unreviewed leads pause the campaign at start_date with the reason, and a webhook says so", async () => {
    const ai = aiScenario("hold");
    const c = await scheduledCampaign("hold", ai);
    await approve(c, 1);
    const sink = newSink();
    await createWebhook(c.key, sink.url, ["campaign.status_changed"]);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, START + HOUR);

    expect(await stub.state()).toMatchObject({
      status: "paused",
      pausedReason: "unreviewed_personalization",
    });
    expect(await campaignRow(c)).toMatchObject({
      status: "paused",
      paused_reason: "unreviewed_personalization",
    });
    expect(await allMessages(c)).toHaveLength(0);
    // Held campaigns generate nothing: no model call at the warm-up either.
    expect(await ai.requests()).toHaveLength(0);
    expect(await statusEvents(c, sink)).toContainEqual(
      expect.objectContaining({
        campaign_id: c.campaignId,
        from: "scheduled",
        to: "paused",
        reason: "5 leads have no approved draft for a personalized step (unreviewed_launch_policy hold)",
      }),
    );
  });

  it("hold: every lead approved (some after launch, pushed to the live campaign) starts and sends the approved emails", async () => {
    const ai = aiScenario("hold-reviewed");
    const c = await scheduledCampaign("hold", ai);
    for (let row = 1; row <= 3; row++) await approve(c, row);
    const stub = await launchAt(c, MONDAY);
    for (let row = 4; row <= AI_ROWS.length; row++) await approve(c, row);
    await driveUntil(stub, START + HOUR);

    const messages = await allMessages(c);
    expect(messages).toHaveLength(AI_ROWS.length);
    for (const m of messages) {
      expect(m.subject).toBe(emailOf(m.row_index - 1).subject);
      expect(m.text).toBe(emailOf(m.row_index - 1).body);
    }
    expect(Date.parse(messages.map((m) => m.created_at).sort()[0])).toBe(START);
    expect(await ai.requests()).toHaveLength(0);
  });

  it("cancel: unreviewed leads return the campaign to draft at start_date, with a webhook, and it can launch again", async () => {
    const c = await scheduledCampaign("cancel", aiScenario("cancel"));
    const sink = newSink();
    await createWebhook(c.key, sink.url, ["campaign.status_changed"]);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, START + HOUR);

    const row = await campaignRow(c);
    expect(row).toMatchObject({ status: "draft", launch_job_id: null });
    expect(row.paused_reason).toContain("6 leads have no approved draft");
    expect(await allMessages(c)).toHaveLength(0);
    expect(await statusEvents(c, sink)).toContainEqual(
      expect.objectContaining({ from: "scheduled", to: "draft", reason: expect.stringContaining("cancel") }),
    );
    const again = await call("POST", `/api/v1/campaigns/${c.campaignId}/launch`, { key: c.key });
    expect(again.status, again.text).toBe(200);
  });

  it("launch_default: unreviewed leads are generated, the first at the warm-up, and sent from start_date on", async () => {
    const ai = aiScenario("default");
    const c = await scheduledCampaign("launch_default", ai);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, START - 1);
    expect(await allMessages(c)).toHaveLength(0);
    expect(await ai.requests()).toHaveLength(1);
    await driveUntil(stub, START + HOUR);

    const messages = await allMessages(c);
    expect(messages).toHaveLength(AI_ROWS.length);
    expect(Date.parse(messages.map((m) => m.created_at).sort()[0])).toBe(START);
    expect(await ai.requests()).toHaveLength(AI_ROWS.length);
  });
});

describe("unreviewed_launch_policy at an immediate launch", () => {
  it("hold pauses as the leads are in, cancel returns to draft: nothing is generated or sent", async () => {
    for (const policy of ["hold", "cancel"]) {
      const ai = aiScenario(`immediate-${policy}`);
      const c = await draftCampaign({
        rows: AI_ROWS,
        steps: [PERSONALIZED_STEP],
        campaign: { unreviewed_launch_policy: policy },
      });
      await useAiScenario(c.key, ai);
      const stub = await launchAt(c, MONDAY);
      await driveUntil(stub, MONDAY + HOUR);
      const row = await campaignRow(c);
      if (policy === "hold")
        expect(row).toMatchObject({ status: "paused", paused_reason: "unreviewed_personalization" });
      else expect(row.status).toBe("draft");
      expect(await allMessages(c)).toHaveLength(0);
      expect(await ai.requests()).toHaveLength(0);
    }
  });
});

describe("preflight and launch of personalized steps", () => {
  it("without a provider a PERSONALIZATION variant without template is blocked (AI_NOT_CONFIGURED) and nothing is sent", async () => {
    const c = await draftCampaign({ rows: AI_ROWS, steps: [PERSONALIZED_STEP] });
    await approve(c, 2);
    const check = await call("POST", `/api/v1/campaigns/${c.campaignId}/preflight`, { key: c.key });
    expect(check.status, check.text).toBe(200);
    expect(check.json.errors).toEqual([
      expect.objectContaining({
        type: "AI_NOT_CONFIGURED",
        msg: expect.stringContaining("PUT /api/v1/ai/provider"),
      }),
    ]);
    expect(check.json.warnings).toContainEqual(
      expect.objectContaining({
        code: "UNREVIEWED_PERSONALIZATION",
        step: 1,
        message: expect.stringContaining("5 of 6 personalized leads have no approved email"),
      }),
    );

    const launch = await call("POST", `/api/v1/campaigns/${c.campaignId}/launch`, { key: c.key });
    expect(launch.status).toBe(422);
    expect(launch.json.detail).toBe("LAUNCH_BLOCKED");
    expect(launch.json.errors.map((e: any) => e.type)).toEqual(["AI_NOT_CONFIGURED"]);
    expect((await campaignRow(c)).status).toBe("draft");
    expect((await campaignObject(c.campaignId).state()).status).toBe("none");
    expect(await allMessages(c)).toHaveLength(0);
  });

  it("without a provider, a campaign whose every personalized lead is approved launches and sends the approvals", async () => {
    const c = await draftCampaign({ rows: AI_ROWS, steps: [PERSONALIZED_STEP] });
    for (let row = 1; row <= AI_ROWS.length; row++) await approve(c, row);
    const check = await call("POST", `/api/v1/campaigns/${c.campaignId}/preflight`, { key: c.key });
    expect(check.json.errors).toEqual([]);
    expect(check.json.warnings.filter((w: any) => w.code === "UNREVIEWED_PERSONALIZATION")).toEqual([]);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + HOUR);
    const messages = await allMessages(c);
    expect(messages.map((m) => m.text).sort()).toEqual(AI_ROWS.map((_, i) => emailOf(i).body).sort());
  });
});
