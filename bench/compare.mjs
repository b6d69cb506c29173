#!/usr/bin/env node
// One sitting, one workload, three systems: Cadence (bench/scale.mjs), the platform floor
// (bench/alarm-floor.mjs) and the BullMQ peer in each Redis persistence mode (bench/peer-bullmq.mjs),
// interleaved round by round (round 1 of each, then round 2...) so that a change in the machine's load
// falls on all of them; then the medians over the rounds and Cadence's ratios to each baseline. Each
// script is run as it would be by hand, with --runs=1, and prints its own details; this one reads their
// RESULT lines.
//
// Workloads (--workload): `second` (default) 1,000 campaigns x 1 action/s x 60 s (issue 5's, and issue
// 11's CPU and lateness targets); `minute` 10,000 campaigns x 1 action a minute x 5 minutes (issue 11's
// count workload). --campaigns, --interval, --seconds and --start override the preset.
//
// Usage: node bench/compare.mjs [--workload=second|minute] [--rounds=3] [--start=aligned|spread]
//          [--persistence=none,everysec,always] [--systems=cadence,floor,bullmq]
//          [--app=HEAD|worktree|<commit>] [--runtime=miniflare|wrangler]
import { writeFileSync } from "node:fs";
import path from "node:path";
import { log, parseArgs } from "./lib/cli.mjs";
import { loadNow, machineInfo, printMachine } from "./lib/machine.mjs";
import { benchDir, ensureDir } from "./lib/paths.mjs";
import { spawnTracked } from "./lib/processes.mjs";
import { median, round } from "./lib/stats.mjs";

const PRESETS = {
  second: { campaigns: 1000, interval: 1, seconds: 60 },
  minute: { campaigns: 10000, interval: 60, seconds: 300 },
};
const opts = parseArgs({
  workload: "second",
  campaigns: 0,
  interval: 0,
  seconds: 0,
  start: "aligned",
  rounds: 3,
  persistence: "none,everysec,always",
  systems: "cadence,floor,bullmq",
  app: "worktree",
  runtime: "miniflare",
});
const preset = PRESETS[opts.workload];
if (!preset) throw new Error(`--workload: ${Object.keys(PRESETS).join("|")}`);
const w = {
  campaigns: opts.campaigns || preset.campaigns,
  interval: opts.interval || preset.interval,
  seconds: opts.seconds || preset.seconds,
  start: opts.start,
};
const common = [
  `--campaigns=${w.campaigns}`,
  `--interval=${w.interval}`,
  `--seconds=${w.seconds}`,
  `--start=${w.start}`,
];
const systems = opts.systems.split(",");
const modes = opts.persistence.split(",").filter(Boolean);

const machine = printMachine(machineInfo());
console.log(
  `compare: ${w.campaigns} campaigns x one action every ${w.interval} s x ${w.seconds} s (${w.start} start); ${systems.join(", ")}${systems.includes("bullmq") ? ` (Redis: ${modes.join(", ")})` : ""}; ${opts.rounds} round(s), interleaved`,
);

/** The load average around each run (`uptime`'s three figures), printed at the end. */
const loads = [];

/** Runs one bench script with --runs=1; its stdout goes through, its RESULT line comes back parsed. */
async function runScript(script, args) {
  const before = loadNow();
  const result = await runScriptOnce(script, args);
  const after = loadNow();
  loads.push({ script, before, after });
  log(`${script}: load average before ${before.join(" ")}, after ${after.join(" ")}`);
  return result;
}

function runScriptOnce(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(process.execPath, [path.join(benchDir, script), "--runs=1", ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line)
        reject(new Error(`${script} exited ${code}${line ? "" : " without a RESULT"}`));
      else resolve(JSON.parse(line.slice(7)));
    });
  });
}

const rounds = [];
for (let r = 1; r <= opts.rounds; r++) {
  const got = { round: r };
  if (systems.includes("cadence")) {
    log(`round ${r}: Cadence (scale.mjs)`);
    got.cadence = await runScript("scale.mjs", [...common, `--runtime=${opts.runtime}`, `--app=${opts.app}`]);
  }
  if (systems.includes("floor")) {
    log(`round ${r}: the floor (alarm-floor.mjs)`);
    got.floor = await runScript("alarm-floor.mjs", common);
  }
  if (systems.includes("bullmq")) {
    log(`round ${r}: BullMQ (peer-bullmq.mjs)`);
    got.bullmq = await runScript("peer-bullmq.mjs", [...common, `--persistence=${modes.join(",")}`]);
  }
  rounds.push(got);
}

