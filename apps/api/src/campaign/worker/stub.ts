import type { Env } from "../../env";

/** The campaign's Durable Object: one per campaign, addressed by its id. */
export function campaignStub(env: Env, campaignId: string) {
  return env.CAMPAIGN.get(env.CAMPAIGN.idFromName(campaignId));
}
