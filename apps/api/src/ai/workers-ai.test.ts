import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { aiScenario } from "../../test/ai-fixtures";
import { newUser } from "../../test/helpers";
import type { AiBinding } from "../base-env";
import type { AiSettings } from "./config";
import { generateEmail, INTERACTIVE_RETRY } from "./generate";
import { personalize } from "./personalize";
import { buildMessages, DEFAULT_PROMPT } from "./prompt";
import { WorkersAiProvider } from "./workers-ai";

/**
 * The `AI` binding as the platform gives it (run() resolves with `{response, usage}` or rejects), its
 * model served by the loopback peer: workerd cannot run Workers AI models locally.
 */
const peerBinding: AiBinding = {
  async run(model, inputs) {
    const res = await fetch(`${inject("aiProvider").url}/workers-ai/run`, {
      method: "POST",
      body: JSON.stringify({ model, inputs }),
    });
    if (!res.ok) throw new Error(`${res.status}: ${await res.text()}`);
    return res.json();
  },
};

const input = {
  lead: { first_name: "Ada", company: "Analytical Engines" },
  sender: { name: "Sam" },
  researchContext: null,
  baseEmail: null,
  sequence: null,
};
const messages = buildMessages({ text: DEFAULT_PROMPT, source: "default" }, input);
const options = { temperature: 0.2, maxOutputTokens: 400, timeoutMs: 10_000, retry: INTERACTIVE_RETRY };

describe("Workers AI provider", () => {
  it("asks the binding for a JSON email and reads its response and usage", async () => {
    const ai = aiScenario("workers");
    const out = await generateEmail(new WorkersAiProvider(peerBinding, ai.model, "auto"), messages, options);
    expect(out).toMatchObject({ ok: true, subject: "Quick idea for Analytical Engines", model: ai.model });
    expect(out.calls[0]!.tokensIn).toBeGreaterThan(0);
    const [request] = await ai.requests();
    expect(request).toMatchObject({ api: "workers_ai", temperature: 0.2, max_tokens: 400 });
    expect(request!.response_format).toMatchObject({ type: "json_schema" });
  });

  it("retries the platform's server errors and asks without a schema when a model refuses one", async () => {
    const ai = aiScenario("workers");
    await ai.script([{ kind: "server_error" }], { kind: "reject_response_format" });
    const out = await generateEmail(new WorkersAiProvider(peerBinding, ai.model, "auto"), messages, options);
    expect(out.ok).toBe(true);
    expect((await ai.requests()).map((r) => r.response_format === null)).toEqual([false, false, true]);
  });

  it("goes through the same store and usage log as the HTTP provider", async () => {
    const u = await newUser();
    const ai = aiScenario("workers");
    const settings: AiSettings = {
      source: "deployment",
      kind: "workers_ai",
      baseUrl: null,
      model: ai.model,
      apiKey: null,
      jsonMode: "auto",
      temperature: null,
      maxOutputTokens: null,
      dailyTokenBudget: 1_000_000,
      campaignTokenCap: 5_000_000,
      timeoutMs: 10_000,
    };
    const runtime = {
      env,
      userId: u.userId,
      settings,
      provider: new WorkersAiProvider(peerBinding, ai.model, "auto"),
    };
    const job = {
      campaignId: null,
      stepIndex: null,
      purpose: "preview" as const,
      prompt: { text: DEFAULT_PROMPT, source: "default" as const },
      input,
      stepConfigFingerprint: null,
    };
    const first = await personalize(runtime, job, INTERACTIVE_RETRY);
    const second = await personalize(runtime, job, INTERACTIVE_RETRY);
    expect(first).toMatchObject({ ok: true, fromCache: false });
    expect(second).toMatchObject({ ok: true, fromCache: true });
    expect(await ai.requests()).toHaveLength(1);
    const usage = await env.DB.prepare("SELECT provider, model FROM ai_usage WHERE user_id = ?")
      .bind(u.userId)
      .all();
    expect(usage.results).toEqual([{ provider: "workers_ai", model: ai.model }]);
  });
});
