/**
 * Verifying Cadence webhook deliveries, with WebCrypto only (Node 20+, Deno, Bun, Workers, browsers).
 * `Cadence-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, keyed with the
 * whole secret string (`whsec_...`) as UTF-8; any one matching `v1` accepts the delivery.
 */
import type { WebhookEvent } from "./types.js";

export const SIGNATURE_HEADER = "Cadence-Signature";
export const EVENT_ID_HEADER = "Cadence-Event-Id";
/** Deliveries whose `t` is further than this from the receiver's clock are refused as replays. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface VerifyWebhookOptions {
  /** The webhook's signing secret (`whsec_...`). */
  secret: string;
  /** The `Cadence-Signature` header as received. */
  signature: string | null | undefined;
  /** The raw body exactly as received, before any JSON parsing (text or bytes). */
  body: string | Uint8Array | ArrayBuffer;
  toleranceSeconds?: number;
  /** The receiver's clock, in milliseconds (default `Date.now()`). */
  now?: number;
}

const encoder = new TextEncoder();

function parseSignature(header: string): { timestamp: string | null; macs: Uint8Array<ArrayBuffer>[] } {
  let timestamp: string | null = null;
  const macs: Uint8Array<ArrayBuffer>[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === "t" && timestamp === null) timestamp = value;
    if (name === "v1" && /^[0-9a-fA-F]{64}$/.test(value)) {
      macs.push(Uint8Array.from(value.match(/../g)!, (byte) => Number.parseInt(byte, 16)));
    }
  }
  return { timestamp, macs };
}

/** True when `signature` signs `body` with `secret` and its timestamp is within the tolerance. */
export async function verifyWebhookSignature(options: VerifyWebhookOptions): Promise<boolean> {
  if (!options.signature) return false;
  const { timestamp, macs } = parseSignature(options.signature);
  if (timestamp === null || !/^\d{1,12}$/.test(timestamp) || macs.length === 0) return false;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs((options.now ?? Date.now()) / 1000 - Number(timestamp)) > tolerance) return false;

  const body = typeof options.body === "string" ? encoder.encode(options.body) : new Uint8Array(options.body);
  const prefix = encoder.encode(`${timestamp}.`);
  const signed = new Uint8Array(prefix.byteLength + body.byteLength);
  signed.set(prefix);
  signed.set(body, prefix.byteLength);
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(options.secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  // subtle.verify compares in constant time; a string comparison of hex digests would not.
  for (const mac of macs) if (await crypto.subtle.verify("HMAC", key, mac, signed)) return true;
  return false;
}

export class CadenceWebhookError extends Error {
  override readonly name = "CadenceWebhookError";
}

/** Verifies a delivery and returns its parsed event; throws `CadenceWebhookError` when it does not verify. */
export async function constructWebhookEvent(options: VerifyWebhookOptions): Promise<WebhookEvent> {
  if (!(await verifyWebhookSignature(options))) {
    throw new CadenceWebhookError("The Cadence-Signature header does not sign this body with this secret");
  }
  const text = typeof options.body === "string" ? options.body : new TextDecoder().decode(options.body);
  return JSON.parse(text) as WebhookEvent;
}
