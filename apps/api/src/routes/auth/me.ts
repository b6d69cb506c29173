import { Me, toTimestamp } from "@cadence/contract";
import { users } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { commonErrors, notFound } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";

const route = createRoute({
  method: "get",
  path: "/api/v1/auth/me",
  tags: ["Auth"],
  summary: "The user the API key belongs to",
  responses: {
    200: { description: "The current user", content: { "application/json": { schema: Me } } },
    ...commonErrors,
  },
});

export function registerGetMe(app: App) {
  app.openapi(route, async (c) => {
    const user = await getDb(c.env.DB)
      .select()
      .from(users)
      .where(eq(users.id, c.get("userId")))
      .get();
    if (!user) throw notFound("User");
    return c.json(
      { user_id: user.id, email: user.email, name: user.name, created_at: toTimestamp(user.createdAt) },
      200,
    );
  });
}
