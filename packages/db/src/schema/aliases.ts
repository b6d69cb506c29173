import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * A sending mailbox. `transport` keeps the non-secret settings (kind, host, port, ...); the secret
 * part (password or API key) is only ever stored AES-GCM encrypted in `transport_secret`.
 */
export const aliases = sqliteTable(
  "aliases",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    displayName: text("display_name"),
    dailyLimit: integer("daily_limit").notNull(),
    transport: text("transport", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    transportSecret: text("transport_secret"),
    /** The owner's own mailbox: replies that reach Cadence's inbound address are forwarded there. */
    forwardTo: text("forward_to"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("aliases_user_idx").on(t.userId)],
);
