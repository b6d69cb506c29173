import { DurableObject } from "cloudflare:workers";
import type { BaseEnv } from "../base-env";
import { egressProblem } from "../lib/egress";
import { log } from "../lib/log";
import { AlarmClock, type ClockMeta, migrateObjectStorage, ObjectMeta } from "../lib/object-storage";
import { decryptSecret } from "../lib/secrets";
import { invalidEvent, MAX_BODY_BYTES, MAX_EVENTS_PER_CALL, subscribed, type WebhookEvent } from "./events";
import { type AttemptOutcome, postSigned } from "./post";
import { MIGRATIONS } from "./storage";

export type { WebhookEvent } from "./events";

/** The dispatcher's scalar state. */
interface DispatcherMeta extends ClockMeta {
  /** The owner (from the id's name on first contact; `ctx.id.name` may be missing inside `alarm()`). */
  user_id: string;
  pruned_at: number;
}

/** Wait before the next attempt after n failed ones (index n - 1); one more attempt than entries. */
export const RETRY_DELAYS_MS: readonly number[] = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  60 * 60_000,
  6 * 60 * 60_000,
  12 * 60 * 60_000,
  24 * 60 * 60_000,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A receiver's Retry-After (429/503) can push the next attempt later than the schedule, up to this. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;
/** Deliveries attempted per wake, and how many run at once; more due work re-arms for right away. */
const WAKE_BATCH = 50;
const CONCURRENCY = 10;
/** Event ids are remembered (and finished deliveries kept here) this long: the deduplication window. */
const RETENTION_MS = 7 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
/** Rows of D1's delivery log deleted per prune round (a backlog goes over several rounds). */
const LOG_PRUNE_ROWS = 5000;
/** When D1 cannot be reached, the wake is retried this much later without spending an attempt. */
const INFRA_RETRY_MS = 30_000;
/** Bounds one D1 statement's bound JSON (D1 caps a value at 2 MB). */
const SYNC_CHUNK_BYTES = 512 * 1024;
const SYNC_ROWS_PER_ROUND = 500;

const encoder = new TextEncoder();

type DueRow = { delivery_id: string; event_id: string; webhook_id: string; attempts: number; body: string };
type HookRow = { id: string; url: string; secret: string; active: number };
type SyncRow = {
  delivery_id: string;
  webhook_id: string;
  event_id: string;
  type: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
  version: number;
};

/**
 * One per user (`idFromName(userId)`): fans the user's events out to their webhooks and delivers each
 * (event, webhook) pair at least once, signed, with retries on a fixed backoff. Deliveries live in
 * this object's SQLite; D1's `webhook_deliveries` mirrors them for the API. A single storage alarm is
 * armed for the earliest due attempt.
 */
