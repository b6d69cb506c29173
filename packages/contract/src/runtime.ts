import { NOT_SENDING_REASONS } from "@cadence/scheduling";
import { z } from "@hono/zod-openapi";
import { CampaignAiStats } from "./ai";
import { Timestamp, Uuid } from "./common";

/** Why nothing is sending now: the engine's own vocabulary (@cadence/scheduling). */
export { NOT_SENDING_REASONS };

export const PauseRequest = z
  .object({ reason: z.string().trim().min(1).max(255).optional() })
  .openapi("PauseRequest");

export const ScheduleQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });

export const ScheduleResponse = z
  .object({
    status: z.string(),
    now: Timestamp,
    not_sending_reason: z.enum(NOT_SENDING_REASONS).nullable(),
    next_action_at: Timestamp.nullable(),
    planned: z.array(
      z.object({
        at: Timestamp,
        campaign_lead_id: z.string(),
        row_index: z.number().int(),
        email: z.string().nullable(),
        step: z.number().int(),
        variant: z.string().nullable(),
      }),
    ),
    projected_finish_at: Timestamp.nullable(),
    projected_finish_is_estimate: z.boolean(),
  })
  .openapi("ScheduleResponse");

const Count = z.number().int();

/**
 * What came of a campaign's emails, from its own record: actions sent and failed for good, and the
 * leads (each counted once per row of the table) that replied, auto-replied, bounced (hard: a
 * permanent report; soft: a transient one), unsubscribed, complained or clicked a tracked link.
 */
export const OutcomeCounts = z
  .object({
    sent: Count,
    failed: Count,
    replied: Count,
    /** replied / sent (0 before anything was sent). */
    reply_rate: z.number().min(0),
    auto_replied: Count,
    bounced: z.object({ hard: Count, soft: Count }),
    unsubscribed: Count,
    complained: Count,
    unique_clicks: Count,
  })
  .openapi("OutcomeCounts");

/** A step's automatic A/B winner: chosen once, from the figures it was chosen on. */
export const AbWinner = z
  .object({
    step: Count,
    variant: z.string(),
    metric: z.literal("reply_rate"),
    decided_at: Timestamp,
    confidence: z.number(),
    probabilities: z.record(z.string(), z.number()),
    variants: z.array(z.object({ variant: z.string(), sent: Count, replied: Count })),
  })
  .openapi("AbWinner");
export const StatsResponse = z
  .object({
    total_leads: Count,
    processed_leads: Count,
    leads: z.object({
      pending: Count,
      sending: Count,
      active: Count,
      completed: Count,
      stopped: Count,
      failed: Count,
    }),
    actions: z.object({ sent: Count, failed: Count, retrying: Count, in_flight: Count }),
    outcomes: OutcomeCounts,
    per_step: z.array(z.object({ step: Count, ...OutcomeCounts.shape })),
    per_variant: z.array(z.object({ step: Count, variant: z.string(), ...OutcomeCounts.shape })),
    ab_winners: z.array(AbWinner),
    ai: CampaignAiStats,
  })
  .openapi("CampaignStats");

export const LEAD_STATES = ["pending", "sending", "active", "completed", "stopped", "failed"] as const;

export const CampaignLead = z
  .object({
    campaign_lead_id: Uuid,
    row_index: Count,
    email: z.string().nullable(),
    linkedin_url: z.string().nullable(),
    status: z.enum(LEAD_STATES),
    next_step: Count.nullable(),
    next_due_at: Timestamp.nullable(),
    last_sent_at: Timestamp.nullable(),
    stop_reason: z.string().nullable(),
    data: z.record(z.string(), z.string()),
  })
  .openapi("CampaignLead");

export const LeadListQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(LEAD_STATES).optional(),
});

export const CampaignLeadList = z
  .object({ items: z.array(CampaignLead), total: Count, offset: Count, limit: Count })
  .openapi("CampaignLeadList");

export const LeadEvent = z
  .object({
    type: z.string(),
    at: Timestamp,
    step: Count.nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi("LeadEvent");

export const LeadEventList = z
  .object({ campaign_lead_id: Uuid, events: z.array(LeadEvent) })
  .openapi("LeadEventList");

export const CapturedMessage = z
  .object({
    action_key: z.string(),
    campaign_lead_id: Uuid,
    row_index: Count,
    step: Count,
    channel: z.string(),
    to: z.string().nullable(),
    subject: z.string().nullable(),
    text: z.string().nullable(),
    html: z.string().nullable(),
    headers: z.record(z.string(), z.string()),
    created_at: Timestamp,
  })
  .openapi("CapturedMessage");

export const MessageListQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  campaign_lead_id: Uuid.optional(),
});

export const CapturedMessageList = z
  .object({ items: z.array(CapturedMessage), total: Count, offset: Count, limit: Count })
  .openapi("CapturedMessageList");

export const LeadIdParams = z.object({
  campaign_id: Uuid.openapi({ param: { name: "campaign_id", in: "path" } }),
  campaign_lead_id: Uuid.openapi({ param: { name: "campaign_lead_id", in: "path" } }),
});
