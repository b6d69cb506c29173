#!/usr/bin/env node
// Issue 4: launching a big campaign under `wrangler dev`.
//
// Measures, for a campaign over a --rows (100,000) lead dataset, median of --runs (3):
//   preflight   POST /campaigns/{id}/preflight response time
//   launch      POST /campaigns/{id}/launch response time
//   loaded      from the launch request until GET /campaigns/{id} shows the leads loaded
//               (status left `launching` for `scheduled`, total_leads = rows); the campaign starts in
//               30 days so nothing sends while measuring
// and, in the same run, against the same persisted D1 database, a bench-only Worker
// (bench/raw-worker, its own `wrangler dev` on another port) that does the raw work:
//   raw read    read every row from D1 in pages of 5,000 and JSON.parse it, in a Worker (floor for preflight)
//   raw load    in a Durable Object: read the rows from D1 in pages of 2,000 and insert each page into
//               its SQLite with one json_each INSERT (floor for loading leads)
//   raw load + projection  the same, plus one D1 campaign_leads row per lead (id, campaign, user, row,
//               email; one json_each INSERT per page): the same outputs as the engine's loading, done plainly
//
// Usage: node bench/launch.mjs [--rows=100000] [--runs=3] [--poll-ms=50] [--keep-state=1]
//          [--app=worktree|HEAD|<commit>]   (see lib/app-build.mjs selectAppSource)
import { writeFileSync } from "node:fs";
import path from "node:path";
import { apiClient, campaignBody, createAliasViaApi, createTemplate, leadRows } from "./lib/api.mjs";
import { buildAppSnapshot, selectAppSource } from "./lib/app-build.mjs";
import { freePort, log, parseArgs, sleep } from "./lib/cli.mjs";
import { d1ExecFile, datasetRouteInSource, datasetSql, migrateLocal, userKeySql } from "./lib/d1-seed.mjs";
import { machineInfo, printMachine } from "./lib/machine.mjs";
import { benchDir, ensureDir, freshStateDir, rawWorkerDir } from "./lib/paths.mjs";
import { treeUsage } from "./lib/proc-usage.mjs";
import { stopTracked } from "./lib/processes.mjs";
import { startWranglerDev } from "./lib/runtimes.mjs";
import { median, round } from "./lib/stats.mjs";

const opts = parseArgs({
  app: "worktree",
  rows: 100_000,
  runs: 3,
  "poll-ms": 50,
  "keep-state": "0",
  "timeout-s": 300,
});
const ROWS = opts.rows;
const TARGETS = { preflight: 1500, launch: 2000, loaded: 5000 };

const machine = printMachine(machineInfo());
selectAppSource(opts.app);
const persistTo = freshStateDir("launch");
log(`state in ${persistTo}`);

migrateLocal(persistTo);
const user = userKeySql({ name: "Bench launch" });
let seedSql = user.sql;
// The dataset import route is being finished elsewhere; fall back to D1 rows if it is not registered.
const datasetViaApi = datasetRouteInSource();
const bigRows = leadRows(ROWS);
const smallRows = leadRows(200, "warm");
const preDatasets = {};
if (!datasetViaApi) {
  for (const [name, rows] of [
    ["big", bigRows],
    ["small", smallRows],
  ]) {
    preDatasets[name] = crypto.randomUUID();
    seedSql += `\n${datasetSql(user.userId, preDatasets[name], rows, name)}`;
  }
}
d1ExecFile(persistTo, seedSql);
const snapshot = buildAppSnapshot(persistTo);
log(`app bundled once from apps/api (git ${snapshot.gitRev})`);

