import type { CampaignRow } from "@cadence/db";
import type { CampaignConfig, PacingConfig } from "../types";

/** The campaign object's pacing, from a campaign row (the fields that may change while it is live). */
export function pacingConfig(row: CampaignRow): PacingConfig {
  return {
    timezone: row.timezone,
    windowStart: row.sendingWindowStart,
    windowEnd: row.sendingWindowEnd,
    sendDays: row.sendDays,
    dailyLimit: row.dailyLimit,
    minIntervalSeconds: row.minIntervalSeconds,
    launchType: row.launchType as CampaignConfig["launchType"],
    startDate: row.launchType === "scheduled" ? (row.startDate?.getTime() ?? null) : null,
  };
}

/** Everything the campaign object runs on, from a campaign row: the one mapping of the two. */
export function campaignConfig(row: CampaignRow, publicBaseUrl: string): CampaignConfig {
  return {
    name: row.name,
    type: row.type,
    datasetId: row.datasetId,
    steps: row.stepsConfig,
    aliasIds: row.aliasIds,
    connectedAccountId: row.connectedAccountId,
    unreviewedLaunchPolicy: row.unreviewedLaunchPolicy as CampaignConfig["unreviewedLaunchPolicy"],
    systemPrompt: row.systemPrompt ?? null,
    ...pacingConfig(row),
    publicBaseUrl,
    stopOnReplyScope: row.stopOnReplyScope === "company" ? "company" : "lead",
  };
}
