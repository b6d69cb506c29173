import { CampaignIdParam, LaunchResponse } from "@cadence/contract";
import { campaigns } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq, inArray } from "drizzle-orm";
import { launchApprovals } from "../../campaign/worker/ai-approvals";
import { campaignConfig } from "../../campaign/worker/launch-input";
import { runPreflight } from "../../campaign/worker/preflight";
import { campaignStub } from "../../campaign/worker/stub";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import { log } from "../../lib/log";
import type { App } from "../../router";
import { loadCampaign } from "./load";
import { serializeCampaign } from "./serialize";

const LAUNCHABLE = ["draft", "failed"];

const route = createRoute({
  method: "post",
  path: "/api/v1/campaigns/{campaign_id}/launch",
  tags: ["Launch"],
  summary: "Launch Campaign",
  description:
    "Checks the campaign, freezes its steps, template content and lead rows, and hands it to its campaign object, which loads the leads and starts sending (or waits for `start_date`). 422 LAUNCH_BLOCKED leaves the campaign a draft; a launch of anything but a draft (or a failed launch) is 409 CAMPAIGN_NOT_DRAFT; of racing launches exactly one succeeds.",
  request: { params: CampaignIdParam },
  responses: {
    200: { description: "Successful Response", content: { "application/json": { schema: LaunchResponse } } },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export function registerLaunchCampaign(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { campaign_id } = c.req.valid("param");
    const campaign = await loadCampaign(db, userId, campaign_id);
    if (!LAUNCHABLE.includes(campaign.status)) {
      throw new ApiError(
        "CAMPAIGN_NOT_DRAFT",
        `Only a draft campaign can be launched; this one is ${campaign.status}`,
      );
    }
    const preflight = await runPreflight(db, c.env, campaign);
    if (preflight.errors.length > 0) {
      throw new ApiError("LAUNCH_BLOCKED", "The campaign cannot be launched", preflight.errors);
    }

    // The conditional update is the launch's single point of decision: of racing launches one wins.
    const now = new Date();
    const launchJobId = crypto.randomUUID();
    const claimed = await db
      .update(campaigns)
      .set({
        status: "launching",
        launchJobId,
        launchRequestedAt: now,
        launchError: null,
        pausedReason: null,
        totalLeads: 0,
        processedLeads: 0,
        updatedAt: now,
      })
      .where(
        and(
          eq(campaigns.id, campaign_id),
          eq(campaigns.userId, userId),
          inArray(campaigns.status, LAUNCHABLE),
        ),
      )
      .returning()
      .get();
    if (!claimed) throw new ApiError("CAMPAIGN_NOT_DRAFT", "The campaign was launched by another request");

    const config = campaignConfig(claimed, c.env.PUBLIC_BASE_URL ?? new URL(c.req.url).origin);
    try {
      const handed = await campaignStub(c.env, campaign_id).launch({
        campaignId: campaign_id,
        userId,
        launchJobId,
        config,
        templates: preflight.templates,
        approvals: await launchApprovals(c.env.DB, campaign_id),
      });
      if (!handed.accepted) throw new Error(`campaign object is already ${handed.status}`);
    } catch (err) {
      const reason = `could not start the launch: ${err instanceof Error ? err.message : String(err)}`;
      log("error", "launch hand-off failed", { campaign_id, error: reason });
      await db
        .update(campaigns)
        .set({ status: "failed", launchError: reason, updatedAt: new Date() })
        .where(and(eq(campaigns.id, campaign_id), eq(campaigns.launchJobId, launchJobId)));
      throw err;
    }
    return c.json(
      { campaign: serializeCampaign(claimed), summary: preflight.summary, warnings: preflight.warnings },
      200,
    );
  });
}
