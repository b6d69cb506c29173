// Shared helpers for the benchmarks: machine description, wrangler dev processes that are always
// stopped, /proc CPU and memory of process trees, a small API client, and statistics.
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoDir = path.resolve(benchDir, "..");
export const apiDir = path.join(repoDir, "apps", "api");
export const rawWorkerDir = path.join(benchDir, "raw-worker");
export const stateDir = path.join(benchDir, ".state");
const wranglerBin = path.join(apiDir, "node_modules", ".bin", "wrangler");

export const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
};

// ---------------------------------------------------------------- small utilities

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 23)}]`, ...a);

export function parseArgs(defaults) {
  const out = { ...defaults };
  for (const a of process.argv.slice(2)) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`bad argument ${a}`);
    const v = m[2] ?? "1";
    out[m[1]] = typeof defaults[m[1]] === "number" ? Number(v) : v;
  }
  return out;
}

export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile of a sorted array (same definition as the BullMQ peer script). */
export function pct(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export const round = (x, d = 2) => (Number.isFinite(x) ? Number(x.toFixed(d)) : x);

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function freshStateDir(name) {
  const dir = path.join(stateDir, `${name}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

// ---------------------------------------------------------------- machine

export function machineInfo() {
  const cpuModel = (() => {
    try {
      const m = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"));
      return m ? m[1].trim() : os.cpus()[0]?.model;
    } catch {
      return os.cpus()[0]?.model;
    }
  })();
  const osName = (() => {
    try {
      return /PRETTY_NAME="?([^"\n]*)/.exec(readFileSync("/etc/os-release", "utf8"))?.[1];
    } catch {
      return os.type();
    }
  })();
  let wrangler = "?";
  try {
    wrangler = JSON.parse(
      readFileSync(path.join(apiDir, "node_modules", "wrangler", "package.json"), "utf8"),
    ).version;
  } catch {}
  return {
    date: new Date().toISOString(),
    cpu: cpuModel,
    cores: os.cpus().length,
    memoryGB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    os: `${osName} (${os.type()} ${os.release()} ${os.arch()})`,
    wrangler,
    loadavg: os.loadavg().map((x) => round(x, 2)),
  };
}

export function printMachine(info = machineInfo()) {
  console.log(
    `machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGB} GB RAM, node ${info.node}, ${info.os}, wrangler ${info.wrangler}`,
  );
  console.log(`date: ${info.date}   load average at start: ${info.loadavg.join(" ")}`);
  return info;
}

// ---------------------------------------------------------------- /proc: process trees, CPU, memory

export const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();
const PAGE_KB = (() => {
  try {
    return Number(execFileSync("getconf", ["PAGESIZE"]).toString().trim()) / 1024 || 4;
  } catch {
    return 4;
  }
})();

function readStat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = s.slice(s.indexOf("(") + 1, s.lastIndexOf(")"));
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    const rssPages = Number(f[21]);
    return {
      pid,
      comm,
      ppid: Number(f[1]),
      cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK,
      rssMB: (rssPages * PAGE_KB) / 1024,
    };
  } catch {
    return null;
  }
}

/** The process and all its descendants, each with comm, cumulative CPU ms (utime+stime) and RSS MB. */
export function processTree(rootPid) {
  const all = [];
  for (const d of readdirSync("/proc")) if (/^\d+$/.test(d)) all.push(readStat(Number(d)));
  const byParent = new Map();
  for (const p of all) {
    if (!p) continue;
    if (!byParent.has(p.ppid)) byParent.set(p.ppid, []);
    byParent.get(p.ppid).push(p);
  }
  const root = all.find((p) => p && p.pid === rootPid);
  if (!root) return [];
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(byParent.get(out[i].pid) ?? []));
  for (const p of out) {
    try {
      p.args = readFileSync(`/proc/${p.pid}/cmdline`, "utf8").split("\0").join(" ").slice(0, 300);
    } catch {
      p.args = "";
    }
  }
  return out;
}

/** Classifies a wrangler dev tree: node (wrangler CLI), workerd (runtime), other (esbuild...). */
export function treeUsage(rootPid) {
  const procs = processTree(rootPid);
  const sum = (f) =>
    procs.filter(f).reduce((a, p) => ({ cpuMs: a.cpuMs + p.cpuMs, rssMB: a.rssMB + p.rssMB }), {
      cpuMs: 0,
      rssMB: 0,
    });
  return {
    procs,
    workerd: sum((p) => p.comm === "workerd"),
    node: sum((p) => p.comm === "node"),
    other: sum((p) => p.comm !== "workerd" && p.comm !== "node"),
    all: sum(() => true),
  };
}

