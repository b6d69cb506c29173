import {
  CampaignIdParam,
  CampaignResponse,
  CampaignUpdate,
  LOCKED_AFTER_LAUNCH,
  normalizeTimeOfDay,
  PACING_FIELDS,
} from "@cadence/contract";
import { type CampaignRow, campaigns } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { pacingConfig } from "../../campaign/worker/launch-input";
import { campaignStub } from "../../campaign/worker/stub";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { assertDatasetUsable, loadCampaign } from "./load";
import { assertCampaignRules } from "./rules";
import { serializeCampaign } from "./serialize";

const PACING_PATCH_KEYS = [...PACING_FIELDS, "start_date"] as const;

const route = createRoute({
  method: "patch",
  path: "/api/v1/campaigns/{campaign_id}",
  tags: ["Campaigns"],
  summary: "Update a campaign (omitted = unchanged, null clears)",
  description:
    "steps, dataset_id, type, alias_ids and connected_account_id are locked once launched (409 CAMPAIGN_LOCKED). Pacing fields may change at any time and apply from the next send.",
  request: {
    params: CampaignIdParam,
    body: { content: { "application/json": { schema: CampaignUpdate } }, required: true },
  },
  responses: {
    200: {
      description: "The updated campaign",
      content: { "application/json": { schema: CampaignResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
    415: errorResponses[415],
  },
});

export function registerUpdateCampaign(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { campaign_id } = c.req.valid("param");
    const patch = c.req.valid("json");
    const current = await loadCampaign(db, userId, campaign_id);
    const merged = mergeCampaign(current, patch);

    if (current.status !== "draft") {
      const changed = LOCKED_AFTER_LAUNCH.filter(
        (f) => f in patch && JSON.stringify(lockedValue(current, f)) !== JSON.stringify(patch[f] ?? null),
      );
      if (changed.length > 0) {
        throw new ApiError(
          "CAMPAIGN_LOCKED",
          `${changed.join(", ")} cannot change once a campaign is launched`,
        );
      }
    }
    assertCampaignRules(c.env, {
      type: merged.type as "email",
      steps: merged.stepsConfig,
      alias_ids: merged.aliasIds,
      connected_account_id: merged.connectedAccountId,
      launch_type: merged.launchType as "immediate",
      start_date: merged.startDate?.toISOString() ?? null,
      sending_window_start: merged.sendingWindowStart,
      sending_window_end: merged.sendingWindowEnd,
      send_days: merged.sendDays,
      min_interval_seconds: merged.minIntervalSeconds,
    });
    if (patch.dataset_id && patch.dataset_id !== current.datasetId) {
      await assertDatasetUsable(db, userId, patch.dataset_id);
    }
    // Guard on updated_at so a concurrent launch or PATCH is not silently overwritten.
    const row = await db
      .update(campaigns)
      .set({ ...merged, updatedAt: new Date() })
      .where(and(eq(campaigns.id, campaign_id), eq(campaigns.updatedAt, current.updatedAt)))
      .returning()
      .get();
    if (!row) throw new ApiError("CONFLICT", "The campaign changed while it was being updated; retry");
    if (row.status !== "draft" && PACING_PATCH_KEYS.some((k) => k in patch)) {
      // Live campaigns take new pacing from the next slot.
      // start_date applies only when it is what changed: a live campaign's own start is not moved otherwise.
      const { startDate, launchType: _launchType, ...pacing } = pacingConfig(row);
      await campaignStub(c.env, campaign_id).updatePacing({
        ...pacing,
        ...("start_date" in patch && row.launchType === "scheduled" ? { startDate } : {}),
      });
    }
    return c.json(serializeCampaign(row), 200);
  });
}

function lockedValue(row: CampaignRow, field: (typeof LOCKED_AFTER_LAUNCH)[number]) {
  switch (field) {
    case "steps":
      return row.stepsConfig;
    case "dataset_id":
      return row.datasetId;
    case "type":
      return row.type;
    case "alias_ids":
      return row.aliasIds;
    case "connected_account_id":
      return row.connectedAccountId;
    case "stop_on_reply_scope":
      return row.stopOnReplyScope;
  }
}

type Editable = Omit<CampaignRow, "id" | "userId" | "createdAt" | "updatedAt">;

/** Applies a PATCH body to a row: omitted keeps, null clears. */
function mergeCampaign(row: CampaignRow, p: CampaignUpdate): Editable {
  const pick = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);
  const date = (v: string | null | undefined, current: Date | null) =>
    v === undefined ? current : v === null ? null : new Date(v);
  return {
    ...row,
    name: pick(p.name, row.name),
    description: pick(p.description, row.description),
    datasetId: pick(p.dataset_id, row.datasetId),
    stepsConfig: pick(p.steps, row.stepsConfig),
    type: pick(p.type, row.type),
    aliasIds: pick(p.alias_ids, row.aliasIds),
    connectedAccountId: pick(p.connected_account_id, row.connectedAccountId),
    launchType: pick(p.launch_type, row.launchType),
    startDate: date(p.start_date, row.startDate),
    dailyLimit: pick(p.daily_limit, row.dailyLimit),
    sendingWindowStart: p.sending_window_start
      ? normalizeTimeOfDay(p.sending_window_start)
      : row.sendingWindowStart,
    sendingWindowEnd: p.sending_window_end ? normalizeTimeOfDay(p.sending_window_end) : row.sendingWindowEnd,
    minIntervalSeconds: pick(p.min_interval_seconds, row.minIntervalSeconds),
    timezone: pick(p.timezone, row.timezone),
    sendDays: pick(p.send_days, row.sendDays),
    systemPrompt: pick(p.system_prompt, row.systemPrompt),
    unreviewedLaunchPolicy: pick(p.unreviewed_launch_policy, row.unreviewedLaunchPolicy),
    stopOnReplyScope: pick(p.stop_on_reply_scope, row.stopOnReplyScope),
    playgroundDiscoveryDismissedAt: date(
      p.playground_discovery_dismissed_at,
      row.playgroundDiscoveryDismissedAt,
    ),
  };
}
