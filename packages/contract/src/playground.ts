import { z } from "@hono/zod-openapi";
import { AI_BODY_MAX_CHARS, AI_SUBJECT_MAX_CHARS, PROMPT_SOURCES } from "./ai";
import { PaginationQuery, paginated, Timestamp, Uuid } from "./common";

export const PLAYGROUND_MAX_LEADS = 200;
export const PLAYGROUND_ITEM_STATUSES = ["pending", "running", "done", "failed", "cancelled"] as const;
export type PlaygroundItemStatus = (typeof PLAYGROUND_ITEM_STATUSES)[number];

const stepIndex = z.number().int().min(1).max(32).openapi({
  description: "Step number, 1-based, as in steps_config",
  example: 1,
});

export const PlaygroundGenerateRequest = z
  .object({
    step_index: stepIndex,
    n_leads: z.number().int().min(1).max(PLAYGROUND_MAX_LEADS).default(50).openapi({
      description: "How many of the step's personalized leads to draft, first dataset rows first",
    }),
    custom_prompt: z.string().min(1).max(32_000).nullish().openapi({
      description:
        "Prompt for this batch; else the campaign's system_prompt, else the sender profile's, else the default",
    }),
  })
  .openapi("PlaygroundGenerateRequest");
export type PlaygroundGenerateRequest = z.infer<typeof PlaygroundGenerateRequest>;

export const PlaygroundGenerateResponse = z
  .object({
    campaign_id: Uuid,
    step_index: z.number().int(),
    batch_id: Uuid,
    enqueued_lead_ids: z.array(Uuid),
    prompt_version_hash: z.string().openapi({
      description: "Of the first lead's effective prompt and model settings (each draft carries its own)",
    }),
    total: z.number().int(),
  })
  .openapi("PlaygroundGenerateResponse");
export type PlaygroundGenerateResponse = z.infer<typeof PlaygroundGenerateResponse>;

export const PlaygroundStatusQuery = z.object({
  batch_id: Uuid.optional().openapi({ description: "A batch; absent: the campaign's latest batch" }),
});

export const PlaygroundLeadState = z
  .object({
    campaign_lead_id: Uuid,
    row_index: z.number().int(),
    variant_label: z.string(),
    status: z.enum(PLAYGROUND_ITEM_STATUSES),
    batch_id: Uuid,
    error: z.string().nullable(),
    completed_at: Timestamp.nullable(),
    has_draft: z.boolean(),
    subject_preview: z.string().nullable(),
  })
  .openapi("PlaygroundLeadState");

export const PlaygroundStatusResponse = z
  .object({
    campaign_id: Uuid,
    overall: z
      .object({
        total: z.number().int(),
        pending: z.number().int(),
        running: z.number().int(),
        done: z.number().int(),
        failed: z.number().int(),
        cancelled: z.number().int(),
      })
      .openapi("PlaygroundOverall"),
    batch_id: Uuid.nullable(),
    per_lead: z.array(PlaygroundLeadState),
  })
  .openapi("PlaygroundStatusResponse");
export type PlaygroundStatusResponse = z.infer<typeof PlaygroundStatusResponse>;

export const PlaygroundDraftsQuery = z.object({
  batch_id: Uuid.openapi({ description: "Batch id from POST .../playground/generate" }),
});

export const PlaygroundDraft = z
  .object({
    campaign_lead_id: Uuid,
    row_index: z.number().int(),
    step_index: z.number().int(),
    variant_label: z.string(),
    subject: z.string(),
    body: z.string(),
    generated_at: Timestamp,
    prompt_version_hash: z.string(),
    prompt_source: z.enum(PROMPT_SOURCES),
    step_config_fingerprint: z.string().openapi({
      description: "Send it back as `expected_step_config_fingerprint` when approving this draft",
    }),
    model: z.string(),
    from_cache: z.boolean(),
  })
  .openapi("PlaygroundDraft");

export const PlaygroundDraftsResponse = z
  .object({ campaign_id: Uuid, batch_id: Uuid.nullable(), drafts: z.array(PlaygroundDraft) })
  .openapi("PlaygroundDraftsResponse");
export type PlaygroundDraftsResponse = z.infer<typeof PlaygroundDraftsResponse>;

