import { DurableObject } from "cloudflare:workers";
import { type CampaignStatus, type Step, toTimestamp } from "@cadence/contract";
import type { DayKey, PacingRules, PacingState, Weekday } from "@cadence/scheduling";
import { CaptureChannel } from "../channels/capture";
import { composeEmail, composeLinkedIn } from "../channels/compose";
import { channelForAccount, channelForAlias } from "../channels/resolve";
import type { Channel, OutboundAction, SendOutcome } from "../channels/types";
import { log } from "../lib/log";
import { AlarmClock, ObjectMeta } from "../lib/object-state";
import { enqueueWebhookEvents, type WebhooksEnv } from "../webhooks/enqueue";
import { followUpDue, type NotSendingReason, nextActionSlot, planActions, whyNotSending } from "./engine";
import { classifyRow, emailDomain, suppressionMatcher } from "./lead-rules";
import { datasetRows, leadRulesFor } from "./preflight";
import { LEASE_MS, type SenderQuota } from "./sender-quota";
import { actionKey, campaignLeadId, leadSeed, type TemplateSnapshot, variantFor } from "./sequence";
import { migrate } from "./storage";
import type {
  CampaignConfig,
  CampaignState,
  LaunchInput,
  LeadEventView,
  LeadState,
  LeadView,
  MessageView,
  PacingConfig,
  ScheduleView,
  StatsView,
} from "./types";

/** Lead loading: rows read per D1 page, and the bound on one wake (rows and wall time). */
const LOAD_PAGE_ROWS = 2000;
const LOAD_WAKE_MAX_ROWS = 25_000;
const LOAD_WAKE_MAX_MS = 400;
/** Transient failures retry with exponential backoff, at most this many attempts in all. */
const MAX_ATTEMPTS = 5;
const RETRY_BASE_MS = 60_000;
/**
 * D1 mirror of status and counters: written on every status change, otherwise at most this often
 * (`/stats` and `/leads` are live; lists and `processed_leads` may lag by this much). At one write
 * per campaign per interval this is most of what a busy engine asks of D1.
 */
const PROJECTION_INTERVAL_MS = 30_000;
/** Alias and account rows (and their channels) are re-read at most this often. */
const SENDER_CACHE_MS = 30_000;
/** Bounce guardrail: pause once bounces exceed this share of sends, after at least this many sends. */
const BOUNCE_GUARD_RATE = 0.05;
const BOUNCE_GUARD_MIN_SENDS = 20;

/** A scheduled campaign wakes this long before its start to warm its caches (well under SENDER_CACHE_MS). */
const START_WARM_UP_MS = 10_000;

/** Whether the user has an active webhook is re-read at most this often. */
const WEBHOOKS_CACHE_MS = 5 * 60_000;
/** The suppression mirror re-reads D1 at most this often (pushes keep it current in between). */
const SUPPRESSION_REFRESH_MS = 60_000;
/** Timeline events that are also webhook events. */
const WEBHOOK_EVENT_FOR: Record<string, string> = {
  sent: "lead.sent",
  failed: "lead.failed",
  replied: "lead.replied",
  bounced: "lead.bounced",
  unsubscribed: "lead.unsubscribed",
  complained: "lead.complained",
  clicked: "lead.clicked",
  status_changed: "campaign.status_changed",
};

export type InboundEventType = "replied" | "bounced" | "unsubscribed" | "complained";

const LIVE: readonly string[] = ["launching", "scheduled", "active", "draining", "paused"];
const SENDING: readonly string[] = ["active", "draining"];

type FaultPoint = "after_claim" | "after_send";

type LeadRow = {
  row_index: number;
  lead_id: string;
  email: string | null;
  linkedin_url: string | null;
  data: string;
  state: LeadState;
  next_step: number;
  due_at: number | null;
  attempts: number;
  thread_message_id: string | null;
  thread_subject: string | null;
};

type AliasRow = {
  id: string;
  email: string;
  display_name: string | null;
  daily_limit: number;
  transport: string;
  transport_secret: string | null;
};

type AccountRow = {
  id: string;
  provider: string;
  provider_account_id: string;
  base_url: string;
  api_key_secret: string;
  daily_limit: number;
  weekly_limit: number;
};

interface Sender {
  channel: Channel;
  /** The sending identity's own caps, shared across campaigns (SenderQuota). */
  quota: { id: string; dailyLimit: number; weeklyLimit: number | null };
}

/** A lead's email thread: its first message, which follow-ups answer. */
interface Thread {
  messageId: string | null;
  subject: string;
}

/** Units of an identity's shared cap this campaign holds (see SenderQuota). */
interface SenderLease {
  id: string;
  granted: number;
  used: number;
  expiresAt: number;
  /** After a send from this instant on, the lease is renewed ahead of the next send (absent: never). */
  renewAt?: number;
}

interface Counters {
  pending: number;
  active: number;
  ended: number;
}

/** What the campaign object calls: D1, the user's webhook dispatcher and the senders' shared caps. */
export interface CampaignObjectEnv extends WebhooksEnv {
  SENDER_QUOTA: DurableObjectNamespace<SenderQuota>;
}

/**
 * One per campaign (`idFromName(campaign_id)`): owns its leads' progress, serialises every
 * transition, and wakes itself with a single storage alarm armed for the next due piece of work
 * (a chunk of leads to load, the scheduled start, or the next send).
 */
export class CampaignObject extends DurableObject<CampaignObjectEnv> {
  private readonly sql: SqlStorage;
  /** Scalar state (campaign id, status, config, counters...), mirrored in memory. */
  private readonly meta: ObjectMeta;
  private readonly clock: AlarmClock;
  private configCache: CampaignConfig | null = null;
  private templateCache: Map<string, TemplateSnapshot> | null = null;
  /** The periodic D1 mirror is due again at this instant (jittered, so objects started together spread out). */
  private nextProjectionAt = 0;
  private projectedStatus: string | null = null;
  /** The last queued D1 mirror write (it never rejects), and whether one is waiting its turn. */
  private projectionTail: Promise<void> = Promise.resolve();
  private projectionQueued = false;
  private readonly rowCache = new Map<string, { row: unknown; until: number }>();
  private readonly channelCache = new Map<string, { channel: Channel; until: number }>();
  private webhooksKnown: { value: boolean; until: number } | null = null;
  private waking = false;
  /** Sends counted per pacing day (mirror of `day_counts`, read once per day key). */
  private readonly dayCountCache = new Map<string, number>();
  /** No action is left claimed by an earlier wake (checked once per instance and after a failure). */
  private claimsSettled = false;
  /** The webhook outbox is known to be empty (nothing to select every wake). */
  private outboxEmpty = false;
  /** Actions whose SMTP body started in this instance (their journal marker is cleared on record). */
  private readonly journaled = new Set<string>();
  /** This instance has warmed its caches for the scheduled start. */
  private warmedUp = false;

