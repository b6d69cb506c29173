import { z } from "@hono/zod-openapi";

/** Stable machine codes carried in `detail`, with the HTTP status each maps to. */
export const ERROR_STATUS = {
  INVALID_JSON: 400,
  INVALID_TOKEN: 400,
  UNAUTHORIZED: 401,
  ADMIN_DISABLED: 403,
  NOT_FOUND: 404,
  CAMPAIGN_NOT_DRAFT: 409,
  CAMPAIGN_LOCKED: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  RESOURCE_IN_USE: 409,
  LIMIT_REACHED: 409,
  CAMPAIGN_NOT_LIVE: 409,
  CAMPAIGN_NOT_LAUNCHED: 409,
  /** No AI provider for this user: neither their own (PUT /api/v1/ai/provider) nor the deployment's. */
  AI_NOT_CONFIGURED: 409,
  /** A campaign's token cap is spent; it does not reset. */
  AI_CAMPAIGN_BUDGET_EXHAUSTED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_ERROR: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  LAUNCH_BLOCKED: 422,
  INVALID_CSV: 422,
  /** An approval's expected step-config fingerprint no longer matches the step's variant, template or sender. */
  STEP_CONFIG_CHANGED: 422,
  RATE_LIMITED: 429,
  /** The user's daily token budget is spent; Retry-After points at the next UTC midnight. */
  AI_DAILY_BUDGET_EXHAUSTED: 429,
  INTERNAL_ERROR: 500,
  DEPLOYMENT_MISCONFIGURED: 500,
  UPSTREAM_ERROR: 502,
  /** The AI provider failed (after its retries) or answered unusable output twice. */
  AI_GENERATION_FAILED: 502,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ValidationIssue = z
  .object({
    loc: z.array(z.union([z.string(), z.number()])),
    msg: z.string(),
    type: z.string(),
  })
  .openapi("ValidationIssue");
export type ValidationIssue = z.infer<typeof ValidationIssue>;

export const ErrorResponse = z
  .object({
    detail: z.string().openapi({ example: "CAMPAIGN_NOT_DRAFT" }),
    message: z.string(),
    request_id: z.string(),
    errors: z.array(ValidationIssue).optional(),
  })
  .openapi("ErrorResponse");
export type ErrorResponse = z.infer<typeof ErrorResponse>;
