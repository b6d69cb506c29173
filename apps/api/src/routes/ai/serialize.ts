import { type AiProviderResponse, toTimestamp } from "@cadence/contract";
import {
  aiNotConfiguredMessage,
  deploymentAiLimits,
  deploymentAiSettings,
  loadStoredAiProvider,
  resolveAiSettings,
} from "../../ai/config";
import { tokensUsedOnDay, utcDay } from "../../ai/store";
import type { BaseEnv } from "../../base-env";

/** The provider a user's generations use and its state; never the key itself. */
export async function describeAiProvider(env: BaseEnv, userId: string): Promise<AiProviderResponse> {
  const [stored, resolved, usedToday] = await Promise.all([
    loadStoredAiProvider(env.DB, userId),
    resolveAiSettings(env, userId),
    tokensUsedOnDay(env.DB, userId, utcDay(Date.now())),
  ]);
  const limits = deploymentAiLimits(env);
  const common = {
    tokens_used_today: usedToday,
    problem: resolved.ok ? null : aiNotConfiguredMessage(resolved.problem),
  };
  if (stored) {
    return {
      configured: resolved.ok,
      source: "user",
      kind: stored.kind,
      base_url: stored.base_url,
      model: stored.model,
      has_api_key: stored.api_key_secret !== null,
      json_mode: stored.json_mode,
      temperature: stored.temperature,
      max_output_tokens: stored.max_output_tokens,
      daily_token_budget: stored.daily_token_budget ?? limits.dailyTokenBudget,
      campaign_token_cap: stored.campaign_token_cap ?? limits.campaignTokenCap,
      updated_at: toTimestamp(stored.updated_at),
      ...common,
    };
  }
  const deployment = deploymentAiSettings(env);
  const settings = deployment?.ok ? deployment.settings : null;
  return {
    configured: resolved.ok,
    source: deployment ? "deployment" : null,
    kind: settings?.kind ?? null,
    base_url: settings?.baseUrl ?? null,
    model: settings?.model ?? null,
    has_api_key: !!settings?.apiKey,
    json_mode: settings?.jsonMode ?? null,
    temperature: null,
    max_output_tokens: null,
    daily_token_budget: limits.dailyTokenBudget,
    campaign_token_cap: limits.campaignTokenCap,
    updated_at: null,
    ...common,
  };
}
