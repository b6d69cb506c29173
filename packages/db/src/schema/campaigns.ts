import type { Step } from "@cadence/contract";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * The campaign as configured, plus a projection of its live state. While a campaign is live its
 * Durable Object is the source of truth for status and counters and mirrors them here.
 */
export const campaigns = sqliteTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    datasetId: text("dataset_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    type: text("type").notNull(),
    status: text("status").notNull(),
    launchType: text("launch_type").notNull(),
    startDate: integer("start_date", { mode: "timestamp_ms" }),
    dailyLimit: integer("daily_limit").notNull(),
    sendingWindowStart: text("sending_window_start").notNull(),
    sendingWindowEnd: text("sending_window_end").notNull(),
    minIntervalSeconds: integer("min_interval_seconds").notNull(),
    timezone: text("timezone").notNull(),
    sendDays: text("send_days", { mode: "json" }).$type<string[]>().notNull(),
    stepsConfig: text("steps_config", { mode: "json" }).$type<Step[]>().notNull(),
    aliasIds: text("alias_ids", { mode: "json" }).$type<string[]>().notNull(),
    connectedAccountId: text("connected_account_id"),
    systemPrompt: text("system_prompt"),
    unreviewedLaunchPolicy: text("unreviewed_launch_policy").notNull(),
    /** "lead" or "company": what a reply stops (fixed at launch). */
    stopOnReplyScope: text("stop_on_reply_scope").notNull().default("lead"),
    totalLeads: integer("total_leads").notNull().default(0),
    processedLeads: integer("processed_leads").notNull().default(0),
    launchJobId: text("launch_job_id"),
    launchRequestedAt: integer("launch_requested_at", { mode: "timestamp_ms" }),
    launchError: text("launch_error"),
    pausedReason: text("paused_reason"),
    playgroundDiscoveryDismissedAt: integer("playground_discovery_dismissed_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("campaigns_user_created_idx").on(t.userId, t.createdAt),
    index("campaigns_dataset_idx").on(t.datasetId),
  ],
);
export type CampaignRow = typeof campaigns.$inferSelect;
