import { CampaignCreate, CampaignResponse, normalizeTimeOfDay } from "@cadence/contract";
import { campaigns } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { assertDatasetUsable } from "./load";
import { assertCampaignRules } from "./rules";
import { serializeCampaign } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/campaigns",
  tags: ["Campaigns"],
  summary: "Create a campaign (status draft)",
  request: { body: { content: { "application/json": { schema: CampaignCreate } }, required: true } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: CampaignResponse } } },
    ...commonErrors,
    409: errorResponses[409],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export function registerCreateCampaign(app: App) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    assertCampaignRules(c.env, body);
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    await assertDatasetUsable(db, userId, body.dataset_id);
    const now = new Date();
    const row = await db
      .insert(campaigns)
      .values({
        id: crypto.randomUUID(),
        userId,
        datasetId: body.dataset_id,
        name: body.name,
        description: body.description ?? null,
        type: body.type,
        status: "draft",
        launchType: body.launch_type,
        startDate: body.start_date ? new Date(body.start_date) : null,
        dailyLimit: body.daily_limit,
        sendingWindowStart: normalizeTimeOfDay(body.sending_window_start),
        sendingWindowEnd: normalizeTimeOfDay(body.sending_window_end),
        minIntervalSeconds: body.min_interval_seconds,
        timezone: body.timezone,
        sendDays: body.send_days,
        stepsConfig: body.steps,
        aliasIds: body.alias_ids,
        connectedAccountId: body.connected_account_id ?? null,
        systemPrompt: body.system_prompt ?? null,
        unreviewedLaunchPolicy: body.unreviewed_launch_policy,
        stopOnReplyScope: body.stop_on_reply_scope,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return c.json(serializeCampaign(row), 201);
  });
}
