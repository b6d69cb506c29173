#!/usr/bin/env node
// Issue 5: many active campaigns on one local instance, each at 1 action per second, real alarms.
//
// --campaigns (1000) campaigns, each over the same --leads (60) lead dataset, 1 step, min interval 1 s
// (floor lowered with MIN_INTERVAL_FLOOR_SECONDS=1), daily limit 10,000, window open all day, its own
// capture alias. All are launched through the API (leads load by alarms) with a placeholder start
// date; once every one is loaded (`scheduled`), a PATCH moves all start dates to one instant T, so
// that, like the BullMQ peer's delayed jobs, action i of every campaign is due at T + i s. Then real
// alarms run until every campaign has completed (hard stop T + --seconds + --grace).
// --start=immediate instead launches campaigns that start as soon as their leads are loaded.
//
// Runtime (--runtime=wrangler|miniflare): `wrangler dev` (default), or the same frozen bundle in
// Miniflare driven directly (one workerd, no dev proxy/inspector).
//
// Read back afterwards, with the app stopped (not measured): every campaign object's persisted
// `messages`, `actions` and `events` tables, opened by a bench-only reader class in Miniflare
// (lib/read-back.mjs readCampaignObjects; the app's API may not answer at all under overload):
//   missed             a lead with no captured message while a later lead of its campaign has one, or
//                      an action recorded as sent without its message
//   doubled            a second message or a second `sent` event for the same lead and step
//   wake lateness      claimed_at (ms) minus the instant the object armed its alarm for: T for the first
//                      action, the previous action + 1 s after that (the engine spaces from the last
//                      real action)
//   schedule lateness  claimed_at minus T + (k-1) s for the campaign's k-th action: lateness against a
//                      fixed 1/s grid, the definition the BullMQ peer uses
// CPU: utime+stime of every runtime process (workerd + wrangler's node) from /proc over [T, end], and
// over the launch phase; peak memory: RSS sum of those processes, sampled each second.
//
// Runs end when every campaign has completed or at the hard stop T + --seconds + --grace; the app is
// stopped right then, so what was not sent by then is reported as not sent, not as missed.
//
// Usage: node bench/scale.mjs [--campaigns=1000] [--leads=60] [--runs=3] [--runtime=wrangler]
//          [--start=aligned|immediate] [--seconds=60] [--grace=60] [--concurrency=16]
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { apiClient, campaignBody, createTemplate, leadRows } from "./lib/api.mjs";
import { buildAppSnapshot, selectAppSource } from "./lib/app-build.mjs";
import { freePort, log, parseArgs, sleep } from "./lib/cli.mjs";
import { d1ExecFile, migrateLocal, userKeySql } from "./lib/d1-seed.mjs";
import { machineInfo, printMachine } from "./lib/machine.mjs";
import { benchDir, ensureDir, freshStateDir } from "./lib/paths.mjs";
import { pidsUsage, rssSampler, selfCpuMs, treeUsage } from "./lib/proc-usage.mjs";
import { stopTracked } from "./lib/processes.mjs";
import { readCampaignObjects } from "./lib/read-back.mjs";
import { startMiniflare, startWranglerDev } from "./lib/runtimes.mjs";
import { median, pct, round } from "./lib/stats.mjs";

const opts = parseArgs({
  app: "worktree",
  campaigns: 1000,
  leads: 60,
  runs: 3,
  runtime: "wrangler",
  start: "aligned",
  seconds: 60,
  grace: 60,
  concurrency: 16,
  "lead-in": 5,
  "keep-state": "0",
});
const C = opts.campaigns;
const R = opts.leads;

const machine = printMachine(machineInfo());
selectAppSource(opts.app);
const runs = [];
for (let i = 1; i <= opts.runs; i++) {
  const r = await oneRun(i);
  runs.push(r);
  printRun(r);
}

/** Runs `fn` over `items` with at most `n` in flight; returns results in order. */
async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

