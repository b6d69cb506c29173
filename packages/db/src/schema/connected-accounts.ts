import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/** A LinkedIn account reached through a provider API; its API key is stored encrypted. */
export const connectedAccounts = sqliteTable(
  "connected_accounts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    displayName: text("display_name"),
    baseUrl: text("base_url").notNull(),
    apiKeySecret: text("api_key_secret").notNull(),
    dailyLimit: integer("daily_limit").notNull(),
    weeklyLimit: integer("weekly_limit").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("connected_accounts_user_idx").on(t.userId)],
);
