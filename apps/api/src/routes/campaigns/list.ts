import { CampaignList, CampaignListQuery } from "@cadence/contract";
import { campaigns } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { commonErrors } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { serializeCampaign } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/campaigns",
  tags: ["Campaigns"],
  summary: "List campaigns, newest first",
  request: { query: CampaignListQuery },
  responses: {
    200: { description: "A page of campaigns", content: { "application/json": { schema: CampaignList } } },
    ...commonErrors,
  },
});

/** Escapes LIKE wildcards so a name filter is a plain substring match. */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export function registerListCampaigns(app: App) {
  app.openapi(route, async (c) => {
    const { offset, limit, name, status } = c.req.valid("query");
    const filters: SQL[] = [eq(campaigns.userId, c.get("userId"))];
    if (name) filters.push(sql`lower(${campaigns.name}) LIKE lower(${likeContains(name)}) ESCAPE '\\'`);
    if (status) filters.push(eq(campaigns.status, status));
    const where = and(...filters);
    const db = getDb(c.env.DB);
    const [rows, [total]] = await db.batch([
      db
        .select()
        .from(campaigns)
        .where(where)
        .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(campaigns).where(where),
    ]);
    return c.json({ items: rows.map(serializeCampaign), total: total?.n ?? 0, offset, limit }, 200);
  });
}
