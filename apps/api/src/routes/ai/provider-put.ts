import { AiProviderResponse, AiProviderUpdate } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { loadStoredAiProvider } from "../../ai/config";
import { aiBaseUrlProblem, normalizeAiBaseUrl } from "../../ai/provider-url";
import { commonErrors, errorResponses, validationError } from "../../errors";
import { encryptSecret } from "../../lib/secrets";
import type { App } from "../../router";
import { describeAiProvider } from "./serialize";

const route = createRoute({
  method: "put",
  path: "/api/v1/ai/provider",
  tags: ["AI personalization"],
  summary: "Set your own AI provider",
  description:
    "Any OpenAI-compatible Chat Completions endpoint (OpenAI, Groq, Together, OpenRouter; locally Ollama, vLLM or llama.cpp's server), or `workers_ai` when the deployment binds Workers AI. `api_key` is write-only and stored encrypted. Outside local development `base_url` must be https.",
  request: { body: { content: { "application/json": { schema: AiProviderUpdate } }, required: true } },
  responses: {
    200: {
      description: "The provider now in use",
      content: { "application/json": { schema: AiProviderResponse } },
    },
    ...commonErrors,
    415: errorResponses[415],
  },
});

export function registerPutAiProvider(app: App) {
  app.openapi(route, async (c) => {
    const userId = c.get("userId");
    const body = c.req.valid("json");
    const current = await loadStoredAiProvider(c.env.DB, userId);
    let baseUrl: string | null = null;
    if (body.kind === "openai_compatible") {
      baseUrl = normalizeAiBaseUrl(body.base_url ?? "");
      const problem = aiBaseUrlProblem(c.env, baseUrl);
      if (problem) throw validationError([{ loc: ["body", "base_url"], msg: problem, type: "url" }]);
    } else if (!c.env.AI) {
      throw validationError([
        { loc: ["body", "kind"], msg: "this deployment has no Workers AI binding (AI)", type: "unavailable" },
      ]);
    }
    // A key follows its URL: kept for the same base_url, dropped when the URL changes without a new one.
    const apiKeySecret =
      body.api_key !== undefined
        ? await encryptSecret(c.env, body.api_key)
        : current && current.kind === body.kind && current.base_url === baseUrl
          ? current.api_key_secret
          : null;
    const now = Date.now();
    await c.env.DB.prepare(
      `INSERT INTO ai_provider_settings (user_id, kind, base_url, model, api_key_secret, json_mode, temperature,
         max_output_tokens, daily_token_budget, campaign_token_cap, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
       ON CONFLICT (user_id) DO UPDATE SET kind = excluded.kind, base_url = excluded.base_url, model = excluded.model,
         api_key_secret = excluded.api_key_secret, json_mode = excluded.json_mode, temperature = excluded.temperature,
         max_output_tokens = excluded.max_output_tokens, daily_token_budget = excluded.daily_token_budget,
         campaign_token_cap = excluded.campaign_token_cap, updated_at = excluded.updated_at`,
    )
      .bind(
        userId,
        body.kind,
        baseUrl,
        body.model,
        apiKeySecret,
        body.json_mode,
        body.temperature ?? null,
        body.max_output_tokens ?? null,
        body.daily_token_budget ?? null,
        body.campaign_token_cap ?? null,
        now,
      )
      .run();
    return c.json(await describeAiProvider(c.env, userId), 200);
  });
}
