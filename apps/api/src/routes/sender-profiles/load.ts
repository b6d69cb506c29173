import { senderProfiles } from "@cadence/db";
import { and, eq, ne, sql } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Db } from "../../lib/db";

/** The user's profile, or 404 (another user's id is indistinguishable from a missing one). */
export async function loadSenderProfile(db: Db, userId: string, id: string) {
  const row = await db
    .select()
    .from(senderProfiles)
    .where(and(eq(senderProfiles.id, id), eq(senderProfiles.userId, userId)))
    .get();
  if (!row) throw notFound("Sender profile");
  return row;
}

/** Per profile id: how many of the user's campaigns have a step variant naming it. */
export async function usageCounts(db: Db, userId: string, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ id: string; n: number }>(sql`
    SELECT v.value ->> 'sender_profile_id' AS id, COUNT(DISTINCT c.id) AS n
    FROM campaigns c, json_each(c.steps_config) s, json_each(s.value, '$.variants') v
    WHERE c.user_id = ${userId}
      AND v.value ->> 'sender_profile_id' IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
    GROUP BY 1`);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/**
 * Clears the default flag of the user's other profiles, but only if `id` exists and is the default
 * by the time this statement runs: batched after the write that made it the default, so a write that
 * did nothing (limit reached, profile gone) leaves the old default in place.
 */
export function clearOtherDefaults(db: Db, userId: string, id: string, now: Date) {
  return db
    .update(senderProfiles)
    .set({ isDefault: false, updatedAt: now })
    .where(
      and(
        eq(senderProfiles.userId, userId),
        ne(senderProfiles.id, id),
        eq(senderProfiles.isDefault, true),
        sql`EXISTS (SELECT 1 FROM sender_profiles WHERE id = ${id} AND user_id = ${userId} AND is_default = 1)`,
      ),
    );
}
