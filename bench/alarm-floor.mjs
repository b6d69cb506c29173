#!/usr/bin/env node
// The platform floor under bench/scale.mjs: what one local workerd (Miniflare, as scale.mjs
// --runtime=miniflare runs it) costs per alarm-driven durable job with one write, with nothing of the
// engine. scale.mjs runs 1,000 campaign objects at 1 action per second each on real alarms; here the
// same shape of run is made of objects that only do what any durable scheduler must do per job: wake on
// a storage alarm, record durably that the job ran (one INSERT into the object's own SQLite) and arm the
// next alarm. The engine's figures in scale.mjs are to be read against these.
//
// --campaigns (1000) Durable Objects of bench/alarm-floor-worker (FloorJob, SQLite-backed), each with
// --jobs (default --seconds / --interval, 60) jobs on a fixed grid --interval (1) s apart: job k of every
// object is due at T + k * interval, where T is one common instant --lead-in (5) s (or 5 ms an object,
// if longer) after every object is set up (--start=aligned, like scale.mjs's aligned start and the BullMQ peer's delayed jobs), or object
// i's grid starts at T + i * interval / campaigns (--start=spread, like scale.mjs --start=spread). Each
// wake records (k, due_at, Date.now() at wake start) and arms the next job's due time; a wake late past
// several due times still runs each job once (it runs job k and arms for max(now, due of k + 1)), and the
// last job arms nothing. Issue 11's count workload: --campaigns=10000 --interval=60 --seconds=300.
//
// Measured, per run (medians over --runs):
//   lateness    wake time minus due_at over all jobs (against the fixed grid, as scale.mjs's schedule
//               lateness and the peer): p50 / p99 / max, nearest rank
//   jobs        done (recorded at the read-back), missed (a job absent while its object ran later ones,
//               or never run by the read-back), doubled (a job recorded twice)
//   CPU         utime+stime from /proc of the workerd tree Miniflare started plus this Node process
//               (which hosts Miniflare), over [T, all jobs done] (or the stop at T + seconds + --grace,
//               + one interval when spread),
//               per 1,000 jobs done in that window
//   memory      peak RSS sum of workerd and this process, sampled every second from setup to the end;
//               per idle object: (workerd's RSS with every object set up and armed for a day later,
//               after --idle-settle (15) s, minus workerd's RSS before any object) / campaigns, the floor
//               under scale.mjs's memory per idle campaign (--idle-settle=0 skips it)
// Completion is polled (a SELECT count(*) per object still short of its jobs) only from the last due
// time on, every 2 s, so that the poll adds ~one cheap call per object to the measured window instead of
// one every 2 s; the poll's calls are reported (objectsPolled). The read-back comes after the CPU window.
//
// Usage: node bench/alarm-floor.mjs [--campaigns=1000] [--seconds=60] [--interval=1] [--jobs=N]
//          [--start=aligned|spread] [--runs=3] [--lead-in=5] [--grace=30] [--idle-settle=15]
//          [--keep-state=0]
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { parseJsonc } from "./lib/app-build.mjs";
import { log, parseArgs, quietSince, sleep } from "./lib/cli.mjs";
import { machineInfo, printMachine } from "./lib/machine.mjs";
import { apiDir, benchDir, ensureDir, freshStateDir } from "./lib/paths.mjs";
import { pidsUsage, processTree, rssNow, rssSampler, selfCpuMs } from "./lib/proc-usage.mjs";
import { loadMiniflare } from "./lib/runtimes.mjs";
import { median, pct, round } from "./lib/stats.mjs";

const opts = parseArgs({
  campaigns: 1000,
  seconds: 60,
  interval: 1,
  jobs: 0,
  start: "aligned",
  "idle-settle": 15,
  runs: 3,
  "lead-in": 5,
  grace: 30,
  "keep-state": "0",
});
const C = opts.campaigns;
const S = opts.jobs || Math.max(1, Math.round(opts.seconds / opts.interval));
const intervalMs = opts.interval * 1000;
if (!["aligned", "spread"].includes(opts.start)) throw new Error("--start: aligned|spread");
/** Where object i's grid starts, from T. */
const offsetOf = (i) => (opts.start === "spread" ? Math.floor((i * intervalMs) / C) : 0);
const BATCH = 50;
const WORKER = "alarm-floor";
const workerScript = path.join(benchDir, "alarm-floor-worker", "index.js");

// The app's compatibility date, so that the runtime behaves as in scale.mjs.
const compatibilityDate = (() => {
  try {
    return parseJsonc(readFileSync(path.join(apiDir, "wrangler.jsonc"), "utf8")).compatibility_date;
  } catch {
    return "2025-04-01";
  }
})();

