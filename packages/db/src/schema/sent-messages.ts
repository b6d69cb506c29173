import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Every email Cadence really sent, by its Message-ID, so a reply's In-Reply-To / References or the
 * returned headers of a bounce find their lead. Written when a send succeeds (the Worker's channel
 * wrapper in phase 1; the campaign object's projection later). `message_id` keeps the angle brackets.
 */
export const sentMessages = sqliteTable(
  "sent_messages",
  {
    messageId: text("message_id").primaryKey(),
    userId: text("user_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    campaignLeadId: text("campaign_lead_id").notNull(),
    rowIndex: integer("row_index").notNull(),
    step: integer("step").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sent_messages_lead_idx").on(t.campaignLeadId, t.sentAt)],
);
