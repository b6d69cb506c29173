import {
  CampaignIdParam,
  type PlaygroundItemStatus,
  PlaygroundStatusQuery,
  PlaygroundStatusResponse,
  toTimestamp,
} from "@cadence/contract";
import { aiGenerations, aiPlaygroundBatches, aiPlaygroundItems } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { asc, desc, eq } from "drizzle-orm";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "../campaigns/load";
import { loadBatch } from "./context";

const SUBJECT_PREVIEW_CHARS = 80;

const route = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{campaign_id}/playground/status",
  tags: ["Playground"],
  summary: "Playground Status",
  description:
    "Progress of a batch (the campaign's latest without `batch_id`): counts by status, and per lead its status (`pending`, `running`, `done`, `failed`, `cancelled`), error, `has_draft` and the start of the draft's subject. Cheap enough to poll; the drafts themselves come from `.../playground/drafts`.",
  request: { params: CampaignIdParam, query: PlaygroundStatusQuery },
  responses: {
    200: {
      description: "Batch progress",
      content: { "application/json": { schema: PlaygroundStatusResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerPlaygroundStatus(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const { campaign_id } = c.req.valid("param");
    const { batch_id } = c.req.valid("query");
    const campaign = await loadCampaign(db, c.get("userId"), campaign_id);
    const batchId = batch_id
      ? (await loadBatch(db, campaign.id, batch_id)).id
      : ((
          await db
            .select({ id: aiPlaygroundBatches.id })
            .from(aiPlaygroundBatches)
            .where(eq(aiPlaygroundBatches.campaignId, campaign.id))
            .orderBy(desc(aiPlaygroundBatches.createdAt))
            .limit(1)
            .get()
        )?.id ?? null);
    const overall = { total: 0, pending: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
    if (!batchId) return c.json({ campaign_id: campaign.id, overall, batch_id: null, per_lead: [] }, 200);
    const rows = await db
      .select({
        campaignLeadId: aiPlaygroundItems.campaignLeadId,
        rowIndex: aiPlaygroundItems.rowIndex,
        variantLabel: aiPlaygroundItems.variantLabel,
        status: aiPlaygroundItems.status,
        error: aiPlaygroundItems.error,
        completedAt: aiPlaygroundItems.completedAt,
        subject: aiGenerations.subject,
      })
      .from(aiPlaygroundItems)
      .leftJoin(aiGenerations, eq(aiGenerations.id, aiPlaygroundItems.generationId))
      .where(eq(aiPlaygroundItems.batchId, batchId))
      .orderBy(asc(aiPlaygroundItems.rowIndex))
      .all();
    for (const r of rows) {
      overall.total++;
      overall[r.status as PlaygroundItemStatus]++;
    }
    return c.json(
      {
        campaign_id: campaign.id,
        overall,
        batch_id: batchId,
        per_lead: rows.map((r) => ({
          campaign_lead_id: r.campaignLeadId,
          row_index: r.rowIndex,
          variant_label: r.variantLabel,
          status: r.status as PlaygroundItemStatus,
          batch_id: batchId,
          error: r.error,
          completed_at: r.completedAt ? toTimestamp(r.completedAt) : null,
          has_draft: r.subject !== null,
          subject_preview: r.subject?.slice(0, SUBJECT_PREVIEW_CHARS) ?? null,
        })),
      },
      200,
    );
  });
}
