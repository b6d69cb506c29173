import type { CampaignObject } from "./campaign/object";
import type { SenderQuota } from "./campaign/sender-quota";
import type { RateLimiter } from "./middleware/rate-limiter-object";
import type { WebhookDispatcher } from "./webhooks/dispatcher";

/** Bindings and variables of the Worker (see wrangler.jsonc and the README's configuration table). */
export interface Env {
  DB: D1Database;
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  CAMPAIGN: DurableObjectNamespace<CampaignObject>;
  /** Caps of one alias or connected account shared by every campaign (`idFromName("alias:<id>")`). */
  SENDER_QUOTA: DurableObjectNamespace<SenderQuota>;
  /** One webhook dispatcher per user (`idFromName(userId)`). */
  WEBHOOKS: DurableObjectNamespace<WebhookDispatcher>;
  /** "local" in development and tests; anything else is treated as a deployed environment. */
  ENVIRONMENT?: string;
  RATE_LIMIT_PER_MINUTE?: string;
  MIN_INTERVAL_FLOOR_SECONDS?: string;
  /** 32 random bytes, base64: encrypts secrets at rest. Required outside local development. */
  SECRETS_KEY?: string;
  /** Signs tokens in links (unsubscribe, click tracking). Falls back to SECRETS_KEY. */
  LINK_SIGNING_KEY?: string;
  /** Public origin used in links inside emails; defaults to the request's origin. */
  PUBLIC_BASE_URL?: string;
  /** "true" only in the test pool: enables the campaign object's manual clock and fault injection. */
  ALLOW_TEST_HOOKS?: string;
}

export interface RequestVars {
  requestId: string;
  userId: string;
  apiKeyId: string;
  keyRateLimit: number | null;
}

export type AppEnv = { Bindings: Env; Variables: RequestVars };

/** Reads an integer variable, falling back when it is unset or not a number. */
export function intVar(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) ? n : fallback;
}

/** The lowest `min_interval_seconds` this deployment accepts: 60 unless configured, never below 1. */
export function minIntervalFloor(env: Env): number {
  return Math.max(1, intVar(env.MIN_INTERVAL_FLOOR_SECONDS, 60));
}
