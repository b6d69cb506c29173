import type { AiJsonMode, AiProviderKind } from "@cadence/contract";
import type { BaseEnv } from "../base-env";
import { decryptSecret } from "../lib/secrets";
import { OpenAiCompatibleProvider } from "./openai-compatible";
import type { ModelSettings } from "./prompt";
import { aiBaseUrlProblem, normalizeAiBaseUrl } from "./provider-url";
import type { AiProvider } from "./types";
import { WorkersAiProvider } from "./workers-ai";

export const DEFAULT_DAILY_TOKEN_BUDGET = 1_000_000;
export const DEFAULT_CAMPAIGN_TOKEN_CAP = 5_000_000;
export const DEFAULT_AI_TIMEOUT_MS = 30_000;
export const DEFAULT_PLAYGROUND_CONCURRENCY = 8;
/** What the `AI` binding runs when AI_MODEL does not say. */
export const DEFAULT_WORKERS_AI_MODEL = "@cf/meta/llama-3.1-8b-instruct";

/** How to get a provider, appended to every AI_NOT_CONFIGURED message. */
export const HOW_TO_CONFIGURE_AI =
  'Set your own with PUT /api/v1/ai/provider {"base_url": "https://api.openai.com/v1", "model": "gpt-4o-mini", "api_key": "..."} (a local Ollama: "base_url": "http://127.0.0.1:11434/v1" and its model name), or configure the deployment: AI_BASE_URL and AI_MODEL variables and the AI_API_KEY secret, or a Workers AI binding named AI.';

/** Everything a generation needs to reach a model, resolved for one user. */
export interface AiSettings {
  source: "user" | "deployment";
  kind: AiProviderKind;
  baseUrl: string | null;
  model: string;
  apiKey: string | null;
  jsonMode: AiJsonMode;
  temperature: number | null;
  maxOutputTokens: number | null;
  dailyTokenBudget: number;
  campaignTokenCap: number;
  timeoutMs: number;
}

export type AiSettingsResolution = { ok: true; settings: AiSettings } | { ok: false; problem: string };

