import { SuppressionIdParam } from "@cadence/contract";
import { suppressions } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { pushSuppressionChange } from "../../campaign/worker/live-push";
import { commonErrors, errorResponses, notFound } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";

const route = createRoute({
  method: "delete",
  path: "/api/v1/suppressions/{suppression_id}",
  tags: ["Suppressions"],
  summary: "Remove a suppression",
  description: "Leads already stopped because of it stay stopped; it no longer blocks new launches or sends.",
  request: { params: SuppressionIdParam },
  responses: {
    204: { description: "Removed" },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerDeleteSuppression(app: App) {
  app.openapi(route, async (c) => {
    const deleted = await getDb(c.env.DB)
      .delete(suppressions)
      .where(
        and(
          eq(suppressions.id, c.req.valid("param").suppression_id),
          eq(suppressions.userId, c.get("userId")),
        ),
      )
      .returning({ id: suppressions.id, value: suppressions.value })
      .get();
    if (!deleted) throw notFound("Suppression");
    await pushSuppressionChange(c.env, c.get("userId"), { removed: [deleted.value] });
    return c.body(null, 204);
  });
}
