import { DurableObject } from "cloudflare:workers";
import type { BaseEnv } from "../base-env";
import { log } from "../lib/log";
import { AlarmClock, type ClockMeta, migrateObjectStorage, ObjectMeta } from "../lib/object-storage";
import { playgroundConcurrency } from "./config";
import { BACKGROUND_RETRY } from "./generate";
import { type AiRuntimeResolution, aiRuntimeFor, type PersonalizeJob, personalize } from "./personalize";
import { MIGRATIONS } from "./playground-storage";
import { cancelPlaygroundItems, updatePlaygroundItem } from "./playground-store";

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
  /** Leads being drafted by this instance right now. */
  private readonly inflight = new Set<string>();

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
      .map((r) => r.campaign_lead_id);
    if (ids.length === 0) return 0;
    // Taken out of the queue at once (no worker starts them while D1 is written), dropped once D1 agrees.
    this.sql.exec("UPDATE jobs SET status = 'cancelling' WHERE batch_id = ? AND status = 'pending'", batchId);
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

  override async alarm(): Promise<void> {
    // A wake that died left its leads `running`; nothing else here runs them now.
    for (const row of this.sql
      .exec<{ batch_id: string; campaign_lead_id: string }>(
        "SELECT batch_id, campaign_lead_id FROM jobs WHERE status = 'running'",
      )
      .toArray()) {
      if (!this.inflight.has(`${row.batch_id}:${row.campaign_lead_id}`)) {
        this.sql.exec(
          "UPDATE jobs SET status = 'pending' WHERE batch_id = ? AND campaign_lead_id = ?",
          row.batch_id,
          row.campaign_lead_id,
        );
      }
    }
    const deadline = Date.now() + WAKE_BUDGET_MS;
    const runtimes = new Map<string, Promise<AiRuntimeResolution>>();
    const runtimeOf = (userId: string) => {
      let r = runtimes.get(userId);
      if (!r) {
        r = aiRuntimeFor(this.env, userId);
        runtimes.set(userId, r);
      }
      return r;
    };
    const worker = async () => {
      while (Date.now() < deadline) {
        const row = this.takeNext();
        if (!row) return;
        const key = `${row.batch_id}:${row.campaign_lead_id}`;
        this.inflight.add(key);
        try {
          await this.draft(row, await runtimeOf(row.user_id));
        } finally {
          this.inflight.delete(key);
        }
      }
    };
    await Promise.all(Array.from({ length: playgroundConcurrency(this.env) }, worker));
    const next = this.sql
      .exec<{ at: number | null }>("SELECT MIN(not_before) AS at FROM jobs WHERE status = 'pending'")
      .one().at;
    if (next !== null) await this.clock.armAt(Math.max(next, this.clock.now()));
  }

  /** The next lead whose time has come, marked `running` (synchronously: no other worker can take it). */
  private takeNext(): JobRow | null {
    const row = this.sql
      .exec<JobRow>(
        `SELECT batch_id, campaign_lead_id, user_id, attempts, job FROM jobs
         WHERE status = 'pending' AND not_before <= ? ORDER BY seq LIMIT 1`,
        this.clock.now(),
      )
      .toArray()[0];
    if (!row) return null;
    this.sql.exec(
      "UPDATE jobs SET status = 'running' WHERE batch_id = ? AND campaign_lead_id = ?",
      row.batch_id,
      row.campaign_lead_id,
    );
    return row;
  }

  private finish(row: JobRow): void {
    this.sql.exec(
      "DELETE FROM jobs WHERE batch_id = ? AND campaign_lead_id = ?",
      row.batch_id,
      row.campaign_lead_id,
    );
  }

  private reschedule(row: JobRow, afterMs: number): void {
    this.sql.exec(
      `UPDATE jobs SET status = 'pending', attempts = attempts + 1, not_before = ?
       WHERE batch_id = ? AND campaign_lead_id = ?`,
      this.clock.now() + afterMs,
      row.batch_id,
      row.campaign_lead_id,
    );
  }

  private async draft(row: JobRow, runtime: AiRuntimeResolution): Promise<void> {
    const db = this.env.DB;
    try {
      if (!runtime.ok) {
        await updatePlaygroundItem(db, row.batch_id, row.campaign_lead_id, {
          status: "failed",
          error: `AI_NOT_CONFIGURED: ${runtime.message}`,
          completed: true,
        });
        return this.finish(row);
      }
      await updatePlaygroundItem(db, row.batch_id, row.campaign_lead_id, { status: "running" });
      const result = await personalize(
        runtime.runtime,
        JSON.parse(row.job) as PersonalizeJob,
        BACKGROUND_RETRY,
      );
      if (result.ok) {
        await updatePlaygroundItem(db, row.batch_id, row.campaign_lead_id, {
          status: "done",
          generationId: result.generation.id,
          fromCache: result.fromCache,
          completed: true,
        });
        return this.finish(row);
      }
      // A provider that asked for a longer pause than a worker waits: the lead waits in the queue instead.
      if (result.code === "AI_GENERATION_FAILED" && result.transient && row.attempts < MAX_RESCHEDULES) {
        this.reschedule(row, result.retryAfterMs ?? INFRA_RETRY_MS);
        await updatePlaygroundItem(db, row.batch_id, row.campaign_lead_id, {
          status: "pending",
          error: `retrying: ${result.message}`,
        });
        return;
      }
      await updatePlaygroundItem(db, row.batch_id, row.campaign_lead_id, {
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
      await updatePlaygroundItem(db, row.batch_id, row.campaign_lead_id, {
        status: "failed",
        error: `could not be drafted: ${err instanceof Error ? err.message : String(err)}`,
        completed: true,
      }).catch(() => {});
    }
  }
}
