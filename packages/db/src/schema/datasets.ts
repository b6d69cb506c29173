import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/** An imported lead list. `columns` keeps the original headers in order; rows live in dataset_rows. */
export const datasets = sqliteTable(
  "datasets",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    columns: text("columns", { mode: "json" }).$type<DatasetColumn[]>().notNull(),
    rowCount: integer("row_count").notNull().default(0),
    /** `importing` until every row is in; only `ready` datasets are visible. */
    status: text("status").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("datasets_user_idx").on(t.userId, t.createdAt)],
);

/** `header` as it appeared in the file; `key` the merge-field name it is available under. */
export interface DatasetColumn {
  header: string;
  key: string;
}
