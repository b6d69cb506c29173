import { AliasIdParam, AliasResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadAlias } from "./load";
import { serializeAlias } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/aliases/{alias_id}",
  tags: ["Aliases"],
  summary: "Get a sending mailbox",
  request: { params: AliasIdParam },
  responses: {
    200: { description: "The alias", content: { "application/json": { schema: AliasResponse } } },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerGetAlias(app: App) {
  app.openapi(route, async (c) => {
    const row = await loadAlias(getDb(c.env.DB), c.get("userId"), c.req.valid("param").alias_id);
    return c.json(serializeAlias(row), 200);
  });
}
