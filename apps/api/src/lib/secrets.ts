import type { Env } from "../env";

/**
 * Secrets at rest (SMTP passwords, provider API keys, webhook secrets) are AES-256-GCM encrypted
 * with a key from the `SECRETS_KEY` Worker secret (32 bytes, base64). Stored form:
 * `v1.<iv base64>.<ciphertext base64>`. Locally (ENVIRONMENT=local) a fixed development key is used
 * when none is set; anywhere else a missing key is a start-up error.
 */
const LOCAL_DEV_KEY = "Y2FkZW5jZS1sb2NhbC1kZXZlbG9wbWVudC1rZXktMDA="; // "cadence-local-development-key-00"

/** A deployment problem with SECRETS_KEY; its message names the variable and says how to fix it. */
export class SecretsKeyError extends Error {}

export class MissingSecretsKeyError extends SecretsKeyError {
  constructor() {
    super("SECRETS_KEY is not set: run `wrangler secret put SECRETS_KEY` with 32 random bytes in base64");
  }
}

const keyCache = new Map<string, Promise<CryptoKey>>();

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function secretsKeyMaterial(env: Env): string {
  const configured = env.SECRETS_KEY?.trim();
  if (configured) return configured;
  if ((env.ENVIRONMENT ?? "local") === "local") return LOCAL_DEV_KEY;
  throw new MissingSecretsKeyError();
}

function keyBytes(material: string): Uint8Array {
  let raw: Uint8Array | null;
  try {
    raw = base64ToBytes(material);
  } catch {
    raw = null; // not base64 at all
  }
  if (raw?.length !== 32) throw new SecretsKeyError("SECRETS_KEY must be 32 random bytes, base64-encoded");
  return raw;
}

/** Start-up check: throws a SecretsKeyError unless a usable key is configured (or implied locally). */
export function assertSecretsKey(env: Env): void {
  keyBytes(secretsKeyMaterial(env));
}

function aesKey(env: Env): Promise<CryptoKey> {
  const material = secretsKeyMaterial(env);
  let key = keyCache.get(material);
  if (!key) {
    key = crypto.subtle.importKey("raw", keyBytes(material), "AES-GCM", false, ["encrypt", "decrypt"]);
    keyCache.set(material, key);
  }
  return key;
}

export async function encryptSecret(env: Env, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await aesKey(env),
    new TextEncoder().encode(plaintext),
  );
  return `v1.${bytesToBase64(iv)}.${bytesToBase64(new Uint8Array(sealed))}`;
}

export async function decryptSecret(env: Env, stored: string): Promise<string> {
  const [version, iv, data] = stored.split(".");
  if (version !== "v1" || !iv || !data) throw new Error("unrecognised secret format");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: base64ToBytes(iv) },
    await aesKey(env),
    base64ToBytes(data),
  );
  return new TextDecoder().decode(plain);
}
