import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Every message that reached the `email()` handler, matched or not (an unmatched one has no user and
 * is kept for the deployment's operator). The raw message is kept only when small (`raw`); the rest
 * is what the inbox and the conversation show. `processed_at` is set once the message's effects (lead
 * stopped, address suppressed, webhooks) are applied, so a redelivery of the same message does not
 * apply them twice.
 */
export const inboundMessages = sqliteTable(
  "inbound_messages",
  {
    id: text("id").primaryKey(),
    userId: text("user_id"),
    campaignId: text("campaign_id"),
    campaignLeadId: text("campaign_lead_id"),
    rowIndex: integer("row_index"),
    step: integer("step"),
    classification: text("classification").notNull(),
    matchedBy: text("matched_by"),
    fromAddress: text("from_address"),
    fromName: text("from_name"),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    snippet: text("snippet").notNull(),
    text: text("text").notNull(),
    messageId: text("message_id"),
    /** Dedupe key: the Message-ID and the envelope recipient (or a digest of the raw bytes without one). */
    dedupeKey: text("dedupe_key").notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, string | null>>().notNull(),
    rawSize: integer("raw_size").notNull(),
    raw: text("raw"),
    forwardedTo: text("forwarded_to"),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    processedAt: integer("processed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("inbound_messages_dedupe_idx").on(t.dedupeKey),
    index("inbound_messages_user_received_idx").on(t.userId, t.receivedAt),
    index("inbound_messages_lead_idx").on(t.campaignLeadId, t.receivedAt),
  ],
);
