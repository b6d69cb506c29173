import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhookPayload } from "./signature";

const ERROR_SNIPPET_CHARS = 300;

/** What one delivery attempt came to. */
export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  retryAfterMs: number | null;
}

/**
 * One signed POST of an event's exact body. Anything but a 2xx (including a redirect, which is not
 * followed) is a failure; a 429 or 503 may ask for a later retry.
 */
export async function postSigned(input: {
  url: string;
  secret: string;
  eventId: string;
  body: string;
  /** Seconds since the epoch, signed with the body. */
  timestamp: number;
  timeoutMs: number;
}): Promise<AttemptOutcome> {
  const { url, secret, eventId, body, timestamp, timeoutMs } = input;
  const signature = await signWebhookPayload(secret, timestamp, body);
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Cadence-Webhooks/1",
        [EVENT_ID_HEADER]: eventId,
        [SIGNATURE_HEADER]: signature,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    const error =
      name === "TimeoutError" || name === "AbortError"
        ? `timed out after ${timeoutMs / 1000} s`
        : `network error: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, status: null, error, retryAfterMs: null };
  }
  if (res.status >= 200 && res.status < 300) {
    res.body?.cancel().catch(() => {});
    return { ok: true, status: res.status, error: null, retryAfterMs: null };
  }
  const snippet = await bodySnippet(res);
  return {
    ok: false,
    status: res.status,
    error: `HTTP ${res.status}${snippet ? `: ${snippet}` : ""}`,
    retryAfterMs:
      res.status === 429 || res.status === 503
        ? retryAfterMs(res.headers.get("retry-after"), Date.now())
        : null,
  };
}

/** Retry-After as milliseconds from now (delta-seconds or an HTTP date), or null. */
function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The start of a response body for the log, without waiting for (or buffering) the rest. */
async function bodySnippet(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < ERROR_SNIPPET_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A body that breaks off still leaves the status code to report.
  } finally {
    reader.cancel().catch(() => {});
  }
  return text.slice(0, ERROR_SNIPPET_CHARS).replace(/\s+/g, " ").trim();
}
