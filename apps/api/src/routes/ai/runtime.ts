import { type AiRuntime, aiRuntimeFor, type PersonalizeResult } from "../../ai/personalize";
import type { BaseEnv } from "../../base-env";
import { ApiError } from "../../errors";

/** The user's AI provider ready to call, or 409 AI_NOT_CONFIGURED saying what is wrong and how to set one. */
export async function requireAiRuntime(env: BaseEnv, userId: string): Promise<AiRuntime> {
  const resolved = await aiRuntimeFor(env, userId);
  if (!resolved.ok) throw new ApiError("AI_NOT_CONFIGURED", resolved.message);
  return resolved.runtime;
}

/** A failed personalization as the API error it answers (with Retry-After when the cause passes). */
export function personalizeError(result: Extract<PersonalizeResult, { ok: false }>): ApiError {
  const headers =
    result.retryAfterMs !== undefined
      ? { "Retry-After": String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))) }
      : undefined;
  return new ApiError(result.code, result.message, undefined, headers);
}
