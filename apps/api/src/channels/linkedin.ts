import { CONNECTION_NOTE_MAX } from "@cadence/contract";
import {
  callProvider,
  DEFAULT_PROVIDER_TIMEOUT_MS,
  httpFailure,
  type ProviderResponse,
  ProviderUnreachableError,
} from "./provider-http";
import type { Channel, OutboundAction, OutboundLinkedIn, ReconcileOutcome, SendOutcome } from "./types";

export interface LinkedInSettings {
  provider: "unipile";
  /** Without a trailing slash, e.g. https://api1.unipile.com:13111 */
  baseUrl: string;
  apiKey: string;
  /** The provider's id of the connected LinkedIn account, sent as `account_id`. */
  accountId: string;
}

export interface LinkedInChannelOptions {
  timeoutMs?: number;
  /** Wait after a 429 that carries no Retry-After: LinkedIn throttles accounts for hours, not seconds. */
  cooldownMs?: number;
}

export const DEFAULT_LINKEDIN_COOLDOWN_MS = 60 * 60 * 1000;

/**
 * A Unipile-style LinkedIn provider. Every request carries `X-API-KEY`; the request that performs
 * the action carries the action key as `Idempotency-Key`, which the provider must honour (a repeat
 * returns the first result and does nothing).
 *
 *   GET  {base}/api/v1/users/{identifier}?account_id=...   profile by public identifier -> {provider_id}
 *                                                          (for profile_visit this lookup is the visit)
 *   POST {base}/api/v1/users/invite   {account_id, provider_id, message?}           connection_request
 *   POST {base}/api/v1/chats          {account_id, attendees_ids: [provider_id], text}         message
 *   POST {base}/api/v1/chats          {..., subject?, linkedin: {api: "classic", inmail: true}}  inmail
 */
export class LinkedInChannel implements Channel {
  constructor(
    private readonly settings: LinkedInSettings,
    private readonly options: LinkedInChannelOptions = {},
  ) {}

  async send(action: OutboundAction): Promise<SendOutcome> {
    if (action.kind !== "linkedin")
      return { kind: "permanent", error: "A LinkedIn account cannot send emails" };
    return (await this.perform(action)).outcome;
  }

  /** Repeats the action under its key: the provider replays the first result instead of acting twice. */
  async reconcile(key: string, action?: OutboundAction): Promise<ReconcileOutcome> {
    if (action?.kind !== "linkedin" || action.key !== key) return "unknown";
    const { outcome, status } = await this.perform(action);
    if (outcome.kind === "sent") return "sent";
    if (outcome.kind === "permanent" && (status === null || status === 400 || status === 422))
      return "not_sent";
    return "unknown";
  }

  private async perform(action: OutboundLinkedIn): Promise<{ outcome: SendOutcome; status: number | null }> {
    const refused = (error: string) => ({
      outcome: { kind: "permanent", error } as SendOutcome,
      status: null,
    });
    const text = action.text?.trim() ?? "";
    if (action.actionType === "connection_request" && [...text].length > CONNECTION_NOTE_MAX) {
      return refused(
        `A connection note is at most ${CONNECTION_NOTE_MAX} characters (this one has ${[...text].length})`,
      );
    }
    if ((action.actionType === "message" || action.actionType === "inmail") && !text) {
      return refused("The message text is empty");
    }
    const identifier = profileIdentifier(action.profileUrl);
    if (!identifier) return refused(`Not a LinkedIn profile URL: ${action.profileUrl}`);

    const visit = action.actionType === "profile_visit";
    const profile = await this.request(
      "GET",
      `/api/v1/users/${encodeURIComponent(identifier)}?account_id=${encodeURIComponent(this.settings.accountId)}`,
      undefined,
      visit ? action.key : null,
    );
    if (!profile.ok) return profile;
    const providerId = (profile.res.json as { provider_id?: unknown } | null)?.provider_id;
    if (typeof providerId !== "string" || !providerId) {
      return {
        outcome: { kind: "transient", error: "The provider's profile answer has no provider_id" },
        status: null,
      };
    }
    if (visit) return { outcome: { kind: "sent", providerId }, status: profile.res.status };

    const accountId = this.settings.accountId;
    const done =
      action.actionType === "connection_request"
        ? await this.request(
            "POST",
            "/api/v1/users/invite",
            { account_id: accountId, provider_id: providerId, ...(text ? { message: text } : {}) },
            action.key,
          )
        : await this.request(
            "POST",
            "/api/v1/chats",
            {
              account_id: accountId,
              attendees_ids: [providerId],
              text,
              ...(action.actionType === "inmail"
                ? {
                    ...(action.subject ? { subject: action.subject } : {}),
                    linkedin: { api: "classic", inmail: true },
                  }
                : {}),
            },
            action.key,
          );
    if (!done.ok) return done;
    const body = (done.res.json ?? {}) as Record<string, unknown>;
    const id = [body.invitation_id, body.message_id, body.chat_id, body.id].find(
      (v) => typeof v === "string",
    );
    return {
      outcome: { kind: "sent", providerId: (id as string | undefined) ?? null },
      status: done.res.status,
    };
  }

  private async request(
    method: "GET" | "POST",
    path: string,
    body: Record<string, unknown> | undefined,
    idempotencyKey: string | null,
  ): Promise<
    { ok: true; res: ProviderResponse } | { ok: false; outcome: SendOutcome; status: number | null }
  > {
    let res: ProviderResponse;
    try {
      res = await callProvider(
        `${this.settings.baseUrl}${path}`,
        {
          method,
          headers: {
            "x-api-key": this.settings.apiKey,
            accept: "application/json",
            ...(body ? { "content-type": "application/json" } : {}),
            ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        },
        this.options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS,
      );
    } catch (err) {
      if (err instanceof ProviderUnreachableError) {
        return { ok: false, outcome: { kind: "transient", error: err.message }, status: null };
      }
      throw err;
    }
    if (res.status >= 200 && res.status < 300) return { ok: true, res };
    return {
      ok: false,
      outcome: httpFailure(res, this.options.cooldownMs ?? DEFAULT_LINKEDIN_COOLDOWN_MS),
      status: res.status,
    };
  }
}

/** `https://www.linkedin.com/in/ada-lovelace/` -> `ada-lovelace`; a bare identifier passes as is. */
export function profileIdentifier(profileUrl: string): string | null {
  const value = profileUrl.trim();
  if (/^[A-Za-z0-9_-]{2,100}$/.test(value)) return value;
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    return null;
  }
  if (!/(^|\.)linkedin\.com$/i.test(url.hostname)) return null;
  const slug = /^\/in\/([^/]+)/.exec(url.pathname)?.[1];
  if (!slug) return null;
  try {
    return decodeURIComponent(slug);
  } catch {
    return null;
  }
}
