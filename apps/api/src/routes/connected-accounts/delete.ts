import { ConnectedAccountIdParam } from "@cadence/contract";
import { campaigns, connectedAccounts } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq, exists, not } from "drizzle-orm";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { liveUseOfAccount, loadConnectedAccount } from "./load";

const route = createRoute({
  method: "delete",
  path: "/api/v1/connected-accounts/{connected_account_id}",
  tags: ["Connected accounts"],
  summary: "Delete a connected account",
  description:
    "409 RESOURCE_IN_USE while a live campaign (launching, scheduled, active, draining, paused) acts through it.",
  request: { params: ConnectedAccountIdParam },
  responses: {
    204: { description: "Deleted" },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export function registerDeleteConnectedAccount(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { connected_account_id: id } = c.req.valid("param");
    // One statement: a campaign launched between a separate check and the delete cannot lose its account.
    const inUse = db.select({ one: campaigns.id }).from(campaigns).where(liveUseOfAccount(userId, id));
    const deleted = await db
      .delete(connectedAccounts)
      .where(and(eq(connectedAccounts.id, id), eq(connectedAccounts.userId, userId), not(exists(inUse))))
      .returning({ id: connectedAccounts.id })
      .get();
    if (!deleted) {
      await loadConnectedAccount(db, userId, id);
      const users = (
        await db.select({ id: campaigns.id }).from(campaigns).where(liveUseOfAccount(userId, id)).all()
      ).map((r) => r.id);
      if (users.length === 0) {
        throw new ApiError("CONFLICT", "The connected account changed while it was being deleted; retry");
      }
      throw new ApiError(
        "RESOURCE_IN_USE",
        `The connected account is used by live campaign${users.length === 1 ? "" : "s"} ${users.join(", ")}; delete it once they end`,
      );
    }
    return c.body(null, 204);
  });
}