let app = null;
let raw = null;
const results = { runs: [], warmup: null };
try {
  app = await startWranglerDev({
    port: await freePort(),
    persistTo,
    config: snapshot.configFile,
    cwd: snapshot.cwd,
    vars: { MIN_INTERVAL_FLOOR_SECONDS: 1 },
    label: "api",
  });
  raw = await startWranglerDev({
    port: await freePort(),
    persistTo,
    config: path.join(rawWorkerDir, "wrangler.jsonc"),
    cwd: rawWorkerDir,
    label: "raw",
  });
  log(`api on ${app.base} (up in ${app.startMs} ms), raw worker on ${raw.base} (up in ${raw.startMs} ms)`);
  const api = apiClient(app.base, user.key);

  // ---------------------------------------------------------------- data
  let bigId = preDatasets.big;
  let smallId = preDatasets.small;
  let importMs = null;
  if (datasetViaApi) {
    smallId = (await api("POST", "/api/v1/datasets/", { name: "warm-up", rows: smallRows })).dataset_id;
    const t = performance.now();
    const ds = await api("POST", "/api/v1/datasets/", { name: `bench ${ROWS}`, rows: bigRows });
    importMs = performance.now() - t;
    bigId = ds.dataset_id;
    if (ds.row_count !== ROWS) throw new Error(`dataset has ${ds.row_count} rows, expected ${ROWS}`);
    log(`imported ${ROWS} rows through POST /api/v1/datasets/ in ${Math.round(importMs)} ms`);
  } else {
    log("POST /api/v1/datasets/ is not registered: datasets were inserted into the local D1 directly");
  }
  const templateId = await createTemplate(api);
  const aliasId = await createAliasViaApi(api);
  const startDate = new Date(Date.now() + 30 * 86_400_000).toISOString();

  const rawCall = async (p) => {
    const t = performance.now();
    const res = await fetch(`${raw.base}${p}`, { method: "POST" });
    const body = await res.json();
    if (!res.ok) throw new Error(`raw ${p} -> ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t, body };
  };

  async function engineRun(datasetId, expected, label) {
    const campaign = await api(
      "POST",
      "/api/v1/campaigns/",
      campaignBody({ datasetId, aliasIds: [aliasId], templateId, minInterval: 60, startDate, name: label }),
    );
    const id = campaign.campaign_id;
    let t = performance.now();
    const pre = await api("POST", `/api/v1/campaigns/${id}/preflight`);
    const preflightMs = performance.now() - t;
    if (pre.summary?.launchable_rows !== expected) {
      throw new Error(`preflight says ${JSON.stringify(pre.summary)}, expected ${expected} launchable rows`);
    }
    const cpu0 = treeUsage(app.pid);
    t = performance.now();
    const launch = await api("POST", `/api/v1/campaigns/${id}/launch`);
    const launchMs = performance.now() - t;
    if (launch.summary?.launchable_rows !== expected)
      throw new Error(`launch summary ${JSON.stringify(launch)}`);
    let polls = 0;
    let state;
    for (;;) {
      polls++;
      state = await api("GET", `/api/v1/campaigns/${id}`);
      if (state.status === "failed") throw new Error(`launch failed: ${state.launch_error}`);
      if (state.status !== "launching" && state.total_leads === expected) break;
      if (performance.now() - t > opts["timeout-s"] * 1000) {
        throw new Error(`leads not loaded after ${opts["timeout-s"]} s: ${JSON.stringify(state)}`);
      }
      await sleep(opts["poll-ms"]);
    }
    const loadedMs = performance.now() - t;
    const cpu1 = treeUsage(app.pid);
    return {
      campaignId: id,
      preflightMs,
      launchMs,
      loadedMs,
      loadedAfterResponseMs: loadedMs - launchMs,
      status: state.status,
      totalLeads: state.total_leads,
      polls,
      workerdCpuMs: cpu1.workerd.cpuMs - cpu0.workerd.cpuMs,
      wranglerNodeCpuMs: cpu1.node.cpuMs - cpu0.node.cpuMs,
    };
  }

  async function baselineRun(datasetId, expected, name) {
    const read = await rawCall(`/read?dataset=${datasetId}&page=5000`);
    if (read.body.rows !== expected)
      throw new Error(`raw read saw ${read.body.rows} rows, expected ${expected}`);
    const cpu0 = treeUsage(raw.pid);
    const load = await rawCall(`/load?dataset=${datasetId}&name=${name}&page=2000`);
    const cpu1 = treeUsage(raw.pid);
    if (load.body.stored !== expected)
      throw new Error(`raw load stored ${load.body.stored}, expected ${expected}`);
    const proj = await rawCall(`/load?dataset=${datasetId}&name=${name}-p&page=2000&project=1`);
    if (proj.body.stored !== expected) throw new Error(`raw load+projection stored ${proj.body.stored}`);
    return {
      rawReadMs: read.ms,
      rawLoadMs: load.ms,
      rawLoadProjectMs: proj.ms,
      rawWorkerdCpuMs: cpu1.workerd.cpuMs - cpu0.workerd.cpuMs,
    };
  }

  // ---------------------------------------------------------------- warm-up (not counted)
  results.warmup = {
    ...(await engineRun(smallId, smallRows.length, "warm-up")),
    ...(await baselineRun(smallId, smallRows.length, `warm-${Date.now()}`)),
  };
  log("warm-up done");

  // ---------------------------------------------------------------- measured runs
  for (let i = 1; i <= opts.runs; i++) {
    const e = await engineRun(bigId, ROWS, `launch bench run ${i}`);
    const b = await baselineRun(bigId, ROWS, `raw-${i}-${Date.now()}`);
    const run = { run: i, ...e, ...b };
    results.runs.push(run);
    log(
      `run ${i}: preflight ${Math.round(e.preflightMs)} ms, launch ${Math.round(e.launchMs)} ms, loaded ${Math.round(e.loadedMs)} ms (${e.status}, ${e.totalLeads}); raw read ${Math.round(b.rawReadMs)} ms, raw load ${Math.round(b.rawLoadMs)} ms`,
    );
  }
  results.importMs = importMs;
} finally {
  if (raw) await stopTracked(raw.child);
  if (app) await stopTracked(app.child);
}

// ---------------------------------------------------------------- report
const m = (k) => median(results.runs.map((r) => r[k]));
const s = (ms) => `${(ms / 1000).toFixed(3)} s`;
const med = {
  preflightMs: m("preflightMs"),
  launchMs: m("launchMs"),
  loadedMs: m("loadedMs"),
  loadedAfterResponseMs: m("loadedAfterResponseMs"),
  rawReadMs: m("rawReadMs"),
  rawLoadMs: m("rawLoadMs"),
  rawLoadProjectMs: m("rawLoadProjectMs"),
  workerdCpuMs: m("workerdCpuMs"),
  rawWorkerdCpuMs: m("rawWorkerdCpuMs"),
};
const ratios = {
  preflightVsRawRead: med.preflightMs / med.rawReadMs,
  launchVsRawRead: med.launchMs / med.rawReadMs,
  loadedVsRawLoad: med.loadedMs / med.rawLoadMs,
  loadedVsRawLoadProject: med.loadedMs / med.rawLoadProjectMs,
  preflightVsTarget: med.preflightMs / TARGETS.preflight,
  launchVsTarget: med.launchMs / TARGETS.launch,
  loadedVsTarget: med.loadedMs / TARGETS.loaded,
};
console.log(`\nlaunch.mjs: ${ROWS} leads, ${results.runs.length} runs, medians (wrangler dev, local D1)`);
console.log("per run:");
for (const r of results.runs) {
  console.log(
    `  run ${r.run}: preflight ${s(r.preflightMs)}  launch ${s(r.launchMs)}  loaded ${s(r.loadedMs)}  | raw read ${s(r.rawReadMs)}  raw load ${s(r.rawLoadMs)}  raw load+projection ${s(r.rawLoadProjectMs)}`,
  );
}
console.log("medians:");
console.log(
  `  preflight        ${s(med.preflightMs)}   x${round(ratios.preflightVsRawRead)} raw read    target 1.5 s -> x${round(ratios.preflightVsTarget)}`,
);
console.log(
  `  launch response  ${s(med.launchMs)}   x${round(ratios.launchVsRawRead)} raw read    target 2 s   -> x${round(ratios.launchVsTarget)}`,
);
console.log(
  `  all leads loaded ${s(med.loadedMs)}   x${round(ratios.loadedVsRawLoad)} raw load    target 5 s   -> x${round(ratios.loadedVsTarget)}   (after the launch response: ${s(med.loadedAfterResponseMs)})`,
);
console.log(`  raw read (baseline)  ${s(med.rawReadMs)}`);
console.log(`  raw load (baseline)  ${s(med.rawLoadMs)}`);
console.log(
  `  raw load + D1 projection (baseline 2)  ${s(med.rawLoadProjectMs)}  -> all leads loaded = x${round(ratios.loadedVsRawLoadProject)} this`,
);
console.log(
  `  workerd CPU from launch to loaded: ${Math.round(med.workerdCpuMs)} ms (app), raw load: ${Math.round(med.rawWorkerdCpuMs)} ms (raw worker)`,
);
if (results.importMs) console.log(`  (dataset import through the API, once: ${s(results.importMs)})`);

const out = {
  bench: "launch",
  rows: ROWS,
  machine,
  app: snapshot.gitRev,
  medians: med,
  ratios,
  targetsMs: TARGETS,
  ...results,
};
const file = path.join(ensureDir(path.join(benchDir, "results")), `launch-${ROWS}-${Date.now()}.json`);
writeFileSync(file, JSON.stringify(out, null, 2));
console.log(`\nRESULT ${JSON.stringify({ rows: ROWS, medians: med, ratios })}`);
log(`details in ${file}`);
if (opts["keep-state"] === "0") {
  const { rmSync } = await import("node:fs");
  rmSync(persistTo, { recursive: true, force: true });
}