export function selfCpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Samples the RSS sum of some process trees once a second; keeps the peak. */
export function rssSampler(rootPids, extra = () => 0) {
  let peak = 0;
  let peakParts = null;
  const tick = () => {
    let total = extra();
    const parts = {};
    for (const pid of rootPids()) {
      const u = treeUsage(pid);
      for (const p of u.procs) {
        parts[p.comm] = (parts[p.comm] ?? 0) + p.rssMB;
        total += p.rssMB;
      }
    }
    if (total > peak) {
      peak = total;
      peakParts = parts;
    }
  };
  tick();
  const timer = setInterval(tick, 1000);
  timer.unref();
  return {
    stop() {
      tick();
      clearInterval(timer);
      return { peakMB: peak, parts: peakParts };
    },
  };
}

// ---------------------------------------------------------------- child processes that always stop

const children = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {}
}

function cleanupSync() {
  for (const c of children) killGroup(c, "SIGKILL");
  children.clear();
}
process.on("exit", cleanupSync);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    log(`received ${sig}, stopping child processes`);
    cleanupSync();
    process.exit(130);
  });
}
process.on("uncaughtException", (err) => {
  console.error(err);
  cleanupSync();
  process.exit(1);
});
process.on("unhandledRejection", (err) => {
  console.error(err);
  cleanupSync();
  process.exit(1);
});