export class WebhookDispatcher extends DurableObject<BaseEnv> {
  private readonly sql: SqlStorage;
  /** Scalar state, read from storage each time (not mirrored: a failed transaction must not leave a stale copy). */
  private readonly meta: ObjectMeta<DispatcherMeta>;
  protected readonly clock: AlarmClock;
  /** Deliveries being attempted right now, so an overlapping wake never sends one twice at once. */
  private readonly inflight = new Set<string>();
  private syncChain: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: BaseEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.meta = new ObjectMeta<DispatcherMeta>(this.sql, { cached: false });
    this.clock = this.createClock(ctx, this.meta);
    ctx.blockConcurrencyWhile(async () => {
      migrateObjectStorage(ctx.storage, MIGRATIONS);
      await this.ensureAlarm();
    });
  }

  // ---------------------------------------------------------------- seams (tests subclass these)

  protected createClock(ctx: DurableObjectState, meta: ObjectMeta<DispatcherMeta>): AlarmClock {
    return new AlarmClock(ctx.storage, meta);
  }

  /** How long one attempt may take before it counts as failed. */
  protected deliveryTimeoutMs(): number {
    return DELIVERY_TIMEOUT_MS;
  }

  // ---------------------------------------------------------------- state helpers

  /** The owner, from the id's name on first contact; kept because `ctx.id.name` may be missing in `alarm()`. */
  private userId(): string {
    const known = this.meta.get("user_id");
    if (known) return known;
    const name = this.ctx.id.name;
    if (!name) throw new Error("WebhookDispatcher must be addressed with idFromName(userId)");
    this.meta.set("user_id", name);
    return name;
  }

  // ---------------------------------------------------------------- RPC

  /**
   * Accepts events for delivery. Each event id is taken once (repeats, here or in a later call within
   * the retention window, are ignored) and fans out to the user's active webhooks subscribed to its
   * type at that moment. Resolves once the deliveries are stored durably; delivery itself happens in
   * the alarm. Throws on an invalid event (nothing of that call is stored) or when D1 cannot be read.
   */
  async enqueue(events: WebhookEvent[]): Promise<void> {
    if (!Array.isArray(events)) throw new TypeError("enqueue expects an array of events");
    if (events.length > MAX_EVENTS_PER_CALL) {
      throw new RangeError(`at most ${MAX_EVENTS_PER_CALL} events per call`);
    }
    const fresh = new Map<string, { id: string; type: string; body: string }>();
    for (const [i, e] of events.entries()) {
      const problem = invalidEvent(e);
      if (problem) throw new TypeError(`event ${i}: ${problem}`);
      if (fresh.has(e.id)) continue;
      // Serialised once: every attempt sends exactly these bytes.
      const body = JSON.stringify({ id: e.id, type: e.type, created_at: e.created_at, data: e.data });
      if (encoder.encode(body).length > MAX_BODY_BYTES) {
        throw new RangeError(`event ${i}: body exceeds ${MAX_BODY_BYTES} bytes`);
      }
      fresh.set(e.id, { id: e.id, type: e.type, body });
    }
    const userId = this.userId();
    for (const id of fresh.keys()) {
      if (this.sql.exec("SELECT 1 FROM events WHERE event_id = ?", id).toArray().length > 0) fresh.delete(id);
    }
    if (fresh.size === 0) return;

    const { results } = await this.env.DB.prepare(
      "SELECT id, events FROM webhooks WHERE user_id = ? AND active = 1",
    )
      .bind(userId)
      .all<{ id: string; events: string }>();
    const hooks = results.map((h) => ({ id: h.id, events: JSON.parse(h.events) as string[] }));

    const now = this.clock.now();
    let created = 0;
    this.ctx.storage.transactionSync(() => {
      for (const e of fresh.values()) {
        this.sql.exec(
          "INSERT INTO events (event_id, type, body, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
          e.id,
          e.type,
          e.body,
          now,
        );
        // Another call with the same id got here first while this one waited on D1.
        if (this.sql.exec<{ n: number }>("SELECT changes() AS n").one().n === 0) continue;
        for (const h of hooks) {
          if (!subscribed(h.events, e.type)) continue;
          this.sql.exec(
            `INSERT INTO deliveries (delivery_id, event_id, webhook_id, status, attempts, next_attempt_at, created_at)
             VALUES (?, ?, ?, 'pending', 0, ?, ?)`,
            crypto.randomUUID(),
            e.id,
            h.id,
            now,
            now,
          );
          created++;
        }
      }
    });
    // Also here, not only in the alarm: events nobody subscribes to never arm it.
    await this.pruneIfDue();
    if (created === 0) return;
    await this.rearm();
    await this.syncLogQuietly();
  }

  // ---------------------------------------------------------------- alarm

  override async alarm(): Promise<void> {
    const userId = this.meta.get("user_id");
    if (!userId) return this.clock.disarm();
    let notBefore: number | null = null;
    try {
      await this.deliverDue(userId);
    } catch (err) {
      log("warn", "webhook wake failed; retrying shortly", {
        user_id: userId,
        error: err instanceof Error ? err.message : String(err),
      });
      notBefore = this.clock.now() + INFRA_RETRY_MS;
    }
    await this.pruneIfDue();
    await this.syncLogQuietly();
    await this.rearm(notBefore);
  }

  private async deliverDue(userId: string): Promise<void> {
    const due = this.sql
      .exec<DueRow>(
        `SELECT d.delivery_id, d.event_id, d.webhook_id, d.attempts, e.body
         FROM deliveries d JOIN events e ON e.event_id = d.event_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= ?
         ORDER BY d.next_attempt_at, d.created_at LIMIT ?`,
        this.clock.now(),
        WAKE_BATCH + this.inflight.size,
      )
      .toArray()
      .filter((d) => !this.inflight.has(d.delivery_id))
      .slice(0, WAKE_BATCH);
    if (due.length === 0) return;
    // Read at attempt time, so a changed URL, a rotated secret or a disabled webhook applies to retries.
    const { results } = await this.env.DB.prepare(
      "SELECT id, url, secret, active FROM webhooks WHERE user_id = ? AND id IN (SELECT value FROM json_each(?))",
    )
      .bind(userId, JSON.stringify([...new Set(due.map((d) => d.webhook_id))]))
      .all<HookRow>();
    const hooks = new Map(results.map((h) => [h.id, h]));
    for (const d of due) this.inflight.add(d.delivery_id);
    try {
      for (let i = 0; i < due.length; i += CONCURRENCY) {
        await Promise.all(due.slice(i, i + CONCURRENCY).map((d) => this.attempt(d, hooks.get(d.webhook_id))));
      }
    } finally {
      for (const d of due) this.inflight.delete(d.delivery_id);
    }
  }

  private async attempt(d: DueRow, hook: HookRow | undefined): Promise<void> {
    if (!hook) {
      // The webhook was deleted, and its log with it: nothing left to deliver or record.
      this.sql.exec("DELETE FROM deliveries WHERE delivery_id = ?", d.delivery_id);
      return;
    }
    if (!hook.active) {
      this.sql.exec(
        `UPDATE deliveries SET status = 'failed', next_attempt_at = NULL, last_error = ?, version = version + 1
         WHERE delivery_id = ? AND status = 'pending'`,
        "webhook was disabled before delivery",
        d.delivery_id,
      );
      return;
    }
    let outcome: AttemptOutcome;
    // The URL was checked when it was saved; checked again in case it was saved before the policy.
    const refused = egressProblem(this.env, hook.url);
    if (refused) {
      outcome = { ok: false, status: null, error: `destination refused: ${refused}`, retryAfterMs: null };
    } else {
      try {
        outcome = await postSigned({
          url: hook.url,
          secret: await decryptSecret(this.env, hook.secret),
          eventId: d.event_id,
          body: d.body,
          timestamp: Math.floor(this.clock.now() / 1000),
          timeoutMs: this.deliveryTimeoutMs(),
        });
      } catch (err) {
        outcome = {
          ok: false,
          status: null,
          error: `could not sign: ${err instanceof Error ? err.message : String(err)}`,
          retryAfterMs: null,
        };
      }
    }
    const now = this.clock.now();
    const attempts = d.attempts + 1;
    if (outcome.ok) {
      this.sql.exec(
        `UPDATE deliveries SET status = 'delivered', attempts = ?, last_status_code = ?, last_error = NULL,
           delivered_at = ?, next_attempt_at = NULL, version = version + 1
         WHERE delivery_id = ? AND status = 'pending'`,
        attempts,
        outcome.status,
        now,
        d.delivery_id,
      );
      return;
    }
    const delay = RETRY_DELAYS_MS[attempts - 1];
    const next =
      delay === undefined
        ? null
        : now + Math.max(delay, Math.min(outcome.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
    this.sql.exec(
      `UPDATE deliveries SET status = ?, attempts = ?, last_status_code = ?, last_error = ?, next_attempt_at = ?,
         version = version + 1
       WHERE delivery_id = ? AND status = 'pending'`,
      next === null ? "failed" : "pending",
      attempts,
      outcome.status,
      outcome.error,
      next,
      d.delivery_id,
    );
  }

  // ---------------------------------------------------------------- D1 log

  /** Brings D1's log up to date; on failure the rows stay unsynced and the alarm tries again. */
  private async syncLogQuietly(): Promise<void> {
    try {
      await this.syncLog();
    } catch (err) {
      log("warn", "webhook delivery log sync failed; will retry", {
        user_id: this.meta.get("user_id"),
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  /** Serialised, so an older state of a row can never overwrite a newer one in D1. */
  private syncLog(): Promise<void> {
    const run = this.syncChain.then(() => this.syncOnce());
    this.syncChain = run.catch(() => {});
    return run;
  }

  private async syncOnce(): Promise<void> {
    const userId = this.meta.get("user_id");
    if (!userId) return;
    const upsert = `INSERT INTO webhook_deliveries (id, webhook_id, user_id, event_id, event_type, payload, status,
        attempts, next_attempt_at, last_status_code, last_error, created_at, delivered_at)
      SELECT value->>'id', value->>'webhook_id', ?1, value->>'event_id', value->>'event_type', value->>'payload',
        value->>'status', value->>'attempts', value->>'next_attempt_at', value->>'last_status_code',
        value->>'last_error', value->>'created_at', value->>'delivered_at'
      FROM json_each(?2)
      WHERE EXISTS (SELECT 1 FROM webhooks w WHERE w.id = value->>'webhook_id' AND w.user_id = ?1)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
        next_attempt_at = excluded.next_attempt_at, last_status_code = excluded.last_status_code,
        last_error = excluded.last_error, delivered_at = excluded.delivered_at`;
    // Each round sends what is behind; rows changed meanwhile stay behind for the next round.
    for (let round = 0; round < 20; round++) {
      const rows = this.sql
        .exec<SyncRow>(
          `SELECT d.delivery_id, d.webhook_id, d.event_id, e.type, e.body, d.status, d.attempts, d.next_attempt_at,
             d.last_status_code, d.last_error, d.created_at, d.delivered_at, d.version
           FROM deliveries d JOIN events e ON e.event_id = d.event_id
           WHERE d.version > d.synced_version LIMIT ?`,
          SYNC_ROWS_PER_ROUND,
        )
        .toArray();
      if (rows.length === 0) return;
      const chunks: SyncRow[][] = [];
      let size = Number.POSITIVE_INFINITY;
      for (const r of rows) {
        if (size + r.body.length > SYNC_CHUNK_BYTES) {
          chunks.push([]);
          size = 0;
        }
        chunks.at(-1)!.push(r);
        size += r.body.length + 512;
      }
      await this.env.DB.batch(
        chunks.map((chunk) =>
          this.env.DB.prepare(upsert).bind(
            userId,
            JSON.stringify(
              chunk.map((r) => ({
                id: r.delivery_id,
                webhook_id: r.webhook_id,
                event_id: r.event_id,
                event_type: r.type,
                payload: r.body,
                status: r.status,
                attempts: r.attempts,
                next_attempt_at: r.next_attempt_at,
                last_status_code: r.last_status_code,
                last_error: r.last_error,
                created_at: r.created_at,
                delivered_at: r.delivered_at,
              })),
            ),
          ),
        ),
      );
      this.ctx.storage.transactionSync(() => {
        for (const r of rows) {
          this.sql.exec(
            "UPDATE deliveries SET synced_version = max(synced_version, ?) WHERE delivery_id = ?",
            r.version,
            r.delivery_id,
          );
        }
      });
    }
  }

  // ---------------------------------------------------------------- alarm plumbing and housekeeping

  /** Arms the single alarm for the earliest pending attempt (or a log retry), or clears it. */
  private async rearm(notBefore: number | null = null): Promise<void> {
    let at =
      this.sql
        .exec<{ at: number | null }>(
          "SELECT min(next_attempt_at) AS at FROM deliveries WHERE status = 'pending'",
        )
        .one().at ?? null;
    const behind = this.sql.exec("SELECT 1 FROM deliveries WHERE version > synced_version LIMIT 1").toArray();
    if (behind.length > 0) at = Math.min(at ?? Number.POSITIVE_INFINITY, this.clock.now() + INFRA_RETRY_MS);
    if (at === null) return this.clock.disarm();
    if (notBefore !== null) at = Math.max(at, notBefore);
    await this.clock.armAt(at);
  }

  /** Re-arms after a restart that lost the alarm (e.g. `wrangler dev` was stopped while work was pending). */
  private async ensureAlarm(): Promise<void> {
    const pending = this.sql
      .exec("SELECT 1 FROM deliveries WHERE status = 'pending' OR version > synced_version LIMIT 1")
      .toArray();
    if (pending.length === 0) return;
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm < Date.now() - 30_000) await this.rearm();
  }

  /** Forgets finished, logged deliveries and old event ids (D1 keeps the log). */
  private async pruneIfDue(): Promise<void> {
    const now = this.clock.now();
    const last = this.meta.get("pruned_at") ?? 0;
    if (now - last < PRUNE_EVERY_MS) return;
    const cutoff = now - RETENTION_MS;
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(
        "DELETE FROM deliveries WHERE status != 'pending' AND version = synced_version AND created_at < ?",
        cutoff,
      );
      this.sql.exec(
        `DELETE FROM events WHERE received_at < ?
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.event_id)`,
        cutoff,
      );
      this.meta.set("pruned_at", now);
    });
    // D1's copy of the log keeps the same window: without this it grows by every event ever
    // delivered (~270 bytes each) until the database is full. Bounded per round; the rest next hour.
    const userId = this.meta.get("user_id");
    if (!userId) return;
    try {
      await this.env.DB.prepare(
        `DELETE FROM webhook_deliveries WHERE id IN (
           SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
           WHERE w.user_id = ? AND d.created_at < ? AND d.status != 'pending' LIMIT ?)`,
      )
        .bind(userId, cutoff, LOG_PRUNE_ROWS)
        .run();
    } catch (err) {
      log("warn", "webhook log prune failed", { user_id: userId, error: String(err) });
    }
  }
}
