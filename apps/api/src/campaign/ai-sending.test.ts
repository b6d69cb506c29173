import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AI_ROWS, type AiScenario, aiScenario, useAiScenario } from "../../test/ai-fixtures";
import {
  allMessages,
  draftCampaign,
  driveUntil,
  emailStep,
  type LaunchableCampaign,
  launchAt,
  MONDAY,
} from "../../test/campaign-fixtures";
import { call } from "../../test/helpers";
import { campaignLeadId } from "./sequence";

const INTERVAL_MS = 60_000;
const HOUR = 3_600_000;

/** An email step whose one variant is PERSONALIZATION (with `templateId` as its base when given). */
function personalizedStep(step: number, templateId?: string) {
  return {
    step,
    delay_days: step === 1 ? 0 : 2,
    channel: "email",
    variants: [
      { label: "A", weight: 1, type: "PERSONALIZATION", ...(templateId ? { template_id: templateId } : {}) },
    ],
  };
}

/** A draft campaign (open pacing, one send a minute) whose step 1 is personalized, its user on `ai`. */
async function aiCampaign(ai: AiScenario | null, opts: Parameters<typeof draftCampaign>[0] = {}) {
  const c = await draftCampaign({ rows: AI_ROWS, steps: [personalizedStep(1)], ...opts });
  if (ai) await useAiScenario(c.key, ai);
  return c;
}

async function approve(c: LaunchableCampaign, rowIndex: number, email: { subject: string; body: string }) {
  const leadId = await campaignLeadId(c.campaignId, rowIndex);
  const res = await call("POST", `/api/v1/campaigns/${c.campaignId}/leads/${leadId}/approve`, {
    key: c.key,
    body: { step_index: 1, variant_label: "A", ...email },
  });
  expect(res.status, res.text).toBe(200);
}

/** The object's claims: when each action was planned and when it started. */
async function claims(c: LaunchableCampaign) {
  const stub = env.CAMPAIGN.get(env.CAMPAIGN.idFromName(c.campaignId));
  return runInDurableObject(stub, (_instance, state) =>
    state.storage.sql
      .exec<{ row_index: number; status: string; planned_at: number; claimed_at: number | null }>(
        "SELECT row_index, status, planned_at, claimed_at FROM actions ORDER BY planned_at, row_index",
      )
      .toArray(),
  );
}

/** The property every campaign here must keep: nothing that left has an empty subject or body. */
function expectAllSendable(messages: any[]) {
  for (const m of messages) {
    expect(m.subject?.trim(), m.action_key).toBeTruthy();
    expect((m.text ?? m.html ?? "").trim(), m.action_key).toBeTruthy();
  }
}

