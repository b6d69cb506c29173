/** What a channel is asked to deliver: one fully rendered action with its stable key. */
export interface OutboundEmail {
  kind: "email";
  key: string;
  from: { email: string; name: string | null };
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Message-ID, In-Reply-To, References, List-Unsubscribe, Reply-To ... */
  headers: Record<string, string>;
  /** The destinations of the links rewritten for click tracking (a click is redirected only to one of these). */
  trackedUrls?: string[];
  /**
   * The envelope sender (SMTP MAIL FROM, where bounces go) when it is not `from.email`: Cadence's
   * tagged bounce address on INBOUND_DOMAIN. HTTP providers choose their own.
   */
  envelopeFrom?: string;
}

export interface OutboundLinkedIn {
  kind: "linkedin";
  key: string;
  actionType: "connection_request" | "message" | "profile_visit" | "inmail";
  profileUrl: string;
  text: string | null;
  subject: string | null;
}

export type OutboundAction = OutboundEmail | OutboundLinkedIn;

export type SendOutcome =
  | { kind: "sent"; providerId: string | null }
  /** Timeout, 429, 5xx, dropped connection: retry later with the same key. */
  | { kind: "transient"; error: string; retryAfterMs?: number; throttled?: boolean }
  /** Rejected recipient, other 4xx: fail this action with the provider's reason. */
  | { kind: "permanent"; error: string };

/** After a crash between claim and record: did the provider take the action? */
export type ReconcileOutcome = "sent" | "not_sent" | "unknown";

export interface Channel {
  send(action: OutboundAction): Promise<SendOutcome>;
  /**
   * `action` is the same action re-composed from its key, when the caller can: providers with
   * idempotency keys reconcile by resending it under the same key (the provider answers with the
   * original result instead of sending twice). Without it those channels can only say "unknown".
   */
  reconcile(key: string, action?: OutboundAction): Promise<ReconcileOutcome>;
}
