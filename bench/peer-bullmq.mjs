#!/usr/bin/env node
// The peer: BullMQ delayed jobs on a local Redis, in three persistence modes, same workload as
// bench/scale.mjs and bench/alarm-floor.mjs. Cadence records every send durably before it reports it;
// Redis without persistence loses every queued job on a crash, so it is not the like-for-like peer.
// The modes (each a redis-server started by this script, on a free port, its files in a fresh folder
// under bench/.state, on the same disk as the engine's SQLite):
//   none      --save "" --appendonly no                       (in memory only, as measured until now)
//   everysec  --save "" --appendonly yes --appendfsync everysec (append-only file, fsync once a second:
//                                                               a crash loses up to a second of jobs)
//   always    --save "" --appendonly yes --appendfsync always   (fsync before each write is answered)
// Runs are interleaved (run 1 of every mode, then run 2...), so that a change in the machine's load
// does not fall on one mode; each run gets a fresh redis-server and folder.
//
// Runners (--runner):
//   ours    (default) bench/peer/bullmq-workload.mjs: any campaign count, interval, duration and start
//           (aligned or spread), idle memory per campaign, Redis' persistence reported from Redis
//   shared  the team's peer script, unchanged, for the 1 action/s aligned workload only (it takes
//           --campaigns and --seconds): --peer-src points at it (default: bench-peers/ in the shared
//           folder beside the repository); a cross-check of ours
//
// The client libraries are installed once in a scratch folder outside the repository (--peer-dir, default
// /tmp/peer-bullmq: npm init -y; npm install bullmq@6.7.0 ioredis@6.0.0); redis-server comes from Debian
// (apt-get install -y redis-server when missing). Redis and the runner are stopped on any exit.
//
// Usage: node bench/peer-bullmq.mjs [--campaigns=1000] [--seconds=60] [--interval=1] [--runs=3]
//          [--start=aligned|spread] [--persistence=none,everysec,always] [--runner=ours|shared]
//          [--concurrency=50] [--peer-dir=/tmp/peer-bullmq] [--peer-src=FILE] [--keep-state=0]
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { freePort, log, parseArgs, sleep } from "./lib/cli.mjs";
import { machineInfo, printMachine } from "./lib/machine.mjs";
import { benchDir, ensureDir, repoDir, stateDir } from "./lib/paths.mjs";
import { spawnTracked, stopTracked } from "./lib/processes.mjs";
import { median, round } from "./lib/stats.mjs";

const opts = parseArgs({
  campaigns: 1000,
  seconds: 60,
  interval: 1,
  runs: 3,
  start: "aligned",
  persistence: "none,everysec,always",
  runner: "ours",
  concurrency: 50,
  "peer-dir": "/tmp/peer-bullmq",
  "peer-src": path.join(repoDir, "..", "shared", "bench-peers", "bullmq-schedule.mjs"),
  "keep-state": "0",
});
const PEER_DIR = opts["peer-dir"];
const PEER_SRC = opts["peer-src"];
const MODES = {
  none: ["--appendonly", "no"],
  everysec: ["--appendonly", "yes", "--appendfsync", "everysec"],
  always: ["--appendonly", "yes", "--appendfsync", "always"],
};
const modes = opts.persistence.split(",").filter(Boolean);
for (const m of modes) if (!MODES[m]) throw new Error(`unknown persistence mode ${m} (none|everysec|always)`);
if (opts.runner === "shared" && (opts.interval !== 1 || opts.start !== "aligned")) {
  throw new Error("--runner=shared runs only the 1 action/s aligned workload; use --runner=ours");
}

const machine = printMachine(machineInfo());
preparePeerDir();
const redisVersion = execFileSync("redis-server", ["--version"], { encoding: "utf8" }).trim();
console.log(`redis: ${redisVersion}; runner: ${opts.runner}; peer folder ${PEER_DIR}`);
console.log(
  `workload: ${opts.campaigns} campaigns, one action every ${opts.interval} s for ${opts.seconds} s (${opts.start} start); modes ${modes.join(", ")}; ${opts.runs} run(s) each, interleaved`,
);

