import { CampaignApprovalsQuery, CampaignApprovalsResponse, CampaignIdParam } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { approvalsPage } from "../../ai/approvals-store";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "../campaigns/load";
import { serializeApproval } from "./load";

const route = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{campaign_id}/approvals",
  tags: ["Playground"],
  summary: "List Approved Emails",
  description:
    "Every approved (frozen) email of the campaign, by dataset row then step, optionally for one step: what each lead will send as approved while its `step_config_fingerprint` still matches the step.",
  request: { params: CampaignIdParam, query: CampaignApprovalsQuery },
  responses: {
    200: {
      description: "A page of approved emails",
      content: { "application/json": { schema: CampaignApprovalsResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerListApprovals(app: App) {
  app.openapi(route, async (c) => {
    const { campaign_id } = c.req.valid("param");
    const { step_index, offset, limit } = c.req.valid("query");
    const campaign = await loadCampaign(getDb(c.env.DB), c.get("userId"), campaign_id);
    const { rows, total } = await approvalsPage(c.env.DB, campaign.id, step_index ?? null, { offset, limit });
    const items = rows.map((row) => ({
      ...serializeApproval(row),
      campaign_lead_id: row.campaign_lead_id,
      row_index: row.row_index,
    }));
    return c.json({ items, total, offset, limit }, 200);
  });
}