/** A user's saved provider, as D1 holds it (`ai_provider_settings`). */
export interface StoredAiProvider {
  kind: AiProviderKind;
  base_url: string | null;
  model: string;
  api_key_secret: string | null;
  json_mode: AiJsonMode;
  temperature: number | null;
  max_output_tokens: number | null;
  daily_token_budget: number | null;
  campaign_token_cap: number | null;
  updated_at: number;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The deployment's token budgets and deadline (configuration variables with documented defaults). */
export function deploymentAiLimits(env: BaseEnv) {
  return {
    dailyTokenBudget: positiveInt(env.AI_DAILY_TOKEN_BUDGET, DEFAULT_DAILY_TOKEN_BUDGET),
    campaignTokenCap: positiveInt(env.AI_CAMPAIGN_TOKEN_CAP, DEFAULT_CAMPAIGN_TOKEN_CAP),
    timeoutMs: positiveInt(env.AI_TIMEOUT_MS, DEFAULT_AI_TIMEOUT_MS),
  };
}

export function playgroundConcurrency(env: BaseEnv): number {
  return Math.min(32, positiveInt(env.AI_PLAYGROUND_CONCURRENCY, DEFAULT_PLAYGROUND_CONCURRENCY));
}

export function loadStoredAiProvider(d1: D1Database, userId: string): Promise<StoredAiProvider | null> {
  return d1
    .prepare(
      `SELECT kind, base_url, model, api_key_secret, json_mode, temperature, max_output_tokens,
              daily_token_budget, campaign_token_cap, updated_at
       FROM ai_provider_settings WHERE user_id = ?`,
    )
    .bind(userId)
    .first<StoredAiProvider>();
}

/** The deployment's own provider (AI_BASE_URL, else the AI binding), or null when it has none. */
export function deploymentAiSettings(env: BaseEnv): AiSettingsResolution | null {
  const limits = deploymentAiLimits(env);
  const common = {
    source: "deployment" as const,
    jsonMode: "auto" as const,
    temperature: null,
    maxOutputTokens: null,
    ...limits,
  };
  const baseUrl = env.AI_BASE_URL?.trim();
  if (baseUrl) {
    const problem = aiBaseUrlProblem(env, baseUrl);
    if (problem) return { ok: false, problem: `The deployment's AI_BASE_URL ${problem}` };
    const model = env.AI_MODEL?.trim();
    if (!model) return { ok: false, problem: "The deployment sets AI_BASE_URL but not AI_MODEL" };
    return {
      ok: true,
      settings: {
        ...common,
        kind: "openai_compatible",
        baseUrl: normalizeAiBaseUrl(baseUrl),
        model,
        apiKey: env.AI_API_KEY?.trim() || null,
      },
    };
  }
  if (env.AI) {
    return {
      ok: true,
      settings: {
        ...common,
        kind: "workers_ai",
        baseUrl: null,
        model: env.AI_MODEL?.trim() || DEFAULT_WORKERS_AI_MODEL,
        apiKey: null,
      },
    };
  }
  return null;
}

/**
 * The provider a user's generations use: their own when they saved one (PUT /api/v1/ai/provider),
 * else the deployment's. A saved provider that cannot be used is reported, not silently replaced.
 */
export async function resolveAiSettings(env: BaseEnv, userId: string): Promise<AiSettingsResolution> {
  const stored = await loadStoredAiProvider(env.DB, userId);
  if (!stored) {
    return deploymentAiSettings(env) ?? { ok: false, problem: "No AI provider is configured" };
  }
  const limits = deploymentAiLimits(env);
  const settings: AiSettings = {
    source: "user",
    kind: stored.kind,
    baseUrl: stored.base_url,
    model: stored.model,
    apiKey: null,
    jsonMode: stored.json_mode,
    temperature: stored.temperature,
    maxOutputTokens: stored.max_output_tokens,
    dailyTokenBudget: stored.daily_token_budget ?? limits.dailyTokenBudget,
    campaignTokenCap: stored.campaign_token_cap ?? limits.campaignTokenCap,
    timeoutMs: limits.timeoutMs,
  };
  if (stored.kind === "workers_ai") {
    if (!env.AI)
      return { ok: false, problem: "Your AI provider is Workers AI, but this deployment has no AI binding" };
    return { ok: true, settings };
  }
  const problem = stored.base_url ? aiBaseUrlProblem(env, stored.base_url) : "has no base_url";
  if (problem) return { ok: false, problem: `Your AI provider's base_url ${problem}` };
  if (stored.api_key_secret) {
    try {
      settings.apiKey = await decryptSecret(env, stored.api_key_secret);
    } catch {
      return {
        ok: false,
        problem:
          "Your AI provider's API key can no longer be decrypted (was SECRETS_KEY changed?): set it again",
      };
    }
  }
  return { ok: true, settings };
}

export function createAiProvider(env: BaseEnv, settings: AiSettings): AiProvider {
  if (settings.kind === "workers_ai") {
    if (!env.AI) throw new Error("no AI binding");
    return new WorkersAiProvider(env.AI, settings.model, settings.jsonMode);
  }
  return new OpenAiCompatibleProvider({
    baseUrl: settings.baseUrl ?? "",
    apiKey: settings.apiKey,
    model: settings.model,
    jsonMode: settings.jsonMode,
  });
}

export function modelSettingsOf(settings: AiSettings): ModelSettings {
  return {
    kind: settings.kind,
    baseUrl: settings.baseUrl,
    model: settings.model,
    temperature: settings.temperature,
    maxOutputTokens: settings.maxOutputTokens,
  };
}

/** The sentence of an AI_NOT_CONFIGURED error: what is wrong, then how to fix it. */
export function aiNotConfiguredMessage(problem: string): string {
  return `${problem}. ${HOW_TO_CONFIGURE_AI}`;
}