  constructor(ctx: DurableObjectState, env: CampaignObjectEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.meta = new ObjectMeta(this.sql, { cached: true });
    this.clock = new AlarmClock(ctx.storage, this.meta, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.transactionSync(() => migrate(this.sql));
      await this.ensureAlarm();
    });
  }

  // ---------------------------------------------------------------- in-memory state

  /** After a failure: storage is the truth again, every in-memory mirror is re-read. */
  private forgetCaches(): void {
    this.meta.forget();
    this.configCache = null;
    this.dayCountCache.clear();
    this.claimsSettled = false;
    this.outboxEmpty = false;
  }

  private get status(): CampaignStatus | "none" {
    return this.meta.get<CampaignStatus>("status") ?? "none";
  }

  private config(): CampaignConfig {
    this.configCache ??= this.meta.get<CampaignConfig>("config");
    if (!this.configCache) throw new Error("campaign object has no configuration");
    return this.configCache;
  }

  private templates(): Map<string, TemplateSnapshot> {
    if (!this.templateCache) {
      const rows = this.sql
        .exec<{ template_id: string; subject: string; body: string }>("SELECT * FROM templates")
        .toArray();
      this.templateCache = new Map(rows.map((r) => [r.template_id, { subject: r.subject, body: r.body }]));
    }
    return this.templateCache;
  }

  private counters(): Counters {
    return this.meta.get<Counters>("counters") ?? { pending: 0, active: 0, ended: 0 };
  }

  private bumpCounters(delta: Partial<Counters>): void {
    const c = this.counters();
    this.meta.set("counters", {
      pending: c.pending + (delta.pending ?? 0),
      active: c.active + (delta.active ?? 0),
      ended: c.ended + (delta.ended ?? 0),
    });
  }

  private campaignId(): string {
    return this.meta.get<string>("campaign_id") ?? "";
  }

  private event(
    type: string,
    rowIndex: number | null,
    at: number,
    step: number | null = null,
    data?: unknown,
  ) {
    this.sql.exec(
      "INSERT INTO events (row_index, type, at, step, data) VALUES (?, ?, ?, ?, ?)",
      rowIndex,
      type,
      at,
      step,
      data === undefined ? null : JSON.stringify(data),
    );
    const webhookType = WEBHOOK_EVENT_FOR[type];
    // Known to have no active webhook (the API pushes a change at once): nothing to hand on.
    const known = this.webhooksKnown;
    if (!webhookType || (known && known.value === false && known.until > Date.now())) return;
    const lead =
      rowIndex === null
        ? undefined
        : this.sql
            .exec<{ lead_id: string; email: string | null }>(
              "SELECT lead_id, email FROM leads WHERE row_index = ?",
              rowIndex,
            )
            .toArray()[0];
    const payload = {
      campaign_id: this.campaignId(),
      ...(lead ? { campaign_lead_id: lead.lead_id, email: lead.email, row_index: rowIndex } : {}),
      ...(step !== null ? { step } : {}),
      ...(data && typeof data === "object" ? data : {}),
    };
    this.outboxEmpty = false;
    this.sql.exec(
      "INSERT INTO outbox (type, data, created_at) VALUES (?, ?, ?)",
      webhookType,
      JSON.stringify(payload),
      at,
    );
  }

  /**
   * Hands recorded events to the user's webhook dispatcher (stable ids `campaign:seq`, so a repeat
   * after a failed hand-off is harmless). Without an active webhook the outbox is simply emptied.
   */
  private async flushOutbox(): Promise<void> {
    if (this.outboxEmpty) return;
    const rows = this.sql
      .exec<{ seq: number; type: string; data: string; created_at: number }>(
        "SELECT * FROM outbox ORDER BY seq LIMIT 500",
      )
      .toArray();
    if (rows.length === 0) {
      this.outboxEmpty = true;
      return;
    }
    const last = rows.at(-1)!.seq;
    const userId = this.meta.get<string>("user_id");
    try {
      if (userId && (await this.userHasWebhooks(userId))) {
        const campaignId = this.campaignId();
        await enqueueWebhookEvents(
          this.env,
          userId,
          rows.map((r) => ({
            id: `${campaignId}:${r.seq}`,
            type: r.type,
            created_at: toTimestamp(r.created_at),
            data: JSON.parse(r.data) as Record<string, unknown>,
          })),
        );
      }
      this.sql.exec("DELETE FROM outbox WHERE seq <= ?", last);
      if (rows.length < 500) this.outboxEmpty = true;
    } catch (err) {
      // Kept for the next wake or call; event ids make the retry harmless.
      log("warn", "webhook hand-off failed", { campaign_id: this.campaignId(), error: String(err) });
    }
  }

  /** Pushed by the webhook routes when the user's subscriptions change. */
  async webhooksChanged(active: boolean): Promise<void> {
    this.webhooksKnown = { value: active, until: Date.now() + WEBHOOKS_CACHE_MS };
  }

  private async userHasWebhooks(userId: string): Promise<boolean> {
    if (this.webhooksKnown && this.webhooksKnown.until > Date.now()) return this.webhooksKnown.value;
    const row = await this.env.DB.prepare(
      "SELECT 1 AS x FROM webhooks WHERE user_id = ? AND active = 1 LIMIT 1",
    )
      .bind(userId)
      .first();
    this.webhooksKnown = { value: row !== null, until: Date.now() + WEBHOOKS_CACHE_MS };
    return row !== null;
  }

  // ---------------------------------------------------------------- alarm plumbing

  /** Arms the alarm for whatever the campaign waits for next, or clears it when it waits for nothing. */
  private async rearm(): Promise<void> {
    const status = this.status;
    const now = this.clock.now();
    if (status === "launching") return this.clock.armAt(now);
    if (status === "scheduled")
      return this.clock.armAt(this.startWakeAt(this.config().startDate ?? now, now));
    if (!SENDING.includes(status)) return this.clock.disarm();
    const slot = nextActionSlot(this.pacingRules(), this.pacingState(), now, this.workAvailable());
    await this.releaseLeases(slot?.at ?? null);
    if (slot) return this.clock.armAt(slot.at);
    if (this.counters().pending + this.counters().active === 0) {
      this.transition("completed", now);
      await this.project(true);
    }
    return this.clock.disarm();
  }

  /** A live campaign whose alarm is missing or long past (e.g. after `wrangler dev` restarted) is re-armed. */
  private async ensureAlarm(): Promise<void> {
    if (!LIVE.includes(this.status) || this.status === "paused") return;
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm < Date.now() - 30_000) await this.rearm();
  }

  override async alarm(): Promise<void> {
    // One wake at a time: a wake started while another is awaiting I/O (a test driving alarms by
    // hand beside the platform's own) would otherwise interleave with it. The running wake re-arms.
    if (this.waking) return;
    this.waking = true;
    try {
      const status = this.status;
      const now = this.clock.now();
      if (status === "launching") await this.loadLeads();
      else if (status === "scheduled") await this.startIfDue(now);
      else if (SENDING.includes(status)) await this.sendWake(now);
      this.projectInBackground();
      await this.flushOutbox();
    } catch (err) {
      this.forgetCaches();
      throw err;
    } finally {
      this.waking = false;
    }
  }

  // ---------------------------------------------------------------- launch and lead loading

  async launch(input: LaunchInput): Promise<{ accepted: boolean; status: string }> {
    const status = this.status;
    if (status !== "none" && status !== "draft" && status !== "failed") return { accepted: false, status };
    if (status === "failed") this.resetStorage();
    this.ctx.storage.transactionSync(() => {
      this.meta.set("campaign_id", input.campaignId);
      this.meta.set("user_id", input.userId);
      this.meta.set("launch_job_id", input.launchJobId);
      this.meta.set("config", input.config);
      this.meta.set("load_cursor", 0);
      this.meta.set("counters", { pending: 0, active: 0, ended: 0 });
      this.meta.set("launch_error", null);
      this.meta.set("paused_reason", null);
      for (const [id, t] of Object.entries(input.templates)) {
        this.sql.exec(
          "INSERT OR REPLACE INTO templates (template_id, subject, body) VALUES (?, ?, ?)",
          id,
          t.subject,
          t.body,
        );
      }
      this.meta.set("status", "launching");
      this.event("launch_requested", null, Date.now(), null, { launch_job_id: input.launchJobId });
    });
    this.configCache = null;
    this.templateCache = null;
    // A relaunch after a failed launch starts from an empty lead projection.
    await this.env.DB.prepare("DELETE FROM campaign_leads WHERE campaign_id = ?")
      .bind(input.campaignId)
      .run();
    // Loading runs on real time even under a test clock: it is work to do now, not a send.
    await this.ctx.storage.setAlarm(Date.now());
    return { accepted: true, status: "launching" };
  }

  private resetStorage(): void {
    this.ctx.storage.transactionSync(() => {
      for (const table of [
        "leads",
        "actions",
        "day_counts",
        "templates",
        "messages",
        "events",
        "outbox",
        "suppressed",
        "meta",
      ]) {
        this.sql.exec(`DELETE FROM ${table}`);
      }
    });
    this.forgetCaches();
    this.templateCache = null;
  }

  /** Copies the next chunk of launchable rows from D1 into this object's SQLite (bounded per wake). */
  private async loadLeads(): Promise<void> {
    const config = this.config();
    const campaignId = this.campaignId();
    const started = Date.now();
    let cursor = this.meta.get<number>("load_cursor") ?? 0;
    let loadedThisWake = 0;
    let done = true;
    try {
      const isSuppressed = await this.suppressionCheck();
      const rules = leadRulesFor(
        { id: campaignId, stepsConfig: config.steps },
        this.templates(),
        isSuppressed,
      );
      let batch: unknown[][] = [];
      const flush = () => {
        if (batch.length === 0) return;
        // First sendable occurrence of an address wins (dedupe_key is unique); RETURNING gives the rows kept.
        const kept = this.sql
          .exec<{ lead_id: string; row_index: number; email: string | null }>(
            `INSERT INTO leads (row_index, lead_id, email, dedupe_key, linkedin_url, data, state, next_step, updated_at)
             SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, 'pending', 1, value->>6
             FROM json_each(?) WHERE true
             ON CONFLICT DO NOTHING
             RETURNING lead_id, row_index, email`,
            JSON.stringify(batch),
          )
          .toArray();
        this.bumpCounters({ pending: kept.length });
        projection.push(...kept.map((k) => [k.lead_id, k.row_index, k.email]));
        batch = [];
      };
      const projection: unknown[][] = [];
      for await (const row of datasetRows(this.env.DB, config.datasetId, cursor, LOAD_PAGE_ROWS)) {
        const verdict = classifyRow(row.rowIndex, row.data, rules, () => false);
        if (verdict.launchable) {
          batch.push([
            row.rowIndex,
            await campaignLeadId(campaignId, row.rowIndex),
            verdict.email,
            rules.needsEmail ? verdict.email : null,
            verdict.linkedinUrl,
            JSON.stringify(row.data),
            started,
          ]);
        }
        cursor = row.rowIndex;
        loadedThisWake++;
        if (batch.length >= 500) flush();
        if (
          loadedThisWake % LOAD_PAGE_ROWS === 0 &&
          (loadedThisWake >= LOAD_WAKE_MAX_ROWS || Date.now() - started > LOAD_WAKE_MAX_MS)
        ) {
          done = false;
          break;
        }
      }
      flush();
      await this.projectLeads(campaignId, projection);
      this.meta.set("load_cursor", cursor);
    } catch (err) {
      return this.failLaunch(`loading leads failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!done) {
      await this.ctx.storage.setAlarm(Date.now());
      return;
    }
    const total = this.counters().pending;
    if (total === 0) return this.failLaunch("no row of the dataset can be sent to");
    const now = this.clock.now();
    this.meta.set("total_leads", total);
    this.event("leads_loaded", null, Date.now(), null, { total_leads: total });
    if (config.startDate !== null && config.startDate > now) this.transition("scheduled", now);
    else this.transition("active", now);
    await this.project(true);
    await this.rearm();
  }

  /** Writes the loaded leads to D1's campaign_leads (how inbound events find a lead), chunked for D1's limits. */
  private async projectLeads(campaignId: string, rows: unknown[][]): Promise<void> {
    const userId = this.meta.get<string>("user_id");
    const statements: D1PreparedStatement[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      statements.push(
        this.env.DB.prepare(
          `INSERT OR IGNORE INTO campaign_leads (id, campaign_id, user_id, row_index, email)
           SELECT value->>0, ?, ?, value->>1, value->>2 FROM json_each(?)`,
        ).bind(campaignId, userId, JSON.stringify(rows.slice(i, i + 1000))),
      );
    }
    for (let i = 0; i < statements.length; i += 50) await this.env.DB.batch(statements.slice(i, i + 50));
  }

  private async failLaunch(reason: string): Promise<void> {
    log("warn", "campaign launch failed", { campaign_id: this.campaignId(), reason });
    this.meta.set("launch_error", reason);
    this.transition("failed", Date.now());
    await this.clock.disarm();
    await this.project(true);
  }

  /** At `start_date`: apply `unreviewed_launch_policy` to AI-personalized sequences, then start. */
  private async startIfDue(now: number): Promise<void> {
    const config = this.config();
    if (config.startDate !== null && config.startDate > now) {
      // Shortly before the start: fetch what the first send needs, so it does not wait on D1.
      if (now >= config.startDate - START_WARM_UP_MS) await this.warmUp(config.startDate);
      return this.clock.armAt(this.startWakeAt(config.startDate, now));
    }
    // Personalized drafts are reviewed in a later feature; until then no draft is ever approved.
    const unreviewed = config.steps.some(
      (s) => s.ai_personalization_enabled || s.variants.some((v) => v.type === "PERSONALIZATION"),
    );
    if (unreviewed && config.unreviewedLaunchPolicy === "hold") {
      this.meta.set("paused_reason", "unreviewed_personalization");
      this.transition("paused", now);
      await this.clock.disarm();
      await this.releaseLeases(null);
      return this.project(true);
    }
    if (unreviewed && config.unreviewedLaunchPolicy === "cancel") {
      const campaignId = this.campaignId();
      await this.clock.disarm();
      await this.releaseLeases(null);
      // This write goes to D1 directly: a mirror write still in flight must not land after it.
      await this.projectionTail;
      this.resetStorage();
      this.meta.set("campaign_id", campaignId);
      this.meta.set("status", "draft");
      await this.env.DB.prepare(
        `UPDATE campaigns SET status = 'draft', total_leads = 0, processed_leads = 0, launch_job_id = NULL,
           launch_requested_at = NULL, launch_error = NULL,
           paused_reason = 'cancelled: unreviewed personalization at start_date' WHERE id = ?`,
      )
        .bind(campaignId)
        .run();
      return;
    }
    this.transition("active", now);
    // The first send does not wait for the D1 mirror: alarm() projects the new status right after.
    await this.sendWake(now);
  }

  /** The wake a scheduled campaign arms: its warm-up (at most START_WARM_UP_MS early), then its start. */
  private startWakeAt(startDate: number, now: number): number {
    return this.warmedUp ? startDate : Math.min(startDate, Math.max(now, startDate - START_WARM_UP_MS));
  }

  /** Loads the senders (rows and channels), templates and webhook state into this instance's caches. */
  private async warmUp(startDate: number): Promise<void> {
    this.warmedUp = true;
    const config = this.config();
    const first = config.steps[0];
    if (!first) return;
    this.templates();
    // The first lease on each sender's cap, for the start itself: taken now, the first sends do not
    // wait on SenderQuota (when many campaigns share a start_date, all of them at once).
    const slot = nextActionSlot(this.pacingRules(), this.pacingState(), startDate, this.workAvailable());
    const senders = first.channel === "email" ? Math.max(1, config.aliasIds.length) : 1;
    for (let row = 1; row <= senders; row++) {
      const sender = await this.senderFor({ row_index: row }, first);
      if (!sender) continue;
      const held = this.leases()[sender.quota.id];
      // Only for a first send soon after the start (not, say, tomorrow's window) and not held yet.
      if (slot && slot.at < startDate + LEASE_MS / 2 && !(held && held.expiresAt > slot.at))
        await this.takeLease(sender, slot.at, slot.day);
      else await this.quota(sender.quota.id).ready();
    }
    await this.refreshSuppressions(false);
    const userId = this.meta.get<string>("user_id");
    if (userId) await this.userHasWebhooks(userId);
  }

  private transition(status: CampaignStatus, at: number): void {
    const from = this.status;
    if (from === status) return;
    this.meta.set("status", status);
    this.event("status_changed", null, at, null, { from, to: status });
  }

  // ---------------------------------------------------------------- pacing

  private pacingRules(): PacingRules {
    const c = this.config();
    return {
      timezone: c.timezone,
      windowStart: c.windowStart,
      windowEnd: c.windowEnd,
      sendDays: c.sendDays as Weekday[],
      dailyLimit: c.dailyLimit,
      minIntervalSeconds: c.minIntervalSeconds,
    };
  }

  private pacingState(): PacingState {
    return { lastActionAt: this.meta.get<number>("last_action_at"), sentOnDay: (day) => this.sentOnDay(day) };
  }

  private sentOnDay(day: DayKey): number {
    let count = this.dayCountCache.get(day);
    if (count === undefined) {
      count =
        this.sql.exec<{ count: number }>("SELECT count FROM day_counts WHERE day = ?", day).toArray()[0]
          ?.count ?? 0;
      this.dayCountCache.set(day, count);
    }
    return count;
  }

  private workAvailable() {
    // A lead left `sending` by an interrupted wake needs reconciling: it counts as due at once.
    const earliest = this.sql
      .exec<{ due: number | null }>(
        "SELECT min(CASE WHEN state = 'sending' THEN 0 ELSE due_at END) AS due FROM leads WHERE state IN ('active', 'sending')",
      )
      .one().due;
    return { hasNewLead: this.counters().pending > 0, earliestFollowUpDue: earliest };
  }

  // ---------------------------------------------------------------- sending

  /** One wake: settle any action left claimed by a crash, then start at most one due action. */
  private async sendWake(now: number): Promise<void> {
    if (!this.claimsSettled) {
      await this.reconcileClaimed(now);
      this.claimsSettled = true;
    }
    if (!SENDING.includes(this.status)) return;
    // The lead that would go now, then whether pacing lets anything go now.
    const lead = this.pickDueLead(now);
    if (!lead) return this.rearm();
    const slot = nextActionSlot(this.pacingRules(), this.pacingState(), now, {
      hasNewLead: lead.state === "pending",
      earliestFollowUpDue: lead.due_at ?? now,
    });
    if (!slot || slot.at > now) return this.rearm();
    if (await this.isSuppressedNow(lead)) {
      this.endLead(lead, "stopped", now, "suppressed");
      return this.rearm();
    }

    const config = this.config();
    const campaignId = this.campaignId();
    const step = config.steps[lead.next_step - 1]!;
    const variant = variantFor(campaignId, lead.row_index, step);
    const key = actionKey(campaignId, lead.row_index, step.step);
    const sender = await this.senderFor(lead, step);
    if (!sender) {
      this.endLead(
        lead,
        "failed",
        now,
        `the ${step.channel === "email" ? "alias" : "connected account"} no longer exists`,
      );
      return this.rearm();
    }
    // The alias's or account's own cap, shared with every campaign using it: the smallest limit wins.
    const unit = await this.senderUnit(sender, now, slot.day);
    if (!unit.ok) {
      this.meta.set("sender_wait", { until: unit.retryAt, reason: unit.reason });
      return this.clock.armAt(Math.max(unit.retryAt, now + 1000));
    }
    this.meta.set("sender_wait", null);
    const outbound = await this.compose(lead, key);
    // Paused (or stopped) while this wake waited for a lease or a provider lookup: nothing starts.
    if (!SENDING.includes(this.status)) return this.releaseLeases(null);

    // The instant this wake was armed for: how late an action started is claimed_at - planned_at.
    const plannedAt = Math.min(now, this.meta.get<number>("next_wake_at") ?? now);
    // Claim before calling the provider: counted against the day, spaced, and recoverable after a crash.
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(
        `INSERT INTO actions (action_key, row_index, step, variant, channel, status, attempts, day, claimed_at, planned_at)
         VALUES (?, ?, ?, ?, ?, 'claimed', 1, ?, ?, ?)
         ON CONFLICT (action_key) DO UPDATE SET status = 'claimed', attempts = attempts + 1, day = excluded.day,
           claimed_at = excluded.claimed_at`,
        key,
        lead.row_index,
        step.step,
        variant.label,
        step.channel,
        slot.day,
        now,
        plannedAt,
      );
      const sentToday = this.sentOnDay(slot.day);
      this.sql.exec(
        "INSERT INTO day_counts (day, count) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET count = count + 1",
        slot.day,
      );
      this.dayCountCache.set(slot.day, sentToday + 1);
      this.meta.set("last_action_at", now);
      this.adjustLease(sender.quota.id, unit.leaseId, +1);
      if (lead.state === "pending") this.bumpCounters({ pending: -1, active: 1 });
      this.sql.exec(
        "UPDATE leads SET state = 'sending', updated_at = ? WHERE row_index = ?",
        now,
        lead.row_index,
      );
    });
    this.maybeFault("after_claim");

    let outcome: SendOutcome;
    try {
      outcome = await sender.channel.send(outbound);
    } catch (err) {
      outcome = { kind: "transient", error: err instanceof Error ? err.message : String(err) };
    }
    this.maybeFault("after_send");
    // Not accepted, so not counted against the identity's cap: the retry takes a unit again.
    if (outcome.kind === "transient") this.adjustLease(sender.quota.id, unit.leaseId, -1);
    if (outcome.kind === "transient" && outcome.throttled) {
      // The provider is throttling this identity: it cools down, and the lead is not failed for it.
      const held = this.leases()[sender.quota.id];
      await this.quota(sender.quota.id).cooldown(
        now + (outcome.retryAfterMs ?? RETRY_BASE_MS),
        held ? { id: held.id, used: held.used } : null,
      );
      this.dropLease(sender.quota.id);
    }
    this.recordOutcome(lead.row_index, key, step.step, outcome, now, outbound);
    if (outcome.kind === "permanent") await this.checkBounceRate();
    if (this.status === "active" && this.counters().pending === 0) this.transition("draining", now);
    if (outcome.kind === "sent" && SENDING.includes(this.status))
      await this.renewLeaseAhead(sender, now, slot.day);
    await this.rearm();
  }

  // ---------------------------------------------------------------- sender caps (leases)

  private quota(quotaId: string) {
    return this.env.SENDER_QUOTA.get(this.env.SENDER_QUOTA.idFromName(quotaId));
  }

  /** Leases held on sending identities' shared caps, by identity. */
  private leases(): Record<string, SenderLease> {
    return this.meta.get<Record<string, SenderLease>>("sender_leases") ?? {};
  }

  private dropLease(quotaId: string): void {
    const { [quotaId]: _dropped, ...rest } = this.leases();
    this.meta.set("sender_leases", Object.keys(rest).length ? rest : null);
  }

  /** Counts a unit of a lease as used (+1, with the claim) or hands it back (-1, not accepted). */
  private adjustLease(quotaId: string, leaseId: string, by: 1 | -1): void {
    const held = this.leases()[quotaId];
    // A lease settled in the meantime keeps the count it was settled with (it can only err high).
    if (!held || held.id !== leaseId) return;
    this.meta.set("sender_leases", {
      ...this.leases(),
      [quotaId]: { ...held, used: Math.max(0, held.used + by) },
    });
  }

  /**
   * A unit of the identity's shared cap for this wake's action: from the lease this campaign holds,
   * or from a new lease (one call to the identity's SenderQuota per lease rather than per send).
   */
  private async senderUnit(
    sender: Sender,
    now: number,
    day: DayKey,
  ): Promise<{ ok: true; leaseId: string } | { ok: false; retryAt: number; reason: string }> {
    const held = this.leases()[sender.quota.id];
    if (held && held.used < held.granted && now < held.expiresAt) return { ok: true, leaseId: held.id };
    const decision = await this.takeLease(sender, now, day);
    if (!decision.granted) return { ok: false, retryAt: decision.retryAt, reason: decision.reason };
    return { ok: true, leaseId: decision.leaseId };
  }

  /**
   * A new lease on the identity's cap from `at` on, sized to what the campaign can send before it
   * expires; the lease held until now is settled in the same call. The lease id is only consumed
   * once the answer is stored, so a wake that fails after the call asks again with the same id and
   * gets the same lease back.
   */
  private async takeLease(
    sender: Sender,
    at: number,
    day: DayKey,
  ): Promise<{ granted: true; leaseId: string } | { granted: false; retryAt: number; reason: string }> {
    const quotaId = sender.quota.id;
    const held = this.leases()[quotaId];
    const config = this.config();
    const perLease = Math.ceil(LEASE_MS / (config.minIntervalSeconds * 1000));
    // Leads take their mailbox in turn, so each alias sees its share of the sends.
    const share = Math.ceil(perLease / Math.max(1, config.aliasIds.length));
    const counters = this.counters();
    const want = Math.max(
      1,
      Math.min(share, config.dailyLimit - this.sentOnDay(day), counters.pending + counters.active),
    );
    const seq = (this.meta.get<number>("lease_seq") ?? 0) + 1;
    // Unique per launch: a campaign launched again starts its sequence over.
    const id = `${this.meta.get<string>("launch_job_id") ?? this.campaignId()}:${seq}`;
    const decision = await this.quota(quotaId).lease({
      id,
      at,
      want,
      dailyLimit: sender.quota.dailyLimit,
      weeklyLimit: sender.quota.weeklyLimit,
      settle: held ? { id: held.id, used: held.used } : null,
    });
    this.meta.set("lease_seq", seq);
    if (!decision.granted) {
      this.dropLease(quotaId);
      return decision;
    }
    // Renewed somewhere between half and nine tenths of its life: campaigns that took their leases
    // together (one shared start_date) do not all come back in the same second.
    const renewAt = at + (decision.expiresAt - at) * (0.5 + 0.4 * Math.random());
    this.meta.set("sender_leases", {
      ...this.leases(),
      [quotaId]: { id, granted: decision.units, used: 0, expiresAt: decision.expiresAt, renewAt },
    });
    // The answer to an earlier ask with this id (a wake that failed after the call) may have ended
    // since: settle it unused and ask for a fresh one.
    if (decision.expiresAt <= at) return this.takeLease(sender, at, day);
    return { granted: true, leaseId: id };
  }

  /**
   * After a send, while the next one is still a min_interval away: a lease that is used up or past
   * its renewal instant is renewed now, so that the next send does not wait on the identity's
   * SenderQuota. A failure here is not the send's: the next send takes its lease itself.
   */
  private async renewLeaseAhead(sender: Sender, now: number, day: DayKey): Promise<void> {
    const held = this.leases()[sender.quota.id];
    const counters = this.counters();
    if (!held || counters.pending + counters.active === 0) return;
    // A campaign that sends less than twice a lease's life would let most renewals expire unused.
    if (this.config().minIntervalSeconds * 1000 * 2 > LEASE_MS) return;
    if (held.used < held.granted && now < (held.renewAt ?? held.expiresAt)) return;
    try {
      await this.takeLease(sender, now, day);
    } catch (err) {
      log("warn", "sender lease renewal failed", { campaign_id: this.campaignId(), error: String(err) });
    }
  }

  /**
   * Hands unused units back: leases that expire before the next send (`nextAt`; null = no send
   * planned, e.g. paused or finished). Fully used leases are simply forgotten (nothing to return).
   * A failed hand-back keeps the lease, to be settled with the next lease or release.
   */
  private async releaseLeases(nextAt: number | null): Promise<void> {
    for (const [quotaId, held] of Object.entries(this.leases())) {
      if (held.used < held.granted && nextAt !== null && nextAt < held.expiresAt) continue;
      try {
        if (held.used < held.granted) await this.quota(quotaId).release({ id: held.id, used: held.used });
        this.dropLease(quotaId);
      } catch (err) {
        log("warn", "sender lease release failed", { campaign_id: this.campaignId(), error: String(err) });
      }
    }
  }

  /** Due follow-ups first (earliest due, then row order), then new leads in row order. */
  private pickDueLead(now: number): LeadRow | null {
    return (
      this.sql
        .exec<LeadRow>(
          `SELECT * FROM (SELECT *, 0 AS pick FROM leads WHERE state = 'active' AND due_at <= ? ORDER BY due_at, row_index LIMIT 1)
           UNION ALL
           SELECT * FROM (SELECT *, 1 AS pick FROM leads WHERE state = 'pending' ORDER BY due_at, row_index LIMIT 1)
           ORDER BY pick LIMIT 1`,
          now,
        )
        .toArray()[0] ?? null
    );
  }

  private recordOutcome(
    rowIndex: number,
    key: string,
    stepNo: number,
    outcome: SendOutcome,
    now: number,
    outbound: OutboundAction,
    reconciling = false,
  ) {
    const config = this.config();
    this.ctx.storage.transactionSync(() => {
      // The SMTP journal's marker, if this send (or the interrupted one being reconciled) left one.
      if (outbound.kind === "email" && (this.journaled.delete(key) || reconciling))
        this.sql.exec("DELETE FROM meta WHERE key = ?", `smtp_committing:${key}`);
      const lead = this.sql.exec<LeadRow>("SELECT * FROM leads WHERE row_index = ?", rowIndex).one();
      // A lead stopped while its action was in flight stays stopped; the action's outcome is still recorded.
      const stillRunning = lead.state === "sending";
      if (outcome.kind === "sent") {
        this.sql.exec(
          "UPDATE actions SET status = 'sent', sent_at = ?, provider_id = ?, error = NULL WHERE action_key = ?",
          now,
          outcome.providerId,
          key,
        );
        this.event("sent", rowIndex, now, stepNo, { action_key: key, provider_id: outcome.providerId });
        if (outbound.kind === "email") this.meta.add("email_outcomes", 1);
        // The first email starts the thread that follow-ups reply in.
        const thread: Thread | null =
          stepNo === 1 && outbound.kind === "email"
            ? { messageId: outbound.headers["Message-ID"] ?? null, subject: outbound.subject }
            : null;
        if (!stillRunning) {
          if (thread)
            this.sql.exec(
              "UPDATE leads SET thread_message_id = ?, thread_subject = ? WHERE row_index = ?",
              thread.messageId,
              thread.subject,
              rowIndex,
            );
          return;
        }
        if (stepNo >= config.steps.length) {
          this.endLead({ ...lead, state: "active" }, "completed", now, null, thread);
        } else {
          this.sql.exec(
            `UPDATE leads SET state = 'active', next_step = ?, due_at = ?, attempts = 0, last_sent_at = ?, updated_at = ?,
               thread_message_id = coalesce(?, thread_message_id), thread_subject = coalesce(?, thread_subject)
             WHERE row_index = ?`,
            stepNo + 1,
            followUpDue(config.steps, stepNo + 1, now, config.timezone),
            now,
            now,
            thread?.messageId ?? null,
            thread?.subject ?? null,
            rowIndex,
          );
        }
        return;
      }
      // Throttling is the provider pacing the identity, not a failure of this lead: no attempt is burned.
      const throttled = outcome.kind === "transient" && outcome.throttled === true;
      const attempts = throttled ? lead.attempts : lead.attempts + 1;
      if (outcome.kind === "transient" && (throttled || attempts < MAX_ATTEMPTS)) {
        const backoff = throttled ? 0 : RETRY_BASE_MS * 2 ** (attempts - 1);
        const retryAt = now + Math.max(outcome.retryAfterMs ?? RETRY_BASE_MS, backoff);
        this.sql.exec(
          "UPDATE actions SET status = 'retry', error = ? WHERE action_key = ?",
          outcome.error,
          key,
        );
        this.event("retry_scheduled", rowIndex, now, stepNo, {
          error: outcome.error,
          retry_at: toTimestamp(retryAt),
        });
        if (stillRunning) {
          this.sql.exec(
            "UPDATE leads SET state = 'active', due_at = ?, attempts = ?, updated_at = ? WHERE row_index = ?",
            retryAt,
            attempts,
            now,
            rowIndex,
          );
        }
        return;
      }
      this.sql.exec(
        "UPDATE actions SET status = 'failed', error = ? WHERE action_key = ?",
        outcome.error,
        key,
      );
      this.event("failed", rowIndex, now, stepNo, { error: outcome.error });
      if (outbound.kind === "email") this.meta.add("email_outcomes", 1);
      // A permanently rejected recipient is a hard bounce for the guardrail.
      if (outbound.kind === "email" && outcome.kind === "permanent") {
        this.meta.add("bounces", 1);
      }
      if (stillRunning) this.endLead({ ...lead, state: "active" }, "failed", now, outcome.error);
    });
  }

  /** Ends a lead's sequence and keeps the counters right. */
  private endLead(
    lead: Pick<LeadRow, "row_index" | "state">,
    state: "completed" | "stopped" | "failed",
    at: number,
    reason: string | null,
    thread: Thread | null = null,
  ) {
    if (lead.state === "completed" || lead.state === "stopped" || lead.state === "failed") return;
    this.sql.exec(
      `UPDATE leads SET state = ?, due_at = NULL, stop_reason = ?, updated_at = ?,
         thread_message_id = coalesce(?, thread_message_id), thread_subject = coalesce(?, thread_subject)
       WHERE row_index = ?`,
      state,
      reason,
      at,
      thread?.messageId ?? null,
      thread?.subject ?? null,
      lead.row_index,
    );
    this.bumpCounters(lead.state === "pending" ? { pending: -1, ended: 1 } : { active: -1, ended: 1 });
    if (state !== "completed" || reason)
      this.event(state, lead.row_index, at, null, reason ? { reason } : undefined);
    else this.event("completed", lead.row_index, at);
  }

  /** Actions claimed by a wake that never recorded an outcome (crash, eviction, injected fault). */
  private async reconcileClaimed(now: number): Promise<void> {
    const claimed = this.sql
      .exec<{ action_key: string; row_index: number; step: number; channel: string }>(
        "SELECT action_key, row_index, step, channel FROM actions WHERE status = 'claimed'",
      )
      .toArray();
    for (const a of claimed) {
      const lead = this.sql.exec<LeadRow>("SELECT * FROM leads WHERE row_index = ?", a.row_index).one();
      // The lead still points at the claimed step, so composing again gives the very same action
      // (same key, Message-ID and body): providers with idempotency keys answer with the original result.
      const action = await this.compose({ ...lead, next_step: a.step }, a.action_key);
      const sender = await this.senderFor(lead, this.config().steps[a.step - 1]!);
      const verdict = sender ? await sender.channel.reconcile(a.action_key, action) : "unknown";
      if (verdict === "sent") {
        this.recordOutcome(
          a.row_index,
          a.action_key,
          a.step,
          { kind: "sent", providerId: null },
          now,
          action,
          true,
        );
        this.event("reconciled", a.row_index, now, a.step, { outcome: "sent" });
      } else if (verdict === "not_sent") {
        // Never reached the provider: the lead goes back to being due, same key, no attempt burned.
        this.ctx.storage.transactionSync(() => {
          this.sql.exec(
            "UPDATE actions SET status = 'retry', attempts = attempts - 1 WHERE action_key = ?",
            a.action_key,
          );
          const back =
            a.step === 1 && lead.state === "sending" && !lead.thread_message_id && lead.next_step === 1;
          if (lead.state === "sending") {
            if (back) {
              this.sql.exec(
                "UPDATE leads SET state = 'pending', updated_at = ? WHERE row_index = ?",
                now,
                a.row_index,
              );
              this.bumpCounters({ pending: 1, active: -1 });
            } else {
              this.sql.exec(
                "UPDATE leads SET state = 'active', due_at = ?, updated_at = ? WHERE row_index = ?",
                now,
                now,
                a.row_index,
              );
            }
          }
          this.event("reconciled", a.row_index, now, a.step, { outcome: "not_sent" });
        });
      } else {
        // The provider cannot tell: failing is the only answer that never sends twice.
        this.recordOutcome(
          a.row_index,
          a.action_key,
          a.step,
          { kind: "permanent", error: "outcome unknown after an interrupted send" },
          now,
          action,
          true,
        );
      }
    }
  }

  /**
   * Right before each send: the lead's address or its domain in the mirror of the user's
   * suppression list (kept current by pushes from the API, and re-read from D1 at most every
   * SUPPRESSION_REFRESH_MS in case a push was lost).
   */
  private async isSuppressedNow(lead: LeadRow): Promise<boolean> {
    if (!lead.email) return false;
    await this.refreshSuppressions(false);
    const domain = emailDomain(lead.email);
    return (
      this.sql.exec("SELECT 1 FROM suppressed WHERE value IN (?, ?) LIMIT 1", lead.email, domain).toArray()
        .length > 0
    );
  }

  /** Brings the suppression mirror up to date from D1: in full, or what was added since the last read. */
  private async refreshSuppressions(full: boolean): Promise<void> {
    const checkedAt = this.meta.get<number>("suppressions_checked_at");
    if (!full && checkedAt !== null && Date.now() - checkedAt < SUPPRESSION_REFRESH_MS) return;
    const since = full ? -1 : (this.meta.get<number>("suppressions_high_water") ?? -1);
    const { results } = await this.env.DB.prepare(
      "SELECT value, created_at FROM suppressions WHERE user_id = ? AND created_at > ? ORDER BY created_at",
    )
      .bind(this.meta.get<string>("user_id"), since)
      .all<{ value: string; created_at: number }>();
    this.ctx.storage.transactionSync(() => {
      if (full) this.sql.exec("DELETE FROM suppressed");
      for (let i = 0; i < results.length; i += 500) {
        this.sql.exec(
          "INSERT OR IGNORE INTO suppressed (value) SELECT value FROM json_each(?)",
          JSON.stringify(results.slice(i, i + 500).map((r) => r.value)),
        );
      }
      const high = results.at(-1)?.created_at;
      if (high !== undefined) this.meta.set("suppressions_high_water", high);
      this.meta.set("suppressions_checked_at", Date.now());
    });
  }

  /** Pushed by the API when the user's suppression list changes. */
  async applySuppressions(change: { added?: string[]; removed?: string[] }): Promise<void> {
    this.ctx.storage.transactionSync(() => {
      for (const v of change.added ?? [])
        this.sql.exec("INSERT OR IGNORE INTO suppressed (value) VALUES (?)", v.toLowerCase());
      for (const v of change.removed ?? [])
        this.sql.exec("DELETE FROM suppressed WHERE value = ?", v.toLowerCase());
    });
  }

  /** The mirror as a matcher, for classifying rows while leads load (the same matcher preflight uses). */
  private async suppressionCheck(): Promise<(email: string) => boolean> {
    await this.refreshSuppressions(true);
    return suppressionMatcher(
      this.sql
        .exec<{ value: string }>("SELECT value FROM suppressed")
        .toArray()
        .map(({ value }) => ({ value, kind: value.includes("@") ? "email" : "domain" })),
    );
  }

  /** The mailbox a lead is sent from: fixed per lead (so a thread stays in one mailbox), cached briefly. */
  private async aliasFor(rowIndex: number): Promise<AliasRow | null> {
    const ids = this.config().aliasIds;
    if (ids.length === 0) return null;
    const id = ids[(rowIndex - 1) % ids.length]!;
    return this.cachedRow(`alias:${id}`, () =>
      this.env.DB.prepare(
        "SELECT id, email, display_name, daily_limit, transport, transport_secret FROM aliases WHERE id = ?",
      )
        .bind(id)
        .first<AliasRow>(),
    );
  }

  private async compose(lead: LeadRow, key: string): Promise<OutboundAction> {
    const config = this.config();
    const campaignId = this.campaignId();
    const step = config.steps[lead.next_step - 1]!;
    const variant = variantFor(campaignId, lead.row_index, step);
    const data = JSON.parse(lead.data) as Record<string, string>;
    if (step.channel === "linkedin") {
      return composeLinkedIn({
        key,
        step,
        data,
        profileUrl: lead.linkedin_url ?? "",
        seed: leadSeed(config.datasetId, lead.row_index),
        template: variant.template_id ? (this.templates().get(variant.template_id) ?? null) : null,
      });
    }
    const alias = await this.aliasFor(lead.row_index);
    return composeEmail(this.env, {
      key,
      campaignId,
      rowIndex: lead.row_index,
      step,
      data,
      to: lead.email ?? "",
      template: this.templates().get(variant.template_id ?? "") ?? { subject: "", body: "" },
      thread: lead.thread_message_id
        ? { messageId: lead.thread_message_id, subject: lead.thread_subject ?? "" }
        : null,
      publicBaseUrl: config.publicBaseUrl,
      from: { email: alias?.email ?? "outreach@cadence.local", name: alias?.display_name ?? null },
      seed: leadSeed(config.datasetId, lead.row_index),
    });
  }

  /**
   * Who sends a lead's step: the lead's alias (email) or the campaign's connected account
   * (LinkedIn), its channel, and the caps shared by every campaign that uses it. Null when the
   * identity no longer exists.
   */
  private async senderFor(lead: Pick<LeadRow, "row_index">, step: Step): Promise<Sender | null> {
    if (step.channel === "email") {
      const alias = await this.aliasFor(lead.row_index);
      if (!alias) return null;
      return {
        channel: await this.cachedChannel(
          `alias:${alias.id}`,
          async () =>
            (await channelForAlias(this.env, alias, { journal: this.smtpJournal })) ??
            new CaptureChannel(this.sql, () => this.clock.now()),
        ),
        quota: { id: `alias:${alias.id}`, dailyLimit: alias.daily_limit, weeklyLimit: null },
      };
    }
    const accountId = this.config().connectedAccountId;
    if (!accountId) return null;
    const account = await this.cachedRow(`account:${accountId}`, () =>
      this.env.DB.prepare("SELECT * FROM connected_accounts WHERE id = ?")
        .bind(accountId)
        .first<AccountRow>(),
    );
    if (!account) return null;
    return {
      channel: await this.cachedChannel(`account:${account.id}`, () => channelForAccount(this.env, account)),
      quota: {
        id: `account:${account.id}`,
        dailyLimit: account.daily_limit,
        weeklyLimit: account.weekly_limit,
      },
    };
  }

  /**
   * SMTP has no idempotency lookup: the object notes, durably, the moment a message body starts to
   * go out. A crash before that point is known not to have sent; after it the outcome is unknown.
   */
  private readonly smtpJournal = {
    markCommitting: async (key: string) => {
      this.journaled.add(key);
      this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", `smtp_committing:${key}`, "1");
      await this.ctx.storage.sync();
    },
    wasCommitting: async (key: string) =>
      this.sql.exec("SELECT 1 FROM meta WHERE key = ?", `smtp_committing:${key}`).toArray().length > 0,
  };

  private async cachedChannel(id: string, make: () => Promise<Channel>): Promise<Channel> {
    const hit = this.channelCache.get(id);
    if (hit && hit.until > Date.now()) return hit.channel;
    const channel = await make();
    this.channelCache.set(id, { channel, until: Date.now() + SENDER_CACHE_MS });
    return channel;
  }

  private async cachedRow<T>(id: string, load: () => Promise<T | null>): Promise<T | null> {
    const hit = this.rowCache.get(id);
    if (hit && hit.until > Date.now()) return hit.row as T | null;
    const row = await load();
    this.rowCache.set(id, { row, until: Date.now() + SENDER_CACHE_MS });
    return row;
  }

  private maybeFault(point: FaultPoint): void {
    if (this.env.ALLOW_TEST_HOOKS !== "true") return;
    if (this.meta.get<string>("test_fault") === point) {
      this.meta.set("test_fault", null);
      throw new Error(`injected fault at ${point}`);
    }
  }

  // ---------------------------------------------------------------- projection to D1

  /** Mirrors status and counters into the D1 campaign row: at once on a status change, else throttled. */
  private async project(force: boolean): Promise<void> {
    if (force || this.projectionDue()) await this.queueProjection();
  }

  /**
   * From a wake: the same mirror, without holding the wake until D1 answers. A wake that awaited it
   * would hold the object's next alarm too, and when many campaigns change status at once (a shared
   * start_date) every one of them would wait for the whole queue of D1 writes.
   */
  private projectInBackground(): void {
    if (this.projectionDue()) void this.queueProjection();
  }

  private projectionDue(): boolean {
    const status = this.status;
    if (!this.campaignId() || status === "none" || status === "draft") return false;
    return status !== this.projectedStatus || Date.now() >= this.nextProjectionAt;
  }

  /**
   * Mirror writes run one at a time, in order, each with the state as it is when it starts (so the
   * last one to land is the newest). Asks made while a write waits its turn share that write.
   */
  private queueProjection(): Promise<void> {
    if (this.projectionQueued) return this.projectionTail;
    this.projectionQueued = true;
    this.projectionTail = this.projectionTail
      .then(() => {
        this.projectionQueued = false;
        return this.writeProjection();
      })
      // The tail must never reject: later writes chain on it and state() awaits it.
      .catch((err) => log("warn", "campaign projection failed", { error: String(err) }));
    return this.projectionTail;
  }

  private async writeProjection(): Promise<void> {
    const status = this.status;
    const campaignId = this.campaignId();
    if (!campaignId || status === "none" || status === "draft") return;
    const counters = this.counters();
    try {
      await this.env.DB.prepare(
        `UPDATE campaigns SET status = ?, total_leads = ?, processed_leads = ?, paused_reason = ?, launch_error = ?
         WHERE id = ?`,
      )
        .bind(
          status,
          this.meta.get<number>("total_leads") ?? counters.pending + counters.active + counters.ended,
          counters.ended,
          this.meta.get<string>("paused_reason"),
          this.meta.get<string>("launch_error"),
          campaignId,
        )
        .run();
      this.projectedStatus = status;
      this.nextProjectionAt = Date.now() + PROJECTION_INTERVAL_MS * (0.75 + Math.random() / 2);
    } catch (err) {
      // The object stays the source of truth; the next wake writes the projection again.
      log("warn", "campaign projection failed", { campaign_id: campaignId, error: String(err) });
    }
  }

  // ---------------------------------------------------------------- RPC: control

  async state(): Promise<CampaignState> {
    await this.ensureAlarm();
    // Callers read D1 next (lists, GET): the mirror a wake left in flight lands first.
    await this.projectionTail;
    const c = this.counters();
    return {
      campaignId: this.meta.get<string>("campaign_id"),
      status: this.status,
      totalLeads: this.meta.get<number>("total_leads") ?? c.pending + c.active + c.ended,
      processedLeads: c.ended,
      pausedReason: this.meta.get<string>("paused_reason"),
      launchError: this.meta.get<string>("launch_error"),
      launchJobId: this.meta.get<string>("launch_job_id"),
    };
  }

  /** Once this returns, no new action starts (one already handed to a provider finishes). */
  async pause(reason: string | null): Promise<CampaignState> {
    const status = this.status;
    if (!["scheduled", "active", "draining", "paused", "launching"].includes(status)) {
      return this.state();
    }
    if (status !== "paused") {
      this.meta.set("resume_to", status);
      this.meta.set("paused_reason", reason ?? "paused_by_user");
      this.transition("paused", this.clock.now());
      if (status !== "launching") await this.clock.disarm();
      await this.releaseLeases(null);
      await this.project(true);
      await this.flushOutbox();
    }
    return this.state();
  }

  /** Continues exactly where it stopped; spacing still counts from the last real action. */
  async resume(): Promise<CampaignState> {
    if (this.status !== "paused") return this.state();
    const now = this.clock.now();
    const resumeTo = this.meta.get<string>("resume_to");
    this.meta.set("paused_reason", null);
    const config = this.config();
    if (resumeTo === "launching" && (this.meta.get<number>("total_leads") ?? 0) === 0) {
      this.transition("launching", now);
      await this.ctx.storage.setAlarm(Date.now());
    } else if (config.startDate !== null && config.startDate > now) {
      this.transition("scheduled", now);
    } else {
      this.transition(this.counters().pending > 0 ? "active" : "draining", now);
    }
    await this.project(true);
    await this.flushOutbox();
    await this.rearm();
    return this.state();
  }

  /** Pacing changes (and a new start_date) apply from the next slot. */
  async updatePacing(pacing: Partial<PacingConfig>): Promise<void> {
    const config = this.meta.get<CampaignConfig>("config");
    if (!config) return;
    this.meta.set("config", { ...config, ...pacing });
    this.configCache = null;
    this.warmedUp = false;
    if (LIVE.includes(this.status) && this.status !== "paused" && this.status !== "launching")
      await this.rearm();
  }

  /**
   * Stops a lead's remaining steps at once (reply, bounce, unsubscribe...), including a step already
   * due but not started. Returns the stopped lead ids.
   */
  async stopLeads(match: { leadId?: string; email?: string }, reason: string): Promise<string[]> {
    const now = this.clock.now();
    const rows = match.leadId
      ? this.sql.exec<LeadRow>("SELECT * FROM leads WHERE lead_id = ?", match.leadId).toArray()
      : this.sql
          .exec<LeadRow>("SELECT * FROM leads WHERE email = ?", (match.email ?? "").toLowerCase())
          .toArray();
    const stopped: string[] = [];
    this.ctx.storage.transactionSync(() => {
      for (const lead of rows) {
        if (lead.state === "completed" || lead.state === "stopped" || lead.state === "failed") continue;
        // A lead mid-send is stopped too; its in-flight action is recorded but nothing follows it.
        this.endLead(lead.state === "sending" ? { ...lead, state: "active" } : lead, "stopped", now, reason);
        stopped.push(lead.lead_id);
      }
    });
    if (stopped.length && SENDING.includes(this.status)) await this.rearm();
    await this.project(true);
    await this.flushOutbox();
    return stopped;
  }

  /**
   * An inbound fact about a lead (reply, bounce, unsubscribe, complaint): stops the lead's remaining
   * steps at once and records it on the lead's timeline. Bounces feed the bounce-rate guardrail.
   * Returns the leads it applied to, with their addresses (the caller suppresses them where due).
   */
  async recordInbound(input: {
    type: InboundEventType;
    leadId?: string;
    email?: string;
    rowIndex?: number;
  }): Promise<{ lead_id: string; row_index: number; email: string | null }[]> {
    const now = this.clock.now();
    const rows = input.leadId
      ? this.sql.exec<LeadRow>("SELECT * FROM leads WHERE lead_id = ?", input.leadId).toArray()
      : input.rowIndex !== undefined
        ? this.sql.exec<LeadRow>("SELECT * FROM leads WHERE row_index = ?", input.rowIndex).toArray()
        : this.sql
            .exec<LeadRow>("SELECT * FROM leads WHERE email = ?", (input.email ?? "").trim().toLowerCase())
            .toArray();
    this.ctx.storage.transactionSync(() => {
      for (const lead of rows) {
        this.event(input.type, lead.row_index, now);
        this.endLead(
          lead.state === "sending" ? { ...lead, state: "active" } : lead,
          "stopped",
          now,
          input.type,
        );
      }
      if (input.type === "bounced" && rows.length > 0) this.meta.add("bounces", rows.length);
    });
    if (input.type === "bounced") await this.checkBounceRate();
    if (rows.length && SENDING.includes(this.status)) await this.rearm();
    await this.project(true);
    await this.flushOutbox();
    return rows.map((r) => ({ lead_id: r.lead_id, row_index: r.row_index, email: r.email }));
  }

  /** A tracked link was followed. */
  async recordClick(rowIndex: number, step: number | null, url: string): Promise<boolean> {
    const lead = this.sql
      .exec<{ row_index: number }>("SELECT row_index FROM leads WHERE row_index = ?", rowIndex)
      .toArray()[0];
    if (!lead) return false;
    this.event("clicked", rowIndex, this.clock.now(), step, { url });
    await this.flushOutbox();
    return true;
  }

  /** Guardrail: pause with `bounce_rate` once bounces pass 5% after at least 20 sends. */
  private async checkBounceRate(): Promise<void> {
    const bounces = this.meta.get<number>("bounces") ?? 0;
    // Emails that reached an outcome (sent, or failed for good).
    const sent = this.meta.get<number>("email_outcomes") ?? 0;
    if (
      sent >= BOUNCE_GUARD_MIN_SENDS &&
      bounces / sent > BOUNCE_GUARD_RATE &&
      ["scheduled", "active", "draining"].includes(this.status)
    ) {
      await this.pause("bounce_rate");
    }
  }

  /** Re-arms a missing alarm; called on start-up checks. */
  async ping(): Promise<string> {
    await this.ensureAlarm();
    return this.status;
  }

  // ---------------------------------------------------------------- RPC: visibility

  async schedule(limit: number): Promise<ScheduleView> {
    const now = this.clock.now();
    const status = this.status;
    const base: ScheduleView = {
      status,
      now: toTimestamp(now),
      not_sending_reason: null,
      next_action_at: null,
      planned: [],
      projected_finish_at: null,
      projected_finish_is_estimate: false,
    };
    if (status === "none" || status === "draft" || status === "failed")
      return { ...base, not_sending_reason: "no_pending_leads" };
    const config = this.config();
    const rules = this.pacingRules();
    const pacing = this.pacingState();
    const work = this.workAvailable();
    let reason: NotSendingReason | null = null;
    if (status === "paused") reason = "paused";
    else if (status === "launching") reason = "launching";
    else if (status === "scheduled") reason = "scheduled_start";
    else if (status === "completed") reason = "no_pending_leads";
    else reason = whyNotSending(rules, pacing, now, work);
    const senderWait = this.meta.get<{ until: number; reason: string }>("sender_wait");
    if (reason === null && senderWait && senderWait.until > now) {
      // The alias's or account's own cap (or a provider cooldown) is what holds the next send.
      reason = "daily_limit_reached";
    }

    // Nothing goes before the start, nor before the identity's cap (or cooldown) lets the campaign
    // send again: the plan starts at the later of the two. (Later days' shared caps are not modelled.)
    const startFrom = Math.max(
      status === "scheduled" && config.startDate ? config.startDate : now,
      senderWait && senderWait.until > now ? senderWait.until : now,
    );
    const followUps = this.sql
      .exec<{ row_index: number; next_step: number; due_at: number }>(
        "SELECT row_index, next_step, due_at FROM leads WHERE state IN ('active', 'sending') ORDER BY due_at, row_index LIMIT ?",
        limit,
      )
      .toArray()
      .map((r) => ({ rowIndex: r.row_index, step: r.next_step, due: r.due_at ?? now }));
    const newLeads = this.sql
      .exec<{ row_index: number }>(
        "SELECT row_index FROM leads WHERE state = 'pending' ORDER BY due_at, row_index LIMIT ?",
        limit,
      )
      .toArray()
      .map((r) => r.row_index);
    const counters = this.counters();
    const plan =
      status === "completed" || status === "launching"
        ? { actions: [], finishedAt: null }
        : planActions({
            rules,
            steps: config.steps,
            pacing,
            now: startFrom,
            followUps,
            newLeads,
            moreNewLeads: Math.max(0, counters.pending - newLeads.length),
            limit,
          });
    const campaignId = this.campaignId();
    const leadsByRow = new Map<number, { lead_id: string; email: string | null }>();
    const rows = [...new Set(plan.actions.map((a) => a.rowIndex))];
    for (let i = 0; i < rows.length; i += 90) {
      const chunk = rows.slice(i, i + 90);
      for (const r of this.sql.exec<{ row_index: number; lead_id: string; email: string | null }>(
        `SELECT row_index, lead_id, email FROM leads WHERE row_index IN (${chunk.map(() => "?").join(",")})`,
        ...chunk,
      )) {
        leadsByRow.set(r.row_index, r);
      }
    }
    const planned = plan.actions.map((a) => {
      const step = config.steps[a.step - 1]!;
      return {
        at: toTimestamp(a.at),
        campaign_lead_id: leadsByRow.get(a.rowIndex)?.lead_id ?? "",
        row_index: a.rowIndex,
        email: leadsByRow.get(a.rowIndex)?.email ?? null,
        step: a.step,
        variant: variantFor(campaignId, a.rowIndex, step).label,
      };
    });
    let finish = plan.finishedAt;
    let estimate = false;
    if (finish === null && plan.actions.length > 1 && status !== "completed") {
      // Beyond the listed plan: extrapolate at the planned rate (an estimate, and said to be one).
      const remaining = counters.pending * config.steps.length + counters.active * config.steps.length;
      const first = plan.actions[0]!.at;
      const last = plan.actions.at(-1)!.at;
      const perAction = (last - first) / (plan.actions.length - 1);
      finish = Math.round(last + perAction * Math.max(0, remaining - plan.actions.length));
      estimate = true;
    }
    return {
      ...base,
      not_sending_reason: reason,
      next_action_at: planned[0]?.at ?? null,
      // While paused this is the plan as it would run if resumed now.
      planned,
      projected_finish_at: finish !== null ? toTimestamp(finish) : null,
      projected_finish_is_estimate: estimate,
    };
  }

  async stats(): Promise<StatsView> {
    const leads: Record<LeadState, number> = {
      pending: 0,
      sending: 0,
      active: 0,
      completed: 0,
      stopped: 0,
      failed: 0,
    };
    for (const r of this.sql.exec<{ state: LeadState; n: number }>(
      "SELECT state, count(*) AS n FROM leads GROUP BY state",
    )) {
      leads[r.state] = r.n;
    }
    const actions = { sent: 0, failed: 0, retrying: 0, in_flight: 0 };
    for (const r of this.sql.exec<{ status: string; n: number }>(
      "SELECT status, count(*) AS n FROM actions GROUP BY status",
    )) {
      if (r.status === "sent") actions.sent = r.n;
      else if (r.status === "failed") actions.failed = r.n;
      else if (r.status === "retry") actions.retrying = r.n;
      else if (r.status === "claimed") actions.in_flight = r.n;
    }
    const perStep = this.sql
      .exec<{ step: number; sent: number; failed: number }>(
        "SELECT step, sum(status = 'sent') AS sent, sum(status = 'failed') AS failed FROM actions GROUP BY step ORDER BY step",
      )
      .toArray();
    const perVariant = this.sql
      .exec<{ step: number; variant: string; sent: number; failed: number }>(
        "SELECT step, variant, sum(status = 'sent') AS sent, sum(status = 'failed') AS failed FROM actions GROUP BY step, variant ORDER BY step, variant",
      )
      .toArray();
    const c = this.counters();
    return {
      total_leads: this.meta.get<number>("total_leads") ?? c.pending + c.active + c.ended,
      processed_leads: c.ended,
      leads,
      actions,
      per_step: perStep,
      per_variant: perVariant,
    };
  }

  async leads(query: {
    status?: string;
    offset: number;
    limit: number;
  }): Promise<{ items: LeadView[]; total: number }> {
    const where = query.status ? "WHERE state = ?" : "";
    const args = query.status ? [query.status] : [];
    const total = this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM leads ${where}`, ...args).one().n;
    const rows = this.sql
      .exec<LeadRow & { last_sent_at: number | null; stop_reason: string | null }>(
        `SELECT * FROM leads ${where} ORDER BY row_index LIMIT ? OFFSET ?`,
        ...args,
        query.limit,
        query.offset,
      )
      .toArray();
    const steps = this.meta.get<CampaignConfig>("config")?.steps.length ?? 0;
    return {
      total,
      items: rows.map((r) => ({
        campaign_lead_id: r.lead_id,
        row_index: r.row_index,
        email: r.email,
        linkedin_url: r.linkedin_url,
        status: r.state,
        next_step:
          ["pending", "active", "sending"].includes(r.state) && r.next_step <= steps ? r.next_step : null,
        next_due_at: r.due_at !== null && r.state === "active" ? toTimestamp(r.due_at) : null,
        last_sent_at: r.last_sent_at ? toTimestamp(r.last_sent_at) : null,
        stop_reason: r.stop_reason,
        data: JSON.parse(r.data),
      })),
    };
  }

  async leadEvents(leadId: string): Promise<LeadEventView[] | null> {
    const lead = this.sql
      .exec<{ row_index: number }>("SELECT row_index FROM leads WHERE lead_id = ?", leadId)
      .toArray()[0];
    if (!lead) return null;
    return this.sql
      .exec<{ type: string; at: number; step: number | null; data: string | null }>(
        "SELECT type, at, step, data FROM events WHERE row_index = ? ORDER BY id",
        lead.row_index,
      )
      .toArray()
      .map((e) => ({
        type: e.type,
        at: toTimestamp(e.at),
        step: e.step,
        data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
      }));
  }

  async messages(query: {
    offset: number;
    limit: number;
    leadId?: string;
  }): Promise<{ items: MessageView[]; total: number }> {
    let where = "";
    const args: (string | number)[] = [];
    if (query.leadId) {
      const lead = this.sql
        .exec<{ row_index: number }>("SELECT row_index FROM leads WHERE lead_id = ?", query.leadId)
        .toArray()[0];
      where = "WHERE m.row_index = ?";
      args.push(lead?.row_index ?? -1);
    }
    const total = this.sql
      .exec<{ n: number }>(`SELECT count(*) AS n FROM messages m ${where}`, ...args)
      .one().n;
    const rows = this.sql
      .exec<{
        action_key: string;
        lead_id: string;
        row_index: number;
        step: number;
        channel: string;
        recipient: string | null;
        subject: string | null;
        text_body: string | null;
        html_body: string | null;
        headers: string;
        created_at: number;
      }>(
        `SELECT m.*, l.lead_id FROM messages m JOIN leads l ON l.row_index = m.row_index ${where}
         ORDER BY m.created_at, m.row_index, m.step LIMIT ? OFFSET ?`,
        ...args,
        query.limit,
        query.offset,
      )
      .toArray();
    return {
      total,
      items: rows.map((m) => ({
        action_key: m.action_key,
        campaign_lead_id: m.lead_id,
        row_index: m.row_index,
        step: m.step,
        channel: m.channel,
        to: m.recipient,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body,
        headers: JSON.parse(m.headers),
        created_at: toTimestamp(m.created_at),
      })),
    };
  }

  // ---------------------------------------------------------------- RPC: test hooks

  /** Switches to a manual clock at `at` (ms) so tests can run weeks of sending through real alarms. */
  async testSetClock(at: number): Promise<void> {
    this.clock.setManualClock(at);
  }

  async testNextWakeAt(): Promise<number | null> {
    // Tests read D1 between wakes: the mirror the last wake left in flight lands first.
    await this.projectionTail;
    return this.clock.nextWakeAt();
  }

  async testInjectFault(point: FaultPoint): Promise<void> {
    this.clock.assertTestHooks();
    this.meta.set("test_fault", point);
  }
}