const machine = printMachine(machineInfo());
console.log(
  `alarm-floor: ${C} objects x ${S} jobs on a ${opts.interval} s grid (${opts.start} start), lead-in ${opts["lead-in"]} s, compatibility date ${compatibilityDate}`,
);
const runs = [];
for (let i = 1; i <= opts.runs; i++) {
  const r = await oneRun(i);
  runs.push(r);
  printRun(r);
}

/** Calls `fn(batch)` for consecutive batches of `items`, one batch at a time; concatenates the results. */
async function inBatches(items, size, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += size) {
    const res = await fn(items.slice(i, i + size));
    out.push(...res);
  }
  return out;
}

async function startRuntime(persistTo) {
  const { Miniflare } = await loadMiniflare();
  const before = new Set(processTree(process.pid).map((p) => p.pid));
  const logFile = path.join(persistTo, "miniflare.log");
  const logFd = openSync(logFile, "a");
  const sink = (stream) => stream.on("data", (chunk) => writeSync(logFd, chunk));
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    defaultPersistRoot: path.join(persistTo, "v3"),
    handleRuntimeStdio(stdout, stderr) {
      sink(stdout);
      sink(stderr);
    },
    workers: [
      {
        name: WORKER,
        modules: true,
        scriptPath: workerScript,
        compatibilityDate,
        durableObjects: { FLOOR: { className: "FloorJob", useSQLite: true } },
      },
    ],
  });
  try {
    await mf.ready;
  } catch (err) {
    closeSync(logFd);
    throw err;
  }
  const workerdPids = processTree(process.pid)
    .filter((p) => p.comm === "workerd" && !before.has(p.pid))
    .map((p) => p.pid);
  if (workerdPids.length === 0) throw new Error("no workerd process found under this process");
  const worker = await mf.getWorker(WORKER);
  return { mf, worker, workerdPids, logFile, logFd };
}

