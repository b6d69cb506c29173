// Shapes the delivery peers share with the Worker-side tests, which cannot import the Node servers.

export interface SmtpPeerInfo {
  host: string;
  port: number;
  /** A TCP port that accepts connections and never answers. */
  silentPort: number;
  username: string;
  password: string;
}

/** reject_rcpt: 550 at RCPT; defer_rcpt: 450 at RCPT; drop_data: hang up after the body, before the 250. */
export type SmtpFault = "reject_rcpt" | "defer_rcpt" | "drop_data";

export interface ReceivedMessage {
  envelope: { from: string; to: string[] };
  user: string | null;
  subject: string;
  text: string | null;
  html: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  references: string[];
  /** Every header, lower-cased name -> value as received (unfolded, not decoded). */
  headers: Record<string, string>;
  /** MIME types of the text parts, e.g. ["text/plain", "text/html"]. */
  parts: string[];
  raw: string;
}

export interface EmailProviderInfo {
  url: string;
  apiKey: string;
  /** A valid key restricted to sending: GET /domains answers 401 restricted_api_key, like Resend. */
  sendOnlyApiKey: string;
}

/**
 * rate_limit: 429 with Retry-After: 7. server_error: 500. timeout: never answers. reject: 422.
 * lose_response: stores the email (and its idempotency record), then destroys the socket.
 */
export type EmailProviderFault = "rate_limit" | "server_error" | "timeout" | "reject" | "lose_response";

export interface LinkedInProviderInfo {
  url: string;
  apiKey: string;
  accountId: string;
}

/**
 * Keyed by the profile's public identifier. not_found: the profile lookup answers 404. The others
 * hit the request that performs the action (the one with an Idempotency-Key): rate_limit: 429 with
 * Retry-After: 90; rate_limit_bare: 429 without Retry-After; server_error: 500; timeout: never
 * answers; lose_response: performs the action, then destroys the socket.
 */
export type LinkedInProviderFault =
  | "not_found"
  | "rate_limit"
  | "rate_limit_bare"
  | "server_error"
  | "timeout"
  | "lose_response";
