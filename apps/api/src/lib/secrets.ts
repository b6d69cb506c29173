import type { BaseEnv } from "../base-env";
import { assertDeployment, LOCAL_DEV_SECRETS_KEY, secretsKeyProblem } from "./deployment";

/**
 * Secrets at rest (SMTP passwords, provider API keys, webhook secrets, idempotent replies) are
 * AES-256-GCM encrypted with a key from the `SECRETS_KEY` Worker secret (32 bytes, base64).
 *
 * Stored form: `v2.<key id>.<iv base64>.<ciphertext base64>`, where the key id is derived from the key
 * (the first 8 hex digits of SHA-256 over a label and the key bytes: it names the key without
 * revealing it) and `v2.<key id>` is bound to the ciphertext as additional data. Rows written before
 * key ids, `v1.<iv>.<ciphertext>`, are still read: each known key is tried in turn.
 *
 * Rotation: set the new key as SECRETS_KEY and the old one in SECRETS_KEY_PREVIOUS (several may be
 * listed, separated by commas or spaces); both decrypt, only SECRETS_KEY encrypts. Then
 * `POST /api/v1/admin/secrets/re-encrypt` rewrites every stored secret under SECRETS_KEY
 * (lib/re-encrypt.ts), after which the previous key can be removed.
 *
 * Only with ENVIRONMENT=local is the development key used when none is set; anywhere else a missing,
 * malformed or development key is refused (DeploymentConfigError).
 */

interface RingKey {
  id: string;
  key: CryptoKey;
}

const keyCache = new Map<string, Promise<RingKey>>();
const encoder = new TextEncoder();

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

/** The usable secrets key (base64), or a DeploymentConfigError naming what is wrong with it. */
export function secretsKeyMaterial(env: BaseEnv): string {
  assertDeployment(secretsKeyProblem(env));
  return env.SECRETS_KEY?.trim() || LOCAL_DEV_SECRETS_KEY;
}

/** The keys listed in SECRETS_KEY_PREVIOUS (base64, separated by commas or whitespace). */
export function previousKeyMaterials(env: Pick<BaseEnv, "SECRETS_KEY_PREVIOUS">): string[] {
  return (env.SECRETS_KEY_PREVIOUS ?? "").split(/[\s,]+/).filter(Boolean);
}

/** The id stored with every secret encrypted under this key (base64 key material). */
export async function secretsKeyId(material: string): Promise<string> {
  const bytes = base64ToBytes(material);
  const labelled = new Uint8Array([...encoder.encode("cadence secrets key id\0"), ...bytes]);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", labelled));
  return Array.from(digest.slice(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
}

function ringKey(material: string): Promise<RingKey> {
  let entry = keyCache.get(material);
  if (!entry) {
    entry = (async () => ({
      id: await secretsKeyId(material),
      key: await crypto.subtle.importKey("raw", base64ToBytes(material), "AES-GCM", false, [
        "encrypt",
        "decrypt",
      ]),
    }))();
    keyCache.set(material, entry);
  }
  return entry;
}

/** The key that encrypts: SECRETS_KEY (or the development key, locally). */
export function currentKey(env: BaseEnv): Promise<RingKey> {
  return ringKey(secretsKeyMaterial(env));
}

/** Every key that decrypts: SECRETS_KEY first, then SECRETS_KEY_PREVIOUS in order. */
async function keyring(env: BaseEnv): Promise<RingKey[]> {
  return Promise.all([secretsKeyMaterial(env), ...previousKeyMaterials(env)].map(ringKey));
}

/** True when `stored` is already encrypted under the current SECRETS_KEY. */
export async function isUnderCurrentKey(env: BaseEnv, stored: string): Promise<boolean> {
  return stored.startsWith(`v2.${(await currentKey(env)).id}.`);
}

export async function encryptSecret(env: BaseEnv, plaintext: string): Promise<string> {
  const { id, key } = await currentKey(env);
  const header = `v2.${id}`;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(header) },
    key,
    encoder.encode(plaintext),
  );
  return `${header}.${bytesToBase64(iv)}.${bytesToBase64(new Uint8Array(sealed))}`;
}

/** A stored secret that none of the configured keys can open. */
export class UnknownSecretKeyError extends Error {}

export async function decryptSecret(env: BaseEnv, stored: string): Promise<string> {
  const parts = stored.split(".");
  const ring = await keyring(env);
  if (parts[0] === "v2" && parts.length === 4) {
    const [, id, iv, data] = parts as [string, string, string, string];
    const entry = ring.find((k) => k.id === id);
    if (!entry) {
      throw new UnknownSecretKeyError(
        `secret encrypted under key ${id}, which is neither SECRETS_KEY nor listed in SECRETS_KEY_PREVIOUS`,
      );
    }
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: base64ToBytes(iv), additionalData: encoder.encode(`v2.${id}`) },
      entry.key,
      base64ToBytes(data),
    );
    return new TextDecoder().decode(plain);
  }
  if (parts[0] === "v1" && parts.length === 3) {
    // No key id: the first key whose authentication tag matches is the one.
    const iv = base64ToBytes(parts[1]!);
    const data = base64ToBytes(parts[2]!);
    for (const { key } of ring) {
      try {
        return new TextDecoder().decode(await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, data));
      } catch {}
    }
    throw new UnknownSecretKeyError(
      "v1 secret that neither SECRETS_KEY nor a key in SECRETS_KEY_PREVIOUS decrypts",
    );
  }
  throw new Error("unrecognised secret format");
}
