import type { PlaygroundRunner } from "./ai/playground-runner";
import type { BaseEnv } from "./base-env";
import type { CampaignObject } from "./campaign/object/campaign-object";
import type { SenderQuota } from "./campaign/sender-quota";
import type { RateLimiter } from "./middleware/rate-limiter-object";
import type { WebhookDispatcher } from "./webhooks/dispatcher";

/** The Worker's bindings: the shared ones (base-env.ts) and the Durable Object namespaces it calls. */
export interface Env extends BaseEnv {
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  CAMPAIGN: DurableObjectNamespace<CampaignObject>;
  /** Caps of one alias or connected account shared by every campaign (`idFromName("alias:<id>")`). */
  SENDER_QUOTA: DurableObjectNamespace<SenderQuota>;
  /** One webhook dispatcher per user (`idFromName(userId)`). */
  WEBHOOKS: DurableObjectNamespace<WebhookDispatcher>;
  /** One playground runner per campaign (`idFromName(campaignId)`): background draft generation. */
  PLAYGROUND: DurableObjectNamespace<PlaygroundRunner>;
}

export interface RequestVars {
  requestId: string;
  userId: string;
  apiKeyId: string;
  keyRateLimit: number | null;
  /** Set on /api/v1/admin/* once the operator token is accepted: the audit logs' source. */
  adminSourceIp: string;
}

export type AppEnv = { Bindings: Env; Variables: RequestVars };

/** Reads an integer variable, falling back when it is unset or not a number. */
export function intVar(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) ? n : fallback;
}

/** The lowest `min_interval_seconds` this deployment accepts: 60 unless configured, never below 1. */
export function minIntervalFloor(env: BaseEnv): number {
  return Math.max(1, intVar(env.MIN_INTERVAL_FLOOR_SECONDS, 60));
}
