import { ConnectedAccountIdParam, ConnectedAccountResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadConnectedAccount } from "./load";
import { serializeConnectedAccount } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/connected-accounts/{connected_account_id}",
  tags: ["Connected accounts"],
  summary: "Get a connected account",
  request: { params: ConnectedAccountIdParam },
  responses: {
    200: {
      description: "The connected account",
      content: { "application/json": { schema: ConnectedAccountResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerGetConnectedAccount(app: App) {
  app.openapi(route, async (c) => {
    const { connected_account_id } = c.req.valid("param");
    const row = await loadConnectedAccount(getDb(c.env.DB), c.get("userId"), connected_account_id);
    return c.json(serializeConnectedAccount(row), 200);
  });
}
