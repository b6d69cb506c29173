import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** A user is a workspace: every resource belongs to exactly one. */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email"),
  name: text("name"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});
