import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { aiScenario, useAiScenario } from "../../../test/ai-fixtures";
import { call, newUser } from "../../../test/helpers";
import { aiBaseUrlProblem } from "../../ai/provider-url";

describe("AI provider settings", () => {
  it("shows no provider until one is set, then the user's own, key write-only and encrypted", async () => {
    const u = await newUser();
    const none = await call("GET", "/api/v1/ai/provider", { key: u.key });
    expect(none.status).toBe(200);
    expect(none.json).toMatchObject({
      configured: false,
      source: null,
      has_api_key: false,
      daily_token_budget: 1_000_000,
      campaign_token_cap: 5_000_000,
      tokens_used_today: 0,
    });
    expect(none.json.problem).toContain("PUT /api/v1/ai/provider");

    const ai = aiScenario();
    const set = await useAiScenario(u.key, ai, { temperature: 0.4, daily_token_budget: 5000 });
    expect(set).toMatchObject({
      configured: true,
      source: "user",
      kind: "openai_compatible",
      base_url: ai.baseUrl,
      model: ai.model,
      has_api_key: true,
      json_mode: "auto",
      temperature: 0.4,
      daily_token_budget: 5000,
      campaign_token_cap: 5_000_000,
      problem: null,
    });
    expect(JSON.stringify(set)).not.toContain("sk-test-key");
    const stored = await env.DB.prepare("SELECT api_key_secret FROM ai_provider_settings WHERE user_id = ?")
      .bind(u.userId)
      .first<{ api_key_secret: string }>();
    expect(stored!.api_key_secret).toMatch(/^v2\./);
    expect(stored!.api_key_secret).not.toContain("sk-test-key");
    expect(JSON.stringify((await call("GET", "/api/v1/ai/provider", { key: u.key })).json)).not.toContain(
      "sk-test-key",
    );

    // Without api_key the stored one is kept for the same URL, and dropped for another URL.
    const kept = await call("PUT", "/api/v1/ai/provider", {
      key: u.key,
      body: { base_url: `${ai.baseUrl}/`, model: "other-model" },
    });
    expect(kept.json).toMatchObject({ has_api_key: true, model: "other-model", base_url: ai.baseUrl });
    const moved = await call("PUT", "/api/v1/ai/provider", {
      key: u.key,
      body: { base_url: "http://127.0.0.1:11434/v1", model: "llama3.2" },
    });
    expect(moved.json).toMatchObject({ has_api_key: false, base_url: "http://127.0.0.1:11434/v1" });

    const removed = await call("DELETE", "/api/v1/ai/provider", { key: u.key });
    expect(removed.status).toBe(204);
    expect((await call("GET", "/api/v1/ai/provider", { key: u.key })).json.configured).toBe(false);
  });

  it("validates the settings", async () => {
    const u = await newUser();
    const put = (body: unknown) => call("PUT", "/api/v1/ai/provider", { key: u.key, body });
    const missing = await put({ model: "m" });
    expect(missing.status).toBe(422);
    expect(missing.json.errors[0].loc).toEqual(["body", "base_url"]);
    const scheme = await put({ base_url: "ftp://models.example.com/v1", model: "m" });
    expect(scheme.status).toBe(422);
    expect(scheme.json.errors[0]).toMatchObject({ loc: ["body", "base_url"], msg: "must be an http(s) URL" });
    const creds = await put({ base_url: "https://user:pw@models.example.com/v1", model: "m" });
    expect(creds.json.errors[0].msg).toContain("credentials");
    // This test deployment has no Workers AI binding.
    const workers = await put({ kind: "workers_ai", model: "@cf/meta/llama-3.1-8b-instruct" });
    expect(workers.status).toBe(422);
    expect(workers.json.errors[0].loc).toEqual(["body", "kind"]);
    expect((await put({ base_url: "https://x.example/v1", model: "m", temperature: 3 })).status).toBe(422);
    expect((await put({ base_url: "https://x.example/v1", model: "m", extra: 1 })).status).toBe(422);
  });

  it("requires https to a public host outside local development", () => {
    const production = { ENVIRONMENT: "production" };
    expect(aiBaseUrlProblem(production, "http://127.0.0.1:11434/v1")).toBe("must be an https URL");
    expect(aiBaseUrlProblem(production, "https://api.openai.com/v1")).toBeNull();
    expect(aiBaseUrlProblem({ ENVIRONMENT: "local" }, "http://127.0.0.1:11434/v1")).toBeNull();
    expect(aiBaseUrlProblem(production, "not a url")).toContain("absolute URL");
    // The deployment's egress policy: public hosts only, in any spelling.
    for (const url of ["https://127.1/v1", "https://169.254.169.254/v1", "https://ollama.internal/v1"]) {
      expect(aiBaseUrlProblem(production, url), url).toContain("must be a public host");
    }
  });

  it("reports a stored provider that can no longer be used instead of replacing it", async () => {
    const u = await newUser();
    await env.DB.prepare(
      `INSERT INTO ai_provider_settings (user_id, kind, base_url, model, api_key_secret, json_mode, created_at, updated_at)
       VALUES (?, 'openai_compatible', 'https://models.example.com/v1', 'm', 'v1.bad.secret', 'auto', ?, ?)`,
    )
      .bind(u.userId, Date.now(), Date.now())
      .run();
    const res = await call("GET", "/api/v1/ai/provider", { key: u.key });
    expect(res.json).toMatchObject({ configured: false, source: "user", has_api_key: true });
    expect(res.json.problem).toContain("can no longer be decrypted");
    const preview = await call("POST", "/api/v1/personalize/preview", {
      key: u.key,
      body: { lead_data: { a: "b" } },
    });
    expect(preview.status).toBe(409);
    expect(preview.json.detail).toBe("AI_NOT_CONFIGURED");
  });
});
