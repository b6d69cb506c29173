import type { BaseEnv } from "../base-env";
import { currentKey, decryptSecret, encryptSecret, UnknownSecretKeyError } from "./secrets";

/**
 * Every D1 column that holds a secret encrypted by lib/secrets.ts. A table that gains one is added
 * here, and `POST /api/v1/admin/secrets/re-encrypt` rewrites it with the others. Rows are addressed
 * by SQLite's rowid, so any table fits whatever its primary key.
 */
export const STORED_SECRET_COLUMNS = [
  { table: "aliases", column: "transport_secret" },
  { table: "connected_accounts", column: "api_key_secret" },
  { table: "webhooks", column: "secret" },
  { table: "ai_provider_settings", column: "api_key_secret" },
  // Replies kept for Idempotency-Key replays (24 h) may carry a new API key or webhook secret.
  { table: "idempotency_keys", column: "response_body" },
] as const;

export interface ReEncryptResult {
  table: string;
  column: string;
  /** Rows rewritten under the current key by this call. */
  rewritten: number;
  /** Rows that no configured key decrypts (their key is neither SECRETS_KEY nor in SECRETS_KEY_PREVIOUS). */
  undecryptable: number;
  /** Rows still not under the current key after this call (including the undecryptable ones). */
  remaining: number;
}

const PAGE = 100;

/**
 * Rewrites stored secrets under the current SECRETS_KEY, at most `budget` rows per call so that a
 * request stays well inside a Worker's limits; call again until every `remaining` is 0. Each UPDATE
 * is conditional on the value it read, so a secret changed meanwhile (a rotation, an edit) is left as
 * the newer write made it.
 */
export async function reEncryptStoredSecrets(env: BaseEnv, budget = 1000): Promise<ReEncryptResult[]> {
  const notCurrent = `v2.${(await currentKey(env)).id}.%`;
  const results: ReEncryptResult[] = [];
  for (const { table, column } of STORED_SECRET_COLUMNS) {
    const result: ReEncryptResult = { table, column, rewritten: 0, undecryptable: 0, remaining: 0 };
    let after = 0;
    while (budget > 0) {
      const { results: rows } = await env.DB.prepare(
        `SELECT rowid AS rid, ${column} AS value FROM ${table}
         WHERE rowid > ?1 AND ${column} IS NOT NULL AND ${column} NOT LIKE ?2 ORDER BY rowid LIMIT ?3`,
      )
        .bind(after, notCurrent, Math.min(PAGE, budget))
        .all<{ rid: number; value: string }>();
      if (rows.length === 0) break;
      const updates: D1PreparedStatement[] = [];
      for (const row of rows) {
        after = row.rid;
        budget--;
        let plain: string;
        try {
          plain = await decryptSecret(env, row.value);
        } catch (err) {
          if (!(err instanceof UnknownSecretKeyError)) throw err;
          result.undecryptable++;
          continue;
        }
        updates.push(
          env.DB.prepare(`UPDATE ${table} SET ${column} = ?1 WHERE rowid = ?2 AND ${column} = ?3`).bind(
            await encryptSecret(env, plain),
            row.rid,
            row.value,
          ),
        );
      }
      if (updates.length > 0) {
        for (const r of await env.DB.batch(updates)) result.rewritten += r.meta.changes;
      }
    }
    const left = await env.DB.prepare(
      `SELECT count(*) AS n FROM ${table} WHERE ${column} IS NOT NULL AND ${column} NOT LIKE ?1`,
    )
      .bind(notCurrent)
      .first<{ n: number }>();
    result.remaining = left?.n ?? 0;
    results.push(result);
  }
  return results;
}
