import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { aiPlaygroundBatches } from "./ai-playground-batches";

/**
 * One lead of a playground batch and how far it got: `pending`, `running`, `done`, `failed` or
 * `cancelled`. Written by the campaign's PlaygroundRunner Durable Object as it works.
 */
export const aiPlaygroundItems = sqliteTable(
  "ai_playground_items",
  {
    batchId: text("batch_id")
      .notNull()
      .references(() => aiPlaygroundBatches.id, { onDelete: "cascade" }),
    campaignLeadId: text("campaign_lead_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    rowIndex: integer("row_index").notNull(),
    variantLabel: text("variant_label").notNull(),
    status: text("status").notNull(),
    error: text("error"),
    generationId: text("generation_id"),
    fromCache: integer("from_cache", { mode: "boolean" }).notNull().default(false),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.campaignLeadId] }),
    index("ai_playground_items_lead_idx").on(t.campaignId, t.campaignLeadId),
  ],
);
