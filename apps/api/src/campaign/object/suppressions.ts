import { emailDomain, suppressionMatcher } from "../lead-rules";
import type { SuppressionChange } from "../types";
import type { ObjectScope } from "./scope";

/**
 * The mirror re-reads D1 at most this often. The API pushes every change as it is made, so this only
 * bounds how long a lost push goes unseen; at one minute, a campaign sending once a minute paid a D1
 * read at every send.
 */
const SUPPRESSION_REFRESH_MS = 5 * 60_000;

/**
 * The object's mirror of its user's suppression list (`suppressed`: addresses and domains), checked
 * right before every send without a D1 round trip. The API pushes every change; the mirror also
 * re-reads what was added in D1 now and then, so a lost push only delays a suppression.
 */
export class SuppressionMirror {
  constructor(
    private readonly scope: ObjectScope,
    private readonly userId: () => string | null,
  ) {}

  /** The address, or its domain, is suppressed now. */
  async isSuppressed(email: string | null): Promise<boolean> {
    if (!email) return false;
    await this.refresh(false);
    return (
      this.scope.sql
        .exec("SELECT 1 FROM suppressed WHERE value IN (?, ?) LIMIT 1", email, emailDomain(email))
        .toArray().length > 0
    );
  }

  /** Brings the mirror up to date from D1: in full, or what was added since the last read (when due). */
  async refresh(full: boolean): Promise<void> {
    const { meta, env, sql, ctx } = this.scope;
    const checkedAt = meta.get("suppressions_checked_at");
    if (!full && checkedAt !== null && Date.now() - checkedAt < SUPPRESSION_REFRESH_MS) return;
    const since = full ? -1 : (meta.get("suppressions_high_water") ?? -1);
    const { results } = await env.DB.prepare(
      "SELECT value, created_at FROM suppressions WHERE user_id = ? AND created_at > ? ORDER BY created_at",
    )
      .bind(this.userId(), since)
      .all<{ value: string; created_at: number }>();
    ctx.storage.transactionSync(() => {
      if (full) sql.exec("DELETE FROM suppressed");
      for (let i = 0; i < results.length; i += 500) {
        sql.exec(
          "INSERT OR IGNORE INTO suppressed (value) SELECT value FROM json_each(?)",
          JSON.stringify(results.slice(i, i + 500).map((r) => r.value)),
        );
      }
      const high = results.at(-1)?.created_at;
      if (high !== undefined) meta.set("suppressions_high_water", high);
      meta.set("suppressions_checked_at", Date.now());
    });
  }

  /** A change pushed by the API. */
  apply(change: SuppressionChange): void {
    const { sql, ctx } = this.scope;
    ctx.storage.transactionSync(() => {
      for (const v of change.added ?? [])
        sql.exec("INSERT OR IGNORE INTO suppressed (value) VALUES (?)", v.toLowerCase());
      for (const v of change.removed ?? [])
        sql.exec("DELETE FROM suppressed WHERE value = ?", v.toLowerCase());
    });
  }

  /** The whole list, fresh from D1, as the matcher lead loading classifies rows with (the one preflight uses). */
  async matcher(): Promise<(email: string) => boolean> {
    await this.refresh(true);
    return suppressionMatcher(
      this.scope.sql
        .exec<{ value: string }>("SELECT value FROM suppressed")
        .toArray()
        .map(({ value }) => ({ value, kind: value.includes("@") ? "email" : "domain" })),
    );
  }
}
