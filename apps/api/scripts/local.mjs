// Helpers for the local scripts: run wrangler against the local D1 that `wrangler dev` uses.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const wranglerBin = path.join(apiDir, "node_modules", ".bin", "wrangler");

export const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  // Non-interactive: wrangler applies migrations without asking.
  CI: "true",
};

export function wrangler(args, { quiet = true } = {}) {
  return execFileSync(wranglerBin, args, {
    cwd: apiDir,
    env: quietEnv,
    encoding: "utf8",
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
  });
}

export function migrateLocal() {
  wrangler(["d1", "migrations", "apply", "DB", "--local"]);
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function randomBase62(length) {
  let out = "";
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) if (b < 248 && out.length < length) out += BASE62[b % 62];
  }
  return out;
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;

/** Creates a user with one API key in the local D1 and returns the raw key (same format as the API's). */
export function createLocalUserKey({ email = null, name = "Local developer" } = {}) {
  const userId = randomUUID();
  const key = `cad_${randomBase62(40)}`;
  const hash = createHash("sha256").update(key).digest("hex");
  const now = Date.now();
  const sql = [
    `INSERT INTO users (id, email, name, created_at) VALUES (${sqlString(userId)}, ${email ? sqlString(email) : "NULL"}, ${sqlString(name)}, ${now});`,
    `INSERT INTO api_keys (id, user_id, name, key_prefix, key_hash, created_at) VALUES (${sqlString(randomUUID())}, ${sqlString(userId)}, 'default', ${sqlString(key.slice(0, 12))}, ${sqlString(hash)}, ${now});`,
  ].join(" ");
  wrangler(["d1", "execute", "DB", "--local", "--command", sql]);
  return { userId, key };
}
