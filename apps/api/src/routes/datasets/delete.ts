import { DatasetIdParam, LIVE_STATUSES } from "@cadence/contract";
import { campaigns, datasetRows, datasets } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadDataset } from "./load";

const route = createRoute({
  method: "delete",
  path: "/api/v1/datasets/{dataset_id}",
  tags: ["Datasets"],
  summary: "Delete a dataset and its rows (409 while a live campaign uses it)",
  request: { params: DatasetIdParam },
  responses: {
    204: { description: "Deleted" },
    ...commonErrors,
    404: errorResponses[404],
    409: { ...errorResponses[409], description: "A live campaign uses the dataset (RESOURCE_IN_USE)" },
  },
});

export function registerDeleteDataset(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { dataset_id } = c.req.valid("param");
    const liveCampaigns = db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(eq(campaigns.datasetId, dataset_id), inArray(campaigns.status, [...LIVE_STATUSES])));
    // One transaction, and the in-use check inside the DELETE itself, so a campaign going live
    // between a check and the delete cannot lose its leads. Rows go only if the dataset went.
    const [deleted] = await db.batch([
      db
        .delete(datasets)
        .where(
          and(
            eq(datasets.id, dataset_id),
            eq(datasets.userId, userId),
            eq(datasets.status, "ready"),
            notExists(liveCampaigns),
          ),
        )
        .returning({ id: datasets.id }),
      db
        .delete(datasetRows)
        .where(
          and(
            eq(datasetRows.datasetId, dataset_id),
            notExists(db.select({ one: sql`1` }).from(datasets).where(eq(datasets.id, dataset_id))),
          ),
        ),
    ]);
    if (deleted.length === 0) {
      await loadDataset(db, userId, dataset_id);
      const users = await liveCampaigns.limit(5).all();
      throw new ApiError(
        "RESOURCE_IN_USE",
        `The dataset is used by a live campaign (${users.map((u) => u.id).join(", ")}); it can be deleted once they complete`,
      );
    }
    return c.body(null, 204);
  });
}
