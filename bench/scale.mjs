#!/usr/bin/env node
// Many campaigns on one local instance, real alarms: --campaigns (1000) campaigns, each sending one
// action every --interval (1) seconds for --seconds (60) seconds. Issue 5's workload is the default
// (1,000 campaigns x 1 action/s x 60 s); issue 11's count workload is
//   --campaigns=10000 --interval=60 --seconds=300   (10,000 campaigns x 1 action a minute x 5 minutes).
//
// Each campaign: its own capture alias, the same dataset of --leads leads (default --seconds /
// --interval, one action each), 1 step, min interval --interval s (floor lowered with
// MIN_INTERVAL_FLOOR_SECONDS=1), daily limit 10,000, window open all week. All are launched through
// the API (leads load by alarms) with a placeholder start date a day away; once every one is loaded
// (`scheduled`), they wait (memory per idle campaign is measured then), and a PATCH moves every start
// date: to one instant T (--start=aligned, default: action k of every campaign due at T + k * interval,
// like the BullMQ peer's delayed jobs and alarm-floor.mjs), or to T + i * interval / campaigns for
// campaign i (--start=spread: the same count and rate without the synchronised burst). Real alarms run
// until every campaign has completed (hard stop T + --seconds + --grace, + one interval when spread).
// --start=immediate instead launches campaigns that start as soon as their leads are loaded.
//
// Runtime (--runtime=wrangler|miniflare): `wrangler dev` (default), or the same frozen bundle in
// Miniflare driven directly (one workerd, no dev proxy/inspector).
//
// Read back afterwards, with the app stopped (not measured): every campaign object's persisted
// `messages`, `actions` and `events` tables, opened by a bench-only reader class in Miniflare
// (lib/read-back.mjs; the app's API may not answer at all under overload). lib/scale-analysis.mjs:
//   missed             a lead with no captured message while a later lead of its campaign has one, or
//                      an action recorded as sent without its message
//   doubled            a second message or a second `sent` event for the same lead and step
//   wake lateness      claimed_at (ms) minus the instant the object armed its alarm for: its start for
//                      the first action, the previous action + interval after that (the engine spaces
//                      from the last real action)
//   schedule lateness  claimed_at minus start + k * interval for the campaign's k-th action: lateness
//                      against a fixed grid, the definition the BullMQ peer uses
// CPU: utime+stime of every runtime process (workerd + wrangler's node) from /proc over [T, end], and
// over the launch phase (without the idle wait); peak memory: RSS sum of those processes, sampled each
// second. Memory per idle campaign: (workerd's RSS with every campaign launched, loaded and waiting,
// after --idle-settle s) minus (workerd's RSS before any launch), over the campaign count; the same at
// once after loading (objects still live) is printed too. --idle-settle=0 skips it.
// What the run observes about why it falls behind (lib/observe.mjs; --probe-ms=0 turns the probes
// off): the busiest workerd thread's CPU share each second, the machine's CPU, a trivial HTTP request
// and a D1 query (timed inside the runtime, Miniflare only) every --probe-ms, this process's
// event-loop delay; the same probes for 3 s at rest before the launch, for comparison.
// --max-rss-mb (default 60% of the machine's RAM) stops a run whose runtime grows past it: the machine
// is shared, and a run that would exhaust it is reported as stopped, with the reason.
//
// Runs end when every campaign has completed or at the hard stop; the app is stopped right then, so
// what was not sent by then is reported as not sent, not as missed.
//
// Usage: node bench/scale.mjs [--campaigns=1000] [--interval=1] [--seconds=60] [--leads=N] [--runs=3]
//          [--runtime=wrangler|miniflare] [--start=aligned|spread|immediate] [--grace=60]
//          [--concurrency=16] [--lead-in=5] [--idle-settle=15] [--probe-ms=1000] [--max-rss-mb=N]
//          [--app=worktree|HEAD|<commit>] [--keep-state=0]
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
  campaigns: 1000,
  interval: 1,
  seconds: 60,
  leads: 0,
  runs: 3,
  runtime: "wrangler",
  start: "aligned",
  grace: 60,
  concurrency: 16,
  "lead-in": 5,
  "idle-settle": 15,
  "probe-ms": 1000,
  "max-rss-mb": Math.round((os.totalmem() / 2 ** 20) * 0.6),
  "keep-state": "0",
});
if (!opts.leads) opts.leads = Math.max(1, Math.round(opts.seconds / opts.interval));
if (!["aligned", "spread", "immediate"].includes(opts.start))
  throw new Error("--start: aligned|spread|immediate");
