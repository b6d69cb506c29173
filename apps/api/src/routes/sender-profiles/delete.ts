import { SenderProfileIdParam } from "@cadence/contract";
import { senderProfiles } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq, sql } from "drizzle-orm";
import { commonErrors, errorResponses, notFound } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";

const route = createRoute({
  method: "delete",
  path: "/api/v1/sender-profiles/{sender_profile_id}",
  tags: ["Sender profiles"],
  summary: "Delete a sender profile",
  description: "Deleting the default makes the oldest remaining profile the default.",
  request: { params: SenderProfileIdParam },
  responses: {
    204: { description: "Deleted" },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerDeleteSenderProfile(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { sender_profile_id: id } = c.req.valid("param");
    // Delete and promotion in one batch: no moment without a default while profiles remain.
    const [deleted] = await db.batch([
      db
        .delete(senderProfiles)
        .where(and(eq(senderProfiles.id, id), eq(senderProfiles.userId, userId)))
        .returning({ id: senderProfiles.id }),
      db
        .update(senderProfiles)
        .set({ isDefault: true, updatedAt: new Date() })
        .where(
          and(
            eq(
              senderProfiles.id,
              sql`(SELECT id FROM sender_profiles WHERE user_id = ${userId} ORDER BY created_at, rowid LIMIT 1)`,
            ),
            sql`NOT EXISTS (SELECT 1 FROM sender_profiles WHERE user_id = ${userId} AND is_default = 1)`,
          ),
        ),
    ]);
    if (deleted.length === 0) throw notFound("Sender profile");
    return c.body(null, 204);
  });
}
