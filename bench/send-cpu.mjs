#!/usr/bin/env node
// Issue 5: CPU per action inside the campaign object, capture transport.
//
// A --leads (10,000) lead, 1-step campaign (min interval 1 s, window open, daily limit 10,000, its own
// capture alias) is launched through the API on the object's manual clock (ALLOW_TEST_HOOKS=true),
// then driven wake by wake: one RPC `benchWake()` per wake moves the clock to the instant the object
// asks for and runs its real alarm handler (settle, pick, suppression check, render, claim, capture,
// record, re-arm). `alarm()` itself cannot be called over RPC, so the app is served from
// bench/wake-worker/index.js: the app's own entry, with bench-only methods added to CampaignObject.
// The driver is the bench-only Worker (bench/raw-worker) with a `script_name` binding to the class.
//
// CPU = utime+stime of the runtime's workerd process(es) from /proc over the driven wakes, minus a
// baseline measured in the same run: as many `benchNoopWake()` calls on an object that holds no
// campaign (the RPC, the event, the object's fixed per-wake cost), divided by the actions sent.
// Median of --runs (3). Node-side CPU (wrangler, this script) is reported separately: it is the
// driver and the dev tooling, not the engine.
//
// Two runtimes (--runtime=wrangler,miniflare, default both):
//   wrangler   two `wrangler dev` sessions (app, raw worker) connected by the dev registry. wrangler
//              dev keeps the DevTools Network domain enabled on the app's workerd and logs every
//              event (each D1 query is a subrequest) through its Node process: this costs CPU in
//              both, so the figure is an upper bound.
//   miniflare  the same bundle and the raw worker in one Miniflare instance (one workerd, no dev
//              proxy, no inspector). The driver runs in the same workerd; the baseline removes it.
//
// Usage: node bench/send-cpu.mjs [--leads=10000] [--runs=3] [--runtime=wrangler,miniflare] [--keep-state]
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { apiClient, campaignBody, createAliasViaApi, createTemplate, leadRows } from "./lib/api.mjs";
import { buildAppSnapshot, selectAppSource } from "./lib/app-build.mjs";
import { freePort, log, parseArgs, sleep } from "./lib/cli.mjs";
import { d1ExecFile, migrateLocal, userKeySql } from "./lib/d1-seed.mjs";
import { machineInfo, printMachine } from "./lib/machine.mjs";
import { benchDir, ensureDir, freshStateDir, rawWorkerDir } from "./lib/paths.mjs";
import { pidsUsage, selfCpuMs, treeUsage } from "./lib/proc-usage.mjs";
import { stopTracked } from "./lib/processes.mjs";
import { startMiniflare, startWranglerDev } from "./lib/runtimes.mjs";
import { median, round } from "./lib/stats.mjs";

const opts = parseArgs({
  app: "worktree",
  leads: 10_000,
  runs: 3,
  chunk: 1000,
  warmup: 300,
  runtime: "wrangler,miniflare",
  "keep-state": "0",
});
// Issue 11: at most 0.25 ms of engine CPU per action (issue 5 asked for 0.2 ms). Printed as a ratio only.
const TARGET_MS = 0.25;
const VARS = { MIN_INTERVAL_FLOOR_SECONDS: 1 };

const machine = printMachine(machineInfo());
selectAppSource(opts.app);
const suites = {};
const stateDirs = [];

for (const runtime of opts.runtime.split(",")) {
  suites[runtime] = await suite(runtime);
}