async function oneRun(runNo) {
  const persistTo = freshStateDir(`scale-${opts.runtime}-${C}`);
  log(`run ${runNo}: state in ${persistTo}`);
  migrateLocal(persistTo);
  const user = userKeySql({ name: "Bench scale" });
  d1ExecFile(persistTo, user.sql);
  const snap = buildAppSnapshot(persistTo);
  log(`app bundled once from apps/api (git ${snap.gitRev})`);
  const vars = { MIN_INTERVAL_FLOOR_SECONDS: 1 };

  let app = null;
  let mf = null;
  let sampler = null;
  const stopApp = async () => {
    if (app) await stopTracked(app.child);
    if (mf) await mf.mf.dispose();
    app = null;
    mf = null;
  };
  try {
    let base;
    let usage;
    let rssRoots;
    if (opts.runtime === "wrangler") {
      app = await startWranglerDev({
        port: await freePort(),
        persistTo,
        config: snap.configFile,
        cwd: snap.cwd,
        vars,
        label: "api",
      });
      base = app.base;
      usage = () => {
        const u = treeUsage(app.pid);
        return { workerd: u.workerd.cpuMs, node: u.node.cpuMs + u.other.cpuMs, self: selfCpuMs() };
      };
      rssRoots = () => [app.pid];
    } else {
      mf = await startMiniflare({ persistTo, snapshot: snap, vars, withRaw: false });
      base = mf.base;
      // Miniflare's Node side lives in this process: count this process as the runtime's node.
      usage = () => ({ workerd: pidsUsage(mf.workerdPids).cpuMs, node: selfCpuMs(), self: 0 });
      rssRoots = () => mf.workerdPids;
    }
    const api = apiClient(base, user.key);

    // ---------------------------------------------------------------- setup (not measured)
    const datasetId = (await api("POST", "/api/v1/datasets/", { name: "scale", rows: leadRows(R) }))
      .dataset_id;
    const templateId = await createTemplate(api);
    const tSetup = performance.now();
    const aliasIds = await pool(
      Array.from({ length: C }, (_, i) => i),
      opts.concurrency,
      async (i) =>
        (
          await api("POST", "/api/v1/aliases/", {
            email: `scale${i}@cadence.local`,
            display_name: `Scale ${i}`,
            daily_limit: 10000,
            transport: { kind: "capture" },
          })
        ).alias_id,
    );
    const placeholder = new Date(Date.now() + 86_400_000).toISOString();
    const campaignIds = await pool(
      aliasIds,
      opts.concurrency,
      async (aliasId, i) =>
        (
          await api(
            "POST",
            "/api/v1/campaigns/",
            campaignBody({
              datasetId,
              aliasIds: [aliasId],
              templateId,
              minInterval: 1,
              startDate: opts.start === "aligned" ? placeholder : null,
              name: `scale ${i}`,
            }),
          )
        ).campaign_id,
    );
    log(`created ${C} aliases and campaigns in ${Math.round(performance.now() - tSetup)} ms`);

    // ---------------------------------------------------------------- launch phase (measured)
    // Miniflare's Node side is this process: its RSS counts as the runtime's.
    const extraRss = () => (opts.runtime === "miniflare" ? process.memoryUsage().rss / 2 ** 20 : 0);
    const idle = rssSampler(rssRoots, extraRss).stop();
    sampler = rssSampler(rssRoots, extraRss);
    const u0 = usage();
    const tLaunch0 = Date.now();
    const launchMs = await pool(campaignIds, opts.concurrency, async (id) => {
      const t = performance.now();
      await api("POST", `/api/v1/campaigns/${id}/launch`);
      return performance.now() - t;
    });
    const tLaunched = Date.now();
    log(
      `launched ${C} campaigns in ${tLaunched - tLaunch0} ms (median response ${Math.round(median(launchMs))} ms)`,
    );
    /** Campaigns in a status, from the D1 projection; null when the API does not answer within 10 s. */
    const countStatus = async (status) => {
      try {
        return (
          await api("GET", `/api/v1/campaigns/?status=${status}&limit=1`, undefined, { timeoutMs: 10_000 })
        ).total;
      } catch {
        return null;
      }
    };
    let T;
    if (opts.start === "aligned") {
      for (let k = 0; ; k++) {
        const n = await countStatus("scheduled");
        if (n === C) break;
        if (k > 600) throw new Error(`only ${n}/${C} campaigns loaded after 5 min`);
        await sleep(500);
      }
      const tLoaded = Date.now();
      // One common start, far enough ahead for the PATCHes (measured on this machine: ~10 ms each).
      T = Date.now() + Math.max(opts["lead-in"] * 1000, C * 12);
      const startDate = new Date(T).toISOString();
      await pool(campaignIds, opts.concurrency, (id) =>
        api("PATCH", `/api/v1/campaigns/${id}`, { start_date: startDate }),
      );
      const tPatched = Date.now();
      log(
        `all loaded ${tLoaded - tLaunch0} ms after the first launch; start dates moved to T in ${tPatched - tLoaded} ms; T in ${T - tPatched} ms`,
      );
      if (tPatched > T) log("WARNING: the PATCHes ended after T; raise --lead-in");
      await sleep(Math.max(0, T - Date.now() - 20));
    } else {
      T = null;
    }
    const u1 = usage();
    const tSend0 = Date.now();

    // ---------------------------------------------------------------- sending phase (measured)
    const hardStop = (T ?? tLaunched) + (opts.seconds + opts.grace) * 1000;
    let completedAt = null;
    let unanswered = 0;
    const progress = [];
    for (;;) {
      await sleep(Math.max(0, Math.min(3000, hardStop - Date.now())));
      if (Date.now() >= hardStop) break;
      const n = await countStatus("completed");
      progress.push([Date.now() - (T ?? tLaunch0), n]);
      if (n === null) unanswered++;
      if (n === C) {
        completedAt = Date.now();
        break;
      }
    }
    const tEnd = Date.now();
    const u2 = usage();
    const mem = sampler.stop();
    sampler = null;
    await stopApp(); // nothing is sent after the window
    log(
      completedAt
        ? `all ${C} campaigns completed (seen ${completedAt - (T ?? tLaunch0)} ms after ${T ? "T" : "the first launch"})`
        : `hard stop ${tEnd - (T ?? tLaunch0)} ms after ${T ? "T" : "the first launch"}: app stopped (${unanswered} completion polls got no answer within 10 s)`,
    );

    // ---------------------------------------------------------------- read back (not measured)
    const stored = await readCampaignObjects({
      persistTo,
      campaignIds,
      queries: {
        actions:
          "SELECT row_index, step, status, attempts, claimed_at FROM actions ORDER BY claimed_at, row_index",
        messages: "SELECT row_index, step FROM messages",
        doubleSent:
          "SELECT row_index, step, count(*) AS n FROM events WHERE type = 'sent' GROUP BY row_index, step HAVING n > 1",
        active:
          "SELECT at FROM events WHERE type = 'status_changed' AND data LIKE '%\"to\":\"active\"%' ORDER BY id LIMIT 1",
        status: "SELECT value FROM meta WHERE key = 'status'",
      },
    });

    // ---------------------------------------------------------------- analysis
    const wakeLate = [];
    const gridLate = [];
    let total = 0;
    let inFirstWindow = 0;
    const wakeLateByK = [];
    let dueInFirstWindow = 0;
    let missed = 0;
    let doubled = 0;
    let retried = 0;
    let inFlight = 0;
    let doubledEvents = 0;
    let completedObjects = 0;
    const perCampaign = [];
    let lastAction = 0;
    for (const id of campaignIds) {
      const st = stored[id];
      if (JSON.parse(st.status[0]?.value ?? '""') === "completed") completedObjects++;
      const rows = st.actions.filter((a) => a.claimed_at !== null);
      const anchor = T ?? st.active[0]?.at ?? rows[0]?.claimed_at;
      let prev = null;
      rows.forEach((a, k) => {
        const planned = prev === null ? anchor : prev + 1000;
        wakeLate.push(a.claimed_at - planned);
        if (!wakeLateByK[k]) wakeLateByK[k] = [];
        wakeLateByK[k].push(a.claimed_at - planned);
        gridLate.push(a.claimed_at - (anchor + k * 1000));
        if (a.claimed_at < anchor + opts.seconds * 1000) inFirstWindow++;
        if (a.attempts > 1) retried++;
        if (a.status === "claimed") inFlight++;
        lastAction = Math.max(lastAction, a.claimed_at - (T ?? anchor));
        prev = a.claimed_at;
      });
      dueInFirstWindow += Math.min(R, opts.seconds);
      total += rows.filter((a) => a.status === "sent").length;
      const keys = st.messages.map((m) => `${m.row_index}:${m.step}`);
      const distinct = new Set(keys);
      doubled += keys.length - distinct.size;
      doubledEvents += st.doubleSent.length;
      // Leads go in row order: every row below the highest one sent must have its message.
      const maxRow = Math.max(0, ...st.messages.map((m) => m.row_index));
      for (let r = 1; r <= maxRow; r++) if (!distinct.has(`${r}:1`)) missed++;
      for (const a of rows) if (a.status === "sent" && !distinct.has(`${a.row_index}:${a.step}`)) missed++;
      perCampaign.push(rows.filter((a) => a.claimed_at < anchor + opts.seconds * 1000).length);
    }
    wakeLate.sort((a, b) => a - b);
    gridLate.sort((a, b) => a - b);
    // Where in the run the wakes were late: [k, p50, p99, max] of wake lateness for each action index.
    const wakeLatenessByK = wakeLateByK.map((xs, k) => {
      xs.sort((a, b) => a - b);
      return [k, pct(xs, 0.5), pct(xs, 0.99), xs[xs.length - 1]];
    });
    perCampaign.sort((a, b) => a - b);
    const sendCpu = { workerd: u2.workerd - u1.workerd, node: u2.node - u1.node };
    const launchCpu = { workerd: u1.workerd - u0.workerd, node: u1.node - u0.node };
    const allCpu = sendCpu.workerd + sendCpu.node + launchCpu.workerd + launchCpu.node;
    return {
      run: runNo,
      runtime: opts.runtime,
      start: opts.start,
      campaigns: C,
      leadsPerCampaign: R,
      app: snap.gitRev,
      launchPhaseMs: (T ?? tSend0) - tLaunch0,
      launchResponseMedianMs: median(launchMs),
      completedAllMs: completedAt ? completedAt - (T ?? tLaunch0) : null,
      lastActionAfterStartMs: lastAction,
      completedCampaigns: completedObjects,
      completionPollsUnanswered: unanswered,
      sendWindowMs: tEnd - tSend0,
      actions: total,
      actionsInFirstWindow: inFirstWindow,
      actionsDueInFirstWindow: dueInFirstWindow,
      actionsInFlightAtStop: inFlight,
      perCampaignInFirstWindow: {
        min: perCampaign[0],
        p50: pct(perCampaign, 0.5),
        max: perCampaign.at(-1),
      },
      missed,
      doubled,
      doubledSentEvents: doubledEvents,
      retriedActions: retried,
      actionsNotSentByStop: C * R - total,
      wakeLatenessMs: {
        p50: pct(wakeLate, 0.5),
        p99: pct(wakeLate, 0.99),
        max: wakeLate.at(-1),
        min: wakeLate[0],
      },
      wakeLatenessByK,
      scheduleLatenessMs: {
        p50: pct(gridLate, 0.5),
        p99: pct(gridLate, 0.99),
        max: gridLate.at(-1),
        min: gridLate[0],
      },
      cpu: {
        sendWorkerdS: sendCpu.workerd / 1000,
        sendNodeS: sendCpu.node / 1000,
        launchWorkerdS: launchCpu.workerd / 1000,
        launchNodeS: launchCpu.node / 1000,
        benchScriptS: (u2.self - u0.self) / 1000,
        msPer1kActionsSending: total ? ((sendCpu.workerd + sendCpu.node) / total) * 1000 : null,
        msPer1kActionsInclLaunch: total ? (allCpu / total) * 1000 : null,
      },
      peakRssMB: mem.peakMB,
      peakRssParts: mem.parts,
      idleRssMB: idle.peakMB,
      progress,
    };
  } finally {
    if (sampler) sampler.stop();
    await stopApp();
    if (opts["keep-state"] === "0") rmSync(persistTo, { recursive: true, force: true });
  }
}

