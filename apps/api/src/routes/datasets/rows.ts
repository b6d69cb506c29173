import { DatasetIdParam, DatasetRowList, PaginationQuery } from "@cadence/contract";
import { datasetRows } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, asc, eq, gt, lte } from "drizzle-orm";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadDataset } from "./load";

const route = createRoute({
  method: "get",
  path: "/api/v1/datasets/{dataset_id}/rows",
  tags: ["Datasets"],
  summary: "List a dataset's rows in file order",
  request: { params: DatasetIdParam, query: PaginationQuery },
  responses: {
    200: { description: "A page of rows", content: { "application/json": { schema: DatasetRowList } } },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerListDatasetRows(app: App) {
  app.openapi(route, async (c) => {
    const { offset, limit } = c.req.valid("query");
    const db = getDb(c.env.DB);
    const dataset = await loadDataset(db, c.get("userId"), c.req.valid("param").dataset_id);
    // row_index is dense (1..row_count), so a page is a primary-key range: deep pages cost no OFFSET scan.
    const rows = await db
      .select({ rowIndex: datasetRows.rowIndex, data: datasetRows.data })
      .from(datasetRows)
      .where(
        and(
          eq(datasetRows.datasetId, dataset.id),
          gt(datasetRows.rowIndex, offset),
          lte(datasetRows.rowIndex, offset + limit),
        ),
      )
      .orderBy(asc(datasetRows.rowIndex));
    return c.json(
      {
        items: rows.map((r) => ({
          row_index: r.rowIndex,
          data: JSON.parse(r.data) as Record<string, string>,
        })),
        total: dataset.rowCount,
        offset,
        limit,
      },
      200,
    );
  });
}
