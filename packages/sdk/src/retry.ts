/**
 * The transport under every call: an automatic Idempotency-Key on POST (the same key on each retry of
 * that call), and bounded retries: 429 after its Retry-After, 5xx and network errors with exponential
 * backoff and jitter, but only for requests that are safe to send twice (GET, HEAD, OPTIONS, PUT,
 * DELETE, or a POST carrying an Idempotency-Key, which the API executes at most once).
 */
import { CadenceConnectionError } from "./errors.js";

export type FetchFn = (request: Request) => Promise<Response>;

export type RetryReason = "rate_limited" | "server_error" | "network_error" | "key_in_use";

export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  reason: RetryReason;
  delayMs: number;
  method: string;
  url: string;
  status?: number;
  error?: unknown;
}

export interface RetryOptions {
  /** Retries after the first attempt; 0 sends every request once. Default 3. */
  maxRetries: number;
  /** The first backoff step; it doubles on each retry (with jitter). Default 500 ms. */
  baseDelayMs: number;
  /** The longest backoff step. Default 8 s. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the 429 or 503 is surfaced. Default 60 s. */
  maxRetryAfterMs: number;
  /** Called before each wait (logging, metrics). */
  onRetry?: (event: RetryEvent) => void;
  /** How to wait between attempts; a timer by default. Replace it to drive retries from your own scheduler. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const RETRIED_SERVER_ERRORS = new Set([500, 502, 503, 504]);

/** Equal jitter: half the exponential step fixed, half random, so waits grow but never synchronise. */
export function backoffDelay(retry: number, options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs">) {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return step / 2 + Math.random() * (step / 2);
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone would also take "-3" as a year.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** One logical call: how to build each attempt's request, and whether it may be sent more than once. */
export interface Call {
  method: string;
  url: string;
  /** Builds a fresh request for each attempt (a body stream can be read only once). */
  build: () => Request;
  /** False when the body cannot be produced again (a one-shot stream): never retried. */
  replayable: boolean;
  signal?: AbortSignal | null;
}

export class Transport {
  readonly retry: RetryOptions;

  constructor(
    private readonly fetchFn: FetchFn,
    retry: Partial<RetryOptions> | false | undefined,
    private readonly autoIdempotencyKey: boolean,
  ) {
    this.retry = retry === false ? { ...DEFAULT_RETRY, maxRetries: 0 } : { ...DEFAULT_RETRY, ...retry };
  }

  /** Adds `Idempotency-Key` to a POST that has none (when enabled). */
  withIdempotencyKey(method: string, headers: Headers): Headers {
    if (this.autoIdempotencyKey && method === "POST" && !headers.has("idempotency-key")) {
      headers.set("Idempotency-Key", crypto.randomUUID());
    }
    return headers;
  }

  /** The `fetch` given to openapi-fetch: buffers the (small, JSON) body so each retry can resend it. */
  readonly fetch = async (request: Request): Promise<Response> => {
    const method = request.method.toUpperCase();
    const body = request.body ? await request.arrayBuffer() : null;
    const headers = this.withIdempotencyKey(method, new Headers(request.headers));
    return this.send({
      method,
      url: request.url,
      replayable: true,
      signal: request.signal,
      build: () =>
        new Request(request.url, {
          method,
          headers,
          body,
          signal: request.signal,
          redirect: request.redirect,
        }),
    });
  };

  /** Sends `call`, retrying as the options and the method allow; resolves with the last response. */
  async send(call: Call): Promise<Response> {
    const { maxRetries } = this.retry;
    for (let attempt = 1; ; attempt++) {
      const request = call.build();
      const mayRetry = call.replayable && attempt <= maxRetries;
      // The API honours Idempotency-Key on POST only: with one, a POST is executed at most once.
      const safe =
        SAFE_METHODS.has(call.method) || (call.method === "POST" && request.headers.has("idempotency-key"));
      let response: Response;
      try {
        response = await this.fetchFn(request);
      } catch (error) {
        if (call.signal?.aborted) throw error;
        if (!mayRetry || !safe) throw new CadenceConnectionError(call.method, call.url, attempt, error);
        await this.wait(call, { retry: attempt, reason: "network_error", error });
        continue;
      }
      if (!mayRetry) return response;
      const decision = await this.decide(response, safe, attempt);
      if (!decision) return response;
      await response.body?.cancel();
      await this.wait(call, { retry: attempt, status: response.status, ...decision });
    }
  }

  /** Whether and how long to wait before sending `response`'s request again; null to return it. */
  private async decide(
    response: Response,
    safe: boolean,
    retry: number,
  ): Promise<{ reason: RetryReason; delayMs: number } | null> {
    const { status } = response;
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    if (retryAfter !== null && retryAfter > this.retry.maxRetryAfterMs) return null;
    // A 429 is refused before the request is handled, so any request may be sent again.
    if (status === 429)
      return { reason: "rate_limited", delayMs: retryAfter ?? backoffDelay(retry, this.retry) };
    if (RETRIED_SERVER_ERRORS.has(status) && safe) {
      return { reason: "server_error", delayMs: retryAfter ?? backoffDelay(retry, this.retry) };
    }
    // The first attempt of this very call may still be running (its response was lost): wait for it.
    if (status === 409 && safe && response.headers.get("content-type")?.includes("json")) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { detail?: unknown } | null;
      if (body?.detail === "IDEMPOTENCY_KEY_IN_USE") {
        return { reason: "key_in_use", delayMs: backoffDelay(retry, this.retry) };
      }
    }
    return null;
  }

  private async wait(
    call: Call,
    event: Omit<RetryEvent, "method" | "url" | "delayMs"> & { delayMs?: number },
  ) {
    const delayMs = Math.round(event.delayMs ?? backoffDelay(event.retry, this.retry));
    this.retry.onRetry?.({ ...event, delayMs, method: call.method, url: call.url });
    await (this.retry.sleep ?? timerSleep)(delayMs, call.signal ?? undefined);
  }
}
