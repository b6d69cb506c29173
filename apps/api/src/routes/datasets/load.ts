import { datasets } from "@cadence/db";
import { and, eq } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Db } from "../../lib/db";

/**
 * The user's ready dataset, or 404: another user's id, and an import still running (or abandoned),
 * are indistinguishable from a missing one.
 */
export async function loadDataset(db: Db, userId: string, datasetId: string) {
  const row = await db
    .select()
    .from(datasets)
    .where(and(eq(datasets.id, datasetId), eq(datasets.userId, userId), eq(datasets.status, "ready")))
    .get();
  if (!row) throw notFound("Dataset");
  return row;
}
