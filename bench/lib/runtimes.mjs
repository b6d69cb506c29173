// Starting the app: `wrangler dev` on a loopback port (always stopped, see processes.mjs), or the
// frozen bundle in Miniflare driven directly (one workerd, a child of this process; no dev proxy, no
// inspector), both persisted under the run's state folder.
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { sleep } from "./cli.mjs";
import { apiDir, quietEnv, rawWorkerDir, wranglerBin } from "./paths.mjs";
import { processTree } from "./proc-usage.mjs";
import { spawnTracked, stopTracked } from "./processes.mjs";

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
