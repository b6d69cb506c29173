import { LIVE_STATUSES } from "@cadence/contract";
import { campaigns, connectedAccounts } from "@cadence/db";
import { and, eq, inArray } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Db } from "../../lib/db";

export type ConnectedAccountRow = typeof connectedAccounts.$inferSelect;

/** The user's connected account, or 404 (another user's id is indistinguishable from a missing one). */
export async function loadConnectedAccount(db: Db, userId: string, id: string): Promise<ConnectedAccountRow> {
  const row = await db
    .select()
    .from(connectedAccounts)
    .where(and(eq(connectedAccounts.id, id), eq(connectedAccounts.userId, userId)))
    .get();
  if (!row) throw notFound("Connected account");
  return row;
}

/** Conditions matching the user's live campaigns that act through the account. */
export function liveUseOfAccount(userId: string, accountId: string) {
  return and(
    eq(campaigns.userId, userId),
    eq(campaigns.connectedAccountId, accountId),
    inArray(campaigns.status, [...LIVE_STATUSES]),
  );
}