/** Spawns a long-running process in its own process group, tracked so that it is killed on any exit. */
export function spawnTracked(cmd, args, opts) {
  const child = spawn(cmd, args, { ...opts, detached: true });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

export async function stopTracked(child, { graceMs = 5000 } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise((r) => child.once("exit", r));
  killGroup(child, "SIGTERM");
  const t = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(t);
  // Any grandchild (workerd) that outlived its parent.
  killGroup(child, "SIGKILL");
  children.delete(child);
}

/**
 * `wrangler dev` on 127.0.0.1:port with its own --persist-to directory. Resolves once the server answers.
 * `config` defaults to apps/api/wrangler.jsonc.
 */
export async function startWranglerDev({
  port,
  persistTo,
  vars = {},
  config = null,
  cwd = apiDir,
  label = "api",
  timeoutMs = 90_000,
  extraArgs = [],
  script = null,
}) {
  const args = [
    "dev",
    // The entry point must come before any array option (--var would swallow it).
    ...(script ? [script] : []),
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
    "--log-level",
    "warn",
    ...(config ? ["--config", config] : []),
    // The shipped configuration is a production one; benchmarks run the app in local mode, explicitly.
    ...Object.entries({ ENVIRONMENT: "local", ...vars }).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ...extraArgs,
  ];
  const logFile = path.join(persistTo, `wrangler-${label}-${port}.log`);
  const fd = openSync(logFile, "a");
  const child = spawnTracked(wranglerBin, args, { cwd, env: quietEnv, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `wrangler dev (${label}) exited with ${child.exitCode}; see ${logFile}:\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(`${base}/`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      break;
    } catch {}
    if (Date.now() - started > timeoutMs) {
      await stopTracked(child);
      throw new Error(`wrangler dev (${label}) did not answer within ${timeoutMs} ms; see ${logFile}`);
    }
    await sleep(250);
  }
  return { child, base, port, logFile, pid: child.pid, label, startMs: Date.now() - started };
}

function tail(file, n = 30) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-n).join("\n");
  } catch {
    return "";
  }
}

// ---------------------------------------------------------------- a frozen build of the app

/** JSON with comments (wrangler.jsonc) -> object. Strings are respected; trailing commas removed. */
export function parseJsonc(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (ch === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2) + 1;
    } else out += ch;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

/** Where the measured app comes from: the working tree (default) or an exported commit. */
let appSource = { root: repoDir, api: apiDir, label: null };

function gitOut(args) {
  return execFileSync("git", ["-C", repoDir, ...args], { encoding: "utf8" }).trim();
}

/**
 * `worktree` (default): the app as it is in /work/main now, uncommitted edits included.
 * A commit (`HEAD`, a sha): that commit exported with `git archive` to a folder outside the repository
 * (/tmp/cadence-bench-src-<sha>) and installed from the pnpm store (`pnpm install --offline`), so a
 * batch of benchmarks measures one fixed, reproducible version while others keep editing.
 */
export function selectAppSource(app = "worktree") {
  if (!app || app === "worktree") {
    appSource = { root: repoDir, api: apiDir, label: null };
    return appSource;
  }
  const sha = gitOut(["rev-parse", "--verify", `${app}^{commit}`]);
  const root = path.join(os.tmpdir(), `cadence-bench-src-${sha.slice(0, 12)}`);
  if (!existsSync(path.join(root, ".bench-ready"))) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    execFileSync("sh", ["-c", `git -C '${repoDir}' archive ${sha} | tar -x -C '${root}'`]);
    execFileSync("pnpm", ["install", "--offline", "--frozen-lockfile"], {
      cwd: root,
      env: quietEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    writeFileSync(path.join(root, ".bench-ready"), sha);
  }
  appSource = { root, api: path.join(root, "apps", "api"), label: `commit ${sha.slice(0, 12)} (exported)` };
  return appSource;
}

/**
 * Other engineers edit apps/api/src while the benchmarks run, and `wrangler dev` reloads (dropping
 * requests in flight) on every change. So each benchmark bundles the app once when it starts
 * (`wrangler deploy --dry-run --outdir`, the same esbuild build `wrangler dev` does) and serves that
 * frozen bundle with `--no-bundle` from a copy of the app's wrangler.jsonc: the code measured is the
 * code as it was when the benchmark started (or the commit chosen with selectAppSource), and nothing
 * reloads mid-run. `entry` defaults to the app's own entry (src/index.ts);
 * bench/wake-worker/index.js adds bench-only RPC methods.
 */
export function buildAppSnapshot(persistTo, { entry = null } = {}) {
  const dir = ensureDir(path.join(persistTo, "app"));
  const outdir = path.join(dir, "build");
  const appConfigFile = path.join(appSource.api, "wrangler.jsonc");
  const config = parseJsonc(readFileSync(appConfigFile, "utf8"));
  let entryPath = entry;
  if (entry && appSource.root !== repoDir) {
    // The wrapper imports ../../apps/api/src relatively: put a copy at the same place in the export.
    entryPath = path.join(appSource.root, path.relative(repoDir, entry));
    mkdirSync(path.dirname(entryPath), { recursive: true });
    copyFileSync(entry, entryPath);
  }
  wranglerRun(
    ["deploy", "--dry-run", "--outdir", outdir, "--config", appConfigFile, ...(entryPath ? [entryPath] : [])],
    { cwd: appSource.api },
  );
  delete config.$schema;
  config.main = "build/index.js";
  config.no_bundle = true;
  for (const db of config.d1_databases ?? []) {
    if (db.migrations_dir) db.migrations_dir = path.resolve(appSource.api, db.migrations_dir);
  }
  const configFile = path.join(dir, "wrangler.json");
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  let gitRev = appSource.label ?? "";
  if (!appSource.label) {
    try {
      gitRev = `working tree at ${gitOut(["rev-parse", "--short", "HEAD"])}`;
      const dirty = gitOut(["status", "--porcelain", "apps/api", "packages"]);
      if (dirty) gitRev += ` + uncommitted changes (${dirty.split("\n").length} paths in apps/api, packages)`;
    } catch {}
  }
  const bundleSha = createHash("sha256")
    .update(readFileSync(path.join(outdir, "index.js")))
    .digest("hex")
    .slice(0, 12);
  return { configFile, cwd: dir, gitRev: `${gitRev}; bundle sha256 ${bundleSha}`, bundleSha };
}

// ---------------------------------------------------------------- local D1 (through wrangler, like apps/api/scripts/local.mjs)

export function wranglerRun(args, { cwd = appSource.api } = {}) {
  return execFileSync(wranglerBin, args, {
    cwd,
    env: quietEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
}

export function migrateLocal(persistTo) {
  wranglerRun(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
}

export function d1ExecFile(persistTo, sql) {
  const file = path.join(persistTo, `seed-${randomUUID()}.sql`);
  writeFileSync(file, sql);
  wranglerRun(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", file]);
}

export const sqlString = (s) =>
  s === null || s === undefined ? "NULL" : `'${String(s).replaceAll("'", "''")}'`;

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

/** SQL for capture aliases (used only when POST /api/v1/aliases/ is not registered yet). */
export function aliasSql(userId, ids, { dailyLimit = 10_000 } = {}) {
  const now = Date.now();
  return ids
    .map(
      (id, i) =>
        `INSERT INTO aliases (id, user_id, email, display_name, daily_limit, transport, transport_secret, created_at, updated_at) VALUES (${sqlString(id)}, ${sqlString(userId)}, ${sqlString(`bench${i}@cadence.local`)}, 'Bench', ${dailyLimit}, '{"kind":"capture"}', NULL, ${now}, ${now});`,
    )
    .join("\n");
}

/** Does the running app register POST /api/v1/aliases/? (Being finished by another engineer.) */
export function aliasRouteInSource() {
  try {
    return /registerCreateAlias\(/.test(
      readFileSync(path.join(appSource.api, "src", "routes", "index.ts"), "utf8"),
    );
  } catch {
    return false;
  }
}

/** Does the running app register POST /api/v1/datasets/? */
export function datasetRouteInSource() {
  try {
    return /registerCreateDataset\(/.test(
      readFileSync(path.join(appSource.api, "src", "routes", "index.ts"), "utf8"),
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

// ---------------------------------------------------------------- API client

export function apiClient(base, key) {
  return async function api(method, p, body, { raw = false, headers = {}, timeoutMs = 120_000 } = {}) {
    const isText = typeof body === "string";
    const res = await fetch(`${base}${p}`, {
      signal: AbortSignal.timeout(timeoutMs),
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { "content-type": isText ? "text/csv" : "application/json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
    });
    if (raw) return res;
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {}
    if (!res.ok) {
      const err = new Error(`${method} ${p} -> ${res.status} ${text.slice(0, 500)}`);
      err.status = res.status;
      err.json = json;
      throw err;
    }
    return json;
  };
}

export const UNSUB_BODY =
  "Hi {{first_name}},\n\nquick question about {{company}}.\n\nUnsubscribe: {{unsubscribe_url}}";

export function leadRows(n, prefix = "lead") {
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = { email: `${prefix}${i}@example.com`, first_name: `First${i}`, company: `Company ${i % 997}` };
  }
  return rows;
}

/** Creates (through the API where it exists, else directly in D1 before the server starts) what a campaign needs. */
export async function createTemplate(api) {
  const t = await api("POST", "/api/v1/templates/", {
    name: "Bench opener",
    content: { subject: "Hello {{first_name}}", body: UNSUB_BODY },
  });
  return t.template_id;
}

export async function createAliasViaApi(api, i = 0) {
  const a = await api("POST", "/api/v1/aliases/", {
    email: `bench${i}@cadence.local`,
    display_name: "Bench",
    daily_limit: 10000,
    transport: { kind: "capture" },
  });
  return a.alias_id;
}

export function campaignBody({
  datasetId,
  aliasIds,
  templateId,
  minInterval = 1,
  startDate = null,
  steps = 1,
  name,
}) {
  return {
    name: name ?? "Bench campaign",
    dataset_id: datasetId,
    alias_ids: aliasIds,
    timezone: "UTC",
    sending_window_start: "00:00:00",
    sending_window_end: "23:59:59",
    send_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    daily_limit: 10000,
    min_interval_seconds: minInterval,
    ...(startDate ? { launch_type: "scheduled", start_date: startDate } : { launch_type: "immediate" }),
    steps: Array.from({ length: steps }, (_, i) => ({
      step: i + 1,
      delay_days: 0,
      channel: "email",
      variants: [{ label: "A", weight: 1, type: "TEMPLATE", template_id: templateId }],
    })),
  };
}

export function ensureDir(d) {
  if (!existsSync(d)) mkdirSync(d, { recursive: true });
  return d;
}

// ---------------------------------------------------------------- Miniflare driven directly (no wrangler dev)

/** Miniflare as wrangler 4.86 bundles it (no new dependency: resolved through apps/api's wrangler). */
export async function loadMiniflare() {
  const { createRequire } = await import("node:module");
  const { realpathSync } = await import("node:fs");
  const req = createRequire(realpathSync(path.join(apiDir, "node_modules", "wrangler", "package.json")));
  const { pathToFileURL } = await import("node:url");
  return import(pathToFileURL(req.resolve("miniflare")).href);
}

/**
 * The frozen app bundle (buildAppSnapshot) and the bench-only raw Worker in ONE Miniflare instance, one
 * workerd process (a child of this Node process), persisted like `wrangler dev --persist-to` would.
 * No dev proxy, no inspector. Returns { mf, base (the app's URL), raw (a Fetcher for the raw Worker), workerdPids }.
 */
export async function startMiniflare({ persistTo, snapshot, vars = {}, withRaw = true, inspectorPort }) {
  const { Miniflare } = await loadMiniflare();
  const config = JSON.parse(readFileSync(snapshot.configFile, "utf8"));
  const d1 = Object.fromEntries((config.d1_databases ?? []).map((d) => [d.binding, d.database_id]));
  const sqliteClasses = new Set((config.migrations ?? []).flatMap((m) => m.new_sqlite_classes ?? []));
  const durableObjects = Object.fromEntries(
    (config.durable_objects?.bindings ?? []).map((b) => [
      b.name,
      { className: b.class_name, useSQLite: sqliteClasses.has(b.class_name) },
    ]),
  );
  const workers = [
    {
      name: config.name,
      modules: true,
      scriptPath: path.join(snapshot.cwd, config.main),
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags ?? [],
      bindings: {
        ...(config.vars ?? {}),
        // The shipped configuration is a production one; benchmarks run the app in local mode, explicitly.
        ENVIRONMENT: "local",
        ...Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])),
      },
      d1Databases: d1,
      durableObjects,
    },
  ];
  if (withRaw) {
    workers.push({
      name: "cadence-bench-raw",
      modules: true,
      scriptPath: path.join(rawWorkerDir, "src", "index.js"),
      compatibilityDate: config.compatibility_date,
      d1Databases: d1,
      durableObjects: {
        RAW: { className: "RawLoader", useSQLite: true },
        CAMPAIGN: { className: "CampaignObject", scriptName: config.name, useSQLite: true },
      },
    });
  }
  const before = new Set(processTree(process.pid).map((p) => p.pid));
  // The runtime's stdout/stderr (request logs of the app) go to a file, as wrangler dev's would.
  const logFd = openSync(path.join(persistTo, "miniflare.log"), "a");
  const sink = (stream) => stream.on("data", (chunk) => writeSync(logFd, chunk));
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    defaultPersistRoot: path.join(persistTo, "v3"),
    ...(inspectorPort ? { inspectorPort } : {}),
    handleRuntimeStdio(stdout, stderr) {
      sink(stdout);
      sink(stderr);
    },
    workers,
  });
  const url = await mf.ready;
  const workerdPids = processTree(process.pid)
    .filter((p) => p.comm === "workerd" && !before.has(p.pid))
    .map((p) => p.pid);
  const raw = withRaw ? await mf.getWorker("cadence-bench-raw") : null;
  return { mf, base: url.origin, raw, workerdPids };
}

/** CPU ms and RSS MB of a set of pids (e.g. Miniflare's workerd). */
export function pidsUsage(pids) {
  let cpuMs = 0;
  let rssMB = 0;
  for (const pid of pids) {
    for (const p of processTree(pid)) {
      cpuMs += p.cpuMs;
      rssMB += p.rssMB;
    }
  }
  return { cpuMs, rssMB };
}

// ---------------------------------------------------------------- reading campaign objects' storage after a run

const READER_SCRIPT = `
import { DurableObject } from "cloudflare:workers";
// Bench-only reader: opens the persisted storage of the app's CampaignObject instances (same worker
// name and class name, so the same objects) without any engine code, and runs read-only SQL.
export class CampaignObject extends DurableObject {
  async q(queries) {
    const out = {};
    for (const [k, sql] of Object.entries(queries)) out[k] = this.ctx.storage.sql.exec(sql).toArray();
    return out;
  }
  // A pending alarm of the real object must not run engine code here.
  async alarm() {}
}
export default {
  async fetch(request, env) {
    const { campaigns, queries } = await request.json();
    const out = {};
    await Promise.all(
      campaigns.map(async (id) => {
        out[id] = await env.CAMPAIGN.get(env.CAMPAIGN.idFromName(id)).q(queries);
      }),
    );
    return Response.json(out);
  },
};
`;

/**
 * After the app has been stopped: runs read-only SQL in the persisted storage of campaign objects
 * (`queries`: name -> SELECT). Returns { [campaignId]: { [name]: rows } }.
 */
export async function readCampaignObjects({ persistTo, campaignIds, queries, workerName = "cadence-api" }) {
  const { Miniflare } = await loadMiniflare();
  const mf = new Miniflare({
    defaultPersistRoot: path.join(persistTo, "v3"),
    workers: [
      {
        name: workerName,
        modules: true,
        script: READER_SCRIPT,
        compatibilityDate: "2026-04-20",
        durableObjects: { CAMPAIGN: { className: "CampaignObject", useSQLite: true } },
      },
    ],
  });
  try {
    await mf.ready;
    const out = {};
    for (let i = 0; i < campaignIds.length; i += 50) {
      const res = await mf.dispatchFetch("http://reader/", {
        method: "POST",
        body: JSON.stringify({ campaigns: campaignIds.slice(i, i + 50), queries }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`reader -> ${res.status} ${text.slice(0, 500)}`);
      Object.assign(out, JSON.parse(text));
    }
    return out;
  } finally {
    await mf.dispose();
  }
}
