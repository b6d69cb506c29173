import { campaigns, datasets } from "@cadence/db";
import { and, eq } from "drizzle-orm";
import { notFound, validationError } from "../../errors";
import type { Db } from "../../lib/db";

/** The user's campaign, or 404 (another user's id is indistinguishable from a missing one). */
export async function loadCampaign(db: Db, userId: string, campaignId: string) {
  const row = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.userId, userId)))
    .get();
  if (!row) throw notFound("Campaign");
  return row;
}

/** 422 on `body.dataset_id` unless the user owns a ready dataset with that id. */
export async function assertDatasetUsable(db: Db, userId: string, datasetId: string) {
  const ds = await db
    .select({ id: datasets.id })
    .from(datasets)
    .where(and(eq(datasets.id, datasetId), eq(datasets.userId, userId), eq(datasets.status, "ready")))
    .get();
  if (!ds) {
    throw validationError([{ loc: ["body", "dataset_id"], msg: "dataset not found", type: "not_found" }]);
  }
}
