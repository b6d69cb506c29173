import type {
  CampaignLead,
  CampaignStatus,
  CapturedMessage,
  LEAD_STATES,
  LeadEvent,
  ScheduleResponse,
  StatsResponse,
  Step,
} from "@cadence/contract";
import type { z } from "@hono/zod-openapi";
import type { TemplateSnapshot } from "./sequence";

/** Everything the campaign object needs to run, frozen at launch (pacing fields may change later). */
export interface CampaignConfig {
  name: string;
  type: string;
  datasetId: string;
  steps: Step[];
  aliasIds: string[];
  connectedAccountId: string | null;
  launchType: "immediate" | "scheduled";
  startDate: number | null;
  unreviewedLaunchPolicy: "launch_default" | "hold" | "cancel";
  /** The campaign's `system_prompt` for personalized steps (absent in objects launched before it was frozen). */
  systemPrompt?: string | null;
  timezone: string;
  windowStart: string;
  windowEnd: string;
  sendDays: string[];
  dailyLimit: number;
  minIntervalSeconds: number;
  /** Origin for links inside messages (unsubscribe, click tracking). */
  publicBaseUrl: string;
  /** Whom a reply stops: its lead, or every lead of its company (email domain) in the campaign. */
  stopOnReplyScope?: "lead" | "company";
}

export type PacingConfig = Pick<
  CampaignConfig,
  | "timezone"
  | "windowStart"
  | "windowEnd"
  | "sendDays"
  | "dailyLimit"
  | "minIntervalSeconds"
  | "startDate"
  | "launchType"
>;

export interface LaunchInput {
  campaignId: string;
  userId: string;
  launchJobId: string;
  config: CampaignConfig;
  templates: Record<string, TemplateSnapshot>;
  /** The campaign's approved emails at launch (later changes are pushed: `AiApprovalChange`). */
  approvals?: LaunchApproval[];
}

/** An approved email of one lead's step, under the step configuration it was approved for. */
export interface LaunchApproval {
  leadId: string;
  step: number;
  fingerprint: string;
  subject: string;
  body: string;
}

/** A lead's approvals after an approve, unapprove or reset: `steps` replaced by `approvals`. */
export interface AiApprovalChange {
  leadId: string;
  steps: number[];
  approvals: LaunchApproval[];
}

/** Leads by where they are in their sequence (every lead is in exactly one). */
export interface LeadCounters {
  /** Not started yet. */
  pending: number;
  /** Started, with steps left. */
  active: number;
  /** Completed, stopped or failed. */
  ended: number;
}

export interface CampaignState {
  campaignId: string | null;
  status: CampaignStatus | "none";
  totalLeads: number;
  processedLeads: number;
  pausedReason: string | null;
  launchError: string | null;
  launchJobId: string | null;
}

export type LeadState = (typeof LEAD_STATES)[number];
export type LeadView = z.infer<typeof CampaignLead>;
export type LeadEventView = z.infer<typeof LeadEvent>;
export type ScheduleView = z.infer<typeof ScheduleResponse>;
/** The object's part of the stats; the Worker adds `ai` (send-time generation, from D1's usage log). */
export type StatsView = Omit<z.infer<typeof StatsResponse>, "ai">;
export type MessageView = z.infer<typeof CapturedMessage>;

/** A change of the user's suppression list, pushed to each live campaign object. */
export interface SuppressionChange {
  added?: string[];
  removed?: string[];
}

/** An inbound fact about a lead that stops its remaining steps. */
export type InboundEventType = "replied" | "bounced" | "unsubscribed" | "complained";

/** One outbound message of a lead's conversation, as the campaign object knows it. */
export interface OutboundMessageView {
  at: number;
  step: number;
  status: "sent" | "failed";
  subject: string | null;
  text: string | null;
  messageId: string | null;
}
