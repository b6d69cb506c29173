import { DurableObject } from "cloudflare:workers";
import { isSending } from "@cadence/contract";
import { stepHasPersonalization } from "../../ai/personalized";
import type { Channel, OutboundAction, SendOutcome } from "../../channels/types";
import { datasetRows } from "../../datasets/rows";
import { log } from "../../lib/log";
import { AlarmClock, migrateObjectStorage, ObjectMeta } from "../../lib/object-storage";
import { actionKey } from "../sequence";
import type {
  AiApprovalChange,
  CampaignState,
  LaunchInput,
  LeadEventView,
  LeadView,
  MessageView,
  OutboundMessageView,
  PacingConfig,
  ScheduleView,
  StatsView,
  SuppressionChange,
} from "../types";
import { Variants } from "./ab-winner";
import { AiSends } from "./ai-sends";
import { Control } from "./control";
import { SentMail } from "./conversation";
import { D1Mirror } from "./d1-mirror";
import { Guards } from "./guards";
import { type AppliedLead, type InboundFactInput, InboundFacts, type InboundNoticeInput } from "./inbound";
import { LeadLoader, type RowSource } from "./lead-loading";
import { Leads } from "./leads";
import { SenderLeases } from "./leases";
import { Outcomes } from "./outcomes";
import { Pacing } from "./pacing";
import { CampaignRecord } from "./record";
import { PlanView } from "./schedule-view";
import type { CampaignMeta, CampaignObjectEnv, ObjectScope } from "./scope";
import { SendWake } from "./send-wake";
import { Senders } from "./senders";
import { ScheduledStart, START_WARM_UP_MS } from "./start";
import { CampaignStats } from "./stats";
import { MIGRATIONS } from "./storage";
import { SuppressionMirror } from "./suppressions";
import { Timeline } from "./timeline";
import { Views } from "./views";

/** An alarm this far in the past is taken as lost (a restart of `wrangler dev`) and armed again. */
const STALE_ALARM_MS = 30_000;

/**
 * One per campaign (`idFromName(campaign_id)`): owns its leads' progress, serialises every
 * transition, and wakes itself with a single storage alarm armed for the next piece of work (a chunk
 * of leads to load, the scheduled start, or the next send). This class is the table of contents:
 * each responsibility lives in its own module under `campaign/object/`, reached through `ObjectScope`.
 */
export class CampaignObject extends DurableObject<CampaignObjectEnv> {
  protected readonly scope: ObjectScope;
  protected readonly record: CampaignRecord;
  private readonly timeline: Timeline;
  private readonly leadsTable: Leads;
  private readonly pacing: Pacing;
  private readonly suppressions: SuppressionMirror;
  protected readonly mirror: D1Mirror;
  private readonly senders: Senders;
  private readonly variants: Variants;
  private readonly leases: SenderLeases;
  private readonly outcomes: Outcomes;
  private readonly loader: LeadLoader;
  private readonly start: ScheduledStart;
  private readonly control: Control;
  private readonly guards: Guards;
  private readonly inbound: InboundFacts;
  private readonly sendWake: SendWake;
  private readonly views: Views;
  private readonly plan: PlanView;
  private readonly ai: AiSends;
  private readonly sentMail: SentMail;
  /** A wake is running (a second one, e.g. a test driving alarms beside the platform, returns at once). */
  private waking = false;