function preparePeerDir() {
  ensureDir(PEER_DIR);
  const pinned = () => {
    try {
      execFileSync(
        "node",
        [
          "-e",
          "process.exit(require('bullmq/package.json').version === '6.7.0' && require('ioredis/package.json').version === '6.0.0' ? 0 : 1)",
        ],
        { cwd: PEER_DIR, stdio: "ignore" },
      );
      return true;
    } catch {
      return false;
    }
  };
  if (!existsSync(path.join(PEER_DIR, "package.json")))
    execFileSync("npm", ["init", "-y"], { cwd: PEER_DIR, stdio: "ignore" });
  if (!pinned()) {
    log(`installing bullmq@6.7.0 ioredis@6.0.0 in ${PEER_DIR}`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "bullmq@6.7.0", "ioredis@6.0.0"], {
      cwd: PEER_DIR,
      stdio: "inherit",
    });
  }
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
  } catch {
    log("redis-server missing: apt-get install -y redis-server");
    execFileSync("sh", ["-c", "apt-get update && apt-get install -y redis-server"], { stdio: "inherit" });
  }
}

/** Resolves once something answers PING on the port. */
async function redisReady(port, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => s.write("PING\r\n"));
      s.on("data", (d) => {
        s.destroy();
        resolve(d.toString().startsWith("+PONG"));
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`redis on ${port} did not answer within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Runs a node script to its end, passing its stderr through; returns its stdout. */
function runNode(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.on("exit", (code) =>
      code === 0 || code === 2 ? resolve(out) : reject(new Error(`${args[0]} exited ${code}`)),
    );
  });
}

/** The shared script's RESULT in the shape of ours (the fields both have). */
function fromShared(r) {
  return {
    runner: "shared bullmq-schedule.mjs",
    campaigns: r.campaigns,
    actionsPerCampaign: r.seconds,
    intervalS: 1,
    jobs: r.enqueued,
    processed: r.processed,
    missed: r.missed,
    doubled: r.duplicates,
    enqueueMs: r.enqueueMs,
    latenessMs: { p50: r.lateP50, p99: r.lateP99, max: r.lateMax, min: r.lateMin },
    cpu: {
      nodeS: r.cpuNodeS,
      redisS: r.cpuRedisS,
      msPer1kActions: r.cpuMsPer1kActions,
      msPer1kActionsSending: null,
    },
    memory: { peakRssMB: null, peakNodeRssMB: r.peakNodeRssMB, peakRedisUsedMB: r.peakRedisUsedMemMB },
    versions: r.versions,
  };
}

async function oneRun(mode, runNo) {
  const dir = mkdtempSync(path.join(ensureDir(stateDir), `redis-${mode}-`));
  const port = await freePort();
  const redis = spawnTracked(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--dir",
      dir,
      ...MODES[mode],
      "--daemonize",
      "no",
    ],
    { cwd: dir, stdio: "ignore" },
  );
  try {
    await redisReady(port);
    let out;
    if (opts.runner === "shared") {
      execFileSync("cp", [PEER_SRC, path.join(PEER_DIR, "bullmq-schedule.mjs")]);
      out = await runNode(
        [
          "bullmq-schedule.mjs",
          `--campaigns=${opts.campaigns}`,
          `--seconds=${opts.seconds}`,
          `--port=${port}`,
          "--quiet",
        ],
        PEER_DIR,
      );
    } else {
      out = await runNode(
        [
          // gc() before each idle-memory sample, so that the producer's garbage is not counted.
          "--expose-gc",
          path.join(benchDir, "peer", "bullmq-workload.mjs"),
          `--peer-dir=${PEER_DIR}`,
          `--redis-port=${port}`,
          `--campaigns=${opts.campaigns}`,
          `--seconds=${opts.seconds}`,
          `--interval=${opts.interval}`,
          `--start=${opts.start}`,
          `--concurrency=${opts.concurrency}`,
        ],
        benchDir,
      );
    }
    const line = out.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error(`no RESULT from the ${opts.runner} runner:\n${out.slice(-2000)}`);
    const raw = JSON.parse(line.slice(7));
    const r = opts.runner === "shared" ? fromShared(raw) : raw;
    return { mode, run: runNo, ...r, aofBytes: aofBytes(dir) };
  } finally {
    await stopTracked(redis);
    if (opts["keep-state"] === "0") rmSync(dir, { recursive: true, force: true });
  }
}

function aofBytes(dir) {
  try {
    return Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]);
  } catch {
    return null;
  }
}

const f = (x, d = 0) => (Number.isFinite(x) ? round(x, d) : "-");
function printRun(r) {
  console.log(
    `[${r.mode}] run ${r.run}: ${r.processed}/${r.jobs} jobs, missed ${r.missed}, doubled ${r.doubled}; lateness p50/p99/max ${r.latenessMs.p50}/${r.latenessMs.p99}/${r.latenessMs.max} ms; CPU ${f(r.cpu.msPer1kActions)} ms/1k incl. enqueue (${f(r.cpu.msPer1kActionsSending)} sending window; node ${f(r.cpu.nodeS, 2)} s + redis ${f(r.cpu.redisS, 2)} s); peak RSS ${f(r.memory.peakRssMB)} MB (redis used ${f(r.memory.peakRedisUsedMB, 1)} MB); idle ${f(r.memory.idleKBPerCampaign, 1)} KB/campaign; on disk ${f(r.aofBytes / 2 ** 20, 1)} MB`,
  );
}

const runs = [];
for (let i = 1; i <= opts.runs; i++) {
  for (const mode of modes) {
    log(`[${mode}] run ${i}`);
    const r = await oneRun(mode, i);
    runs.push(r);
    printRun(r);
  }
}

// ---------------------------------------------------------------- medians per mode, ratios to `none`
const summary = {};
for (const mode of modes) {
  const rs = runs.filter((r) => r.mode === mode);
  const m = (fn) => median(rs.map(fn));
  summary[mode] = {
    runs: rs.length,
    jobs: rs[0]?.jobs,
    processed: m((r) => r.processed),
    missed: Math.max(...rs.map((r) => r.missed)),
    doubled: Math.max(...rs.map((r) => r.doubled)),
    latenessMs: {
      p50: m((r) => r.latenessMs.p50),
      p99: m((r) => r.latenessMs.p99),
      max: m((r) => r.latenessMs.max),
    },
    cpuMsPer1kActions: m((r) => r.cpu.msPer1kActions),
    cpuMsPer1kActionsSending: m((r) => r.cpu.msPer1kActionsSending ?? Number.NaN),
    peakRssMB: m((r) => r.memory.peakRssMB ?? Number.NaN),
    peakRedisUsedMB: m((r) => r.memory.peakRedisUsedMB),
    idleKBPerCampaign: m((r) => r.memory.idleKBPerCampaign ?? Number.NaN),
    enqueueMs: m((r) => r.enqueueMs),
    onDiskMB: m((r) => (r.aofBytes ?? Number.NaN) / 2 ** 20),
  };
}
console.log(`\nBullMQ medians over ${opts.runs} run(s) per mode:`);
for (const [mode, s] of Object.entries(summary)) {
  const base = summary.none;
  const ratio = (a, b) =>
    base && mode !== "none" && Number.isFinite(a / b) ? ` (x${round(a / b)} none)` : "";
  console.log(
    `  ${mode.padEnd(8)} lateness p50/p99/max ${s.latenessMs.p50}/${s.latenessMs.p99}${ratio(s.latenessMs.p99, base?.latenessMs.p99)}/${s.latenessMs.max} ms; CPU ${f(s.cpuMsPer1kActions)} ms/1k incl. enqueue${ratio(s.cpuMsPer1kActions, base?.cpuMsPer1kActions)}, ${f(s.cpuMsPer1kActionsSending)} sending window; peak RSS ${f(s.peakRssMB)} MB; idle ${f(s.idleKBPerCampaign, 1)} KB/campaign; missed ${s.missed}, doubled ${s.doubled}`,
  );
}
const file = path.join(
  ensureDir(path.join(benchDir, "results")),
  `peer-bullmq-${opts.campaigns}x${opts.interval}s-${Date.now()}.json`,
);
writeFileSync(
  file,
  JSON.stringify({ bench: "peer-bullmq", machine, opts, redisVersion, summary, runs }, null, 2),
);
console.log(`\nRESULT ${JSON.stringify(summary)}`);
log(`details in ${file}`);
