// A fresh local D1 for each run, migrated and seeded through wrangler (as apps/api/scripts/local.mjs
// does): a user with an API key, and the rows a benchmark needs when a route does not exist yet.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { appApiDir, wranglerRun } from "./app-build.mjs";

export function migrateLocal(persistTo) {
  wranglerRun(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
}

export function d1ExecFile(persistTo, sql) {
  const file = path.join(persistTo, `seed-${randomUUID()}.sql`);
  writeFileSync(file, sql);
  wranglerRun(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", file]);
}

const sqlString = (s) => (s === null || s === undefined ? "NULL" : `'${String(s).replaceAll("'", "''")}'`);

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function randomBase62(length) {
  let out = "";
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) if (b < 248 && out.length < length) out += BASE62[b % 62];
  }
  return out;
}

/**
 * SQL for a user with one API key (same format as apps/api/scripts/local.mjs), with a high per-key
 * rate limit so that the benchmark measures the engine, not the 429s.
 */
export function userKeySql({ name = "Bench", rateLimitPerMinute = 10_000_000 } = {}) {
  const userId = randomUUID();
  const key = `cad_${randomBase62(40)}`;
  const hash = createHash("sha256").update(key).digest("hex");
  const now = Date.now();
  const sql = [
    `INSERT INTO users (id, email, name, created_at) VALUES (${sqlString(userId)}, NULL, ${sqlString(name)}, ${now});`,
    `INSERT INTO api_keys (id, user_id, name, key_prefix, key_hash, created_at, rate_limit_per_minute) VALUES (${sqlString(randomUUID())}, ${sqlString(userId)}, 'bench', ${sqlString(key.slice(0, 12))}, ${sqlString(hash)}, ${now}, ${rateLimitPerMinute});`,
  ].join("\n");
  return { userId, key, sql };
}

/** Does the running app register POST /api/v1/datasets/? */
export function datasetRouteInSource() {
  try {
    return /registerCreateDataset\(/.test(
      readFileSync(path.join(appApiDir(), "src", "routes", "index.ts"), "utf8"),
    );
  } catch {
    return false;
  }
}

/** SQL for a ready dataset (used only when POST /api/v1/datasets/ is not registered). */
export function datasetSql(userId, datasetId, rows, name = "bench") {
  const now = Date.now();
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].map((k) => ({ header: k, key: k }));
  const parts = [
    `INSERT INTO datasets (id, user_id, name, columns, row_count, status, created_at) VALUES (${sqlString(datasetId)}, ${sqlString(userId)}, ${sqlString(name)}, ${sqlString(JSON.stringify(cols))}, ${rows.length}, 'ready', ${now});`,
  ];
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map((r, j) => `(${sqlString(datasetId)}, ${i + j + 1}, ${sqlString(JSON.stringify(r))})`)
      .join(",");
    parts.push(`INSERT INTO dataset_rows (dataset_id, row_index, data) VALUES ${values};`);
  }
  return parts.join("\n");
}
