import { AliasIdParam } from "@cadence/contract";
import { aliases } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq, not } from "drizzle-orm";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { aliasInLiveUse, liveCampaignsUsingAlias, loadAlias } from "./load";

const route = createRoute({
  method: "delete",
  path: "/api/v1/aliases/{alias_id}",
  tags: ["Aliases"],
  summary: "Delete a sending mailbox",
  description:
    "409 RESOURCE_IN_USE while a live campaign (launching, scheduled, active, draining, paused) sends from it.",
  request: { params: AliasIdParam },
  responses: {
    204: { description: "Deleted" },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export function registerDeleteAlias(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { alias_id } = c.req.valid("param");
    // One statement: a campaign launched between a separate check and the delete cannot lose its mailbox.
    const deleted = await db
      .delete(aliases)
      .where(and(eq(aliases.id, alias_id), eq(aliases.userId, userId), not(aliasInLiveUse(userId, alias_id))))
      .returning({ id: aliases.id })
      .get();
    if (!deleted) {
      await loadAlias(db, userId, alias_id);
      const users = await liveCampaignsUsingAlias(db, userId, alias_id);
      if (users.length === 0)
        throw new ApiError("CONFLICT", "The alias changed while it was being deleted; retry");
      throw new ApiError(
        "RESOURCE_IN_USE",
        `The alias is used by live campaign${users.length === 1 ? "" : "s"} ${users.join(", ")}; delete it once they end`,
      );
    }
    return c.body(null, 204);
  });
}
