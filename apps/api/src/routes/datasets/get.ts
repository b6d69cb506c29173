import { DatasetIdParam, DatasetResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadDataset } from "./load";
import { serializeDataset } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/datasets/{dataset_id}",
  tags: ["Datasets"],
  summary: "Get a dataset",
  request: { params: DatasetIdParam },
  responses: {
    200: { description: "The dataset", content: { "application/json": { schema: DatasetResponse } } },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerGetDataset(app: App) {
  app.openapi(route, async (c) => {
    const row = await loadDataset(getDb(c.env.DB), c.get("userId"), c.req.valid("param").dataset_id);
    return c.json(serializeDataset(row), 200);
  });
}
