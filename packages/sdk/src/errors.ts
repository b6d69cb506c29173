import type { components } from "./generated/openapi.js";

export type ErrorResponse = components["schemas"]["ErrorResponse"];
export type ValidationIssue = components["schemas"]["ValidationIssue"];

function isErrorEnvelope(body: unknown): body is ErrorResponse {
  if (typeof body !== "object" || body === null) return false;
  const { detail, message } = body as Record<string, unknown>;
  return typeof detail === "string" && typeof message === "string";
}

/**
 * A response the API answered with a status outside 2xx. Fields mirror the error envelope
 * (`detail` is the stable code, e.g. `VALIDATION_ERROR`), so code can switch on `detail` and show
 * `errors[].loc` next to the field it names. A body that is not the envelope (a proxy's HTML page)
 * still gives `detail: "HTTP_<status>"`, its text as `message`, and `X-Request-Id` when present.
 */
export class CadenceApiError extends Error {
  override readonly name = "CadenceApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The stable error code, e.g. `NOT_FOUND`, `CAMPAIGN_NOT_DRAFT`, `RATE_LIMITED`. */
  readonly detail: string;
  /** The request id to quote when reporting a problem (`X-Request-Id`). */
  readonly request_id: string | null;
  /** Validation issues (422): where (`loc`, e.g. `["body", "steps", 0, "delay_days"]`), what and why. */
  readonly errors: ValidationIssue[];
  /** The method and URL of the request that failed. */
  readonly method: string;
  readonly url: string;
  /** The response headers (`Retry-After`, `X-RateLimit-*`). */
  readonly headers: Headers;

  constructor(init: {
    status: number;
    detail: string;
    message: string;
    request_id: string | null;
    errors?: ValidationIssue[];
    method: string;
    url: string;
    headers: Headers;
  }) {
    super(init.message);
    this.status = init.status;
    this.detail = init.detail;
    this.request_id = init.request_id;
    this.errors = init.errors ?? [];
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers;
  }

  /** From a non-2xx response whose body was already read (`body`: parsed JSON, or the text). */
  static fromResponse(request: { method: string; url: string }, response: Response, body: unknown) {
    const requestId = response.headers.get("x-request-id");
    if (isErrorEnvelope(body)) {
      return new CadenceApiError({
        status: response.status,
        detail: body.detail,
        message: body.message,
        request_id: body.request_id || requestId,
        errors: body.errors,
        method: request.method,
        url: request.url,
        headers: response.headers,
      });
    }
    const text = typeof body === "string" ? body.trim().slice(0, 500) : "";
    return new CadenceApiError({
      status: response.status,
      detail: `HTTP_${response.status}`,
      message: text || `${request.method} ${request.url} answered ${response.status}`,
      request_id: requestId,
      method: request.method,
      url: request.url,
      headers: response.headers,
    });
  }
}

/** The API could not be reached (connection refused, reset, DNS), after the retries allowed. */
export class CadenceConnectionError extends Error {
  override readonly name = "CadenceConnectionError";
  constructor(
    readonly method: string,
    readonly url: string,
    /** How many times the request was sent. */
    readonly attempts: number,
    cause: unknown,
  ) {
    const why =
      cause instanceof Error
        ? cause.cause instanceof Error
          ? cause.cause.message
          : cause.message
        : String(cause);
    super(`${method} ${url} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${why}`, { cause });
  }
}
