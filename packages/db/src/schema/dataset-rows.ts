import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One lead per row, its values keyed by column key, `row_index` 1-based in file order. */
export const datasetRows = sqliteTable(
  "dataset_rows",
  {
    datasetId: text("dataset_id").notNull(),
    rowIndex: integer("row_index").notNull(),
    data: text("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.datasetId, t.rowIndex] })],
);
