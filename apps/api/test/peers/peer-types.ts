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

export interface AiPeerInfo {
  /** The peer's origin: control routes under /control, Workers AI under /workers-ai/run. */
  url: string;
  /** Chat Completions base URL (`.../v1`), what a provider's `base_url` is set to. */
  baseUrl: string;
}

/**
 * How the AI peer answers one request. ok: a JSON email made from the lead data (after `delay_ms`;
 * `email` overrides it; `usage: false` leaves usage out). hold: waits for /control/<model>/release.
 * rate_limit: 429 with Retry-After `retry_after` when given. server_error: 500. bad_request: 400.
 * malformed: text that is not JSON. empty: an empty content. empty_json: `{}`. merge_tag: an email
 * with `{{first_name}}` left in. reject_response_format: 400 when the request has response_format,
 * else an email inside a Markdown code fence.
 */
export type AiPeerBehaviour =
  | { kind: "ok"; delay_ms?: number; email?: { subject: string; body: string }; usage?: boolean }
  | { kind: "hold" }
  | { kind: "rate_limit"; retry_after?: number | string }
  | { kind: "server_error" }
  | { kind: "bad_request" }
  | { kind: "malformed" }
  | { kind: "empty" }
  | { kind: "empty_json" }
  | { kind: "merge_tag" }
  | { kind: "reject_response_format" };

export interface AiPeerRequest {
  received_at: number;
  authorization: string | null;
  model: string;
  messages: { role: "system" | "user" | "assistant"; content: string }[];
  response_format: unknown;
  temperature: number | null;
  max_tokens: number | null;
  api: "chat_completions" | "workers_ai";
}
