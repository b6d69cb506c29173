import { ApiKeyList } from "@cadence/contract";
import { apiKeys } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq, isNull } from "drizzle-orm";
import { commonErrors } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { serializeApiKey } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/api-keys",
  tags: ["API keys"],
  summary: "List the user's active API keys (never the keys themselves)",
  responses: {
    200: { description: "Active keys", content: { "application/json": { schema: ApiKeyList } } },
    ...commonErrors,
  },
});

export function registerListApiKeys(app: App) {
  app.openapi(route, async (c) => {
    const rows = await getDb(c.env.DB)
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, c.get("userId")), isNull(apiKeys.revokedAt)))
      .orderBy(desc(apiKeys.createdAt))
      .all();
    return c.json({ keys: rows.map(serializeApiKey), count: rows.length }, 200);
  });
}
