// Bench-only worker for bench/alarm-floor.mjs (never deployed, nothing of the engine): a Durable Object
// that does only what any durable scheduler must do per job. Each wake runs ONE job: it records durably
// that the job ran (one INSERT into the object's own SQLite) and arms the alarm for the next job.
// Jobs are on a fixed grid: job k (0..jobs-1) is due at t0 + k * interval_ms. A wake that comes late past
// several due times still runs each job once, in order: it runs job k and arms for max(now, due of k + 1),
// so the next job runs in the next wake at once.
//
// The object may be evicted and re-constructed between alarms, so its index, the grid (t0, jobs, interval) and
// the next job (1 + the highest job recorded) are read back from its SQLite when it is constructed, and
// only cached in memory.
import { DurableObject, WorkerEntrypoint } from "cloudflare:workers";

export class FloorJob extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), idx INTEGER NOT NULL, seconds INTEGER NOT NULL, interval_ms INTEGER NOT NULL, t0 INTEGER)",
    );
    // No key on k: a job recorded twice must show as two rows.
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS runs (k INTEGER NOT NULL, due_at INTEGER NOT NULL, woke_at INTEGER NOT NULL)",
    );
    // Wakes that came before the due time of the next job (re-armed, nothing run). In memory only: a
    // diagnostic, lost if the object is evicted.
    this.earlyWakes = 0;
    this.load();
  }

  load() {
    this.meta = this.sql.exec("SELECT idx, seconds, interval_ms, t0 FROM meta").toArray()[0] ?? null;
    this.next = this.sql.exec("SELECT coalesce(max(k) + 1, 0) AS n FROM runs").one().n;
  }

  /** Stores the object's index, the number of jobs (column `seconds`) and their spacing; no alarm yet. */
  async init(idx, seconds, intervalMs = 1000) {
    this.sql.exec(
      "INSERT OR REPLACE INTO meta (id, idx, seconds, interval_ms, t0) VALUES (1, ?, ?, ?, NULL)",
      idx,
      seconds,
      intervalMs,
    );
    this.load();
    return idx;
  }

  /** Stores the grid's origin and arms the first alarm for it (again: a later call moves it). */
  async arm(t0) {
    this.sql.exec("UPDATE meta SET t0 = ?", t0);
    this.load();
    await this.ctx.storage.setAlarm(t0);
    return t0;
  }

  async alarm() {
    const now = Date.now();
    const m = this.meta;
    if (!m || m.t0 === null || this.next >= m.seconds) return;
    const k = this.next;
    const due = m.t0 + k * m.interval_ms;
    if (now < due) {
      this.earlyWakes++;
      await this.ctx.storage.setAlarm(due);
      return;
    }
    this.sql.exec("INSERT INTO runs (k, due_at, woke_at) VALUES (?, ?, ?)", k, due, now);
    this.next = k + 1;
    if (this.next < m.seconds)
      await this.ctx.storage.setAlarm(Math.max(now, m.t0 + this.next * m.interval_ms));
  }

  /** Jobs recorded so far (a cheap read for the driver's completion poll). */
  async count() {
    return this.sql.exec("SELECT count(*) AS n FROM runs").one().n;
  }

  /** Everything recorded: rows as [k, due_at, woke_at] in insertion order, the pending alarm, early wakes. */
  async readBack() {
    return {
      idx: this.meta?.idx ?? null,
      t0: this.meta?.t0 ?? null,
      rows: this.sql.exec("SELECT k, due_at, woke_at FROM runs ORDER BY rowid").raw().toArray(),
      alarm: await this.ctx.storage.getAlarm(),
      earlyWakes: this.earlyWakes,
    };
  }
}

const stubOf = (env, i) => env.FLOOR.get(env.FLOOR.idFromName(`floor-${i}`));

/** RPC for the driver (mf.getWorker): each method runs over the given object indices in parallel. */
export default class extends WorkerEntrypoint {
  async init(indices, seconds, intervalMs = 1000) {
    return Promise.all(indices.map((i) => stubOf(this.env, i).init(i, seconds, intervalMs)));
  }

  /** `t0`: one origin for every object, or an array with one per object (same order as `indices`). */
  async arm(indices, t0) {
    return Promise.all(indices.map((i, j) => stubOf(this.env, i).arm(Array.isArray(t0) ? t0[j] : t0)));
  }

  async counts(indices) {
    return Promise.all(indices.map((i) => stubOf(this.env, i).count()));
  }

  async readBack(indices) {
    return Promise.all(indices.map((i) => stubOf(this.env, i).readBack()));
  }

  async fetch() {
    return new Response("alarm-floor bench worker\n");
  }
}