async function suite(runtime) {
  const persistTo = freshStateDir(`send-cpu-${runtime}`);
  stateDirs.push(persistTo);
  log(`[${runtime}] state in ${persistTo}`);
  migrateLocal(persistTo);
  const user = userKeySql({ name: "Bench send-cpu" });
  d1ExecFile(persistTo, user.sql);
  const snap = buildAppSnapshot(persistTo, { entry: path.join(benchDir, "wake-worker", "index.js") });
  log(`[${runtime}] app bundled once from apps/api + bench/wake-worker (git ${snap.gitRev})`);

  let app = null;
  let raw = null;
  let mf = null;
  const runs = [];
  let warmup = null;
  try {
    let base;
    let rawFetch;
    let snapshot;
    if (runtime === "wrangler") {
      app = await startWranglerDev({
        port: await freePort(),
        persistTo,
        config: snap.configFile,
        cwd: snap.cwd,
        vars: VARS,
        label: "api",
      });
      raw = await startWranglerDev({
        port: await freePort(),
        persistTo,
        config: path.join(rawWorkerDir, "wrangler.jsonc"),
        cwd: rawWorkerDir,
        label: "raw",
      });
      base = app.base;
      rawFetch = (p) => fetch(`${raw.base}${p}`, { method: "POST" });
      snapshot = () => {
        const a = treeUsage(app.pid);
        const r = treeUsage(raw.pid);
        return {
          t: performance.now(),
          engineWorkerd: a.workerd.cpuMs,
          appNode: a.node.cpuMs + a.other.cpuMs,
          driverWorkerd: r.workerd.cpuMs,
          driverNode: r.node.cpuMs + r.other.cpuMs,
          self: selfCpuMs(),
        };
      };
    } else if (runtime === "miniflare") {
      mf = await startMiniflare({ persistTo, snapshot: snap, vars: VARS });
      base = mf.base;
      rawFetch = (p) => mf.raw.fetch(`http://raw${p}`, { method: "POST" });
      snapshot = () => ({
        t: performance.now(),
        // App and driver share the one workerd here; the baseline has the same driver work.
        engineWorkerd: pidsUsage(mf.workerdPids).cpuMs,
        appNode: 0,
        driverWorkerd: 0,
        driverNode: 0,
        self: selfCpuMs(),
      });
    } else throw new Error(`unknown runtime ${runtime}`);
    log(`[${runtime}] app on ${base}`);
    const api = apiClient(base, user.key);
    const rawPost = async (p) => {
      const res = await rawFetch(p);
      const body = await res.json();
      if (!res.ok) throw new Error(`raw ${p} -> ${res.status} ${JSON.stringify(body)}`);
      return body;
    };

    const bigDs = (await api("POST", "/api/v1/datasets/", { name: "send-cpu", rows: leadRows(opts.leads) }))
      .dataset_id;
    const warmDs = (
      await api("POST", "/api/v1/datasets/", { name: "warm", rows: leadRows(opts.warmup, "warm") })
    ).dataset_id;
    const templateId = await createTemplate(api);

    /** A launched, loaded campaign on a manual clock starting now, with its own capture alias. */
    async function launchedCampaign(datasetId, expected, i) {
      const aliasId = await createAliasViaApi(api, i);
      const c = await api(
        "POST",
        "/api/v1/campaigns/",
        campaignBody({ datasetId, aliasIds: [aliasId], templateId, minInterval: 1, name: `send-cpu ${i}` }),
      );
      await rawPost(`/clock?campaign=${c.campaign_id}&at=${Date.now()}`);
      await api("POST", `/api/v1/campaigns/${c.campaign_id}/launch`);
      for (let k = 0; ; k++) {
        const s = await api("GET", `/api/v1/campaigns/${c.campaign_id}`);
        if (s.status === "active" && s.total_leads === expected) break;
        if (s.status === "failed" || k > 600) throw new Error(`campaign did not load: ${JSON.stringify(s)}`);
        await sleep(100);
      }
      return c.campaign_id;
    }
    const delta = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, b[k] - a[k]]));
    /** Drives up to `wakes` wakes in chunks; records the workerd CPU of each chunk (does cost grow with sends?). */
    async function drive(campaignId, wakes, chunks = []) {
      let done = 0;
      while (done < wakes) {
        const n = Math.min(opts.chunk, wakes - done);
        const before = snapshot().engineWorkerd;
        const r = await rawPost(`/drive?campaign=${campaignId}&n=${n}`);
        if (r.wakes > 0) chunks.push((snapshot().engineWorkerd - before) / r.wakes);
        done += r.wakes;
        if (r.wakes < n) break; // the campaign wants no further wake
      }
      return done;
    }
    async function noop(name, wakes) {
      for (let done = 0; done < wakes; done += opts.chunk) {
        await rawPost(`/noop?name=${name}&n=${Math.min(opts.chunk, wakes - done)}&at=${Date.now()}`);
      }
      return wakes;
    }

    // ---------------------------------------------------------------- warm-up (not counted)
    {
      const id = await launchedCampaign(warmDs, opts.warmup, 0);
      const a = snapshot();
      const w = await drive(id, opts.warmup + 10);
      const b = snapshot();
      await noop(`noop-warm-${Date.now()}`, opts.warmup);
      const c = snapshot();
      warmup = { wakes: w, engine: delta(a, b), baseline: delta(b, c) };
      log(
        `[${runtime}] warm-up: ${w} wakes, ${round(warmup.engine.engineWorkerd / w, 3)} ms workerd CPU/wake (gross)`,
      );
    }

    // ---------------------------------------------------------------- measured runs
    for (let i = 1; i <= opts.runs; i++) {
      const id = await launchedCampaign(bigDs, opts.leads, i);
      const chunks = [];
      const measureEngine = async () => {
        const a = snapshot();
        const wakes = await drive(id, opts.leads + 10, chunks);
        const b = snapshot();
        return { wakes, d: delta(a, b) };
      };
      const measureBaseline = async (n) => {
        const a = snapshot();
        await noop(`noop-${i}-${Date.now()}`, n);
        const b = snapshot();
        return { wakes: n, d: delta(a, b) };
      };
      // Alternate the order so that a drift in the machine's load does not always favour one side.
      let eng;
      let bl;
      if (i % 2 === 1) {
        eng = await measureEngine();
        bl = await measureBaseline(eng.wakes);
      } else {
        bl = await measureBaseline(opts.leads);
        eng = await measureEngine();
      }
      const stats = (await rawPost(`/stats?campaign=${id}`)).stats;
      const actions = stats.actions.sent;
      const msgs = await api("GET", `/api/v1/campaigns/${id}/messages?limit=1`);
      const status = (await api("GET", `/api/v1/campaigns/${id}`)).status;
      const perWake = (d, k, n) => d[k] / n;
      const run = {
        run: i,
        campaignId: id,
        wakes: eng.wakes,
        actions,
        messages: msgs.total,
        status,
        engine: eng.d,
        baseline: { ...bl.d, wakes: bl.wakes },
        grossMsPerAction: eng.d.engineWorkerd / actions,
        baselineMsPerWake: perWake(bl.d, "engineWorkerd", bl.wakes),
        netMsPerAction:
          (eng.d.engineWorkerd - perWake(bl.d, "engineWorkerd", bl.wakes) * eng.wakes) / actions,
        grossMsPerWakeByChunk: chunks.map((x) => round(x, 3)),
        wallMsPerWake: eng.d.t / eng.wakes,
        baselineWallMsPerWake: bl.d.t / bl.wakes,
        nodeMsPerAction: {
          wranglerDevApp: eng.d.appNode / actions,
          rawWorker: (eng.d.driverWorkerd + eng.d.driverNode) / actions,
          benchScript: eng.d.self / actions,
        },
      };
      if (actions !== opts.leads || run.messages !== opts.leads || status !== "completed") {
        log(`[${runtime}] run ${i}: WARNING ${actions} actions, ${run.messages} messages, status ${status}`);
      }
      runs.push(run);
      log(
        `[${runtime}] run ${i}: ${actions} actions in ${eng.wakes} wakes (${run.messages} messages, ${status}); workerd ${Math.round(eng.d.engineWorkerd)} ms, baseline ${Math.round(bl.d.engineWorkerd)} ms for ${bl.wakes} no-op wakes -> net ${round(run.netMsPerAction, 3)} ms/action`,
      );
    }
  } finally {
    if (raw) await stopTracked(raw.child);
    if (app) await stopTracked(app.child);
    if (mf) await mf.mf.dispose();
  }
  const m = (f) => median(runs.map(f));
  return {
    app: snap.gitRev,
    runs,
    warmup,
    medians: {
      netMsPerAction: m((r) => r.netMsPerAction),
      grossMsPerAction: m((r) => r.grossMsPerAction),
      baselineMsPerWake: m((r) => r.baselineMsPerWake),
      wallMsPerWake: m((r) => r.wallMsPerWake),
      baselineWallMsPerWake: m((r) => r.baselineWallMsPerWake),
      wranglerDevNodeMsPerAction: m((r) => r.nodeMsPerAction.wranglerDevApp),
      rawWorkerMsPerAction: m((r) => r.nodeMsPerAction.rawWorker),
      benchScriptMsPerAction: m((r) => r.nodeMsPerAction.benchScript),
    },
  };
}

