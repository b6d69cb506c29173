import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  AI_ROWS,
  aiScenario,
  drivePlayground,
  manualPlayground,
  personalizedCampaign,
  useAiScenario,
} from "../../../test/ai-fixtures";
import { call, newUser } from "../../../test/helpers";
import { aiUsageByStep } from "../../ai/store";
import { campaignLeadId } from "../../campaign/sequence";

const path = (campaignId: string, op: string) => `/api/v1/campaigns/${campaignId}/playground/${op}`;

async function generate(key: string, campaignId: string, body: Record<string, unknown>) {
  return call("POST", path(campaignId, "generate"), { key, body });
}

async function status(key: string, campaignId: string, batchId?: string) {
  const res = await call("GET", `${path(campaignId, "status")}${batchId ? `?batch_id=${batchId}` : ""}`, {
    key,
  });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

async function drafts(key: string, campaignId: string, batchId: string) {
  const res = await call("GET", `${path(campaignId, "drafts")}?batch_id=${batchId}`, { key });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

describe("playground", () => {
  it("drafts a step for the first personalized leads in the background, keyed by their campaign_lead_id", async () => {
    const u = await newUser();
    const ai = aiScenario();
    await useAiScenario(u.key, ai);
    const rows = [AI_ROWS[0]!, { first_name: "No Email", company: "Nowhere" }, ...AI_ROWS.slice(1, 4)];
    const { campaignId } = await personalizedCampaign(u.key, u.userId, { rows });
    const runner = await manualPlayground(campaignId);

    const res = await generate(u.key, campaignId, { step_index: 1, n_leads: 3 });
    expect(res.status, res.text).toBe(200);
    // Row 2 has no address: the launch would leave it out, so does the playground.
    const expected = await Promise.all([1, 3, 4].map((row) => campaignLeadId(campaignId, row)));
    expect(res.json).toMatchObject({
      campaign_id: campaignId,
      step_index: 1,
      total: 3,
      enqueued_lead_ids: expected,
    });
    const batchId = res.json.batch_id;
    expect(res.json.prompt_version_hash).toMatch(/^[0-9a-f]{64}$/);

    const queued = await status(u.key, campaignId, batchId);
    expect(queued.overall).toEqual({ total: 3, pending: 3, running: 0, done: 0, failed: 0, cancelled: 0 });
    expect(await ai.requests()).toHaveLength(0);

    await drivePlayground(runner);
    const finished = await status(u.key, campaignId);
    expect(finished.batch_id).toBe(batchId);
    expect(finished.overall).toMatchObject({ total: 3, done: 3, pending: 0 });
    expect(
      finished.per_lead.map((l: any) => [l.row_index, l.status, l.has_draft, l.subject_preview]),
    ).toEqual([
      [1, "done", true, "Quick idea for Analytical Engines"],
      [3, "done", true, "Quick idea for Navy"],
      [4, "done", true, "Quick idea for Kernel"],
    ]);
    const list = await drafts(u.key, campaignId, batchId);
    expect(list.drafts).toHaveLength(3);
    expect(list.drafts[0]).toMatchObject({
      campaign_lead_id: expected[0],
      row_index: 1,
      step_index: 1,
      variant_label: "A",
      subject: "Quick idea for Analytical Engines",
      prompt_source: "default",
      model: ai.model,
      from_cache: false,
    });
    expect(list.drafts[0].body).toContain("Hi Ada,");
    expect(list.drafts[0].step_config_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await ai.requests()).toHaveLength(3);
    const [usage, ...otherSteps] = await aiUsageByStep(env.DB, campaignId, "playground");
    expect(otherSteps).toEqual([]);
    expect(usage).toMatchObject({ step_index: 1, calls: 3, generations: 3, failures: 0 });
    expect(usage!.tokens_in).toBeGreaterThan(0);
    expect(await aiUsageByStep(env.DB, campaignId, "send")).toEqual([]);

    // The same inputs again: answered from the store, the model is not called.
    const again = await generate(u.key, campaignId, { step_index: 1, n_leads: 3 });
    await drivePlayground(runner);
    const repeat = await drafts(u.key, campaignId, again.json.batch_id);
    expect(repeat.drafts.map((d: any) => [d.subject, d.from_cache])).toEqual(
      list.drafts.map((d: any) => [d.subject, true]),
    );
    expect(await ai.requests()).toHaveLength(3);
  });

  it("uses the campaign's system_prompt unless the batch has a custom_prompt", async () => {
    const u = await newUser();
    const ai = aiScenario();
    await useAiScenario(u.key, ai);
    const systemPrompt = `Campaign prompt: mention our spring offer. ${"Be concise and kind. ".repeat(5)}`;
    const { campaignId } = await personalizedCampaign(u.key, u.userId, {
      template: {
        subject: "Hello {{first_name}}",
        body: "Hi {{first_name}}, we build engines.\n\n{{unsubscribe_url}}",
      },
      overrides: { system_prompt: systemPrompt },
    });
    const runner = await manualPlayground(campaignId);
    const first = await generate(u.key, campaignId, { step_index: 1, n_leads: 1 });
    const second = await generate(u.key, campaignId, {
      step_index: 1,
      n_leads: 1,
      custom_prompt: "Batch prompt: be bold.",
    });
    expect(second.json.prompt_version_hash).not.toBe(first.json.prompt_version_hash);
    await drivePlayground(runner);
    const requests = await ai.requests();
    expect(requests).toHaveLength(2);
    // The two batches run side by side: tell their calls apart by prompt.
    const campaignCall = requests.find((r) => r.messages[0]!.content.includes(systemPrompt.trim()));
    const customCall = requests.find((r) => r.messages[0]!.content.includes("Batch prompt: be bold."));
    expect(campaignCall).toBeDefined();
    expect(customCall).toBeDefined();
    // The template, rendered for the lead, is the base to personalize.
    expect(campaignCall!.messages[1]!.content).toContain('"subject": "Hello Ada"');
    expect(campaignCall!.messages[1]!.content).toContain("{{ unsubscribe_url }}");
    const d = await drafts(u.key, campaignId, first.json.batch_id);
    expect(d.drafts[0]).toMatchObject({ prompt_source: "campaign" });
    expect(d.drafts[0].body).toContain("Unsubscribe: {{ unsubscribe_url }}");
    expect((await drafts(u.key, campaignId, second.json.batch_id)).drafts[0].prompt_source).toBe("custom");
  });

  it("honours a cancel between leads: leads under way finish, the rest never start", async () => {
    const u = await newUser();
    const ai = aiScenario();
    await useAiScenario(u.key, ai);
    const rows = Array.from({ length: 12 }, (_, i) => ({
      email: `lead${i}@example.com`,
      first_name: `Lead${i}`,
      company: `Co${i}`,
    }));
    const { campaignId } = await personalizedCampaign(u.key, u.userId, { rows });
    const runner = await manualPlayground(campaignId);
    await ai.script([], { kind: "hold" });
    const { json } = await generate(u.key, campaignId, { step_index: 1, n_leads: 12 });
    const batchId = json.batch_id;

    const wake = runDurableObjectAlarm(runner);
    // AI_PLAYGROUND_CONCURRENCY (8 by default) leads are at the provider; the other 4 wait.
    while ((await ai.held()) < 8) await new Promise((r) => setTimeout(r, 20));
    const running = await status(u.key, campaignId, batchId);
    expect(running.overall).toMatchObject({ running: 8, pending: 4 });
    const cancel = await call("POST", path(campaignId, "cancel"), {
      key: u.key,
      body: { batch_id: batchId },
    });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.json).toEqual({ campaign_id: campaignId, batch_id: batchId, cancelled_count: 4 });
    await ai.release();
    await wake;
    await drivePlayground(runner);

    const after = await status(u.key, campaignId, batchId);
    expect(after.overall).toEqual({ total: 12, pending: 0, running: 0, done: 8, failed: 0, cancelled: 4 });
    expect(after.per_lead.filter((l: any) => l.status === "cancelled").map((l: any) => l.row_index)).toEqual([
      9, 10, 11, 12,
    ]);
    expect(await ai.requests()).toHaveLength(8);
    expect((await drafts(u.key, campaignId, batchId)).drafts).toHaveLength(8);
    // Nothing left to cancel.
    const again = await call("POST", path(campaignId, "cancel"), { key: u.key, body: { batch_id: batchId } });
    expect(again.json.cancelled_count).toBe(0);
  });

  it("waits out the provider's throttling: short in place, long by rescheduling the lead", async () => {
    const u = await newUser();
    const ai = aiScenario();
    await useAiScenario(u.key, ai);
    const { campaignId } = await personalizedCampaign(u.key, u.userId);
    const runner = await manualPlayground(campaignId);
    await ai.script([{ kind: "rate_limit", retry_after: 1 }, { kind: "server_error" }]);
    const short = await generate(u.key, campaignId, { step_index: 1, n_leads: 1 });
    await drivePlayground(runner);
    expect((await status(u.key, campaignId, short.json.batch_id)).overall.done).toBe(1);
    expect(await ai.requests()).toHaveLength(3);

    await ai.script([{ kind: "rate_limit", retry_after: 600 }]);
    const long = await generate(u.key, campaignId, { step_index: 1, n_leads: 2 });
    const clock = Date.now();
    await runner.testSetClock(clock);
    await runDurableObjectAlarm(runner);
    const waiting = await status(u.key, campaignId, long.json.batch_id);
    // Lead 1 is in the store already; lead 2 was told to come back in 10 minutes.
    expect(waiting.per_lead.map((l: any) => l.status)).toEqual(["done", "pending"]);
    expect(waiting.per_lead[1].error).toContain("retrying");
    const wakeAt = (await runner.testNextWakeAt())!;
    expect(wakeAt).toBe(clock + 600_000);
    await runner.testSetClock(wakeAt);
    await drivePlayground(runner);
    expect((await status(u.key, campaignId, long.json.batch_id)).overall).toMatchObject({
      done: 2,
      failed: 0,
    });
    expect(await ai.requests()).toHaveLength(5);
  });

  it("stops at the campaign's token cap with the reason on each lead", async () => {
    const u = await newUser();
    const ai = aiScenario();
    await useAiScenario(u.key, ai, { campaign_token_cap: 1 });
    const { campaignId } = await personalizedCampaign(u.key, u.userId);
    const runner = await manualPlayground(campaignId);
    await generate(u.key, campaignId, { step_index: 1, n_leads: 1 });
    await drivePlayground(runner);
    const capped = await generate(u.key, campaignId, { step_index: 1, n_leads: 3 });
    await drivePlayground(runner);
    const s = await status(u.key, campaignId, capped.json.batch_id);
    expect(s.per_lead.map((l: any) => l.status)).toEqual(["done", "failed", "failed"]);
    expect(s.per_lead[1].error).toContain("AI_CAMPAIGN_BUDGET_EXHAUSTED");
    expect(s.per_lead[1].error).toContain("campaign_token_cap");
    expect(await ai.requests()).toHaveLength(1);
  });

  it("refuses what cannot be drafted, and keeps other users out", async () => {
    const u = await newUser();
    const { campaignId } = await personalizedCampaign(u.key, u.userId);
    const none = await generate(u.key, campaignId, { step_index: 1 });
    expect(none.status).toBe(409);
    expect(none.json.detail).toBe("AI_NOT_CONFIGURED");
    const ai = aiScenario();
    await useAiScenario(u.key, ai);
    const noStep = await generate(u.key, campaignId, { step_index: 2 });
    expect(noStep.status).toBe(422);
    expect(noStep.json.errors[0].loc).toEqual(["body", "step_index"]);
    expect((await generate(u.key, campaignId, { step_index: 1, n_leads: 201 })).status).toBe(422);

    const templated = await personalizedCampaign(u.key, u.userId, {
      template: { subject: "Hi", body: "Hello" },
      variants: [{ label: "T", weight: 1, type: "TEMPLATE", template_id: crypto.randomUUID() }],
    });
    const plain = await generate(u.key, templated.campaignId, { step_index: 1 });
    expect(plain.status).toBe(422);
    expect(plain.json.errors[0].msg).toContain("not AI-personalized");

    const runner = await manualPlayground(campaignId);
    const batch = await generate(u.key, campaignId, { step_index: 1, n_leads: 1 });
    await drivePlayground(runner);
    const other = await newUser();
    await useAiScenario(other.key, ai);
    expect((await generate(other.key, campaignId, { step_index: 1 })).status).toBe(404);
    expect((await call("GET", path(campaignId, "status"), { key: other.key })).status).toBe(404);
    const theirDrafts = await call("GET", `${path(campaignId, "drafts")}?batch_id=${batch.json.batch_id}`, {
      key: other.key,
    });
    expect(theirDrafts.status).toBe(404);
    const theirCancel = await call("POST", path(campaignId, "cancel"), {
      key: other.key,
      body: { batch_id: batch.json.batch_id },
    });
    expect(theirCancel.status).toBe(404);
    // A batch of another campaign is unknown here.
    const mine = await personalizedCampaign(other.key, other.userId);
    const wrong = await call("GET", `${path(mine.campaignId, "drafts")}?batch_id=${batch.json.batch_id}`, {
      key: other.key,
    });
    expect(wrong.status).toBe(404);
    const empty = await status(other.key, mine.campaignId);
    expect(empty).toMatchObject({ batch_id: null, per_lead: [], overall: { total: 0 } });
  });
});
