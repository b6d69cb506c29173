import { type CampaignStatus, isLive, isSending } from "@cadence/contract";
import type { TemplateSnapshot } from "../sequence";
import type { CampaignConfig, CampaignState, LeadCounters } from "../types";
import type { ObjectScope } from "./scope";
import type { Timeline } from "./timeline";

/** Every table the object keeps for one launch (a failed launch launched again starts from none). */
const LAUNCH_TABLES = [
  "leads",
  "actions",
  "day_counts",
  "templates",
  "messages",
  "events",
  "outbox",
  "suppressed",
  "smtp_journal",
  "ai_approvals",
  "ai_emails",
  "ai_failures",
  "meta",
] as const;

/**
 * The campaign's own record inside its object: who it is, its status and the transitions between
 * statuses, its frozen configuration and template content, and its lead counters.
 */
export class CampaignRecord {
  private configCache: CampaignConfig | null = null;
  private templateCache: Map<string, TemplateSnapshot> | null = null;

  constructor(
    private readonly scope: ObjectScope,
    private readonly timeline: Timeline,
  ) {}

  get status(): CampaignStatus | "none" {
    return this.scope.meta.get("status") ?? "none";
  }

  /** Live and not paused: a campaign that waits for loading, its start or its next send. */
  get isRunning(): boolean {
    const status = this.status;
    return status !== "none" && status !== "paused" && isLive(status);
  }

  get isSending(): boolean {
    const status = this.status;
    return status !== "none" && isSending(status);
  }

  campaignId(): string {
    return this.scope.meta.get("campaign_id") ?? "";
  }

  userId(): string | null {
    return this.scope.meta.get("user_id");
  }

  config(): CampaignConfig {
    this.configCache ??= this.scope.meta.get("config");
    if (!this.configCache) throw new Error("campaign object has no configuration");
    return this.configCache;
  }

  /** Replaces the configuration (pacing fields and start_date change while live). */
  setConfig(config: CampaignConfig): void {
    this.scope.meta.set("config", config);
    this.configCache = config;
  }

  templates(): Map<string, TemplateSnapshot> {
    if (!this.templateCache) {
      const rows = this.scope.sql
        .exec<{ template_id: string; subject: string; body: string }>("SELECT * FROM templates")
        .toArray();
      this.templateCache = new Map(rows.map((r) => [r.template_id, { subject: r.subject, body: r.body }]));
    }
    return this.templateCache;
  }

  counters(): LeadCounters {
    return this.scope.meta.get("counters") ?? { pending: 0, active: 0, ended: 0 };
  }

  bumpCounters(delta: Partial<LeadCounters>): void {
    const c = this.counters();
    this.scope.meta.set("counters", {
      pending: c.pending + (delta.pending ?? 0),
      active: c.active + (delta.active ?? 0),
      ended: c.ended + (delta.ended ?? 0),
    });
  }

  /** Leads that still have a step to send. */
  leadsLeft(): number {
    const c = this.counters();
    return c.pending + c.active;
  }

  totalLeads(): number {
    const c = this.counters();
    return this.scope.meta.get("total_leads") ?? c.pending + c.active + c.ended;
  }

  /** Moves to `status` and records the change on the timeline (a no-op when already there); `reason` says why. */
  transition(status: CampaignStatus, at: number, reason?: string): void {
    const from = this.status;
    if (from === status) return;
    this.scope.meta.set("status", status);
    this.timeline.record("status_changed", null, at, null, {
      from,
      to: status,
      ...(reason ? { reason } : {}),
    });
  }

  /** The status a running campaign is in once it may send: active while new leads remain. */
  sendingStatus(): "active" | "draining" {
    return this.counters().pending > 0 ? "active" : "draining";
  }

  view(): CampaignState {
    const meta = this.scope.meta;
    return {
      campaignId: meta.get("campaign_id"),
      status: this.status,
      totalLeads: this.totalLeads(),
      processedLeads: this.counters().ended,
      pausedReason: meta.get("paused_reason"),
      launchError: meta.get("launch_error"),
      launchJobId: meta.get("launch_job_id"),
    };
  }

  /** Empties every table of the launch (before a failed launch is launched again, or a cancel). */
  clear(): void {
    this.scope.ctx.storage.transactionSync(() => {
      for (const table of LAUNCH_TABLES) this.scope.sql.exec(`DELETE FROM ${table}`);
    });
    this.forget();
  }

  /** After a failure: storage is the truth again. */
  forget(): void {
    this.scope.meta.forget();
    this.configCache = null;
    this.templateCache = null;
  }
}
