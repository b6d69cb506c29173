import { DurableObject } from "cloudflare:workers";
import type { BaseEnv } from "../base-env";
import { log } from "../lib/log";
import { AlarmClock, type ClockMeta, migrateObjectStorage, ObjectMeta } from "../lib/object-storage";
import { playgroundConcurrency } from "./config";
import { BACKGROUND_RETRY } from "./generate";
import { D1GroupCommit } from "./group-commit";
import { type AiRuntimeResolution, aiRuntimeFor, type PersonalizeJob, personalize } from "./personalize";
import { MIGRATIONS } from "./playground-storage";
import {
  cancelPlaygroundItems,
  type ItemUpdate,
  playgroundItemDrafted,
  playgroundItemStatement,
} from "./playground-store";

/** One lead of a batch, as the route prepared it. */
export interface PlaygroundJob {
  campaignLeadId: string;
  job: PersonalizeJob;
}

export interface PlaygroundBatchInput {
  batchId: string;
  userId: string;
  jobs: PlaygroundJob[];
}

/** Work started per wake stops after this long; what is left re-arms the alarm for right away. */
const WAKE_BUDGET_MS = 20_000;
/** A lead rescheduled (long Retry-After, infrastructure failure) this often fails instead. */
const MAX_RESCHEDULES = 3;
const INFRA_RETRY_MS = 5_000;

/** The runner's scalar state: its clock, and the last queue position handed out. */
interface RunnerMeta extends ClockMeta {
  seq: number;
}

type JobRow = { batch_id: string; campaign_lead_id: string; user_id: string; attempts: number; job: string };

/**
 * One per campaign (`idFromName(campaignId)`): drafts a playground batch in the background. Leads
 * wait in this object's SQLite; its alarm drafts them at most `AI_PLAYGROUND_CONCURRENCY` at a time,
 * each through the same `personalize` path as previews and send time (store first, budgets, the
 * model with retries), and writes each outcome to D1 as it completes. A cancel takes the leads that
 * have not started, so it lands between leads; leads under way finish and keep their drafts.
 */
export class PlaygroundRunner extends DurableObject<BaseEnv> {
  private readonly sql: SqlStorage;
  private readonly meta: ObjectMeta<RunnerMeta>;
  protected readonly clock: AlarmClock;
  /** Leads being drafted by this instance right now, as `${batch_id}:${campaign_lead_id}`. */
  private readonly inflight = new Set<string>();
  /** Leads finished during the current wake, still in storage until it ends. */
  private readonly finished = new Set<string>();

  constructor(ctx: DurableObjectState, env: BaseEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.meta = new ObjectMeta<RunnerMeta>(this.sql, { cached: false });
    this.clock = this.createClock(ctx, this.meta);
    ctx.blockConcurrencyWhile(async () => {
      migrateObjectStorage(ctx.storage, MIGRATIONS);
    });
  }

  /** The object's clock; tests subclass the object with a manual one (test/objects.ts). */
  protected createClock(ctx: DurableObjectState, meta: ObjectMeta<RunnerMeta>): AlarmClock {
    return new AlarmClock(ctx.storage, meta);
  }

  /** Takes a batch's leads (already recorded in D1 as `pending`) and starts drafting them. */
  async enqueue(batch: PlaygroundBatchInput): Promise<void> {
    const now = this.clock.now();
    let seq = this.meta.get("seq") ?? 0;
    this.ctx.storage.transactionSync(() => {
      for (const j of batch.jobs) {
        this.sql.exec(
          `INSERT INTO jobs (batch_id, campaign_lead_id, seq, user_id, status, attempts, not_before, job)
           VALUES (?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT DO NOTHING`,
          batch.batchId,
          j.campaignLeadId,
          ++seq,
          batch.userId,
          now,
          JSON.stringify(j.job),
        );
      }
      this.meta.set("seq", seq);
    });
    await this.clock.armAt(now);
  }

  /** Cancels the batch's leads that have not started; answers how many. */
  async cancel(batchId: string): Promise<number> {
    const ids = this.sql
      .exec<{ campaign_lead_id: string }>(
        "SELECT campaign_lead_id FROM jobs WHERE batch_id = ? AND status = 'pending'",
        batchId,
      )
      .toArray()
      .map((r) => r.campaign_lead_id)
      .filter((id) => !this.inflight.has(`${batchId}:${id}`) && !this.finished.has(`${batchId}:${id}`));
    if (ids.length === 0) return 0;
    // Out of the queue at once (no worker starts them while D1 is written), dropped once D1 agrees.
    const marked = JSON.stringify(ids);
    this.sql.exec(
      `UPDATE jobs SET status = 'cancelling' WHERE batch_id = ? AND campaign_lead_id IN (SELECT value FROM json_each(?))`,
      batchId,
      marked,
    );
    try {
      await cancelPlaygroundItems(this.env.DB, batchId, ids);
    } catch (err) {
      this.sql.exec(
        "UPDATE jobs SET status = 'pending' WHERE batch_id = ? AND status = 'cancelling'",
        batchId,
      );
      throw err;
    }
    this.sql.exec("DELETE FROM jobs WHERE batch_id = ? AND status = 'cancelling'", batchId);
    return ids.length;
  }

