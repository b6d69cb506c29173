#!/usr/bin/env node
// How many campaigns one local instance keeps up with, and what it shows when it stops: bench/scale.mjs
// runs (lib/scale-run.mjs) at growing campaign counts, same workload otherwise, until one does not keep up.
//
// A step keeps up when its run (the median of --runs runs) ends with
//   - every action sent before the run's stop, none missed, none doubled, and
//   - wake lateness p99 (claimed_at minus the instant the object armed for) at most --bound-p99-ms.
// The bound is the definition of "keeping up", stated and printed, not a pass/fail of the engine: pick
// it for the question asked (default 1,000 ms: a second late at p99 for an action due once a minute).
// A run stopped by the memory guard (--max-rss-mb, see scale.mjs) or failing does not keep up either.
//
// Steps: --counts (ascending); after the first step that does not keep up, --refine (0) more steps
// bisect between it and the last one that did. For every step it prints the lateness, what was sent,
// memory, and what the run observed (lib/observe.mjs): the busiest workerd thread's share of a core
// (one thread runs every object of the isolate: ~100% is saturation), the machine's CPU (busy, iowait:
// other people's work, fsync), a trivial HTTP request's latency (the runtime's event-loop queue), a D1
// query timed inside the runtime (D1's queue), and this process's event-loop delay (the driver). At the
// end it names the signals that changed most between the last step that kept up and the first that
// did not; they are observations, not a proof of cause.
//
// Usage: node bench/scale-knee.mjs [--counts=1000,2500,5000,10000,20000] [--interval=60] [--seconds=180]
//          [--start=spread|aligned] [--bound-p99-ms=1000] [--runs=1] [--refine=0]
//          [--runtime=miniflare|wrangler] [--app=worktree|HEAD|<commit>] (and scale.mjs's other options)
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { selectAppSource } from "./lib/app-build.mjs";
import { log, parseArgs } from "./lib/cli.mjs";
import { machineInfo, printMachine } from "./lib/machine.mjs";
import { describeObserved } from "./lib/observe.mjs";
import { benchDir, ensureDir } from "./lib/paths.mjs";
import { scaleRun } from "./lib/scale-run.mjs";
import { median, round } from "./lib/stats.mjs";

const opts = parseArgs({
  app: "worktree",
  counts: "1000,2500,5000,10000,20000",
  interval: 60,
  seconds: 180,
  leads: 0,
  start: "spread",
  "bound-p99-ms": 1000,
  runs: 1,
  refine: 0,
  runtime: "miniflare",
  grace: 60,
  concurrency: 16,
  "lead-in": 5,
  "idle-settle": 15,
  "probe-ms": 1000,
  "max-rss-mb": Math.round((os.totalmem() / 2 ** 20) * 0.6),
  "keep-state": "0",
});
if (!opts.leads) opts.leads = Math.max(1, Math.round(opts.seconds / opts.interval));
const counts = opts.counts
  .split(",")
  .map(Number)
  .sort((a, b) => a - b);

const machine = printMachine(machineInfo());
selectAppSource(opts.app);
console.log(
  `scale-knee: counts ${counts.join(", ")}; each campaign ${opts.leads} actions, one every ${opts.interval} s (${opts.start} start), runtime ${opts.runtime}; keeps up = all sent, 0 missed, 0 doubled, wake lateness p99 <= ${opts["bound-p99-ms"]} ms; ${opts.runs} run(s) a step`,
);

/** One step: --runs runs at `campaigns`, their medians, and whether the step kept up (and if not, why not). */
async function step(campaigns) {
  const runs = [];
  for (let i = 1; i <= opts.runs; i++) {
    try {
      runs.push(await scaleRun({ ...opts, campaigns }, i));
    } catch (err) {
      log(`${campaigns} campaigns, run ${i} failed: ${err.stack ?? err}`);
      runs.push({ campaigns, failed: String(err.message ?? err) });
    }
  }
  const done = runs.filter((r) => !r.aborted && !r.failed);
  const m = (f) => median(done.map(f));
  const s = {
    campaigns,
    runs: runs.length,
    stopped: runs.filter((r) => r.aborted || r.failed).map((r) => r.aborted ?? `run failed: ${r.failed}`),
    actions: m((r) => r.actions),
    notSentByStop: m((r) => r.actionsNotSentByStop),
    missed: Math.max(0, ...done.map((r) => r.missed)),
    doubled: Math.max(0, ...done.map((r) => r.doubled + r.doubledSentEvents)),
    wakeP50: m((r) => r.wakeLatenessMs.p50),
    wakeP99: m((r) => r.wakeLatenessMs.p99),
    scheduleP99: m((r) => r.scheduleLatenessMs.p99),
    cpuMsPer1k: m((r) => r.cpu.msPer1kActionsSending),
    peakRssMB: m((r) => r.peakRssMB),
    idleKBPerCampaign: m((r) => r.memory.perIdleCampaignKB ?? Number.NaN),
    busiestP50: m((r) => r.observed.busiestThreadPct.p50),
    busiestP99: m((r) => r.observed.busiestThreadPct.p99),
    machineBusy: m((r) => r.observed.machine?.busyPct ?? Number.NaN),
    iowait: m((r) => r.observed.machine?.iowaitPct ?? Number.NaN),
    pingP99: m((r) => r.observed.pingMs.p99 ?? Number.NaN),
    pingAtRestP99: m((r) => r.observedAtRest.pingMs.p99 ?? Number.NaN),
    d1P99: m((r) => r.observed.d1Ms?.p99 ?? Number.NaN),
    d1AtRestP99: m((r) => r.observedAtRest.d1Ms?.p99 ?? Number.NaN),
    nodeLoopP99: m((r) => r.observed.nodeLoopDelayMs.p99),
    probeFailures: m((r) => r.observed.probeFailures),
    app: done[0]?.app ?? null,
  };
  const why = [];
  if (s.stopped.length) why.push(...s.stopped);
  if (done.length) {
    if (s.notSentByStop > 0) why.push(`${s.notSentByStop} actions not sent by the stop`);
    if (s.missed > 0) why.push(`${s.missed} missed`);
    if (s.doubled > 0) why.push(`${s.doubled} doubled`);
    if (s.wakeP99 > opts["bound-p99-ms"])
      why.push(`wake lateness p99 ${s.wakeP99} ms > ${opts["bound-p99-ms"]} ms`);
  }
  return { ...s, keepsUp: why.length === 0 && done.length > 0, why, runs };
}

