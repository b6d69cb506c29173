import type { BaseEnv } from "../base-env";
import { assertDeployment, LOCAL_DEV_SECRETS_KEY, secretsKeyProblem } from "./deployment";

/**
 * Secrets at rest (SMTP passwords, provider API keys, webhook secrets) are AES-256-GCM encrypted
 * with a key from the `SECRETS_KEY` Worker secret (32 bytes, base64). Stored form:
 * `v1.<iv base64>.<ciphertext base64>`. Only with ENVIRONMENT=local is the development key used when
 * none is set; anywhere else a missing, malformed or development key is refused (DeploymentConfigError).
 */

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

/** The usable secrets key (base64), or a DeploymentConfigError naming what is wrong with it. */
export function secretsKeyMaterial(env: BaseEnv): string {
  assertDeployment(secretsKeyProblem(env));
  return env.SECRETS_KEY?.trim() || LOCAL_DEV_SECRETS_KEY;
}

function aesKey(env: BaseEnv): Promise<CryptoKey> {
  const material = secretsKeyMaterial(env);
  let key = keyCache.get(material);
  if (!key) {
    key = crypto.subtle.importKey("raw", base64ToBytes(material), "AES-GCM", false, ["encrypt", "decrypt"]);
    keyCache.set(material, key);
  }
  return key;
}

export async function encryptSecret(env: BaseEnv, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await aesKey(env),
    new TextEncoder().encode(plaintext),
  );
  return `v1.${bytesToBase64(iv)}.${bytesToBase64(new Uint8Array(sealed))}`;
}

export async function decryptSecret(env: BaseEnv, stored: string): Promise<string> {
  const [version, iv, data] = stored.split(".");
  if (version !== "v1" || !iv || !data) throw new Error("unrecognised secret format");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: base64ToBytes(iv) },
    await aesKey(env),
    base64ToBytes(data),
  );
  return new TextDecoder().decode(plain);
}
