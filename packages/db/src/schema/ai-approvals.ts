import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { campaigns } from "./campaigns";

/**
 * A lead's approved (frozen) email for one step. It is sent byte for byte while the step's
 * configuration for that lead (variant, template, sender profile) still has the fingerprint it was
 * approved under. Keyed by `campaign_lead_id`, which is the same before launch and after.
 */
export const aiApprovals = sqliteTable(
  "ai_approvals",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    campaignLeadId: text("campaign_lead_id").notNull(),
    stepIndex: integer("step_index").notNull(),
    userId: text("user_id").notNull(),
    rowIndex: integer("row_index").notNull(),
    variantLabel: text("variant_label").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    stepConfigFingerprint: text("step_config_fingerprint").notNull(),
    leadIdentityFingerprint: text("lead_identity_fingerprint").notNull(),
    promptSnapshot: text("prompt_snapshot"),
    promptVersionHash: text("prompt_version_hash"),
    senderProfileId: text("sender_profile_id"),
    templateId: text("template_id"),
    model: text("model"),
    generationLatencyMs: integer("generation_latency_ms"),
    /** The API key that approved it. */
    approvedBy: text("approved_by"),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.campaignLeadId, t.stepIndex] })],
);