function printStep(s) {
  console.log(
    `${String(s.campaigns).padStart(6)} campaigns: ${s.keepsUp ? "keeps up" : `does NOT keep up (${s.why.join("; ")})`}`,
  );
  if (!s.runs.some((r) => r.observed)) return;
  console.log(
    `        ${s.actions} actions, not sent by the stop ${s.notSentByStop}, missed ${s.missed}, doubled ${s.doubled}; wake lateness p50/p99 ${s.wakeP50}/${s.wakeP99} ms (schedule p99 ${s.scheduleP99} ms); CPU ${round(s.cpuMsPer1k, 0)} ms/1k actions; peak RSS ${round(s.peakRssMB, 0)} MB; ${Number.isFinite(s.idleKBPerCampaign) ? round(s.idleKBPerCampaign, 1) : "-"} KB per idle campaign`,
  );
  for (const r of s.runs)
    if (r.observed) console.log(`        run ${r.run}: ${describeObserved(r.observed)}`);
}

/** The signals that moved most from the last step that kept up to the first that did not. */
function whatChanged(ok, bad) {
  const out = [];
  const rel = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && a > 0 ? `, x${round(b / a)}` : "");
  if (bad.stopped.some((x) => x.startsWith("memory"))) out.push(`memory: ${bad.stopped.join("; ")}`);
  out.push(
    `workerd's busiest thread: p50 ${ok?.busiestP50 ?? "-"}% -> ${bad.busiestP50}% of a core, p99 ${ok?.busiestP99 ?? "-"}% -> ${bad.busiestP99}% (near 100% = the isolate's one thread saturated)`,
  );
  out.push(
    `runtime event loop (HTTP probe p99): ${ok?.pingP99 ?? "-"} -> ${bad.pingP99} ms (at rest ${bad.pingAtRestP99} ms)${rel(ok?.pingP99, bad.pingP99)}`,
  );
  if (Number.isFinite(bad.d1P99)) {
    out.push(
      `D1 (query timed inside the runtime, p99): ${ok?.d1P99 ?? "-"} -> ${bad.d1P99} ms (at rest ${bad.d1AtRestP99} ms)${rel(ok?.d1P99, bad.d1P99)}`,
    );
  }
  out.push(
    `machine: busy ${ok?.machineBusy ?? "-"}% -> ${bad.machineBusy}%, iowait ${ok?.iowait ?? "-"}% -> ${bad.iowait}%`,
  );
  out.push(
    `driver (this process's event-loop delay p99): ${ok?.nodeLoopP99 ?? "-"} -> ${bad.nodeLoopP99} ms`,
  );
  out.push(`peak memory: ${round(ok?.peakRssMB, 0) ?? "-"} -> ${round(bad.peakRssMB, 0)} MB`);
  return out;
}

const steps = [];
let lastOk = null;
let firstBad = null;
for (const n of counts) {
  log(`step: ${n} campaigns`);
  const s = await step(n);
  steps.push(s);
  printStep(s);
  if (!s.keepsUp) {
    firstBad = s;
    break;
  }
  lastOk = s;
}
for (let i = 0; firstBad && i < opts.refine; i++) {
  const lo = lastOk?.campaigns ?? 0;
  const mid = Math.round((lo + firstBad.campaigns) / 2);
  if (mid <= lo || mid >= firstBad.campaigns) break;
  log(`refining: ${mid} campaigns`);
  const s = await step(mid);
  steps.push(s);
  printStep(s);
  if (s.keepsUp) lastOk = s;
  else firstBad = s;
}

console.log(`\napp measured: ${steps.find((s) => s.app)?.app ?? "(no step completed)"}`);
if (!firstBad) {
  console.log(
    `kept up at every step, up to ${lastOk.campaigns} campaigns: add larger --counts to find where it stops`,
  );
} else {
  console.log(
    `one local instance keeps up with ${lastOk ? lastOk.campaigns : "none of the counts tried"}${lastOk ? " campaigns" : ""} and stops keeping up at ${firstBad.campaigns}: ${firstBad.why.join("; ")}`,
  );
  console.log(lastOk ? "what changed between the two:" : "what it observed:");
  for (const line of whatChanged(lastOk, firstBad)) console.log(`  - ${line}`);
}
const summary = {
  app: steps.find((s) => s.app)?.app ?? null,
  workload: { interval: opts.interval, seconds: opts.seconds, leads: opts.leads, start: opts.start },
  boundP99Ms: opts["bound-p99-ms"],
  keepsUpWith: lastOk?.campaigns ?? null,
  stopsAt: firstBad?.campaigns ?? null,
  why: firstBad?.why ?? [],
  steps: steps.map(({ runs, ...s }) => s),
};
const file = path.join(ensureDir(path.join(benchDir, "results")), `scale-knee-${Date.now()}.json`);
writeFileSync(file, JSON.stringify({ bench: "scale-knee", machine, opts, summary, steps }, null, 2));
console.log(`\nRESULT ${JSON.stringify(summary)}`);
log(`details in ${file}`);
