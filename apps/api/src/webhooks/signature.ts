import { randomBase62, toHex } from "../lib/crypto";

/**
 * Webhook signatures: `Cadence-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * The HMAC key is the whole secret string (`whsec_...`) as UTF-8. Signing the timestamp with the body
 * lets a receiver reject replays of an old delivery; `v1` leaves room for another scheme later, and a
 * receiver accepts the header when any `v1` entry matches.
 */
export const SIGNATURE_HEADER = "Cadence-Signature";
export const EVENT_ID_HEADER = "Cadence-Event-Id";
export const DEFAULT_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

/** A new signing secret: `whsec_` and 32 base62 characters (about 190 bits). */
export function newWebhookSecret(): string {
  return `whsec_${randomBase62(32)}`;
}

function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    usage,
  ]);
}

/** The `Cadence-Signature` header value for `body` sent at `timestamp` (unix seconds). */
export async function signWebhookPayload(secret: string, timestamp: number, body: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    await hmacKey(secret, "sign"),
    encoder.encode(`${timestamp}.${body}`),
  );
  return `t=${timestamp},v1=${toHex(mac)}`;
}

function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length !== 64 || !/^[0-9a-f]+$/i.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * True when `header` carries a `v1` HMAC of `body` under `secret` and its timestamp is within
 * `toleranceSeconds` of `nowMs`. `body` must be the raw request body, byte for byte as received.
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
  nowMs: number = Date.now(),
): Promise<boolean> {
  if (!header) return false;
  let timestamp: string | null = null;
  const candidates: Uint8Array[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === "t" && timestamp === null) timestamp = value;
    if (name === "v1") {
      const bytes = hexToBytes(value);
      if (bytes) candidates.push(bytes);
    }
  }
  if (timestamp === null || !/^\d{1,12}$/.test(timestamp) || candidates.length === 0) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const key = await hmacKey(secret, "verify");
  const signed = encoder.encode(`${timestamp}.${body}`);
  // subtle.verify compares in constant time.
  for (const mac of candidates) if (await crypto.subtle.verify("HMAC", key, mac, signed)) return true;
  return false;
}
