import type { Env } from "../env";
import { forEachCampaign } from "./live-push";

/**
 * Locally nothing guarantees an alarm survives a restart of `wrangler dev`, so on the first request
 * an isolate serves, every live campaign object is pinged: a missing or stale alarm is re-armed.
 */
export async function rearmLiveCampaigns(env: Env): Promise<void> {
  const { results } = await env.DB.prepare(
    "SELECT id FROM campaigns WHERE status IN ('launching', 'scheduled', 'active', 'draining')",
  ).all<{ id: string }>();
  await forEachCampaign(
    env,
    results.map((r) => r.id),
    (stub) => stub.ping(),
  );
}
