import type { SendOutcome } from "./types";

/** What HTTP channels need of a provider's answer; the body is read under the same deadline. */
export interface ProviderResponse {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

/** Timeout or network failure: the request may or may not have reached the provider. */
export class ProviderUnreachableError extends Error {}

export const DEFAULT_PROVIDER_TIMEOUT_MS = 15_000;

/**
 * fetch with a deadline covering the whole exchange (headers and body). Redirects are never followed:
 * a provider's 3xx is an answer like any other non-2xx, so a base URL checked against the egress
 * policy cannot bounce the request (and its API key) to a host the policy would refuse.
 */
export async function callProvider(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<ProviderResponse> {
  try {
    const res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, json, text };
  } catch (err) {
    if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
      throw new ProviderUnreachableError(`No answer from ${new URL(url).host} within ${timeoutMs} ms`);
    }
    throw new ProviderUnreachableError(
      `Request to ${new URL(url).host} failed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The provider's own words: `message`, `detail`, `title` or `error` of a JSON body, else the text. */
export function providerMessage(res: ProviderResponse): string {
  const body = res.json as Record<string, unknown> | null;
  if (body && typeof body === "object") {
    for (const field of ["message", "detail", "title", "error"]) {
      const v = body[field];
      if (typeof v === "string" && v) return v;
      if (v && typeof v === "object" && typeof (v as { message?: unknown }).message === "string") {
        return (v as { message: string }).message;
      }
    }
  }
  return res.text.slice(0, 500) || `HTTP ${res.status}`;
}

/**
 * A non-2xx answer as a send outcome: 429 (with the provider's Retry-After, or `cooldownMs`), 408 and
 * 5xx retry; every other 4xx is the provider refusing this action, which a retry will not change.
 */
export function httpFailure(res: ProviderResponse, cooldownMs?: number): SendOutcome {
  const message = `${res.status}: ${providerMessage(res)}`;
  if (res.status === 429) {
    const after = retryAfterMs(res.headers) ?? cooldownMs;
    // Throttling paces the sending identity; the caller cools it down instead of failing the lead.
    return after === undefined
      ? { kind: "transient", error: message, throttled: true }
      : { kind: "transient", error: message, retryAfterMs: after, throttled: true };
  }
  if (res.status === 408 || res.status >= 500) {
    const after = retryAfterMs(res.headers);
    return after === undefined
      ? { kind: "transient", error: message }
      : { kind: "transient", error: message, retryAfterMs: after };
  }
  return { kind: "permanent", error: message };
}

/** RFC 5322 mailbox: the display name quoted when it needs to be. */
export function formatMailbox(email: string, name: string | null): string {
  if (!name) return email;
  const clean = name.replace(/[\r\n]+/g, " ").trim();
  if (!clean) return email;
  return /^[\w !#$%&'*+\-/=?^`{|}~]+$/.test(clean)
    ? `${clean} <${email}>`
    : `"${clean.replace(/["\\]/g, (ch) => `\\${ch}`)}" <${email}>`;
}
