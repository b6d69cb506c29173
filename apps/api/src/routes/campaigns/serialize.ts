import { type CampaignResponse, type Step, type StepResponse, toTimestamp } from "@cadence/contract";
import type { CampaignRow } from "@cadence/db";
import type { CampaignState } from "../../campaign/types";

const ts = (d: Date | null) => (d ? toTimestamp(d) : null);

/** A stored step with every field of the seed's example present (`null` where unset), in its order. */
export function serializeStep(step: Step): StepResponse {
  return {
    step: step.step,
    delay_days: step.delay_days,
    channel: step.channel,
    variants: step.variants.map((v) => ({
      label: v.label,
      weight: v.weight,
      type: v.type,
      template_id: v.template_id ?? null,
      sender_profile_id: v.sender_profile_id ?? null,
    })),
    ai_personalization_enabled: step.ai_personalization_enabled,
    track_clicks: step.track_clicks,
    action_type: step.action_type ?? null,
    message_template: step.message_template ?? null,
    ...(step.auto_winner ? { auto_winner: step.auto_winner } : {}),
  };
}

/** D1 row -> the seed page's CampaignResponse (request `steps` are returned as `steps_config`). */
export function serializeCampaign(row: CampaignRow): CampaignResponse {
  return {
    campaign_id: row.id,
    user_id: row.userId,
    dataset_id: row.datasetId,
    name: row.name,
    type: row.type,
    status: row.status as CampaignResponse["status"],
    launch_type: row.launchType as CampaignResponse["launch_type"],
    daily_limit: row.dailyLimit,
    sending_window_start: row.sendingWindowStart,
    sending_window_end: row.sendingWindowEnd,
    min_interval_seconds: row.minIntervalSeconds,
    timezone: row.timezone,
    steps_config: row.stepsConfig.map(serializeStep),
    send_days: row.sendDays,
    created_at: toTimestamp(row.createdAt),
    updated_at: toTimestamp(row.updatedAt),
    description: row.description,
    start_date: ts(row.startDate),
    alias_ids: row.aliasIds,
    connected_account_id: row.connectedAccountId,
    total_leads: row.totalLeads,
    processed_leads: row.processedLeads,
    launch_job_id: row.launchJobId,
    launch_requested_at: ts(row.launchRequestedAt),
    launch_error: row.launchError,
    system_prompt: row.systemPrompt,
    unreviewed_launch_policy: row.unreviewedLaunchPolicy as CampaignResponse["unreviewed_launch_policy"],
    paused_reason: row.pausedReason,
    playground_discovery_dismissed_at: ts(row.playgroundDiscoveryDismissedAt),
    stop_on_reply_scope: row.stopOnReplyScope as CampaignResponse["stop_on_reply_scope"],
  };
}

/** The row with the live campaign object's status and counters over D1's mirror of them. */
export function withLiveState(row: CampaignRow, live: CampaignState): CampaignRow {
  if (live.status === "none") return row;
  return {
    ...row,
    status: live.status,
    totalLeads: live.totalLeads,
    processedLeads: live.processedLeads,
    pausedReason: live.pausedReason,
    launchError: live.launchError,
  };
}