// ---------------------------------------------------------------- report
const f3 = (x) => `${round(x, 3)} ms`;
console.log(`\nsend-cpu.mjs: ${opts.leads} leads x 1 step, capture transport, ${opts.runs} runs per runtime`);
for (const [runtime, s] of Object.entries(suites)) {
  const med = s.medians;
  console.log(`${runtime}:`);
  for (const r of s.runs) {
    console.log(
      `  run ${r.run}: ${r.actions} actions/${r.wakes} wakes; workerd gross ${f3(r.grossMsPerAction)}/action, baseline ${f3(r.baselineMsPerWake)}/wake, net ${f3(r.netMsPerAction)}/action; wall ${f3(r.wallMsPerWake)}/wake`,
    );
    console.log(`    gross ms/wake by chunk of ${opts.chunk}: ${r.grossMsPerWakeByChunk.join(" ")}`);
  }
  console.log(
    `  median engine CPU per action (workerd, net of baseline): ${f3(med.netMsPerAction)}  -> x${round(med.netMsPerAction / TARGET_MS)} the ${TARGET_MS} ms target`,
  );
  console.log(
    `  median gross ${f3(med.grossMsPerAction)}/action = x${round(med.grossMsPerAction / med.baselineMsPerWake)} the no-op wake baseline (${f3(med.baselineMsPerWake)}); wall ${f3(med.wallMsPerWake)}/wake (baseline ${f3(med.baselineWallMsPerWake)})`,
  );
  if (runtime === "wrangler") {
    console.log(
      `  Node side per action (not the engine): wrangler dev of the app ${f3(med.wranglerDevNodeMsPerAction)}, raw worker session (workerd+node) ${f3(med.rawWorkerMsPerAction)}, this script ${f3(med.benchScriptMsPerAction)}`,
    );
  } else {
    console.log(
      `  Node side per action (this script, incl. Miniflare's loopback): ${f3(med.benchScriptMsPerAction)}`,
    );
  }
}
const out = { bench: "send-cpu", leads: opts.leads, machine, targetMs: TARGET_MS, suites };
const file = path.join(
  ensureDir(path.join(benchDir, "results")),
  `send-cpu-${opts.leads}-${Date.now()}.json`,
);
writeFileSync(file, JSON.stringify(out, null, 2));
console.log(
  `\nRESULT ${JSON.stringify(Object.fromEntries(Object.entries(suites).map(([k, s]) => [k, { ...s.medians, ratioToTarget: s.medians.netMsPerAction / TARGET_MS }])))}`,
);
log(`details in ${file}`);
if (opts["keep-state"] === "0") for (const d of stateDirs) rmSync(d, { recursive: true, force: true });
