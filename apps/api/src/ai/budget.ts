import type { ErrorCode } from "@cadence/contract";
import { tokensUsedByCampaign, tokensUsedOnDay, utcDay } from "./store";

export interface TokenLimits {
  dailyTokenBudget: number;
  campaignTokenCap: number;
}

/** Why generation must stop now, with the error code the API answers. */
export interface BudgetStop {
  code: Extract<ErrorCode, "AI_DAILY_BUDGET_EXHAUSTED" | "AI_CAMPAIGN_BUDGET_EXHAUSTED">;
  message: string;
  /** When the daily budget renews (the next UTC midnight). */
  retryAfterMs?: number;
}

/**
 * Checked before each call to a model: the user's tokens today against their daily budget, the
 * campaign's tokens ever against its cap. Calls already under way finish, so a budget can be passed
 * by at most the generations in flight when it ran out.
 */
export async function budgetStop(
  d1: D1Database,
  scope: { userId: string; campaignId: string | null },
  limits: TokenLimits,
  now = Date.now(),
): Promise<BudgetStop | null> {
  const [today, campaign] = await Promise.all([
    tokensUsedOnDay(d1, scope.userId, utcDay(now)),
    scope.campaignId ? tokensUsedByCampaign(d1, scope.campaignId) : Promise.resolve(0),
  ]);
  if (today >= limits.dailyTokenBudget) {
    const midnight = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth(),
      new Date(now).getUTCDate() + 1,
    );
    return {
      code: "AI_DAILY_BUDGET_EXHAUSTED",
      message: `The daily AI token budget (${limits.dailyTokenBudget} tokens) is spent (${today} used today); it renews at 00:00 UTC. Raise it with daily_token_budget (PUT /api/v1/ai/provider) or AI_DAILY_TOKEN_BUDGET`,
      retryAfterMs: midnight - now,
    };
  }
  if (scope.campaignId && campaign >= limits.campaignTokenCap) {
    return {
      code: "AI_CAMPAIGN_BUDGET_EXHAUSTED",
      message: `This campaign's AI token cap (${limits.campaignTokenCap} tokens) is spent (${campaign} used). Raise it with campaign_token_cap (PUT /api/v1/ai/provider) or AI_CAMPAIGN_TOKEN_CAP`,
    };
  }
  return null;
}
