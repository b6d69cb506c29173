import type { BaseEnv } from "../base-env";
import type { WebhookDispatcher, WebhookEvent } from "./dispatcher";

/** What code that hands events to the user's webhook dispatcher needs of the environment. */
export interface WebhooksEnv extends BaseEnv {
  WEBHOOKS: DurableObjectNamespace<WebhookDispatcher>;
}

/** The user's webhook dispatcher: one Durable Object per user, addressed by the user id. */
export function webhookDispatcher(env: WebhooksEnv, userId: string) {
  return env.WEBHOOKS.get(env.WEBHOOKS.idFromName(userId));
}

/**
 * Hands the user's events to their dispatcher. Resolves once the deliveries are stored (delivery
 * happens later, with retries); rejects on an invalid event or when storage is unreachable, so the
 * caller can retry: event ids make a repeat harmless.
 */
export async function enqueueWebhookEvents(
  env: WebhooksEnv,
  userId: string,
  events: WebhookEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await webhookDispatcher(env, userId).enqueue(events);
}
