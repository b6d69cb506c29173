import { LIVE_STATUSES } from "@cadence/contract";
import type { Env } from "../env";
import { log } from "../middleware/request-context";
import { campaignStub } from "./stub";

export interface SuppressionChange {
  added?: string[];
  removed?: string[];
}

/**
 * Each live campaign object keeps a mirror of its user's suppression list, checked right before
 * every send without a D1 round trip. Changes are pushed to the mirrors before the API answers; a
 * mirror also re-reads D1 periodically, so a lost push only delays, never drops, a suppression.
 */
export async function pushSuppressionChange(
  env: Env,
  userId: string,
  change: SuppressionChange,
): Promise<void> {
  if (!change.added?.length && !change.removed?.length) return;
  const { results } = await env.DB.prepare(
    `SELECT id FROM campaigns WHERE user_id = ? AND status IN (${LIVE_STATUSES.map(() => "?").join(", ")})`,
  )
    .bind(userId, ...LIVE_STATUSES)
    .all<{ id: string }>();
  for (let i = 0; i < results.length; i += 50) {
    const outcomes = await Promise.allSettled(
      results.slice(i, i + 50).map((r) => campaignStub(env, r.id).applySuppressions(change)),
    );
    for (const o of outcomes) {
      if (o.status === "rejected") log("warn", "suppression push failed", { error: String(o.reason) });
    }
  }
}
