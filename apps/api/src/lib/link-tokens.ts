import type { BaseEnv } from "../base-env";
import { assertDeployment, linkSigningKeyProblem } from "./deployment";
import { secretsKeyMaterial } from "./secrets";

/**
 * Signed tokens for links inside emails (unsubscribe, click tracking): base64url(JSON payload) "."
 * base64url(HMAC-SHA256). A token proves what it names; nothing in it is secret.
 */
export interface LinkPayload {
  /** u = unsubscribe, c = click */
  k: "u" | "c";
  /** campaign id */
  c: string;
  /** dataset row (the lead) */
  r: number;
  /** step */
  s?: number;
  /** destination of a tracked link */
  url?: string;
}

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function b64url(bytes: Uint8Array): string {
  // Tokens are short (under a few hundred bytes), so one fromCharCode call is safe and fast.
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

function fromB64url(text: string): Uint8Array {
  const b64 = text.replaceAll("-", "+").replaceAll("_", "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * The signing secret behind every token in mail (links here, reply tags in `reply-tags.ts`): outside
 * local development LINK_SIGNING_KEY is required; locally it may be derived from the secrets key.
 */
export function linkKeyMaterial(env: BaseEnv): string {
  assertDeployment(linkSigningKeyProblem(env));
  return env.LINK_SIGNING_KEY?.trim() || `links:${secretsKeyMaterial(env)}`;
}

function hmacKey(env: BaseEnv): Promise<CryptoKey> {
  const material = linkKeyMaterial(env);
  let key = keys.get(material);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(material), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.set(material, key);
  }
  return key;
}

export async function signLinkToken(env: BaseEnv, payload: LinkPayload): Promise<string> {
  const body = b64url(encoder.encode(JSON.stringify(payload)));
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(env), encoder.encode(body)));
  return `${body}.${b64url(sig)}`;
}

/** The payload of a valid token, or null for anything tampered, truncated or malformed. */
export async function verifyLinkToken(env: BaseEnv, token: string): Promise<LinkPayload | null> {
  const dot = token.indexOf(".");
  if (dot < 1 || token.length > 4096) return null;
  const body = token.slice(0, dot);
  try {
    const ok = await crypto.subtle.verify(
      "HMAC",
      await hmacKey(env),
      fromB64url(token.slice(dot + 1)),
      encoder.encode(body),
    );
    if (!ok) return null;
    const payload = JSON.parse(new TextDecoder().decode(fromB64url(body))) as LinkPayload;
    if (
      (payload.k !== "u" && payload.k !== "c") ||
      typeof payload.c !== "string" ||
      !Number.isInteger(payload.r)
    )
      return null;
    return payload;
  } catch {
    return null;
  }
}
