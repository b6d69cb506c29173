import { CampaignIdParam } from "@cadence/contract";
import { campaigns } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq, inArray } from "drizzle-orm";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "./load";

/** A campaign that never went live (or whose launch failed) owns nothing and may be deleted. */
const DELETABLE = ["draft", "failed"];

const route = createRoute({
  method: "delete",
  path: "/api/v1/campaigns/{campaign_id}",
  tags: ["Campaigns"],
  summary: "Delete a draft campaign",
  request: { params: CampaignIdParam },
  responses: {
    204: { description: "Deleted" },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export function registerDeleteCampaign(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { campaign_id } = c.req.valid("param");
    const deleted = await db
      .delete(campaigns)
      .where(
        and(
          eq(campaigns.id, campaign_id),
          eq(campaigns.userId, userId),
          inArray(campaigns.status, DELETABLE),
        ),
      )
      .returning({ id: campaigns.id })
      .get();
    if (!deleted) {
      const row = await loadCampaign(db, userId, campaign_id);
      throw new ApiError(
        "CAMPAIGN_NOT_DRAFT",
        `Only draft campaigns can be deleted; this one is ${row.status}`,
      );
    }
    return c.body(null, 204);
  });
}
