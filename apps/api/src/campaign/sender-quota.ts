import { DurableObject } from "cloudflare:workers";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export interface QuotaRequest {
  /** The action's stable key: reserving it twice (a retried wake) counts once. */
  key: string;
  at: number;
  dailyLimit: number;
  weeklyLimit?: number | null;
}

export type QuotaDecision =
  | { granted: true }
  | { granted: false; retryAt: number; reason: "daily_cap" | "weekly_cap" | "cooldown" };

/**
 * The caps of one sending identity (an alias or a connected account), shared by every campaign that
 * uses it: one object per identity serialises reservations, so a cap is never overshot, not by one
 * and not under concurrency. Daily caps count per UTC calendar day; weekly caps over a rolling 7 days
 * (as LinkedIn counts them). A provider's throttling puts the identity into a cooldown.
 */
export class SenderQuota extends DurableObject {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS reservations (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS reservations_at ON reservations(at);
        CREATE TABLE IF NOT EXISTS day_totals (day INTEGER PRIMARY KEY, n INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);`);
    });
  }

  reserve(req: QuotaRequest): QuotaDecision {
    if (this.sql.exec("SELECT 1 FROM reservations WHERE key = ?", req.key).toArray().length > 0)
      return { granted: true };
    const cooldown =
      this.sql.exec<{ value: number }>("SELECT value FROM state WHERE key = 'cooldown_until'").toArray()[0]
        ?.value ?? 0;
    if (cooldown > req.at) return { granted: false, retryAt: cooldown, reason: "cooldown" };
    // Per-day totals keep a reservation O(1) however busy the day (the rows stay for idempotency).
    const dayStart = req.at - (req.at % DAY_MS);
    const today =
      this.sql.exec<{ n: number }>("SELECT n FROM day_totals WHERE day = ?", dayStart).toArray()[0]?.n ?? 0;
    if (today >= req.dailyLimit) return { granted: false, retryAt: dayStart + DAY_MS, reason: "daily_cap" };
    if (req.weeklyLimit) {
      const week = this.sql
        .exec<{ n: number }>("SELECT count(*) AS n FROM reservations WHERE at > ?", req.at - WEEK_MS)
        .one().n;
      if (week >= req.weeklyLimit) {
        // Room again once enough of the window's oldest reservations age out.
        const oldest = this.sql
          .exec<{ at: number }>(
            "SELECT at FROM reservations WHERE at > ? ORDER BY at LIMIT 1 OFFSET ?",
            req.at - WEEK_MS,
            week - req.weeklyLimit,
          )
          .one().at;
        return { granted: false, retryAt: oldest + WEEK_MS, reason: "weekly_cap" };
      }
    }
    this.sql.exec("INSERT INTO reservations (key, at) VALUES (?, ?)", req.key, req.at);
    this.sql.exec(
      "INSERT INTO day_totals (day, n) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET n = n + 1",
      dayStart,
    );
    if (today === 0) {
      // Once a day: forget what can no longer matter.
      this.sql.exec("DELETE FROM reservations WHERE at < ?", req.at - 2 * WEEK_MS);
      this.sql.exec("DELETE FROM day_totals WHERE day < ?", dayStart - 2 * WEEK_MS);
    }
    return { granted: true };
  }

  /** The provider asked us to slow down: nothing is reserved until `until`. */
  cooldown(until: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO state (key, value) VALUES ('cooldown_until', max(?, coalesce((SELECT value FROM state WHERE key = 'cooldown_until'), 0)))",
      until,
    );
  }
}