function printRun(r) {
  console.log(
    `run ${r.run} (${r.runtime}, ${r.start}): ${r.actions} actions sent by ${r.campaigns} campaigns; ${r.actionsInFirstWindow} of ${r.actionsDueInFirstWindow} due in the first ${opts.seconds} s (per campaign min/p50/max ${r.perCampaignInFirstWindow.min}/${r.perCampaignInFirstWindow.p50}/${r.perCampaignInFirstWindow.max}); ${r.completedCampaigns}/${r.campaigns} campaigns completed ${r.completedAllMs === null ? `by the hard stop (${r.actionsNotSentByStop} actions not sent by then, ${r.actionsInFlightAtStop} in flight)` : `(seen by the poll ${round(r.completedAllMs / 1000, 1)} s after the start)`}; last action ${round(r.lastActionAfterStartMs / 1000, 2)} s after the start`,
  );
  console.log(
    `  missed ${r.missed}, doubled ${r.doubled} (sent events twice: ${r.doubledSentEvents}), retried ${r.retriedActions}`,
  );
  console.log(
    `  wake lateness p50/p99/max ${r.wakeLatenessMs.p50}/${r.wakeLatenessMs.p99}/${r.wakeLatenessMs.max} ms; schedule lateness p50/p99/max ${r.scheduleLatenessMs.p50}/${r.scheduleLatenessMs.p99}/${r.scheduleLatenessMs.max} ms`,
  );
  console.log(
    `  CPU sending: workerd ${round(r.cpu.sendWorkerdS)} s + node ${round(r.cpu.sendNodeS)} s = ${round(r.cpu.msPer1kActionsSending, 0)} ms/1k actions; incl. launch phase (${round(r.launchPhaseMs / 1000, 1)} s: workerd ${round(r.cpu.launchWorkerdS)} s + node ${round(r.cpu.launchNodeS)} s) ${round(r.cpu.msPer1kActionsInclLaunch, 0)} ms/1k; peak RSS ${round(r.peakRssMB, 0)} MB (idle ${round(r.idleRssMB, 0)} MB)`,
  );
}

