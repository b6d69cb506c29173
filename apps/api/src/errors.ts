import { ERROR_STATUS, type ErrorCode, ErrorResponse, type ValidationIssue } from "@cadence/contract";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env";

/** The one error type handlers throw; `onError` turns it into the envelope. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: ValidationIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code] as ContentfulStatusCode;
  }
}

export const notFound = (what: string) => new ApiError("NOT_FOUND", `${what} not found`);

export function validationError(errors: ValidationIssue[], message = "The request failed validation") {
  return new ApiError("VALIDATION_ERROR", message, errors);
}

export function errorBody(c: Context<AppEnv>, err: ApiError): ErrorResponse {
  return {
    detail: err.code,
    message: err.message,
    request_id: c.get("requestId") ?? "",
    ...(err.errors ? { errors: err.errors } : {}),
  };
}

const errorContent = { "application/json": { schema: ErrorResponse } };
const describe = (description: string) => ({ description, content: errorContent });

/** Error responses every authenticated route can give, spread into each route's `responses`. */
export const commonErrors = {
  400: describe("Malformed JSON (INVALID_JSON)"),
  401: describe("Missing, unknown or revoked API key (UNAUTHORIZED)"),
  422: describe("Validation failed (VALIDATION_ERROR), with errors[].loc"),
  429: describe("Rate limit exceeded (RATE_LIMITED); see Retry-After"),
} as const;

export const errorResponses = {
  404: describe("Not found, or owned by another user (NOT_FOUND)"),
  409: describe("State conflict (e.g. CAMPAIGN_NOT_DRAFT, CAMPAIGN_LOCKED, IDEMPOTENCY_KEY_IN_USE)"),
  413: describe("Payload too large (PAYLOAD_TOO_LARGE)"),
  415: describe("Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE)"),
  502: describe("An upstream provider failed (e.g. AI_GENERATION_FAILED)"),
} as const;
