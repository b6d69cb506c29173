import type { CampaignStatus } from "@cadence/contract";
import type { AlarmClock, ClockMeta, ObjectMeta } from "../../lib/object-storage";
import type { WebhooksEnv } from "../../webhooks/enqueue";
import type { SenderQuota } from "../sender-quota";
import type { CampaignConfig, LeadCounters } from "../types";

/** What the campaign object calls: D1, the user's webhook dispatcher and the senders' shared caps. */
export interface CampaignObjectEnv extends WebhooksEnv {
  SENDER_QUOTA: DurableObjectNamespace<SenderQuota>;
}

/** Units of an identity's shared cap this campaign holds (see SenderQuota). */
export interface SenderLease {
  id: string;
  granted: number;
  used: number;
  expiresAt: number;
  /** After a send from this instant on, the lease is renewed ahead of the next send (absent: never). */
  renewAt?: number;
}

/** An identity's cap (or a provider's cooldown) holds every send until `until`. */
export interface SenderWait {
  until: number;
  reason: string;
}

/** A step's automatic A/B winner, chosen once (see `ab-winner.ts` in the object). */
export interface AbWinnerRecord {
  step: number;
  variant: string;
  metric: "reply_rate";
  decidedAt: number;
  confidence: number;
  probabilities: Record<string, number>;
  variants: { variant: string; sent: number; replied: number }[];
}

/** Every scalar the campaign object keeps, with its type: the one declaration of its meta keys. */
export interface CampaignMeta extends ClockMeta {
  campaign_id: string;
  user_id: string;
  launch_job_id: string;
  status: CampaignStatus;
  /** Frozen at launch; pacing fields and start_date may be replaced later. */
  config: CampaignConfig;
  /** Launching: the last dataset row read. */
  load_cursor: number;
  counters: LeadCounters;
  total_leads: number;
  launch_error: string;
  paused_reason: string;
  /** The status a pause interrupted, to go back to on resume. */
  resume_to: CampaignStatus;
  /** The instant the last action started (spacing counts from it). */
  last_action_at: number;
  sender_wait: SenderWait;
  sender_leases: Record<string, SenderLease>;
  lease_seq: number;
  /** Emails that reached an outcome (sent, or failed for good): the bounce guard's denominator. */
  email_outcomes: number;
  /** Hard bounces: permanent rejections at send time and bounces reported afterwards. */
  bounces: number;
  /** Spam complaints (feedback reports and `complained` events): the complaint guard's numerator. */
  complaints: number;
  /** Steps whose automatic A/B test has chosen a winner: new leads get it. */
  ab_winners: AbWinnerRecord[];
  /** The status the D1 mirror last wrote, and when it writes the counters again (see `d1-mirror.ts`). */
  mirrored_status: CampaignStatus;
  mirror_due_at: number;
  /** Whether the user has an active webhook, as last read or pushed, and until when to trust it. */
  webhooks_known: { value: boolean; until: number };
  suppressions_checked_at: number;
  suppressions_high_water: number;
}

/** The narrow view of the object each of its modules works through. */
export interface ObjectScope {
  readonly ctx: DurableObjectState;
  readonly env: CampaignObjectEnv;
  readonly sql: SqlStorage;
  readonly meta: ObjectMeta<CampaignMeta>;
  readonly clock: AlarmClock;
  /** In [0, 1): where the engine spreads work out in time (lease renewals, mirror writes). Tests fix it. */
  readonly random: () => number;
}