const leads = async (c: LaunchableCampaign) =>
  (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads?limit=100`, { key: c.key })).json
    .items as any[];

describe("personalized emails at send time", () => {
  it("sends approvals made before launch (and one pushed after it) byte for byte, without calling the model", async () => {
    const ai = aiScenario("approved");
    const c = await aiCampaign(ai);
    const approved = AI_ROWS.map((row, i) => ({
      subject: `Für ${row.first_name}: a note — ${i + 1}`,
      body: `Hi ${row.first_name},\n\n  indented line, {braces} kept, émojis 🚀 too.\r\nhttps://acme.test/x?a=1&b=2\n\n— Sam  `,
    }));
    for (let i = 0; i < 5; i++) await approve(c, i + 1, approved[i]!);
    const stub = await launchAt(c, MONDAY);
    // The sixth is approved once the campaign runs: the approval reaches the live object.
    await driveUntil(stub, MONDAY + INTERVAL_MS);
    await approve(c, 6, approved[5]!);
    await driveUntil(stub, MONDAY + HOUR);

    const messages = await allMessages(c);
    expect(messages).toHaveLength(6);
    for (const m of messages) {
      expect(m.subject).toBe(approved[m.row_index - 1]!.subject);
      expect(m.text).toBe(approved[m.row_index - 1]!.body);
    }
    expect(await ai.requests()).toHaveLength(0);
    expectAllSendable(messages);
  });

  it("an unapproved lead's email is generated ahead of its slot: every send on its planned slot, as without AI", async () => {
    const ai = aiScenario("ahead");
    await ai.script([], { kind: "ok", delay_ms: 300 });
    const c = await aiCampaign(ai);
    const plain = await draftCampaign({ rows: AI_ROWS });
    const stub = await launchAt(c, MONDAY);
    const plainStub = await launchAt(plain, MONDAY);
    // After each send the next lead's email has already been asked for (the prefetch).
    for (let k = 1; k <= 5; k++) {
      await driveUntil(stub, MONDAY + (k - 1) * INTERVAL_MS);
      expect((await allMessages(c)).length).toBe(k);
      expect((await ai.requests()).length).toBeGreaterThanOrEqual(k + 1);
    }
    await driveUntil(stub, MONDAY + HOUR);
    await driveUntil(plainStub, MONDAY + HOUR);

    const messages = await allMessages(c);
    expect(messages).toHaveLength(6);
    // One model call per lead: the prefetched answer is what the slot sends.
    expect(await ai.requests()).toHaveLength(6);
    for (const m of messages) expect(m.text).toContain(`Hi ${AI_ROWS[m.row_index - 1]!.first_name},`);
    expectAllSendable(messages);
    const sentAt = (ms: any[]) => ms.map((m) => Date.parse(m.created_at)).sort((a, b) => a - b);
    expect(sentAt(messages)).toEqual(sentAt(await allMessages(plain)));
    expect(sentAt(messages)).toEqual(AI_ROWS.map((_, i) => MONDAY + i * INTERVAL_MS));
    for (const a of await claims(c)) expect(a.claimed_at).toBe(a.planned_at);
  });

  it("identical inputs are answered from the store: a second campaign over the same leads calls no model", async () => {
    const ai = aiScenario("store");
    const first = await aiCampaign(ai);
    await driveUntil(await launchAt(first, MONDAY), MONDAY + HOUR);
    expect(await ai.requests()).toHaveLength(6);

    // Same user, same lead data, same step configuration: another campaign (and dataset) over them.
    const again = await call("POST", "/api/v1/campaigns/", {
      key: first.key,
      body: {
        name: "Again",
        dataset_id: first.datasetId,
        alias_ids: [first.aliasId],
        steps: [personalizedStep(1)],
        timezone: "UTC",
        sending_window_start: "00:00",
        sending_window_end: "23:59:59",
        send_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        daily_limit: 1000,
        min_interval_seconds: 60,
      },
    });
    expect(again.status, again.text).toBe(201);
    const second = { ...first, campaignId: again.json.campaign_id as string };
    await driveUntil(await launchAt(second, MONDAY), MONDAY + HOUR);
    const [a, b] = [await allMessages(first), await allMessages(second)];
    expect(b).toHaveLength(6);
    expect(await ai.requests()).toHaveLength(6);
    const text = (ms: any[]) => ms.map((m) => `${m.row_index}:${m.subject}:${m.text}`).sort();
    expect(text(b).map((t) => t.replace(/unsubscribe\/[^\s]+/g, ""))).toEqual(
      text(a).map((t) => t.replace(/unsubscribe\/[^\s]+/g, "")),
    );
  });

  it("a provider that fails for good fails each lead's step with the reason and sends nothing", async () => {
    const ai = aiScenario("refuses");
    await ai.script([], { kind: "bad_request" });
    const c = await aiCampaign(ai);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + HOUR);

    expect(await allMessages(c)).toHaveLength(0);
    const all = await leads(c);
    expect(all).toHaveLength(6);
    for (const lead of all) {
      expect(lead.status).toBe("failed");
      expect(lead.stop_reason).toMatch(/^step 1: The AI provider .* failed: .*Invalid model/);
    }
    const stats = (await call("GET", `/api/v1/campaigns/${c.campaignId}/stats`, { key: c.key })).json;
    expect(stats.actions).toMatchObject({ sent: 0, failed: 6 });
    // One call per lead: the slot used the prefetch's refusal instead of asking again.
    expect(await ai.requests()).toHaveLength(6);
    expect(stats.ai.per_step).toEqual([
      expect.objectContaining({ step_index: 1, calls: 6, generations: 0, failures: 6 }),
    ]);
  });

  it("a provider down for a while holds the sends and retries: each lead is sent once when it is back", async () => {
    const ai = aiScenario("flaky");
    // Two 500s (the prefetch's and the slot's call): the sends wait for the provider, then it answers.
    await ai.script([{ kind: "server_error" }, { kind: "server_error" }]);
    const c = await aiCampaign(ai);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + HOUR);

    const messages = await allMessages(c);
    expect(messages).toHaveLength(6);
    expect(new Set(messages.map((m) => m.row_index)).size).toBe(6);
    expect((await leads(c)).every((l) => l.status === "completed")).toBe(true);
    // Nothing was claimed while the provider was down: every action was claimed once, and sent.
    const actions = await claims(c);
    expect(actions.map((a) => a.status)).toEqual(Array(6).fill("sent"));
    expectAllSendable(messages);
  });

  it("a provider removed after launch fails the personalized steps with AI_NOT_CONFIGURED's message: nothing empty leaves", async () => {
    const ai = aiScenario("removed");
    const start = MONDAY + HOUR;
    const c = await aiCampaign(ai, {
      campaign: { launch_type: "scheduled", start_date: new Date(start).toISOString() },
    });
    const stub = await launchAt(c, MONDAY);
    await env.DB.prepare("DELETE FROM ai_provider_settings WHERE user_id = ?").bind(c.userId).run();
    await driveUntil(stub, start + HOUR);
    expect(await allMessages(c)).toHaveLength(0);
    expect(await ai.requests()).toHaveLength(0);
    const all = await leads(c);
    expect(all).toHaveLength(6);
    for (const lead of all) {
      expect(lead.status).toBe("failed");
      expect(lead.stop_reason).toContain("No AI provider is configured");
    }
  });
});

