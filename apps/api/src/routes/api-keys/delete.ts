import { Uuid } from "@cadence/contract";
import { apiKeys } from "@cadence/db";
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import { commonErrors, errorResponses, notFound } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";

const route = createRoute({
  method: "delete",
  path: "/api/v1/api-keys/{id}",
  tags: ["API keys"],
  summary: "Revoke an API key (it stops working at once)",
  request: { params: z.object({ id: Uuid }) },
  responses: {
    204: { description: "Revoked" },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerDeleteApiKey(app: App) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const revoked = await getDb(c.env.DB)
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, c.get("userId")), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id })
      .get();
    if (!revoked) throw notFound("API key");
    return c.body(null, 204);
  });
}
