import { type DatasetResponse, toTimestamp } from "@cadence/contract";
import type { DatasetRecord } from "../../datasets/store";

/** D1 row -> DatasetResponse. */
export function serializeDataset(row: DatasetRecord): DatasetResponse {
  return {
    dataset_id: row.id,
    name: row.name,
    columns: row.columns,
    row_count: row.rowCount,
    created_at: toTimestamp(row.createdAt),
  };
}
