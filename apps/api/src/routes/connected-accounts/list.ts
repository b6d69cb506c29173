import { ConnectedAccountList, ConnectedAccountListQuery } from "@cadence/contract";
import { connectedAccounts } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { count, desc, eq } from "drizzle-orm";
import { commonErrors } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { serializeConnectedAccount } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/connected-accounts",
  tags: ["Connected accounts"],
  summary: "List connected accounts, newest first",
  request: { query: ConnectedAccountListQuery },
  responses: {
    200: {
      description: "A page of connected accounts",
      content: { "application/json": { schema: ConnectedAccountList } },
    },
    ...commonErrors,
  },
});

export function registerListConnectedAccounts(app: App) {
  app.openapi(route, async (c) => {
    const { offset, limit } = c.req.valid("query");
    const where = eq(connectedAccounts.userId, c.get("userId"));
    const db = getDb(c.env.DB);
    const [rows, [total]] = await db.batch([
      db
        .select()
        .from(connectedAccounts)
        .where(where)
        .orderBy(desc(connectedAccounts.createdAt), desc(connectedAccounts.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(connectedAccounts).where(where),
    ]);
    return c.json({ items: rows.map(serializeConnectedAccount), total: total?.n ?? 0, offset, limit }, 200);
  });
}
