import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Projection of each campaign's leads, written by the campaign object as it loads them, so inbound
 * events can find a lead by `campaign_lead_id` or by address across a user's campaigns.
 */
export const campaignLeads = sqliteTable(
  "campaign_leads",
  {
    id: text("id").primaryKey(),
    campaignId: text("campaign_id").notNull(),
    userId: text("user_id").notNull(),
    rowIndex: integer("row_index").notNull(),
    email: text("email"),
  },
  (t) => [
    index("campaign_leads_user_email_idx").on(t.userId, t.email),
    index("campaign_leads_campaign_idx").on(t.campaignId),
  ],
);
