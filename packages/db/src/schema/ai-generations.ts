import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * Every personalized email a model produced, keyed by the hash of its inputs (prompt version, lead
 * data, sender data, step configuration): the same inputs are answered from here instead of calling
 * the model again. Playground drafts point at these rows.
 */
export const aiGenerations = sqliteTable(
  "ai_generations",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    inputHash: text("input_hash").notNull(),
    campaignId: text("campaign_id"),
    stepIndex: integer("step_index"),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    promptSource: text("prompt_source").notNull(),
    promptVersionHash: text("prompt_version_hash").notNull(),
    stepConfigFingerprint: text("step_config_fingerprint"),
    tokensIn: integer("tokens_in").notNull(),
    tokensOut: integer("tokens_out").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("ai_generations_user_input_idx").on(t.userId, t.inputHash)],
);