  /**
   * One wake drafts the ready leads, `AI_PLAYGROUND_CONCURRENCY` at a time, for up to WAKE_BUDGET_MS.
   * While it works it writes nothing to this object's storage: every write would hold the object's
   * outgoing requests (to D1 and to the provider) until the write is on disk. Leads under way and
   * done are kept in memory; done leads leave storage in one write when the wake ends. A wake that
   * dies drafts its leads again next time, and the store answers those already drafted.
   */
  override async alarm(): Promise<void> {
    const deadline = Date.now() + WAKE_BUDGET_MS;
    let cursor = 0;
    // The leads drafted side by side share D1 transactions (locally each one is a disk flush).
    const group = new D1GroupCommit(this.env.DB);
    const runtimes = new Map<string, Promise<AiRuntimeResolution>>();
    const runtimeOf = (userId: string) => {
      let r = runtimes.get(userId);
      if (!r) {
        r = aiRuntimeFor(this.env, userId).then((res) =>
          res.ok ? { ok: true as const, runtime: { ...res.runtime, batch: group.batch } } : res,
        );
        runtimes.set(userId, r);
      }
      return r;
    };
    // Leads are taken in queue order, each once a wake; one rescheduled meanwhile waits for the next wake.
    const takeNext = (): JobRow | null => {
      const row = this.sql
        .exec<JobRow & { seq: number }>(
          `SELECT batch_id, campaign_lead_id, user_id, attempts, job, seq FROM jobs
           WHERE status = 'pending' AND not_before <= ? AND seq > ? ORDER BY seq LIMIT 1`,
          this.clock.now(),
          cursor,
        )
        .toArray()[0];
      if (!row) return null;
      cursor = row.seq;
      return row;
    };
    const worker = async () => {
      while (Date.now() < deadline) {
        const row = takeNext();
        if (!row) return;
        const key = `${row.batch_id}:${row.campaign_lead_id}`;
        this.inflight.add(key);
        try {
          await this.draft(row, await runtimeOf(row.user_id), group);
        } finally {
          this.inflight.delete(key);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: playgroundConcurrency(this.env) }, worker));
    } finally {
      this.dropFinished();
    }
    const next = this.sql
      .exec<{ at: number | null }>("SELECT MIN(not_before) AS at FROM jobs WHERE status = 'pending'")
      .one().at;
    if (next !== null) await this.clock.armAt(Math.max(next, this.clock.now()));
  }

  /** Removes the leads drafted (or failed for good) this wake from the queue, in one write. */
  private dropFinished(): void {
    if (this.finished.size === 0) return;
    const keys = JSON.stringify([...this.finished].map((k) => k.split(":")));
    this.sql.exec(
      `DELETE FROM jobs WHERE (batch_id, campaign_lead_id) IN
         (SELECT value ->> '$[0]', value ->> '$[1]' FROM json_each(?))`,
      keys,
    );
    this.finished.clear();
  }

  private finish(row: JobRow): void {
    this.finished.add(`${row.batch_id}:${row.campaign_lead_id}`);
  }

  private reschedule(row: JobRow, afterMs: number): void {
    this.sql.exec(
      `UPDATE jobs SET attempts = attempts + 1, not_before = ? WHERE batch_id = ? AND campaign_lead_id = ?`,
      this.clock.now() + afterMs,
      row.batch_id,
      row.campaign_lead_id,
    );
  }

  private async draft(row: JobRow, runtime: AiRuntimeResolution, group: D1GroupCommit): Promise<void> {
    const db = this.env.DB;
    const writeItem = (update: ItemUpdate) =>
      group.batch([playgroundItemStatement(db, row.batch_id, row.campaign_lead_id, update)]);
    try {
      if (!runtime.ok) {
        await writeItem({
          status: "failed",
          error: `AI_NOT_CONFIGURED: ${runtime.message}`,
          completed: true,
        });
        return this.finish(row);
      }
      // "running" goes with the store lookup, "done" with a new draft: three round trips to D1 a lead.
      const result = await personalize(
        runtime.runtime,
        JSON.parse(row.job) as PersonalizeJob,
        BACKGROUND_RETRY,
        {
          first: [playgroundItemStatement(db, row.batch_id, row.campaign_lead_id, { status: "running" })],
          withNew: (key) => [playgroundItemDrafted(db, row.batch_id, row.campaign_lead_id, key)],
        },
      );
      if (result.ok) {
        if (result.fromCache) {
          await writeItem({
            status: "done",
            generationId: result.generation.id,
            fromCache: true,
            completed: true,
          });
        }
        return this.finish(row);
      }
      // A provider that asked for a longer pause than a worker waits: the lead waits in the queue instead.
      if (result.code === "AI_GENERATION_FAILED" && result.transient && row.attempts < MAX_RESCHEDULES) {
        this.reschedule(row, result.retryAfterMs ?? INFRA_RETRY_MS);
        await writeItem({
          status: "pending",
          error: `retrying: ${result.message}`,
        });
        return;
      }
      await writeItem({
        status: "failed",
        error: `${result.code}: ${result.message}`,
        completed: true,
      });
      this.finish(row);
    } catch (err) {
      // D1 or the store failed, not the model: try the lead again a little later.
      log("warn", "playground draft failed", {
        batch_id: row.batch_id,
        campaign_lead_id: row.campaign_lead_id,
        error: err instanceof Error ? err.message : String(err),
      });
      if (row.attempts < MAX_RESCHEDULES) return this.reschedule(row, INFRA_RETRY_MS);
      this.finish(row);
      await writeItem({
        status: "failed",
        error: `could not be drafted: ${err instanceof Error ? err.message : String(err)}`,
        completed: true,
      }).catch(() => {});
    }
  }
}