describe("the guard before every send", () => {
  it("a template email whose subject renders empty fails its step and leaves nothing", async () => {
    // Liquid lets a guarded output render nothing: Grace's subject is empty, yet the row is valid.
    const c = await draftCampaign({
      subject: "{% if vip %}Hello {{ first_name }}{% endif %}",
      rows: [
        { email: "ada@example.com", first_name: "Ada", company: "A", vip: "yes" },
        { email: "grace@example.com", first_name: "Grace", company: "B", vip: "" },
      ],
    });
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + HOUR);
    const messages = await allMessages(c);
    expect(messages.map((m) => m.row_index)).toEqual([1]);
    const grace = (await leads(c)).find((l) => l.row_index === 2);
    expect(grace).toMatchObject({ status: "failed", stop_reason: "step 1: the email's subject is empty" });
  });

  it("every message of a mixed campaign (template and personalized variants, three steps) has a subject and a body", async () => {
    const ai = aiScenario("mixed");
    const rows = Array.from({ length: 12 }, (_, i) => ({
      email: `p${i + 1}@example.com`,
      first_name: `P${i + 1}`,
      company: `Co${i + 1}`,
    }));
    const c = await draftCampaign({
      rows,
      steps: (t) => [
        {
          ...emailStep(1, t.main!),
          variants: [
            { label: "A", weight: 1, type: "TEMPLATE", template_id: t.main },
            { label: "B", weight: 1, type: "PERSONALIZATION" },
          ],
        },
        personalizedStep(2, t.main),
        emailStep(3, t.main!, { ai_personalization_enabled: true }),
      ],
    });
    await useAiScenario(c.key, ai);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + 10 * 86_400_000);
    const messages = await allMessages(c);
    expect(messages.length).toBe(36);
    expectAllSendable(messages);
    expect(messages.some((m) => m.step === 1 && m.text?.startsWith("Hi P"))).toBe(true);
  });
});
