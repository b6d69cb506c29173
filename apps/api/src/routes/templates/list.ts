import { TemplateList, TemplateListQuery } from "@cadence/contract";
import { templates } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { commonErrors } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { serializeTemplate } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/templates",
  tags: ["Templates"],
  summary: "List templates, newest first",
  request: { query: TemplateListQuery },
  responses: {
    200: { description: "A page of templates", content: { "application/json": { schema: TemplateList } } },
    ...commonErrors,
  },
});

export function registerListTemplates(app: App) {
  app.openapi(route, async (c) => {
    const { offset, limit, name } = c.req.valid("query");
    const filters: SQL[] = [eq(templates.userId, c.get("userId"))];
    // instr() rather than LIKE: the filter is a plain substring, no wildcards to escape.
    if (name) filters.push(sql`instr(lower(${templates.name}), lower(${name})) > 0`);
    const where = and(...filters);
    const db = getDb(c.env.DB);
    // rowid follows insertion: rows created in the same millisecond still list newest first.
    const [rows, [total]] = await db.batch([
      db
        .select()
        .from(templates)
        .where(where)
        .orderBy(desc(templates.createdAt), desc(sql`rowid`))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(templates).where(where),
    ]);
    return c.json({ items: rows.map(serializeTemplate), total: total?.n ?? 0, offset, limit }, 200);
  });
}
