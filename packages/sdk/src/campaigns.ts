import type { CadenceCore } from "./core.js";
import { timerSleep } from "./retry.js";
import type { Campaign, CampaignStatus } from "./types.js";

export interface WaitForCampaignOptions {
  /** Statuses to wait for (default `["completed"]`). */
  until?: CampaignStatus[];
  /** Time between polls (default 2 s). */
  intervalMs?: number;
  /** Called with the campaign after each poll. */
  onPoll?: (campaign: Campaign) => void;
  signal?: AbortSignal;
}

const FINAL: CampaignStatus[] = ["completed", "failed"];

/**
 * Polls `GET /campaigns/{id}` until the campaign reaches one of `until`; rejects if it ends in a final
 * status that is not among them (`failed`, or `completed` when waiting for something else).
 */
export async function waitForCampaign(
  core: CadenceCore,
  campaignId: string,
  options: WaitForCampaignOptions = {},
): Promise<Campaign> {
  const until = options.until ?? ["completed"];
  const intervalMs = options.intervalMs ?? 2000;
  for (;;) {
    const campaign = await core.get("/api/v1/campaigns/{campaign_id}", {
      params: { path: { campaign_id: campaignId } },
      signal: options.signal,
    });
    options.onPoll?.(campaign);
    if (until.includes(campaign.status)) return campaign;
    if (FINAL.includes(campaign.status)) {
      throw new Error(
        `campaign ${campaignId} ended ${campaign.status}${campaign.launch_error ? `: ${campaign.launch_error}` : ""}`,
      );
    }
    await timerSleep(intervalMs, options.signal);
  }
}
