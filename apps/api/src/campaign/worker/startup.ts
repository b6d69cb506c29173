import { PAUSABLE_STATUSES } from "@cadence/contract";
import type { Env } from "../../env";
import { isLocal } from "../../lib/deployment";
import { placeholders } from "../../lib/sql";
import { forEachCampaign } from "./live-push";

/** Campaign ids read per page of the scan. */
const SCAN_PAGE = 500;

/**
 * Locally nothing guarantees an alarm survives a restart of `wrangler dev`, so the first request an
 * isolate serves pings every campaign waiting on an alarm: a missing or stale alarm is re-armed.
 * Only in local development: on Cloudflare alarms persist across restarts and deployments, and a scan
 * of every tenant's campaigns on each isolate start would be an unbounded cross-tenant query.
 */
export function rearmsOnStart(env: Env): boolean {
  return isLocal(env);
}

/** Pings every campaign that waits on an alarm, a page of ids at a time. */
export async function rearmLiveCampaigns(env: Env): Promise<void> {
  let after = "";
  for (;;) {
    const { results } = await env.DB.prepare(
      `SELECT id FROM campaigns WHERE status IN (${placeholders(PAUSABLE_STATUSES)}) AND id > ? ORDER BY id LIMIT ?`,
    )
      .bind(...PAUSABLE_STATUSES, after, SCAN_PAGE)
      .all<{ id: string }>();
    await forEachCampaign(
      env,
      results.map((r) => r.id),
      (stub) => stub.ping(),
    );
    if (results.length < SCAN_PAGE) return;
    after = results.at(-1)!.id;
  }
}
