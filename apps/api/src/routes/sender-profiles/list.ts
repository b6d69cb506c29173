import { SenderProfileList, SenderProfileListQuery } from "@cadence/contract";
import { senderProfiles } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { asc, count, eq, sql } from "drizzle-orm";
import { commonErrors } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { usageCounts } from "./load";
import { serializeSenderProfile } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/sender-profiles",
  tags: ["Sender profiles"],
  summary: "List sender profiles, oldest first",
  request: { query: SenderProfileListQuery },
  responses: {
    200: {
      description: "A page of sender profiles",
      content: { "application/json": { schema: SenderProfileList } },
    },
    ...commonErrors,
  },
});

export function registerListSenderProfiles(app: App) {
  app.openapi(route, async (c) => {
    const { offset, limit } = c.req.valid("query");
    const userId = c.get("userId");
    const db = getDb(c.env.DB);
    const where = eq(senderProfiles.userId, userId);
    // Oldest first: the order in which the default is handed on when the default is deleted. rowid
    // follows insertion, so profiles created in the same millisecond keep their order.
    const [rows, [total]] = await db.batch([
      db
        .select()
        .from(senderProfiles)
        .where(where)
        .orderBy(asc(senderProfiles.createdAt), asc(sql`rowid`))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(senderProfiles).where(where),
    ]);
    const usage = await usageCounts(
      db,
      userId,
      rows.map((r) => r.id),
    );
    return c.json(
      {
        items: rows.map((r) => serializeSenderProfile(r, usage.get(r.id) ?? 0)),
        total: total?.n ?? 0,
        offset,
        limit,
      },
      200,
    );
  });
}