// ---------------------------------------------------------------- medians and ratios
const med = (f) => median(rounds.map((x) => f(x) ?? Number.NaN));
const col = {};
if (systems.includes("cadence")) {
  col.Cadence = {
    "wake lateness p50 (ms)": med((x) => x.cadence.wakeLatenessMs.p50),
    "wake lateness p99 (ms)": med((x) => x.cadence.wakeLatenessMs.p99),
    "grid lateness p50 (ms)": med((x) => x.cadence.scheduleLatenessMs.p50),
    "grid lateness p99 (ms)": med((x) => x.cadence.scheduleLatenessMs.p99),
    "CPU ms per 1,000 actions": med((x) => x.cadence.cpuMsPer1kActionsSending),
    "peak memory (MB)": med((x) => x.cadence.peakRssMB),
    "memory per idle campaign (KB)": med((x) => x.cadence.memoryPerIdleCampaignKB),
    "actions done": med((x) => x.cadence.actions),
    "missed (max)": Math.max(...rounds.map((x) => x.cadence.missed)),
    "doubled (max)": Math.max(...rounds.map((x) => x.cadence.doubled)),
  };
}
if (systems.includes("floor")) {
  // The floor's and the peer's jobs have fixed due times: one lateness, the grid's, fills both rows.
  const p50 = med((x) => x.floor.latenessMs.p50);
  const p99 = med((x) => x.floor.latenessMs.p99);
  col.floor = {
    "wake lateness p50 (ms)": p50,
    "wake lateness p99 (ms)": p99,
    "grid lateness p50 (ms)": p50,
    "grid lateness p99 (ms)": p99,
    "CPU ms per 1,000 actions": med((x) => x.floor.cpuMsPer1kJobs),
    "peak memory (MB)": med((x) => x.floor.peakRssMB),
    "memory per idle campaign (KB)": med((x) => x.floor.memoryPerIdleObjectKB),
    "actions done": med((x) => x.floor.jobsDone),
    "missed (max)": Math.max(...rounds.map((x) => x.floor.missed)),
    "doubled (max)": Math.max(...rounds.map((x) => x.floor.doubled)),
  };
}
if (systems.includes("bullmq")) {
  for (const mode of modes) {
    const p50 = med((x) => x.bullmq[mode].latenessMs.p50);
    const p99 = med((x) => x.bullmq[mode].latenessMs.p99);
    col[`BullMQ ${mode}`] = {
      "wake lateness p50 (ms)": p50,
      "wake lateness p99 (ms)": p99,
      "grid lateness p50 (ms)": p50,
      "grid lateness p99 (ms)": p99,
      // The sending window, as for Cadence and the floor (enqueueing is the peer's launch).
      "CPU ms per 1,000 actions": med((x) => x.bullmq[mode].cpuMsPer1kActionsSending),
      "peak memory (MB)": med((x) => x.bullmq[mode].peakRssMB),
      "memory per idle campaign (KB)": med((x) => x.bullmq[mode].idleKBPerCampaign),
      "actions done": med((x) => x.bullmq[mode].processed),
      "missed (max)": Math.max(...rounds.map((x) => x.bullmq[mode].missed)),
      "doubled (max)": Math.max(...rounds.map((x) => x.bullmq[mode].doubled)),
    };
  }
}
const names = Object.keys(col);
const rows = Object.keys(col[names[0]] ?? {});
const ratioCols = col.Cadence ? names.filter((n) => n !== "Cadence") : [];
const fmt = (x) => (Number.isFinite(x) ? String(round(x, x >= 100 ? 0 : 1)) : "-");
const table = [
  ["", ...names, ...ratioCols.map((n) => `Cadence / ${n}`)],
  ...rows.map((row) => [
    row,
    ...names.map((n) => fmt(col[n][row])),
    ...ratioCols.map((n) => {
      const q = col.Cadence[row] / col[n][row];
      const counted = row.startsWith("missed") || row.startsWith("doubled");
      return counted || !Number.isFinite(q) || col[n][row] <= 0 ? "" : `x${round(q, 2)}`;
    }),
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log(
  `\ncompare: medians over ${rounds.length} round(s); app ${rounds[0]?.cadence?.app ?? "(Cadence not run)"}`,
);
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(table[0]));
console.log(line(widths.map((n) => "-".repeat(n))));
for (const r of table.slice(1)) console.log(line(r));
console.log(
  "(Cadence's wake lateness is against the instant each object armed for; the floor's and BullMQ's jobs have fixed due times, so their one lateness fills both rows. CPU: the sending window of each; memory per idle campaign: Cadence and the floor from workerd's RSS, BullMQ from node + redis RSS.)",
);
console.log("\nload average (1, 5, 15 min) before and after each run:");
for (const l of loads)
  console.log(`  ${l.script.padEnd(16)} ${l.before.join(" ")}  ->  ${l.after.join(" ")}`);
const summary = { workload: w, app: rounds[0]?.cadence?.app ?? null, medians: col, loads };
const file = path.join(
  ensureDir(path.join(benchDir, "results")),
  `compare-${opts.workload}-${Date.now()}.json`,
);
writeFileSync(file, JSON.stringify({ bench: "compare", machine, opts, summary, rounds }, null, 2));
console.log(`\nRESULT ${JSON.stringify(summary)}`);
log(`details in ${file}`);