// ---------------------------------------------------------------- summary
const m = (f) => median(runs.map(f));
const summary = {
  campaigns: C,
  leadsPerCampaign: R,
  runtime: opts.runtime,
  start: opts.start,
  runs: runs.length,
  actions: m((r) => r.actions),
  actionsInFirstWindow: m((r) => r.actionsInFirstWindow),
  actionsDueInFirstWindow: m((r) => r.actionsDueInFirstWindow),
  actionsPerSecondInFirstWindow: m((r) => r.actionsInFirstWindow / opts.seconds),
  completedCampaigns: m((r) => r.completedCampaigns),
  actionsNotSentByStop: m((r) => r.actionsNotSentByStop),
  completedAllS: m((r) => (r.completedAllMs === null ? Number.NaN : r.completedAllMs / 1000)),
  lastActionAfterStartS: m((r) => r.lastActionAfterStartMs / 1000),
  missed: Math.max(...runs.map((r) => r.missed)),
  doubled: Math.max(...runs.map((r) => r.doubled + r.doubledSentEvents)),
  wakeLatenessMs: {
    p50: m((r) => r.wakeLatenessMs.p50),
    p99: m((r) => r.wakeLatenessMs.p99),
    max: m((r) => r.wakeLatenessMs.max),
  },
  scheduleLatenessMs: {
    p50: m((r) => r.scheduleLatenessMs.p50),
    p99: m((r) => r.scheduleLatenessMs.p99),
    max: m((r) => r.scheduleLatenessMs.max),
  },
  cpuMsPer1kActionsSending: m((r) => r.cpu.msPer1kActionsSending),
  cpuMsPer1kActionsInclLaunch: m((r) => r.cpu.msPer1kActionsInclLaunch),
  peakRssMB: m((r) => r.peakRssMB),
  launchPhaseS: m((r) => r.launchPhaseMs / 1000),
};
console.log(`\nscale.mjs medians over ${runs.length} run(s):`);
console.log(JSON.stringify(summary, null, 2));
const file = path.join(
  ensureDir(path.join(benchDir, "results")),
  `scale-${opts.runtime}-${C}-${Date.now()}.json`,
);
writeFileSync(file, JSON.stringify({ bench: "scale", machine, opts, summary, runs }, null, 2));
console.log(`\nRESULT ${JSON.stringify(summary)}`);
log(`details in ${file}`);
