import { AliasList, AliasListQuery } from "@cadence/contract";
import { aliases } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { count, desc, eq } from "drizzle-orm";
import { commonErrors } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { serializeAlias } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/aliases",
  tags: ["Aliases"],
  summary: "List sending mailboxes, newest first",
  request: { query: AliasListQuery },
  responses: {
    200: { description: "A page of aliases", content: { "application/json": { schema: AliasList } } },
    ...commonErrors,
  },
});

export function registerListAliases(app: App) {
  app.openapi(route, async (c) => {
    const { offset, limit } = c.req.valid("query");
    const where = eq(aliases.userId, c.get("userId"));
    const db = getDb(c.env.DB);
    const [rows, [total]] = await db.batch([
      db
        .select()
        .from(aliases)
        .where(where)
        .orderBy(desc(aliases.createdAt), desc(aliases.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(aliases).where(where),
    ]);
    return c.json({ items: rows.map(serializeAlias), total: total?.n ?? 0, offset, limit }, 200);
  });
}