async function oneRun(runNo) {
  const persistTo = freshStateDir(`alarm-floor-${C}`);
  log(`run ${runNo}: state in ${persistTo}`);
  let rt = null;
  let sampler = null;
  try {
    rt = await startRuntime(persistTo);
    const { worker, workerdPids } = rt;
    // Miniflare's Node side is this process: its CPU and RSS count as the runtime's.
    const usage = () => ({ workerd: pidsUsage(workerdPids).cpuMs, node: selfCpuMs() });
    const extraRss = () => process.memoryUsage().rss / 2 ** 20;
    const idle = rssSampler(() => workerdPids, extraRss).stop();
    sampler = rssSampler(() => workerdPids, extraRss);
    const indices = Array.from({ length: C }, (_, i) => i);

    // ---------------------------------------------------------------- setup (not measured)
    // Idle memory is workerd's alone (the objects live there): before any object, then with every
    // object set up and armed for a day later, at once and after --idle-settle s (workerd evicts an
    // object idle for ~10 s).
    const workerdRss = async () => {
      const xs = [];
      for (let i = 0; i < 3; i++) {
        if (i) await sleep(1000);
        xs.push(rssNow(() => workerdPids).total);
      }
      return median(xs);
    };
    const settle = opts["idle-settle"];
    const memory = {
      noneMB: settle > 0 ? await workerdRss() : null,
      waitingLiveMB: null,
      waitingSettledMB: null,
    };
    await quietSince(Date.now() - 2000);
    const tSetup0 = Date.now();
    await inBatches(indices, BATCH, (b) => worker.init(b, S, intervalMs));
    const tInit = Date.now();
    // How long arming every object takes on this machine now (setting them up, when not measured).
    let armingMs = tInit - tSetup0;
    if (settle > 0) {
      const tArm0 = Date.now();
      await inBatches(indices, BATCH, (b) => worker.arm(b, Date.now() + 86_400_000));
      armingMs = Date.now() - tArm0;
      memory.waitingLiveMB = await workerdRss();
      await sleep(settle * 1000);
      memory.waitingSettledMB = await workerdRss();
      await quietSince(Date.now() - 2000);
    }
    const tSetup1 = Date.now();
    // Far enough ahead for arming every object (~1-2 ms each on a quiet machine; on a loaded one,
    // half again what the first arming took).
    const T = tSetup1 + Math.max(opts["lead-in"] * 1000, C * 5, 1.5 * armingMs);
    await inBatches(indices, BATCH, (b) =>
      worker.arm(
        b,
        b.map((i) => T + offsetOf(i)),
      ),
    );
    const tArmed = Date.now();
    log(
      `${C} objects set up in ${tInit - tSetup0} ms, armed for T in ${tArmed - tSetup1} ms; T in ${T - tArmed} ms`,
    );
    if (tArmed > T) log("WARNING: arming ended after T; raise --lead-in");

    // ---------------------------------------------------------------- jobs (measured)
    await sleep(Math.max(0, T - Date.now() - 20));
    const u1 = usage();
    const tStart = Date.now();
    const lastDue = T + offsetOf(C - 1) + (S - 1) * intervalMs;
    const hardStop = T + offsetOf(C - 1) + (opts.seconds + opts.grace) * 1000;
    let pending = indices;
    let polls = 0;
    let objectsPolled = 0;
    let allDoneAt = null;
    const progress = [];
    await sleep(Math.max(0, lastDue + 500 - Date.now()));
    for (;;) {
      const counts = await inBatches(pending, 250, (b) => worker.counts(b));
      polls++;
      objectsPolled += pending.length;
      pending = pending.filter((_, j) => counts[j] < S);
      progress.push([Date.now() - T, C - pending.length]);
      if (pending.length === 0) {
        allDoneAt = Date.now();
        break;
      }
      if (Date.now() >= hardStop) break;
      await sleep(Math.max(0, Math.min(2000, hardStop - Date.now())));
    }
    const tEnd = Date.now();
    const u2 = usage();
    const mem = sampler.stop();
    sampler = null;
    log(
      allDoneAt
        ? `all ${C * S} jobs done (seen by the poll ${allDoneAt - T} ms after T)`
        : `stop at ${tEnd - T} ms after T: ${pending.length} objects short of their ${S} jobs`,
    );

    // ---------------------------------------------------------------- read back (not measured)
    const stored = await inBatches(indices, BATCH, (b) => worker.readBack(b));
    const tRead = Date.now();

    // ---------------------------------------------------------------- analysis
    const late = [];
    let done = 0;
    let doneInWindow = 0;
    let skipped = 0;
    let notRun = 0;
    let doubled = 0;
    let offGrid = 0;
    let earlyWakes = 0;
    let pendingAlarms = 0;
    let lastWake = Number.NEGATIVE_INFINITY;
    const perObject = [];
    stored.forEach((st, i) => {
      const t0 = T + offsetOf(i);
      if (st.idx !== i || st.t0 !== t0) throw new Error(`object ${i}: idx ${st.idx}, t0 ${st.t0} (${t0})`);
      const seen = new Map();
      for (const [k, dueAt, wokeAt] of st.rows) {
        seen.set(k, (seen.get(k) ?? 0) + 1);
        if (dueAt !== t0 + k * intervalMs) offGrid++;
        late.push(wokeAt - dueAt);
        if (wokeAt <= tEnd) doneInWindow++;
        lastWake = Math.max(lastWake, wokeAt);
      }
      done += st.rows.length;
      const highest = Math.max(-1, ...seen.keys());
      for (let k = 0; k < S; k++) {
        if (!seen.has(k)) {
          if (k < highest) skipped++;
          else notRun++;
        } else if (seen.get(k) > 1) doubled += seen.get(k) - 1;
      }
      earlyWakes += st.earlyWakes;
      if (st.alarm !== null) pendingAlarms++;
      perObject.push(st.rows.length);
    });
    late.sort((a, b) => a - b);
    perObject.sort((a, b) => a - b);
    const cpu = { workerd: u2.workerd - u1.workerd, node: u2.node - u1.node };
    let runtimeLog = "";
    try {
      runtimeLog = readFileSync(rt.logFile, "utf8").trim();
    } catch {}
    if (runtimeLog)
      log(`runtime log (${rt.logFile}), last lines:\n${runtimeLog.split("\n").slice(-10).join("\n")}`);
    const perIdleKB = (mb) =>
      mb === null || memory.noneMB === null ? null : ((mb - memory.noneMB) * 1024) / C;
    return {
      run: runNo,
      objects: C,
      intervalS: opts.interval,
      start: opts.start,
      jobsPerObject: S,
      setupMs: tInit - tSetup0,
      armMs: tArmed - tSetup1,
      armedBeforeTMs: T - tArmed,
      jobsDue: C * S,
      jobsDone: done,
      jobsDoneInWindow: doneInWindow,
      perObjectDone: { min: perObject[0], p50: pct(perObject, 0.5), max: perObject.at(-1) },
      missed: skipped + notRun,
      missedSkipped: skipped,
      missedNotRun: notRun,
      doubled,
      offGrid,
      earlyWakes,
      pendingAlarmsAtReadBack: pendingAlarms,
      allDoneMs: allDoneAt === null ? null : allDoneAt - T,
      lastWakeAfterTMs: Number.isFinite(lastWake) ? lastWake - T : null,
      windowMs: tEnd - tStart,
      readBackAfterEndMs: tRead - tEnd,
      polls,
      objectsPolled,
      latenessMs: {
        p50: pct(late, 0.5),
        p99: pct(late, 0.99),
        max: late.at(-1) ?? null,
        min: late[0] ?? null,
      },
      cpu: {
        workerdS: cpu.workerd / 1000,
        nodeS: cpu.node / 1000,
        msPer1kJobs: doneInWindow ? ((cpu.workerd + cpu.node) / doneInWindow) * 1000 : null,
        workerdMsPer1kJobs: doneInWindow ? (cpu.workerd / doneInWindow) * 1000 : null,
      },
      peakRssMB: mem.peakMB,
      peakRssParts: mem.parts,
      idleRssMB: idle.peakMB,
      memory: {
        ...memory,
        perIdleObjectKB: perIdleKB(memory.waitingSettledMB),
        perLiveWaitingObjectKB: perIdleKB(memory.waitingLiveMB),
      },
      runtimeLogLines: runtimeLog ? runtimeLog.split("\n").length : 0,
      progress,
    };
  } finally {
    if (sampler) sampler.stop();
    if (rt) {
      await rt.mf.dispose();
      closeSync(rt.logFd);
    }
    if (opts["keep-state"] === "0") rmSync(persistTo, { recursive: true, force: true });
  }
}

