import type { Env } from "../env";
import { log } from "../middleware/request-context";
import { campaignStub } from "./stub";

/**
 * Locally nothing guarantees an alarm survives a restart of `wrangler dev`, so on the first request
 * an isolate serves, every live campaign object is pinged: a missing or stale alarm is re-armed.
 */
export async function rearmLiveCampaigns(env: Env): Promise<void> {
  const { results } = await env.DB.prepare(
    "SELECT id FROM campaigns WHERE status IN ('launching', 'scheduled', 'active', 'draining')",
  ).all<{ id: string }>();
  for (let i = 0; i < results.length; i += 50) {
    const outcomes = await Promise.allSettled(
      results.slice(i, i + 50).map((r) => campaignStub(env, r.id).ping()),
    );
    for (const o of outcomes)
      if (o.status === "rejected") log("warn", "campaign ping failed", { error: String(o.reason) });
  }
}
