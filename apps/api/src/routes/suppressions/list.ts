import { SuppressionList, SuppressionListQuery } from "@cadence/contract";
import { suppressions } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { commonErrors } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { serializeSuppression } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/suppressions",
  tags: ["Suppressions"],
  summary: "List suppressed addresses and domains, newest first",
  request: { query: SuppressionListQuery },
  responses: {
    200: {
      description: "A page of suppressions",
      content: { "application/json": { schema: SuppressionList } },
    },
    ...commonErrors,
  },
});

export function registerListSuppressions(app: App) {
  app.openapi(route, async (c) => {
    const { offset, limit, q } = c.req.valid("query");
    const filters: SQL[] = [eq(suppressions.userId, c.get("userId"))];
    // Values are stored lower-cased; instr() keeps the filter a plain substring (no LIKE wildcards).
    const needle = q?.trim().toLowerCase();
    if (needle) filters.push(sql`instr(${suppressions.value}, ${needle}) > 0`);
    const where = and(...filters);
    const db = getDb(c.env.DB);
    // rowid follows insertion: rows created in the same millisecond still list newest first.
    const [rows, [total]] = await db.batch([
      db
        .select()
        .from(suppressions)
        .where(where)
        .orderBy(desc(suppressions.createdAt), desc(sql`rowid`))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(suppressions).where(where),
    ]);
    return c.json({ items: rows.map(serializeSuppression), total: total?.n ?? 0, offset, limit }, 200);
  });
}
