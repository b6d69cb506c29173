import { DurableObject } from "cloudflare:workers";
import { migrateObjectStorage } from "../lib/object-storage";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** A lease's units must be used within this long (and within its UTC day); unused ones go back. */
export const LEASE_MS = 60_000;

/** What a campaign reports about a lease it held: how many of its units it really used. */
export interface LeaseSettlement {
  id: string;
  used: number;
}

export interface LeaseRequest {
  /**
   * Chosen by the holder and kept until the holder has stored the answer: asking again with the
   * same id (a wake that failed after the call) returns the same lease, never a second one.
   */
  id: string;
  at: number;
  /** Units the holder expects to use within LEASE_MS; it may be granted fewer. */
  want: number;
  dailyLimit: number;
  weeklyLimit?: number | null;
  /** The holder's previous lease on this identity, settled in the same call. */
  settle?: LeaseSettlement | null;
}

export type LeaseDecision =
  | { granted: true; units: number; expiresAt: number }
  | { granted: false; retryAt: number; reason: "daily_cap" | "weekly_cap" | "cooldown" };

/**
 * The object's own SQLite schema (numbered, never edited once shipped). Identities created before
 * numbered migrations already have the tables of 1 (hence IF NOT EXISTS); those from before leases
 * counted one reservation per send, and each becomes a settled lease of one unit in 2.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS leases (
     id TEXT PRIMARY KEY,
     day INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     granted INTEGER NOT NULL,
     used INTEGER
   );
   CREATE INDEX IF NOT EXISTS leases_expires ON leases(expires_at);
   CREATE TABLE IF NOT EXISTS day_totals (day INTEGER PRIMARY KEY, n INTEGER NOT NULL);
   CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);`,
  `CREATE TABLE IF NOT EXISTS reservations (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
   INSERT OR IGNORE INTO leases (id, day, expires_at, granted, used)
     SELECT key, at - at % ${DAY_MS}, at, 1, 1 FROM reservations;
   DROP TABLE reservations;`,
];

/**
 * The caps of one sending identity (an alias or a connected account), shared by every campaign that
 * uses it: one object per identity serialises grants, so a cap is never overshot, not by one and not
 * under concurrency. Daily caps count per UTC calendar day; weekly caps over a rolling 7 days (as
 * LinkedIn counts them). A provider's throttling puts the identity into a cooldown.
 *
 * Campaigns take units in short leases rather than one call per send: a lease of n units is counted
 * in full the moment it is granted, and the holder settles it later with what it really used, which
 * hands the rest back. A lease that is never settled stays counted in full, so every failure errs on
 * the side of sending less. Units age out of the weekly window from the lease's expiry, the latest
 * instant any of them can have been used.
 */
export class SenderQuota extends DurableObject {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => migrateObjectStorage(ctx.storage, MIGRATIONS));
  }

  lease(req: LeaseRequest): LeaseDecision {
    const held = this.sql
      .exec<{ granted: number; expires_at: number; used: number | null }>(
        "SELECT granted, expires_at, used FROM leases WHERE id = ?",
        req.id,
      )
      .toArray()[0];
    if (held) return { granted: true, units: held.used ?? held.granted, expiresAt: held.expires_at };
    if (req.settle) this.settle(req.settle);

    const cooldown =
      this.sql.exec<{ value: number }>("SELECT value FROM state WHERE key = 'cooldown_until'").toArray()[0]
        ?.value ?? 0;
    if (cooldown > req.at) return { granted: false, retryAt: cooldown, reason: "cooldown" };

    const dayStart = req.at - (req.at % DAY_MS);
    const today =
      this.sql.exec<{ n: number }>("SELECT n FROM day_totals WHERE day = ?", dayStart).toArray()[0]?.n ?? 0;
    if (today >= req.dailyLimit) return { granted: false, retryAt: dayStart + DAY_MS, reason: "daily_cap" };
    let room = req.dailyLimit - today;
    if (req.weeklyLimit) {
      const week = this.weekTotal(req.at);
      if (week >= req.weeklyLimit)
        return {
          granted: false,
          retryAt: this.weekRoomAt(req.at, week - req.weeklyLimit + 1),
          reason: "weekly_cap",
        };
      room = Math.min(room, req.weeklyLimit - week);
    }

    const units = Math.max(1, Math.min(Math.floor(req.want), room));
    const expiresAt = Math.min(req.at + LEASE_MS, dayStart + DAY_MS);
    this.sql.exec(
      "INSERT INTO leases (id, day, expires_at, granted, used) VALUES (?, ?, ?, ?, NULL)",
      req.id,
      dayStart,
      expiresAt,
      units,
    );
    this.sql.exec(
      "INSERT INTO day_totals (day, n) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET n = n + excluded.n",
      dayStart,
      units,
    );
    if (today === 0) {
      // Once a day: forget what can no longer matter.
      this.sql.exec("DELETE FROM leases WHERE expires_at < ?", req.at - 2 * WEEK_MS);
      this.sql.exec("DELETE FROM day_totals WHERE day < ?", dayStart - 2 * WEEK_MS);
    }
    return { granted: true, units, expiresAt };
  }

  /** Nothing but being constructed: a campaign about to start opens its identities' storage early. */
  ready(): boolean {
    return true;
  }

  /** The holder is done with a lease (paused, finished, or its window closed): unused units go back. */
  release(settlement: LeaseSettlement): void {
    this.settle(settlement);
  }

  /** The provider asked us to slow down: nothing is granted until `until`. */
  cooldown(until: number, settlement?: LeaseSettlement | null): void {
    if (settlement) this.settle(settlement);
    this.sql.exec(
      "INSERT OR REPLACE INTO state (key, value) VALUES ('cooldown_until', max(?, coalesce((SELECT value FROM state WHERE key = 'cooldown_until'), 0)))",
      until,
    );
  }

  /** Settling twice, or settling a lease this object never granted, changes nothing. */
  private settle({ id, used }: LeaseSettlement): void {
    const lease = this.sql
      .exec<{ day: number; granted: number }>(
        "SELECT day, granted FROM leases WHERE id = ? AND used IS NULL",
        id,
      )
      .toArray()[0];
    if (!lease) return;
    const kept = Math.max(0, Math.min(Math.floor(used), lease.granted));
    this.sql.exec("UPDATE leases SET used = ? WHERE id = ?", kept, id);
    this.sql.exec("UPDATE day_totals SET n = max(0, n - ?) WHERE day = ?", lease.granted - kept, lease.day);
  }

  /** Units counted in the rolling week ending at `at`. */
  private weekTotal(at: number): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT coalesce(sum(coalesce(used, granted)), 0) AS n FROM leases WHERE expires_at > ?",
        at - WEEK_MS,
      )
      .one().n;
  }

  /** When `need` units will have aged out of the rolling week (oldest leases first). */
  private weekRoomAt(at: number, need: number): number {
    let freed = 0;
    for (const lease of this.sql.exec<{ expires_at: number; n: number }>(
      "SELECT expires_at, coalesce(used, granted) AS n FROM leases WHERE expires_at > ? ORDER BY expires_at",
      at - WEEK_MS,
    )) {
      freed += lease.n;
      if (freed >= need) return lease.expires_at + WEEK_MS;
    }
    return at + WEEK_MS;
  }
}
