import {
  callProvider,
  DEFAULT_PROVIDER_TIMEOUT_MS,
  formatMailbox,
  httpFailure,
  type ProviderResponse,
  ProviderUnreachableError,
  providerMessage,
} from "./provider-http";
import type { Channel, OutboundAction, OutboundEmail, ReconcileOutcome, SendOutcome } from "./types";

export interface HttpEmailSettings {
  provider: "resend";
  /** Without a trailing slash, e.g. https://api.resend.com */
  baseUrl: string;
  apiKey: string;
}

export interface HttpChannelOptions {
  timeoutMs?: number;
}

/**
 * A Resend-compatible email API: `POST {base_url}/emails` with `Authorization: Bearer <key>` and the
 * action key as `Idempotency-Key`. Resend keeps idempotency keys for 24 hours: a request repeated
 * with the same key and body within that time returns the first result and sends nothing.
 */
export class HttpEmailChannel implements Channel {
  constructor(
    private readonly settings: HttpEmailSettings,
    private readonly options: HttpChannelOptions = {},
  ) {}

  async send(action: OutboundAction): Promise<SendOutcome> {
    if (action.kind !== "email")
      return { kind: "permanent", error: "An email alias cannot send LinkedIn actions" };
    return (await this.post(action)).outcome;
  }

  /**
   * Resends the action under its key: if the first request was accepted and only its answer lost,
   * the provider replays the original result; if it never arrived, this is the one send. Either way
   * one email. A 400/422 means the provider rejects this very request, so the first was rejected too.
   */
  async reconcile(key: string, action?: OutboundAction): Promise<ReconcileOutcome> {
    if (action?.kind !== "email" || action.key !== key) return "unknown";
    const { outcome, status } = await this.post(action);
    if (outcome.kind === "sent") return "sent";
    if (status === 400 || status === 422) return "not_sent";
    return "unknown";
  }

  private async post(action: OutboundEmail): Promise<{ outcome: SendOutcome; status: number | null }> {
    let res: ProviderResponse;
    try {
      res = await callProvider(
        `${this.settings.baseUrl}/emails`,
        {
          method: "POST",
          headers: {
            authorization: `Bearer ${this.settings.apiKey}`,
            "content-type": "application/json",
            "idempotency-key": action.key,
          },
          body: JSON.stringify(resendPayload(action)),
        },
        this.options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS,
      );
    } catch (err) {
      if (err instanceof ProviderUnreachableError)
        return { outcome: { kind: "transient", error: err.message }, status: null };
      throw err;
    }
    if (res.status >= 200 && res.status < 300) {
      const id = (res.json as { id?: unknown } | null)?.id;
      return {
        outcome: { kind: "sent", providerId: typeof id === "string" ? id : null },
        status: res.status,
      };
    }
    // Resend: the same key is still being processed by another request; try again shortly.
    if (
      res.status === 409 &&
      (res.json as { name?: unknown } | null)?.name === "concurrent_idempotent_requests"
    ) {
      return { outcome: { kind: "transient", error: `409: ${providerMessage(res)}` }, status: res.status };
    }
    return { outcome: httpFailure(res), status: res.status };
  }
}

/**
 * Resend's body. The Reply-To goes in its own `reply_to` field (the API's way), not among the custom
 * headers. Resend sends from its own envelope (bounce) domain and reports bounces by its webhooks, so
 * `envelopeFrom` cannot be honoured here: with an HTTP alias, Cadence still reads replies (Reply-To)
 * but bounces come back only through `POST /events` or a provider webhook wired to it.
 */
export function resendPayload(action: OutboundEmail) {
  const { "Reply-To": replyTo, ...headers } = action.headers;
  return {
    from: formatMailbox(action.from.email, action.from.name),
    to: [action.to],
    subject: action.subject,
    text: action.text,
    ...(action.html ? { html: action.html } : {}),
    ...(replyTo ? { reply_to: replyTo } : {}),
    headers,
  };
}

/**
 * Checks the key with `GET {base_url}/domains`. A Resend key restricted to sending cannot list
 * domains and says so (401 `restricted_api_key`); that still proves the key is valid.
 */
export async function verifyHttpEmail(
  settings: HttpEmailSettings,
  options: HttpChannelOptions = {},
): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    const res = await callProvider(
      `${settings.baseUrl}/domains`,
      { method: "GET", headers: { authorization: `Bearer ${settings.apiKey}` } },
      options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS,
    );
    if (res.status >= 200 && res.status < 300) return { ok: true };
    if ((res.json as { name?: unknown } | null)?.name === "restricted_api_key") return { ok: true };
    return { ok: false, error: `${res.status}: ${providerMessage(res)}` };
  } catch (err) {
    if (err instanceof ProviderUnreachableError) return { ok: false, error: err.message };
    throw err;
  }
}
