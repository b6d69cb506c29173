import type { ErrorCode } from "@cadence/contract";
import type { TokensUsed } from "./store";

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
export function budgetStop(
  used: TokensUsed,
  limits: TokenLimits,
  hasCampaign: boolean,
  now = Date.now(),
): BudgetStop | null {
  if (used.today >= limits.dailyTokenBudget) {
    const day = new Date(now);
    const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1);
    return {
      code: "AI_DAILY_BUDGET_EXHAUSTED",
      message: `The daily AI token budget (${limits.dailyTokenBudget} tokens) is spent (${used.today} used today); it renews at 00:00 UTC. Raise it with daily_token_budget (PUT /api/v1/ai/provider) or AI_DAILY_TOKEN_BUDGET`,
      retryAfterMs: midnight - now,
    };
  }
  if (hasCampaign && used.campaign >= limits.campaignTokenCap) {
    return {
      code: "AI_CAMPAIGN_BUDGET_EXHAUSTED",
      message: `This campaign's AI token cap (${limits.campaignTokenCap} tokens) is spent (${used.campaign} used). Raise it with campaign_token_cap (PUT /api/v1/ai/provider) or AI_CAMPAIGN_TOKEN_CAP`,
    };
  }
  return null;
}
