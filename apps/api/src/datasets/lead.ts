import { datasetRows, datasets } from "@cadence/db";
import { and, eq } from "drizzle-orm";
import { notFound } from "../errors";
import type { Db } from "../lib/db";

/** A row of one of the user's ready datasets, or 404. */
export async function datasetLead(
  db: Db,
  userId: string,
  datasetId: string,
  rowIndex: number,
): Promise<Record<string, string>> {
  const ds = await db
    .select({ id: datasets.id })
    .from(datasets)
    .where(and(eq(datasets.id, datasetId), eq(datasets.userId, userId), eq(datasets.status, "ready")))
    .get();
  if (!ds) throw notFound("Dataset");
  const row = await db
    .select({ data: datasetRows.data })
    .from(datasetRows)
    .where(and(eq(datasetRows.datasetId, datasetId), eq(datasetRows.rowIndex, rowIndex)))
    .get();
  if (!row) throw notFound(`Row ${rowIndex} of the dataset`);
  return JSON.parse(row.data) as Record<string, string>;
}
