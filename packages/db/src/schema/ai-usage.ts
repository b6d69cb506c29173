import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * One row per call to a model (a retry is its own row): tokens in and out, latency, model and
 * outcome. Budgets sum it per user and UTC day, and per campaign; stats group it per step.
 */
export const aiUsage = sqliteTable(
  "ai_usage",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id"),
    stepIndex: integer("step_index"),
    /** `preview`, `playground` or `send`. */
    purpose: text("purpose").notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    tokensIn: integer("tokens_in").notNull(),
    tokensOut: integer("tokens_out").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    /** `ok`, `invalid_output` (answered, but unusable) or `error` (no usable answer). */
    outcome: text("outcome").notNull(),
    error: text("error"),
    /** UTC calendar day, YYYY-MM-DD: what the daily budget counts. */
    day: text("day").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("ai_usage_user_day_idx").on(t.userId, t.day),
    index("ai_usage_campaign_step_idx").on(t.campaignId, t.stepIndex),
  ],
);
