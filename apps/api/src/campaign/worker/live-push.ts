import { LIVE_STATUSES } from "@cadence/contract";
import type { Env } from "../../env";
import { log } from "../../lib/log";
import { placeholders } from "../../lib/sql";
import type { SuppressionChange } from "../types";
import { campaignStub } from "./stub";

/** Pushes from the API to a user's live campaign objects, before the API answers. */

/**
 * Each live campaign object keeps a mirror of its user's suppression list, checked right before
 * every send without a D1 round trip. A mirror also re-reads D1 periodically, so a lost push only
 * delays, never drops, a suppression.
 */
export async function pushSuppressionChange(
  env: Env,
  userId: string,
  change: SuppressionChange,
): Promise<void> {
  if (!change.added?.length && !change.removed?.length) return;
  await eachLiveCampaign(env, userId, (stub) => stub.applySuppressions(change));
}

/**
 * Campaign objects skip webhook bookkeeping while their user has no active webhook; a change of
 * subscriptions is pushed so no event is skipped once one exists.
 */
export async function pushWebhooksChanged(env: Env, userId: string): Promise<void> {
  const active = await env.DB.prepare("SELECT 1 AS x FROM webhooks WHERE user_id = ? AND active = 1 LIMIT 1")
    .bind(userId)
    .first();
  await eachLiveCampaign(env, userId, (stub) => stub.webhooksChanged(active !== null));
}

async function eachLiveCampaign(
  env: Env,
  userId: string,
  call: (stub: ReturnType<typeof campaignStub>) => Promise<unknown>,
): Promise<void> {
  const { results } = await env.DB.prepare(
    `SELECT id FROM campaigns WHERE user_id = ? AND status IN (${placeholders(LIVE_STATUSES)})`,
  )
    .bind(userId, ...LIVE_STATUSES)
    .all<{ id: string }>();
  await forEachCampaign(
    env,
    results.map((r) => r.id),
    call,
  );
}

/** Calls each campaign object, 50 at a time; a failure is logged and does not stop the others. */
export async function forEachCampaign(
  env: Env,
  campaignIds: string[],
  call: (stub: ReturnType<typeof campaignStub>) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < campaignIds.length; i += 50) {
    const outcomes = await Promise.allSettled(
      campaignIds.slice(i, i + 50).map((id) => call(campaignStub(env, id))),
    );
    for (const o of outcomes) {
      if (o.status === "rejected") log("warn", "campaign call failed", { error: String(o.reason) });
    }
  }
}
