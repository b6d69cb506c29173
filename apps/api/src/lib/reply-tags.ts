import {
  parseTaggedAddress,
  signTag,
  type TaggedAction,
  type TagKind,
  taggedAddress,
  verifyTag,
} from "@cadence/inbound";
import type { BaseEnv } from "../base-env";
import { linkKeyMaterial } from "./link-tokens";

/**
 * The key of the signed tags in Cadence's reply and bounce addresses: HKDF-SHA256 of the link-signing
 * secret with its own label, so a reply tag can never be confused with a link token signed by the
 * same secret, and rotating LINK_SIGNING_KEY rotates both.
 */
const keys = new Map<string, Promise<CryptoKey>>();
const encoder = new TextEncoder();

function tagKey(env: BaseEnv): Promise<CryptoKey> {
  const material = linkKeyMaterial(env);
  let key = keys.get(material);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", encoder.encode(material), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey(
          {
            name: "HKDF",
            hash: "SHA-256",
            salt: new Uint8Array(0),
            info: encoder.encode("cadence reply tags v1"),
          },
          base,
          { name: "HMAC", hash: "SHA-256", length: 256 },
          false,
          ["sign"],
        ),
      );
    keys.set(material, key);
  }
  return key;
}

/** The inbound domain, or null when inbound mail is not configured. */
export function inboundDomain(env: BaseEnv): string | null {
  return env.INBOUND_DOMAIN?.trim().toLowerCase() || null;
}

/** The Reply-To and envelope sender of one action, or null without INBOUND_DOMAIN (or an unsignable id). */
export async function replyAddresses(
  env: BaseEnv,
  action: TaggedAction,
): Promise<{ replyTo: string; envelopeFrom: string } | null> {
  const domain = inboundDomain(env);
  if (!domain) return null;
  const key = await tagKey(env);
  const [reply, bounce] = await Promise.all([signTag(key, "r", action), signTag(key, "b", action)]);
  if (!reply || !bounce) return null;
  return { replyTo: taggedAddress("r", reply, domain), envelopeFrom: taggedAddress("b", bounce, domain) };
}

/**
 * What a recipient address on the inbound domain names: `{ action }` for a valid tag, `{ tampered }`
 * for a tag that does not verify, null for any other address.
 */
export async function readTaggedAddress(
  env: BaseEnv,
  address: string,
): Promise<{ kind: TagKind; action: TaggedAction } | { kind: TagKind; action: null } | null> {
  const domain = inboundDomain(env);
  if (!domain) return null;
  const tag = parseTaggedAddress(address, domain);
  if (!tag) return null;
  return { kind: tag.kind, action: await verifyTag(await tagKey(env), tag.kind, tag.token) };
}