export const PlaygroundCancelRequest = z.object({ batch_id: Uuid }).openapi("PlaygroundCancelRequest");

export const PlaygroundCancelResponse = z
  .object({
    campaign_id: Uuid,
    batch_id: Uuid,
    cancelled_count: z.number().int().openapi({ description: "Leads that had not started and never will" }),
  })
  .openapi("PlaygroundCancelResponse");

export const CampaignLeadParams = z.object({
  campaign_id: Uuid.openapi({ param: { name: "campaign_id", in: "path" } }),
  campaign_lead_id: Uuid.openapi({ param: { name: "campaign_lead_id", in: "path" } }),
});

export const ApproveLeadRequest = z
  .object({
    step_index: stepIndex,
    variant_label: z.string().min(1).max(10).openapi({
      description: "Must be the variant the lead is assigned for this step",
    }),
    subject: z.string().min(1).max(AI_SUBJECT_MAX_CHARS),
    body: z.string().min(1).max(AI_BODY_MAX_CHARS),
    custom_prompt: z.string().max(32_000).nullish().openapi({
      description: "The prompt the draft was made with, when it was not the resolved one",
    }),
    prompt_snapshot: z.string().max(32_000).nullish().openapi({
      description: "The exact prompt text of the draft; the server resolves it when absent",
    }),
    model: z.string().max(200).nullish(),
    generation_latency_ms: z.number().int().min(0).nullish(),
    expected_step_config_fingerprint: z.string().max(128).nullish().openapi({
      description:
        "The draft's `step_config_fingerprint`: when the step's variant, template or sender changed since, 422 STEP_CONFIG_CHANGED",
    }),
  })
  .openapi("ApproveLeadRequest");
export type ApproveLeadRequest = z.infer<typeof ApproveLeadRequest>;

export const UnapproveLeadRequest = z.object({ step_index: stepIndex }).openapi("UnapproveLeadRequest");

export const ResetLeadRequest = z
  .object({
    step_indices: z.array(stepIndex).max(32).nullish().openapi({
      description: "Steps to clear; absent or empty: every step",
    }),
  })
  .openapi("ResetLeadRequest");

export const ApprovedEmail = z
  .object({
    subject: z.string(),
    body: z.string(),
    prompt_snapshot: z.string().nullable(),
    prompt_version_hash: z.string().nullable(),
    lead_identity_fingerprint: z.string(),
    step_index: z.number().int(),
    variant_label: z.string(),
    step_config_fingerprint: z.string(),
    approved_at: Timestamp,
    approved_by: z.string().nullable(),
    research_cache_fingerprint: z.string().nullable(),
    sender_profile_id: z.string().nullable(),
    template_id: z.string().nullable(),
    model: z.string().nullable(),
    generation_latency_ms: z.number().int().nullable(),
  })
  .openapi("ApprovedEmail");
export type ApprovedEmail = z.infer<typeof ApprovedEmail>;

export const LeadApprovalResponse = z
  .object({
    campaign_id: Uuid,
    campaign_lead_id: Uuid,
    updated_at: Timestamp,
    step_index: z.number().int().nullable(),
    approved_steps: z.array(z.number().int()).openapi({
      description: "Every step approved for this lead after the operation",
    }),
    approved_entry: ApprovedEmail.nullable(),
  })
  .openapi("LeadApprovalResponse");
export type LeadApprovalResponse = z.infer<typeof LeadApprovalResponse>;

export const CampaignApprovalsQuery = PaginationQuery.extend({
  step_index: z.coerce.number().int().min(1).max(32).optional().openapi({
    description: "Only this step's approvals",
  }),
});

export const CampaignApproval = ApprovedEmail.extend({
  campaign_lead_id: Uuid,
  row_index: z.number().int().openapi({ description: "The lead's row in the campaign's dataset" }),
}).openapi("CampaignApproval");
export type CampaignApproval = z.infer<typeof CampaignApproval>;

export const CampaignApprovalsResponse = paginated(CampaignApproval).openapi("CampaignApprovalsResponse");
export type CampaignApprovalsResponse = z.infer<typeof CampaignApprovalsResponse>;
