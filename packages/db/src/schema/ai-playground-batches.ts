import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { campaigns } from "./campaigns";
import { users } from "./users";

/** One playground run: drafts for up to 200 leads of one step, generated in the background. */
export const aiPlaygroundBatches = sqliteTable(
  "ai_playground_batches",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    stepIndex: integer("step_index").notNull(),
    customPrompt: text("custom_prompt"),
    promptVersionHash: text("prompt_version_hash").notNull(),
    total: integer("total").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("ai_playground_batches_campaign_idx").on(t.campaignId, t.createdAt)],
);
