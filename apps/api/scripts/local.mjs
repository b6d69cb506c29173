// Helpers for the local scripts: run wrangler against the local D1 that `wrangler dev` uses, and start a
// throwaway local server for tools and tests (`startLocalServer`).
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import net from "node:net";
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

/** `--persist-to DIR` when a directory is given: the state of one throwaway server, not the shared one. */
const persistArgs = (persistTo) => (persistTo ? ["--persist-to", persistTo] : []);

/** @param {{ persistTo?: string }} [options] */
export function migrateLocal({ persistTo } = {}) {
  wrangler(["d1", "migrations", "apply", "DB", "--local", ...persistArgs(persistTo)]);
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

/**
 * Creates a user with one API key in the local D1 and returns the raw key (same format as the API's).
 * @param {{ email?: string | null, name?: string, persistTo?: string }} [options]
 */
export function createLocalUserKey({ email = null, name = "Local developer", persistTo } = {}) {
  const userId = randomUUID();
  const key = `cad_${randomBase62(40)}`;
  const hash = createHash("sha256").update(key).digest("hex");
  const now = Date.now();
  const sql = [
    `INSERT INTO users (id, email, name, created_at) VALUES (${sqlString(userId)}, ${email ? sqlString(email) : "NULL"}, ${sqlString(name)}, ${now});`,
    `INSERT INTO api_keys (id, user_id, name, key_prefix, key_hash, created_at) VALUES (${sqlString(randomUUID())}, ${sqlString(userId)}, 'default', ${sqlString(key.slice(0, 12))}, ${sqlString(hash)}, ${now});`,
  ].join(" ");
  wrangler(["d1", "execute", "DB", "--local", ...persistArgs(persistTo), "--command", sql]);
  return { userId, key };
}

/** A port nothing listens on right now (the kernel's choice), for a server started next. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `wrangler dev` in local mode on free loopback ports with its state in `persistTo` (migrated
 * first), and resolves once it answers. `vars` are extra `--var NAME:VALUE` pairs. `stop()` ends it.
 * @param {{ persistTo: string, vars?: Record<string, string>, timeoutMs?: number }} options
 */
export async function startLocalServer({ persistTo, vars = {}, timeoutMs = 60_000 } = {}) {
  if (!persistTo) throw new Error("startLocalServer needs its own persistTo directory");
  // wrangler.jsonc serves the dashboard's build as static assets and refuses to start without the
  // directory; a tool that only needs the API runs as well on an empty one.
  mkdirSync(path.resolve(apiDir, "../web/dist"), { recursive: true });
  migrateLocal({ persistTo });
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const varArgs = Object.entries({ ENVIRONMENT: "local", ...vars }).flatMap(([k, v]) => [
    "--var",
    `${k}:${v}`,
  ]);
  const child = spawn(
    wranglerBin,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
      ...persistArgs(persistTo),
      ...varArgs,
    ],
    { cwd: apiDir, env: quietEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, stop, output: () => output };
}
