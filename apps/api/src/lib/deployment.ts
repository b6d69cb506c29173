import type { BaseEnv } from "../base-env";

/**
 * What kind of deployment this is, and whether its configuration is safe to serve. Only an explicit
 * `ENVIRONMENT=local` (set by `pnpm dev`, the test pool and the benchmarks, never by the shipped
 * wrangler.jsonc) turns on the development conveniences: a built-in secrets key, plain-http provider
 * and webhook URLs, loopback peers. A missing or any other value is a deployment.
 */
export function isLocal(env: Pick<BaseEnv, "ENVIRONMENT">): boolean {
  return env.ENVIRONMENT === "local";
}

/** The development secrets key committed in this repository ("cadence-local-development-key-00"). */
export const LOCAL_DEV_SECRETS_KEY = "Y2FkZW5jZS1sb2NhbC1kZXZlbG9wbWVudC1rZXktMDA=";

/** A deployment setting that is missing or unusable; its message names the setting and how to fix it. */
export class DeploymentConfigError extends Error {}

const HOW_TO_KEY = "generate one with `openssl rand -base64 32`";

function decodeBase64(text: string): Uint8Array | null {
  try {
    const bin = atob(text);
    return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * Fewer than 16 distinct values in 32 bytes never happens by chance (random bytes have about 30):
 * it is a typed or patterned key ("0000…", "aaaa…", a word repeated), guessable by anyone.
 */
function looksPatterned(values: ArrayLike<number>): boolean {
  return new Set(Array.from(values)).size < 16;
}

/** Why SECRETS_KEY cannot be used here, or null. Locally an unset key means the development key. */
export function secretsKeyProblem(env: Pick<BaseEnv, "ENVIRONMENT" | "SECRETS_KEY">): string | null {
  const value = env.SECRETS_KEY?.trim();
  if (!value) {
    return isLocal(env)
      ? null
      : `SECRETS_KEY is not set: run \`wrangler secret put SECRETS_KEY\` with 32 random bytes in base64 (${HOW_TO_KEY})`;
  }
  const bytes = decodeBase64(value);
  if (bytes?.length !== 32) return `SECRETS_KEY must be 32 random bytes, base64-encoded (${HOW_TO_KEY})`;
  if (isLocal(env)) return null;
  if (value === LOCAL_DEV_SECRETS_KEY)
    return `SECRETS_KEY is the development key committed in the repository: set your own (${HOW_TO_KEY})`;
  if (looksPatterned(bytes)) return `SECRETS_KEY is not random enough: set a random one (${HOW_TO_KEY})`;
  return null;
}

/** Why LINK_SIGNING_KEY cannot be used here, or null. Locally an unset key is derived from the secrets key. */
export function linkSigningKeyProblem(
  env: Pick<BaseEnv, "ENVIRONMENT" | "SECRETS_KEY" | "LINK_SIGNING_KEY">,
): string | null {
  const value = env.LINK_SIGNING_KEY?.trim();
  if (isLocal(env)) return null;
  if (!value)
    return `LINK_SIGNING_KEY is not set: run \`wrangler secret put LINK_SIGNING_KEY\` (${HOW_TO_KEY}); it signs unsubscribe and click links`;
  if (value.length < 32 || looksPatterned(new TextEncoder().encode(value)))
    return `LINK_SIGNING_KEY is too weak: use at least 32 random bytes (${HOW_TO_KEY})`;
  if (value === LOCAL_DEV_SECRETS_KEY || value === env.SECRETS_KEY?.trim())
    return "LINK_SIGNING_KEY must be its own key, not the development key nor SECRETS_KEY";
  return null;
}

/** Why SECRETS_KEY_PREVIOUS cannot be used (each listed key must be 32 bytes of base64), or null. */
export function previousSecretsKeysProblem(env: Pick<BaseEnv, "SECRETS_KEY_PREVIOUS">): string | null {
  const keys = (env.SECRETS_KEY_PREVIOUS ?? "").split(/[\s,]+/).filter(Boolean);
  const bad = keys.findIndex((k) => decodeBase64(k)?.length !== 32);
  if (bad === -1) return null;
  return `SECRETS_KEY_PREVIOUS: key ${bad + 1} of ${keys.length} is not 32 bytes of base64 (list earlier SECRETS_KEY values, separated by commas)`;
}

/**
 * Why ADMIN_TOKEN cannot be used, or null. Unset is fine: the admin routes are then disabled. Set,
 * it must be long and random outside local, and not another key of this deployment.
 */
export function adminTokenProblem(
  env: Pick<BaseEnv, "ENVIRONMENT" | "ADMIN_TOKEN" | "SECRETS_KEY" | "LINK_SIGNING_KEY">,
): string | null {
  const value = env.ADMIN_TOKEN?.trim();
  if (!value || isLocal(env)) return null;
  if (value.length < 32 || looksPatterned(new TextEncoder().encode(value)))
    return `ADMIN_TOKEN is too weak: use at least 32 random bytes (${HOW_TO_KEY}), or delete it to disable the admin routes`;
  if (
    value === LOCAL_DEV_SECRETS_KEY ||
    value === env.SECRETS_KEY?.trim() ||
    value === env.LINK_SIGNING_KEY?.trim()
  )
    return "ADMIN_TOKEN must be its own secret, not SECRETS_KEY, LINK_SIGNING_KEY nor the development key";
  return null;
}

/** Why PUBLIC_BASE_URL cannot be used here, or null. Locally links fall back to the request's origin. */
export function publicBaseUrlProblem(env: Pick<BaseEnv, "ENVIRONMENT" | "PUBLIC_BASE_URL">): string | null {
  const value = env.PUBLIC_BASE_URL?.trim();
  if (!value) {
    return isLocal(env)
      ? null
      : "PUBLIC_BASE_URL is not set: set it (wrangler.jsonc `vars` of the environment) to the https origin that serves this Worker; links in emails use it";
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "PUBLIC_BASE_URL must be an absolute URL such as https://cadence.example.com";
  }
  if (!isLocal(env) && url.protocol !== "https:")
    return "PUBLIC_BASE_URL must use https: links in emails carry signed tokens";
  if (url.pathname !== "/" || url.search || url.hash)
    return "PUBLIC_BASE_URL must be an origin only (no path, query or fragment)";
  return null;
}

const DOMAIN =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Why the inbound settings cannot be used, or null (both are optional). */
export function inboundProblem(env: Pick<BaseEnv, "INBOUND_DOMAIN" | "INBOUND_CATCH_ALL">): string | null {
  const domain = env.INBOUND_DOMAIN?.trim();
  if (domain && !DOMAIN.test(domain))
    return "INBOUND_DOMAIN must be a domain name such as inbound.example.com (the domain routed to this Worker)";
  const catchAll = env.INBOUND_CATCH_ALL?.trim();
  if (catchAll && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(catchAll))
    return "INBOUND_CATCH_ALL must be one email address (a verified Email Routing destination)";
  return null;
}

/** Every problem with this deployment's configuration (empty when it is safe to serve). */
export function deploymentProblems(env: BaseEnv): string[] {
  return [
    secretsKeyProblem(env),
    previousSecretsKeysProblem(env),
    linkSigningKeyProblem(env),
    publicBaseUrlProblem(env),
    adminTokenProblem(env),
    inboundProblem(env),
  ].filter((p): p is string => p !== null);
}

/** Throws a DeploymentConfigError naming what is wrong (used where a setting is needed). */
export function assertDeployment(problem: string | null): void {
  if (problem) throw new DeploymentConfigError(problem);
}
