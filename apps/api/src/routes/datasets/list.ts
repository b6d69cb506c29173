import { DatasetList, DatasetListQuery } from "@cadence/contract";
import { datasets } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, count, desc, eq } from "drizzle-orm";
import { commonErrors } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { serializeDataset } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/datasets",
  tags: ["Datasets"],
  summary: "List datasets, newest first",
  request: { query: DatasetListQuery },
  responses: {
    200: { description: "A page of datasets", content: { "application/json": { schema: DatasetList } } },
    ...commonErrors,
  },
});

export function registerListDatasets(app: App) {
  app.openapi(route, async (c) => {
    const { offset, limit } = c.req.valid("query");
    // Imports still running are not listed: they become visible, whole, when they finish.
    const where = and(eq(datasets.userId, c.get("userId")), eq(datasets.status, "ready"));
    const db = getDb(c.env.DB);
    const [rows, [total]] = await db.batch([
      db
        .select()
        .from(datasets)
        .where(where)
        .orderBy(desc(datasets.createdAt), desc(datasets.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(datasets).where(where),
    ]);
    return c.json({ items: rows.map(serializeDataset), total: total?.n ?? 0, offset, limit }, 200);
  });
}