  constructor(ctx: DurableObjectState, env: CampaignObjectEnv) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    const meta = new ObjectMeta<CampaignMeta>(sql, { cached: true });
    const scope: ObjectScope = {
      ctx,
      env,
      sql,
      meta,
      clock: this.createClock(ctx, meta),
      random: () => this.random(),
    };
    this.scope = scope;
    this.timeline = new Timeline(scope, () => this.record.campaignId());
    this.record = new CampaignRecord(scope, this.timeline);
    this.leadsTable = new Leads(scope);
    this.pacing = new Pacing(scope, this.record, this.leadsTable);
    this.suppressions = new SuppressionMirror(scope, () => this.record.userId());
    this.mirror = new D1Mirror(scope, this.record);
    this.variants = new Variants(scope, this.record, this.timeline);
    this.ai = new AiSends(scope, this.record, this.variants);
    this.senders = new Senders(scope, this.record, this.variants, (row, step) => this.ai.written(row, step));
    this.leases = new SenderLeases(scope, this.record, (day) => this.pacing.sentOnDay(day));
    this.outcomes = new Outcomes(scope, this.record, this.timeline, this.leadsTable, this.senders);
    const rows: RowSource = (datasetId, afterRow, pageSize) =>
      this.datasetRows(datasetId, afterRow, pageSize);
    this.loader = new LeadLoader(scope, this.record, this.timeline, this.suppressions, this.mirror, rows);
    this.start = new ScheduledStart(
      this.record,
      this.timeline,
      this.pacing,
      this.senders,
      this.leases,
      this.suppressions,
      this.ai,
    );
    this.control = new Control(scope, this.record, this.timeline, this.leases, this.mirror, this.start, () =>
      this.rearm(),
    );
    this.guards = new Guards(scope, this.timeline, this.control);
    this.inbound = new InboundFacts(
      scope,
      this.record,
      this.timeline,
      this.leadsTable,
      this.outcomes,
      this.guards,
      this.variants,
    );
    this.sendWake = new SendWake(
      scope,
      this.record,
      this.leadsTable,
      this.pacing,
      this.suppressions,
      this.senders,
      this.leases,
      this.outcomes,
      this.guards,
      this.ai,
      this.variants,
      (channel, action) => this.deliver(channel, action),
    );
    this.views = new Views(
      scope,
      this.record,
      this.leadsTable,
      this.timeline,
      new CampaignStats(scope, this.record),
    );
    this.plan = new PlanView(scope, this.record, this.pacing, this.variants);
    this.sentMail = new SentMail(scope, this.record, this.leadsTable, this.timeline, this.senders);
    ctx.blockConcurrencyWhile(async () => {
      migrateObjectStorage(ctx.storage, MIGRATIONS);
      await this.ensureAlarm();
    });
  }

  // ---------------------------------------------------------------- seams (tests subclass these)

  protected createClock(ctx: DurableObjectState, meta: ObjectMeta<CampaignMeta>): AlarmClock {
    return new AlarmClock(ctx.storage, meta);
  }

  protected random(): number {
    return Math.random();
  }

  protected datasetRows(datasetId: string, afterRow: number, pageSize: number) {
    return datasetRows(this.env.DB, datasetId, afterRow, pageSize);
  }

  protected async deliver(channel: Channel, action: OutboundAction): Promise<SendOutcome> {
    try {
      return await channel.send(action);
    } catch (err) {
      return { kind: "transient", error: err instanceof Error ? err.message : String(err) };
    }
  }

  // ---------------------------------------------------------------- the alarm

  override async alarm(): Promise<void> {
    // One wake at a time: a wake started while another awaits I/O would interleave with it.
    if (this.waking) return;
    this.waking = true;
    try {
      const status = this.record.status;
      const now = this.scope.clock.now();
      if (status === "launching") {
        if ((await this.loader.loadChunk()) !== "more") {
          // An immediate launch starts as its leads are in: unreviewed personalization follows its policy now.
          const started = this.record.status === "active" ? await this.applyStartPolicy(now) : "started";
          if (started !== "cancelled") await this.mirror.project(true);
        }
      } else if (status === "scheduled") await this.startWake(now);
      else if (isSending(status)) await this.sendWake.run(now);
      await this.rearm();
      this.mirror.projectInBackground();
      await this.timeline.flush(this.record.userId());
      // After a send wake (not while leads load): the next lead's personalized email, ahead of its slot.
      if (status !== "launching" && this.record.isSending)
        await this.prefetchNext(this.scope.clock.nextWakeAt());
    } catch (err) {
      this.forget();
      throw err;
    } finally {
      this.waking = false;
    }
  }

  /** While scheduled: the warm-up shortly before start_date, then the start and its first send. */
  private async startWake(now: number): Promise<void> {
    const { startDate } = this.record.config();
    if (startDate !== null && startDate > now) {
      if (now >= startDate - START_WARM_UP_MS) {
        await this.start.warmUp(startDate);
        if (this.record.config().unreviewedLaunchPolicy === "launch_default")
          await this.prefetchNext(startDate);
      }
      return;
    }
    const started = await this.applyStartPolicy(now);
    if (started === "held") await this.mirror.project(true);
    else if (started === "started") {
      this.record.transition("active", now);
      // The first send does not wait for the D1 mirror: the wake projects the new status after it.
      await this.sendWake.run(now);
    }
  }

  /**
   * At the start (start_date, or the end of an immediate launch's loading): unreviewed personalized
   * leads under `hold` pause the campaign, under `cancel` return it to draft; otherwise it goes on.
   */
  private async applyStartPolicy(now: number): Promise<"started" | "held" | "cancelled"> {
    const decision = await this.start.decide();
    if (decision.action === "hold") {
      this.scope.meta.set("paused_reason", "unreviewed_personalization");
      this.record.transition("paused", now, decision.reason);
      await this.leases.release(null);
      return "held";
    }
    if (decision.action === "cancel") {
      await this.cancelToDraft(now, decision.reason);
      return "cancelled";
    }
    return "started";
  }

  /** The cancel policy at start_date: the campaign goes back to draft, its launch undone. */
  private async cancelToDraft(now: number, reason: string): Promise<void> {
    const campaignId = this.record.campaignId();
    // The webhook event leaves before the launch's storage (its outbox included) is cleared.
    this.record.transition("draft", now, reason);
    await this.timeline.flush(this.record.userId());
    await this.scope.clock.disarm();
    await this.leases.release(null);
    this.record.clear();
    this.forget();
    this.scope.meta.set("campaign_id", campaignId);
    this.scope.meta.set("status", "draft");
    await this.mirror.returnToDraft(campaignId, `cancelled at start_date: ${reason}`);
  }

  /**
   * Generates, ahead of its slot, the personalized email of the lead due at `at` (the next wake), so
   * the send finds it ready. A failure here costs nothing: the send meets it again and decides.
   */
  private async prefetchNext(at: number | null): Promise<void> {
    // Most campaigns personalize nothing: no lead to look up then.
    if (at === null || !this.record.config().steps.some(stepHasPersonalization)) return;
    try {
      await this.ai.prefetch(this.leadsTable.pickDue(at));
    } catch (err) {
      log("warn", "AI prefetch failed", { campaign_id: this.record.campaignId(), error: String(err) });
    }
  }

  /**
   * The one place that decides the next alarm: loading goes on at once, a scheduled campaign wakes
   * for its warm-up or start, a sending one at its next slot (or when its sender's cap lets it send
   * again), and one with nothing left completes.
   */
  private async rearm(): Promise<void> {
    const { clock, meta } = this.scope;
    const status = this.record.status;
    const now = clock.now();
    if (status === "launching") return clock.armNow();
    if (status === "scheduled")
      return clock.armAt(this.start.wakeAt(this.record.config().startDate ?? now, now));
    if (!isSending(status)) return clock.disarm();
    const slot = this.pacing.nextSlot(now);
    await this.leases.release(slot?.at ?? null);
    if (!slot) {
      if (this.record.leadsLeft() === 0) {
        this.record.transition("completed", now);
        await this.mirror.project(true);
      }
      return clock.disarm();
    }
    const wait = meta.get("sender_wait");
    return clock.armAt(wait ? Math.max(slot.at, wait.until, now + 1000) : slot.at);
  }

  /** A live campaign whose alarm is missing or long past (e.g. after `wrangler dev` restarted) is re-armed. */
  private async ensureAlarm(): Promise<void> {
    if (!this.record.isRunning) return;
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm < Date.now() - STALE_ALARM_MS) await this.rearm();
  }

  /** After a failure: storage is the truth again, every in-memory mirror is re-read. */
  private forget(): void {
    this.record.forget();
    this.pacing.forget();
    this.timeline.forget();
    this.sendWake.forget();
    this.ai.forget();
  }

  // ---------------------------------------------------------------- RPC: control

  async launch(input: LaunchInput): Promise<{ accepted: boolean; status: string }> {
    const status = this.record.status;
    if (status !== "none" && status !== "draft" && status !== "failed") return { accepted: false, status };
    if (status === "failed") this.record.clear();
    this.forget();
    this.loader.begin(input);
    this.ai.begin(input.approvals ?? []);
    await this.mirror.clearLeads(input.campaignId);
    await this.scope.clock.armNow();
    return { accepted: true, status: "launching" };
  }

  async state(): Promise<CampaignState> {
    await this.ensureAlarm();
    // Callers read D1 next (lists, GET): the mirror a wake left in flight lands first.
    await this.mirror.settled();
    return this.record.view();
  }

  async pause(reason: string | null): Promise<CampaignState> {
    await this.control.pause(reason);
    return this.state();
  }

  async resume(): Promise<CampaignState> {
    await this.control.resume();
    return this.state();
  }

  async updatePacing(pacing: Partial<PacingConfig>): Promise<void> {
    await this.control.updatePacing(pacing);
  }

  /**
   * An inbound fact about a lead (reply, bounce, unsubscribe, complaint): stops the lead's remaining
   * steps at once (a company-scope reply stops its colleagues too) and records it on its timeline;
   * bounces and complaints feed their guards. Returns the leads it applied to, with their addresses
   * (the caller suppresses them where due).
   */
  async recordInbound(input: InboundFactInput): Promise<AppliedLead[]> {
    const { applied, changed } = await this.inbound.stop(input);
    if (changed && this.record.isSending) await this.rearm();
    await this.control.settle();
    return applied;
  }

  /**
   * Mail that does not stop its lead (an automatic reply, a transient bounce): recorded, and an
   * automatic reply's return date moves the lead's next step past it. Null when there is no such lead.
   */
  async recordNotice(input: InboundNoticeInput): Promise<{ waitsUntil: number | null } | null> {
    const result = this.inbound.notice(input);
    if (result && result.waitsUntil !== null && this.record.isSending) await this.rearm();
    await this.control.settle();
    return result;
  }

  /**
   * A tracked link was followed. True only when the lead's email of that step was sent and carried
   * that very link: a token can never redirect anywhere else.
   */
  async recordClick(rowIndex: number, step: number | null, url: string): Promise<boolean> {
    const lead = this.leadsTable.byRow(rowIndex);
    if (!lead || step === null || !this.record.config().steps[step - 1]) return false;
    const key = actionKey(this.record.campaignId(), rowIndex, step);
    const sent = this.scope.sql
      .exec("SELECT 1 FROM actions WHERE action_key = ? AND status = 'sent'", key)
      .toArray();
    if (sent.length === 0) return false;
    const action = await this.senders.compose(lead, step, key);
    if (action.kind !== "email" || !action.trackedUrls?.includes(url)) return false;
    this.timeline.record("clicked", rowIndex, this.scope.clock.now(), step, { url });
    await this.timeline.flush(this.record.userId());
    return true;
  }

  /** Pushed by the API when the user's suppression list changes. */
  async applySuppressions(change: SuppressionChange): Promise<void> {
    this.suppressions.apply(change);
  }

  /** Pushed by the approval routes when a lead's approved emails change. */
  async applyApprovals(change: AiApprovalChange): Promise<void> {
    this.ai.applyApprovals(change);
  }

  /** Pushed by the webhook routes when the user's subscriptions change. */
  async webhooksChanged(active: boolean): Promise<void> {
    this.timeline.webhooksChanged(active);
  }

  /** Re-arms a missing alarm; called by local start-up checks. */
  async ping(): Promise<string> {
    await this.ensureAlarm();
    return this.record.status;
  }

  // ---------------------------------------------------------------- RPC: views

  async schedule(limit: number): Promise<ScheduleView> {
    return this.plan.view(limit);
  }

  async stats(): Promise<StatsView> {
    return this.views.stats();
  }

  async leads(query: {
    status?: string;
    offset: number;
    limit: number;
  }): Promise<{ items: LeadView[]; total: number }> {
    return this.views.leads(query);
  }

  async leadEvents(leadId: string): Promise<LeadEventView[] | null> {
    return this.views.leadEvents(leadId);
  }

  /** Whether the lead of row `rowIndex` was sent step `step` (inbound matching), with its address. */
  async sentTo(rowIndex: number, step: number): Promise<{ leadId: string; email: string | null } | null> {
    return this.sentMail.sentTo(rowIndex, step);
  }

  /** The lead's outbound messages, for its conversation; null when the campaign has no such lead. */
  async outbound(leadId: string): Promise<OutboundMessageView[] | null> {
    return this.sentMail.outbound(leadId);
  }

  async messages(query: {
    offset: number;
    limit: number;
    leadId?: string;
  }): Promise<{ items: MessageView[]; total: number }> {
    return this.views.messages(query);
  }
}
