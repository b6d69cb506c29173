// Shared with the Worker-side tests, which cannot import the Node server itself.

/** What the receiver does with one request to a sink: answer, hold it open, or drop the connection. */
export type ReceiverResponse =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { hang_ms: number }
  | { close: true };

export interface ReceivedRequest {
  method: string;
  path: string;
  /** Lower-cased header names, as Node parses them. */
  headers: Record<string, string>;
  /** The raw body, byte for byte (UTF-8), as a receiver would verify it. */
  body: string;
  received_at: number;
}
