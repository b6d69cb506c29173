import { base32nopad } from "@scure/base";

/**
 * Signed per-message tags in the local part of Cadence's own addresses: `r+<token>@INBOUND_DOMAIN` as
 * the Reply-To of each email, `b+<token>@INBOUND_DOMAIN` as its envelope sender (bounces and RFC 3834
 * automatic replies go there). The token is base32 (lower case, no padding: local parts are often
 * lower-cased on the way) of
 *
 *   campaign id (16 bytes, the UUID) | dataset row (unsigned LEB128) | step (1 byte) | MAC (10 bytes)
 *
 * where MAC is the first 80 bits of HMAC-SHA256 over "cadence-tag:v1:<kind>:" and the bytes before it,
 * so a tag names exactly one action, a reply tag cannot be turned into a bounce tag, and changing any
 * byte is detected (a forgery needs about 2^80 tries). 48 characters for a typical row, so the whole
 * local part stays well under the 64 characters SMTP allows. The key comes from the caller (the Worker
 * derives it from LINK_SIGNING_KEY).
 */
export interface TaggedAction {
  campaignId: string;
  rowIndex: number;
  step: number;
}

/** `r`: the Reply-To; `b`: the envelope sender (bounces, automatic replies). */
export type TagKind = "r" | "b";

/** The HMAC-SHA256 key (WebCrypto's CryptoKey, named here without depending on a runtime's global types). */
export type TagKey = Parameters<typeof crypto.subtle.sign>[1];

const MAC_BYTES = 10;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const encoder = new TextEncoder();

function uuidBytes(id: string): Uint8Array | null {
  if (!UUID.test(id)) return null;
  const hex = id.replaceAll("-", "");
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function uuidText(bytes: Uint8Array): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function mac(key: TagKey, kind: TagKind, body: Uint8Array): Promise<Uint8Array> {
  const prefix = encoder.encode(`cadence-tag:v1:${kind}:`);
  const data = new Uint8Array(prefix.length + body.length);
  data.set(prefix);
  data.set(body, prefix.length);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, data)).slice(0, MAC_BYTES);
}

/** The token for one action, or null when the campaign id is not a UUID or the numbers are out of range. */
export async function signTag(key: TagKey, kind: TagKind, action: TaggedAction): Promise<string | null> {
  const campaign = uuidBytes(action.campaignId);
  if (!campaign || !Number.isSafeInteger(action.rowIndex) || action.rowIndex < 0) return null;
  if (!Number.isInteger(action.step) || action.step < 0 || action.step > 255) return null;
  const row: number[] = [];
  let n = action.rowIndex;
  do {
    const low = n % 128;
    n = Math.floor(n / 128);
    row.push(n > 0 ? low | 0x80 : low);
  } while (n > 0);
  const body = new Uint8Array([...campaign, ...row, action.step]);
  const tail = await mac(key, kind, body);
  return base32nopad.encode(new Uint8Array([...body, ...tail])).toLowerCase();
}

/** The action a token names, or null for anything altered, truncated or malformed. */
export async function verifyTag(key: TagKey, kind: TagKind, token: string): Promise<TaggedAction | null> {
  if (!/^[a-z2-7]{30,80}$/i.test(token)) return null;
  let bytes: Uint8Array;
  try {
    bytes = base32nopad.decode(token.toUpperCase());
  } catch {
    return null;
  }
  if (bytes.length < 16 + 1 + 1 + MAC_BYTES) return null;
  const body = bytes.slice(0, bytes.length - MAC_BYTES);
  const expected = await mac(key, kind, body);
  let diff = 0;
  for (let i = 0; i < MAC_BYTES; i++) diff |= expected[i]! ^ bytes[body.length + i]!;
  if (diff !== 0) return null;
  let rowIndex = 0;
  let scale = 1;
  let i = 16;
  for (; i < body.length - 1; i++) {
    rowIndex += (body[i]! & 0x7f) * scale;
    scale *= 128;
    if ((body[i]! & 0x80) === 0) break;
  }
  // Exactly one step byte must follow the row.
  if (i !== body.length - 2 || !Number.isSafeInteger(rowIndex)) return null;
  return { campaignId: uuidText(body.slice(0, 16)), rowIndex, step: body[body.length - 1]! };
}

/** `r+<token>@domain`. */
export function taggedAddress(kind: TagKind, token: string, domain: string): string {
  return `${kind}+${token}@${domain}`;
}

/** Splits `r+<token>@domain` (domain compared without case); null for any other address. */
export function parseTaggedAddress(address: string, domain: string): { kind: TagKind; token: string } | null {
  const m = /^([rb])\+([a-z2-7]+)@(.+)$/i.exec(address.trim());
  if (!m || m[3]!.toLowerCase() !== domain.toLowerCase()) return null;
  return { kind: m[1]!.toLowerCase() as TagKind, token: m[2]!.toLowerCase() };
}