function printRun(r) {
  console.log(
    `run ${r.run}: ${r.jobsDone} of ${r.jobsDue} jobs done (${r.jobsDoneInWindow} in the window; per object min/p50/max ${r.perObjectDone.min}/${r.perObjectDone.p50}/${r.perObjectDone.max}); ${r.allDoneMs === null ? "NOT all done by the stop" : `all done, seen ${round(r.allDoneMs / 1000, 1)} s after T`}; last wake ${round(r.lastWakeAfterTMs / 1000, 2)} s after T`,
  );
  console.log(
    `  missed ${r.missed} (skipped ${r.missedSkipped}, not run ${r.missedNotRun}), doubled ${r.doubled}, off grid ${r.offGrid}, early wakes ${r.earlyWakes}`,
  );
  console.log(
    `  lateness p50/p99/max ${r.latenessMs.p50}/${r.latenessMs.p99}/${r.latenessMs.max} ms (min ${r.latenessMs.min})`,
  );
  console.log(
    `  CPU over ${round(r.windowMs / 1000, 1)} s: workerd ${round(r.cpu.workerdS)} s + node ${round(r.cpu.nodeS)} s = ${round(r.cpu.msPer1kJobs, 0)} ms/1k jobs (workerd alone ${round(r.cpu.workerdMsPer1kJobs, 0)}); peak RSS ${round(r.peakRssMB, 0)} MB (idle ${round(r.idleRssMB, 0)} MB); setup ${r.setupMs} ms + arming ${r.armMs} ms; poll touched ${r.objectsPolled} objects`,
  );
  if (r.memory.waitingSettledMB !== null) {
    console.log(
      `  memory per idle object ${round(r.memory.perIdleObjectKB, 1)} KB (workerd RSS ${round(r.memory.noneMB, 0)} MB before any object, ${round(r.memory.waitingSettledMB, 0)} MB with ${r.objects} armed for a day later after ${opts["idle-settle"]} s; at once ${round(r.memory.waitingLiveMB, 0)} MB = ${round(r.memory.perLiveWaitingObjectKB, 1)} KB each)`,
    );
  }
}

// ---------------------------------------------------------------- summary
const m = (f) => median(runs.map(f));
const summary = {
  objects: C,
  jobsPerObject: S,
  runs: runs.length,
  jobsDue: C * S,
  jobsDone: m((r) => r.jobsDone),
  missed: Math.max(...runs.map((r) => r.missed)),
  doubled: Math.max(...runs.map((r) => r.doubled)),
  latenessMs: {
    p50: m((r) => r.latenessMs.p50),
    p99: m((r) => r.latenessMs.p99),
    max: m((r) => r.latenessMs.max),
  },
  allDoneS: m((r) => (r.allDoneMs === null ? Number.NaN : r.allDoneMs / 1000)),
  lastWakeAfterTS: m((r) => r.lastWakeAfterTMs / 1000),
  cpuMsPer1kJobs: m((r) => r.cpu.msPer1kJobs),
  cpuWorkerdMsPer1kJobs: m((r) => r.cpu.workerdMsPer1kJobs),
  peakRssMB: m((r) => r.peakRssMB),
  memoryPerIdleObjectKB: m((r) => r.memory.perIdleObjectKB ?? Number.NaN),
  memoryPerLiveWaitingObjectKB: m((r) => r.memory.perLiveWaitingObjectKB ?? Number.NaN),
};
console.log(`\nalarm-floor.mjs medians over ${runs.length} run(s):`);
console.log(JSON.stringify(summary, null, 2));
const file = path.join(ensureDir(path.join(benchDir, "results")), `alarm-floor-${C}-${Date.now()}.json`);
writeFileSync(file, JSON.stringify({ bench: "alarm-floor", machine, opts, summary, runs }, null, 2));
console.log(`\nRESULT ${JSON.stringify(summary)}`);
log(`details in ${file}`);
