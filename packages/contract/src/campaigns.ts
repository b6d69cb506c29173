import { formatWallTime, isValidTimeZone, isWallTime, parseWallTime, WEEKDAYS } from "@cadence/scheduling";
import { z } from "@hono/zod-openapi";
import { Timestamp, Uuid } from "./common";

export const CAMPAIGN_STATUSES = [
  "draft",
  "launching",
  "scheduled",
  "active",
  "draining",
  "paused",
  "completed",
  "failed",
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/** Live: the campaign's object owns its leads and may still send (its steps and leads are locked). */
export const LIVE_STATUSES = [
  "launching",
  "scheduled",
  "active",
  "draining",
  "paused",
] as const satisfies readonly CampaignStatus[];
/** Live and not paused: the object waits on an alarm (loading, the start, the next send); a pause stops it. */
export const PAUSABLE_STATUSES = [
  "launching",
  "scheduled",
  "active",
  "draining",
] as const satisfies readonly CampaignStatus[];
/** Running: the object sends (first steps remain while active; only follow-ups while draining). */
export const SENDING_STATUSES = ["active", "draining"] as const satisfies readonly CampaignStatus[];

const member =
  <T extends string>(set: readonly T[]) =>
  (status: string): status is T =>
    (set as readonly string[]).includes(status);
export const isLive = member(LIVE_STATUSES);
export const isPausable = member(PAUSABLE_STATUSES);
export const isSending = member(SENDING_STATUSES);

export const LINKEDIN_ACTIONS = ["connection_request", "message", "profile_visit", "inmail"] as const;
export const CONNECTION_NOTE_MAX = 300;

/** "9:00" is rejected; "09:00" becomes "09:00:00" (the engine's own wall-time parser decides). */
export function normalizeTimeOfDay(value: string): string {
  return formatWallTime(parseWallTime(value));
}

export const TimeOfDay = z
  .string()
  .refine(isWallTime, "must be HH:MM or HH:MM:SS (24-hour)")
  .openapi({ example: "09:00:00", pattern: "^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$" });
export const TimeZone = z
  .string()
  .refine(isValidTimeZone, "must be an IANA time zone such as Europe/Berlin")
  .openapi({ example: "America/New_York" });
// The same zone check and weekday list the engine paces with, so nothing accepted here fails there.
export { isValidTimeZone, WEEKDAYS };
export const Weekday = z.enum(WEEKDAYS);

export const Variant = z
  .object({
    label: z.string().min(1).max(10),
    weight: z.number().positive().max(1_000_000).default(50),
    type: z.enum(["TEMPLATE", "PERSONALIZATION"]).default("TEMPLATE"),
    template_id: Uuid.nullish(),
    sender_profile_id: Uuid.nullish(),
  })
  .openapi("Variant");
export type Variant = z.infer<typeof Variant>;

/**
 * Opt-in per step: once every variant has `min_sends_per_variant` sends, the variant whose reply rate
 * is best with at least `confidence` probability (Bayesian, Beta(1,1) priors; see
 * `@cadence/scheduling` `decideWinner`) is sent to every lead that reaches the step afterwards.
 */
export const AutoWinner = z
  .object({
    metric: z.literal("reply_rate"),
    min_sends_per_variant: z.number().int().min(10).max(1_000_000),
    confidence: z.number().min(0.5).max(0.999),
  })
  .strict()
  .openapi("AutoWinner");
export type AutoWinner = z.infer<typeof AutoWinner>;

export const STOP_ON_REPLY_SCOPES = ["lead", "company"] as const;

export const Step = z
  .object({
    step: z.number().int().min(1).max(10),
    delay_days: z.number().int().min(0).max(365).default(0),
    channel: z.enum(["email", "linkedin"]).default("email"),
    variants: z.array(Variant).min(1).max(10),
    ai_personalization_enabled: z.boolean().default(false),
    track_clicks: z.boolean().default(false),
    action_type: z.enum(LINKEDIN_ACTIONS).nullish(),
    message_template: z.string().max(5000).nullish(),
    auto_winner: AutoWinner.nullish(),
  })
  .openapi("Step");
export type Step = z.infer<typeof Step>;

/** A variant as responses show it: every field of the seed's example, `null` where unset. */
export const VariantResponse = z
  .object({
    label: z.string(),
    weight: z.number(),
    type: z.enum(["TEMPLATE", "PERSONALIZATION"]),
    template_id: Uuid.nullable(),
    sender_profile_id: Uuid.nullable(),
  })
  .openapi("VariantResponse");
export type VariantResponse = z.infer<typeof VariantResponse>;

/** A step as responses show it: every field of the seed's example, `null` where unset. */
export const StepResponse = z
  .object({
    step: z.number().int(),
    delay_days: z.number().int(),
    channel: z.enum(["email", "linkedin"]),
    variants: z.array(VariantResponse),
    ai_personalization_enabled: z.boolean(),
    track_clicks: z.boolean(),
    action_type: z.enum(LINKEDIN_ACTIONS).nullable(),
    message_template: z.string().nullable(),
    /** An extension of the seed's step (inbound A/B winner): present only when set. */
    auto_winner: AutoWinner.optional(),
  })
  .openapi("StepResponse");
export type StepResponse = z.infer<typeof StepResponse>;

const campaignFields = {
  name: z.string().trim().min(1).max(255),
  description: z.string().max(1000).nullish(),
  dataset_id: Uuid,
  steps: z.array(Step).min(1).max(10),
  type: z.enum(["email", "linkedin", "mixed"]).default("email"),
  alias_ids: z.array(Uuid).max(50).default([]),
  connected_account_id: Uuid.nullish(),
  launch_type: z.enum(["immediate", "scheduled"]).default("immediate"),
  start_date: z.iso.datetime({ offset: true }).nullish(),
  daily_limit: z.number().int().min(1).max(10000).default(50),
  sending_window_start: TimeOfDay.default("09:00:00"),
  sending_window_end: TimeOfDay.default("17:00:00"),
  // The public floor is 60 s; a deployment may lower it (MIN_INTERVAL_FLOOR_SECONDS), checked in the API.
  min_interval_seconds: z.number().int().min(1).max(3600).default(300).openapi({ minimum: 60 }),
  timezone: TimeZone.default("UTC"),
  send_days: z.array(Weekday).min(1).max(7).default(["mon", "tue", "wed", "thu", "fri"]),
  system_prompt: z.string().min(100).max(5000).nullish(),
  unreviewed_launch_policy: z.enum(["launch_default", "hold", "cancel"]).default("launch_default"),
  /** A reply stops the lead (`lead`) or every lead of the same email domain in the campaign (`company`). */
  stop_on_reply_scope: z.enum(STOP_ON_REPLY_SCOPES).default("lead"),
};

/** The fields of a campaign's configuration that cross-field rules look at. */
export interface CampaignRulesInput {
  type: "email" | "linkedin" | "mixed";
  steps: Step[];
  alias_ids: string[];
  connected_account_id?: string | null;
  launch_type: "immediate" | "scheduled";
  start_date?: string | null;
  sending_window_start: string;
  sending_window_end: string;
  send_days: string[];
}

export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

/** Cross-field rules shared by create (on the body) and PATCH (on the merged campaign). */
export function campaignRuleIssues(c: CampaignRulesInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  c.steps.forEach((step, i) => {
    if (step.step !== i + 1) {
      issues.push({
        path: ["steps", i, "step"],
        message: `steps must be numbered 1..n in order; expected ${i + 1}`,
      });
    }
    const seen = new Set<string>();
    step.variants.forEach((v, j) => {
      if (seen.has(v.label)) {
        issues.push({
          path: ["steps", i, "variants", j, "label"],
          message: `duplicate variant label '${v.label}'`,
        });
      }
      seen.add(v.label);
      if (v.type === "TEMPLATE" && !v.template_id) {
        issues.push({
          path: ["steps", i, "variants", j, "template_id"],
          message: "template_id is required for TEMPLATE variants",
        });
      }
    });
    if (step.auto_winner && step.variants.length < 2) {
      issues.push({ path: ["steps", i, "auto_winner"], message: "auto_winner needs at least two variants" });
    }
    if (step.auto_winner && step.channel !== "email") {
      issues.push({
        path: ["steps", i, "auto_winner"],
        message: "auto_winner on reply_rate needs an email step (replies are read from email)",
      });
    }
    if (c.type === "email" && step.channel !== "email") {
      issues.push({ path: ["steps", i, "channel"], message: "an email campaign can only have email steps" });
    }
    if (c.type === "linkedin" && step.channel !== "linkedin") {
      issues.push({
        path: ["steps", i, "channel"],
        message: "a linkedin campaign can only have linkedin steps",
      });
    }
    if (step.channel === "linkedin") {
      if (!step.action_type) {
        issues.push({
          path: ["steps", i, "action_type"],
          message: "action_type is required for linkedin steps",
        });
      }
      if (
        step.action_type === "connection_request" &&
        (step.message_template?.length ?? 0) > CONNECTION_NOTE_MAX
      ) {
        issues.push({
          path: ["steps", i, "message_template"],
          message: `a connection request note is at most ${CONNECTION_NOTE_MAX} characters`,
        });
      }
    }
  });
  if (c.steps.some((s) => s.channel === "email") && c.alias_ids.length === 0) {
    issues.push({ path: ["alias_ids"], message: "alias_ids is required when a step sends email" });
  }
  if (c.steps.some((s) => s.channel === "linkedin") && !c.connected_account_id) {
    issues.push({
      path: ["connected_account_id"],
      message: "connected_account_id is required for linkedin steps",
    });
  }
  if (c.launch_type === "scheduled" && !c.start_date) {
    issues.push({ path: ["start_date"], message: "start_date is required when launch_type is scheduled" });
  }
  if (
    isWallTime(c.sending_window_start) &&
    isWallTime(c.sending_window_end) &&
    normalizeTimeOfDay(c.sending_window_start) === normalizeTimeOfDay(c.sending_window_end)
  ) {
    issues.push({
      path: ["sending_window_end"],
      message: "sending_window_end must differ from sending_window_start",
    });
  }
  if (new Set(c.send_days).size !== c.send_days.length) {
    issues.push({ path: ["send_days"], message: "send_days must not repeat a day" });
  }
  return issues;
}

export const CampaignCreate = z
  .object(campaignFields)
  .superRefine((c, ctx) => {
    for (const issue of campaignRuleIssues(c)) ctx.addIssue({ code: "custom", ...issue });
  })
  .openapi("CampaignCreate");
export type CampaignCreate = z.infer<typeof CampaignCreate>;

/** PATCH: omitted = unchanged, explicit null clears a nullable field. Cross-field rules run on the merged result. */
export const CampaignUpdate = z
  .object({
    name: campaignFields.name.optional(),
    description: z.string().max(1000).nullable().optional(),
    dataset_id: Uuid.optional(),
    steps: campaignFields.steps.optional(),
    type: z.enum(["email", "linkedin", "mixed"]).optional(),
    alias_ids: z.array(Uuid).max(50).optional(),
    connected_account_id: Uuid.nullable().optional(),
    launch_type: z.enum(["immediate", "scheduled"]).optional(),
    start_date: z.iso.datetime({ offset: true }).nullable().optional(),
    daily_limit: z.number().int().min(1).max(10000).optional(),
    sending_window_start: TimeOfDay.optional(),
    sending_window_end: TimeOfDay.optional(),
    min_interval_seconds: z.number().int().min(1).max(3600).optional().openapi({ minimum: 60 }),
    timezone: TimeZone.optional(),
    send_days: z.array(Weekday).min(1).max(7).optional(),
    system_prompt: z.string().min(100).max(5000).nullable().optional(),
    unreviewed_launch_policy: z.enum(["launch_default", "hold", "cancel"]).optional(),
    stop_on_reply_scope: z.enum(STOP_ON_REPLY_SCOPES).optional(),
    playground_discovery_dismissed_at: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict()
  .openapi("CampaignUpdate");
export type CampaignUpdate = z.infer<typeof CampaignUpdate>;

/** Fields frozen once a campaign has left `draft`. */
export const LOCKED_AFTER_LAUNCH = [
  "steps",
  "stop_on_reply_scope",
  "dataset_id",
  "type",
  "alias_ids",
  "connected_account_id",
] as const;
/** Pacing fields that may change at any time and apply from the next send. */
export const PACING_FIELDS = [
  "daily_limit",
  "sending_window_start",
  "sending_window_end",
  "min_interval_seconds",
  "timezone",
  "send_days",
] as const;

export const CampaignResponse = z
  .object({
    campaign_id: Uuid,
    user_id: Uuid,
    dataset_id: Uuid,
    name: z.string(),
    type: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    launch_type: z.enum(["immediate", "scheduled"]),
    daily_limit: z.number().int(),
    sending_window_start: z.string(),
    sending_window_end: z.string(),
    min_interval_seconds: z.number().int(),
    timezone: z.string(),
    steps_config: z.array(StepResponse),
    send_days: z.array(z.string()),
    created_at: Timestamp,
    updated_at: Timestamp,
    description: z.string().nullable(),
    start_date: Timestamp.nullable(),
    alias_ids: z.array(z.string()),
    connected_account_id: Uuid.nullable(),
    total_leads: z.number().int(),
    processed_leads: z.number().int(),
    launch_job_id: z.string().nullable(),
    launch_requested_at: Timestamp.nullable(),
    launch_error: z.string().nullable(),
    system_prompt: z.string().nullable(),
    unreviewed_launch_policy: z.enum(["launch_default", "hold", "cancel"]),
    paused_reason: z.string().nullable(),
    playground_discovery_dismissed_at: Timestamp.nullable(),
    stop_on_reply_scope: z.enum(STOP_ON_REPLY_SCOPES),
  })
  .openapi("CampaignResponse");
export type CampaignResponse = z.infer<typeof CampaignResponse>;

export const CampaignListQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  name: z.string().max(255).optional().openapi({ description: "case-insensitive substring of the name" }),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
});

export const CampaignList = z
  .object({
    items: z.array(CampaignResponse),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
  })
  .openapi("CampaignList");

export const CampaignIdParam = z.object({
  campaign_id: Uuid.openapi({ param: { name: "campaign_id", in: "path" } }),
});