const C = opts.campaigns;
const R = opts.leads;

const machine = printMachine(machineInfo());
selectAppSource(opts.app);
console.log(
  `scale: ${C} campaigns x ${R} actions, one every ${opts.interval} s (${opts.start} start), runtime ${opts.runtime}`,
);
const runs = [];
for (let i = 1; i <= opts.runs; i++) {
  const r = await scaleRun(opts, i);
  runs.push(r);
  printRun(r);
}

function printRun(r) {
  if (r.aborted) {
    console.log(`run ${r.run} (${r.runtime}, ${r.start}): STOPPED, ${r.aborted}`);
    return;
  }
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
  const mem = r.memory;
  if (mem.waitingSettledMB !== null) {
    console.log(
      `  memory per idle campaign ${round(mem.perIdleCampaignKB, 1)} KB (workerd RSS ${round(mem.noneMB, 0)} MB before any launch, ${round(mem.waitingSettledMB, 0)} MB with ${r.campaigns} waiting after ${opts["idle-settle"]} s; at once after loading ${round(mem.waitingLiveMB, 0)} MB = ${round(mem.perLiveWaitingCampaignKB, 1)} KB each)`,
    );
  }
  console.log(`  sending window: ${describeObserved(r.observed)}`);
  console.log(`  at rest before launch: ${describeObserved(r.observedAtRest)}`);
}

// ---------------------------------------------------------------- summary
const done = runs.filter((r) => !r.aborted);
const m = (f) => median(done.map(f));
const summary = {
  app: done[0]?.app ?? null,
  campaigns: C,
  leadsPerCampaign: R,
  intervalS: opts.interval,
  runtime: opts.runtime,
  start: opts.start,
  runs: runs.length,
  stopped: runs.filter((r) => r.aborted).map((r) => r.aborted),
  actions: m((r) => r.actions),
  actionsInFirstWindow: m((r) => r.actionsInFirstWindow),
  actionsDueInFirstWindow: m((r) => r.actionsDueInFirstWindow),
  actionsPerSecondInFirstWindow: m((r) => r.actionsInFirstWindow / opts.seconds),
  completedCampaigns: m((r) => r.completedCampaigns),
  actionsNotSentByStop: m((r) => r.actionsNotSentByStop),
  completedAllS: m((r) => (r.completedAllMs === null ? Number.NaN : r.completedAllMs / 1000)),
  lastActionAfterStartS: m((r) => r.lastActionAfterStartMs / 1000),
  missed: done.length ? Math.max(...done.map((r) => r.missed)) : null,
  doubled: done.length ? Math.max(...done.map((r) => r.doubled + r.doubledSentEvents)) : null,
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
  memoryPerIdleCampaignKB: m((r) => r.memory.perIdleCampaignKB ?? Number.NaN),
  memoryPerLiveWaitingCampaignKB: m((r) => r.memory.perLiveWaitingCampaignKB ?? Number.NaN),
  launchPhaseS: m((r) => r.launchPhaseMs / 1000),
  busiestThreadPctP50: m((r) => r.observed.busiestThreadPct.p50),
  pingP99Ms: m((r) => r.observed.pingMs.p99 ?? Number.NaN),
  d1ProbeP99Ms: m((r) => r.observed.d1Ms?.p99 ?? Number.NaN),
};
console.log(`\nscale.mjs medians over ${done.length} run(s) (${summary.app}):`);
console.log(JSON.stringify(summary, null, 2));
const file = path.join(
  ensureDir(path.join(benchDir, "results")),
  `scale-${opts.runtime}-${C}x${opts.interval}s-${Date.now()}.json`,
);
writeFileSync(file, JSON.stringify({ bench: "scale", machine, opts, summary, runs }, null, 2));
console.log(`\nRESULT ${JSON.stringify(summary)}`);
log(`details in ${file}`);
