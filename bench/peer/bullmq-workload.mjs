#!/usr/bin/env node
// The BullMQ peer for any campaign workload: what a Node team would most likely build instead of the
// engine, i.e. one delayed job per action in one BullMQ queue on Redis, drained by one Worker. Run by
// bench/peer-bullmq.mjs (which starts Redis in the persistence mode asked for); usable alone against
// any local redis-server.
//
// Workload: --campaigns campaigns, each with --actions actions --interval seconds apart (default
// --seconds / --interval actions). Action k of campaign c is due at F + offset(c) + k * interval, where
// F (the first due instant) is --lead seconds after the enqueue starts, and offset(c) is 0 for
// --start=aligned (every campaign's action k due at the same instant, as in scale.mjs and
// alarm-floor.mjs) or c * interval / campaigns for --start=spread (campaign starts spread evenly over
// one interval). Each job carries its due time: `timestamp` = enqueue start, `delay` = due - that.
// "Sending" records Date.now() in the Worker's processor; nothing else is done per job.
//
// Measured (one run; the orchestrator takes medians):
//   lateness     processed-at minus due, nearest-rank p50 / p99 / max (a fixed grid, like scale.mjs's
//                schedule lateness and alarm-floor.mjs's lateness)
//   missed       jobs due but not processed by the report (last due + --report-after s);
//   doubled      jobs processed more than once
//   CPU          node (this process: producer and Worker) + redis-server (utime+stime; the CPU of its
//                reaped children, the append-only-file rewrites, reported apart and included), over
//                the whole run (enqueue to report) and over the sending window (F to report), per
//                1,000 jobs processed
//   memory       peak of node RSS + redis-server RSS, sampled every second (Redis' own used_memory
//                reported too); per idle campaign: (RSS with every job enqueued and none due yet,
//                minus RSS before the enqueue) / campaigns
//   persistence  Redis' appendonly / appendfsync as it reports them, bytes it wrote, AOF rewrites
//
// Usage: node bench/peer/bullmq-workload.mjs --peer-dir=DIR --redis-port=PORT [--campaigns=1000]
//          [--seconds=60] [--interval=1] [--actions=N] [--start=aligned|spread] [--lead=S]
//          [--concurrency=50] [--batch=1000] [--idle-settle=3] [--report-after=10]
// (--peer-dir: a folder where bullmq and ioredis are installed; bench/peer-bullmq.mjs prepares it.)
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { log, parseArgs, sleep } from "../lib/cli.mjs";
import { pidStat } from "../lib/proc-usage.mjs";
import { median, pct, round } from "../lib/stats.mjs";

const opts = parseArgs({
  "peer-dir": "/tmp/peer-bullmq",
  "redis-port": 6390,
  campaigns: 1000,
  seconds: 60,
  interval: 1,
  actions: 0,
  start: "aligned",
  lead: 0,
  concurrency: 50,
  batch: 1000,
  "idle-settle": 3,
  "report-after": 10,
});
const C = opts.campaigns;
const intervalMs = opts.interval * 1000;
const A = opts.actions || Math.max(1, Math.round(opts.seconds / opts.interval));
const jobs = C * A;
if (!["aligned", "spread"].includes(opts.start)) throw new Error("--start must be aligned or spread");
// Time to enqueue everything (about 0.05 ms a job here, 0.2 ms allowed) and to settle for the
// idle-memory sample.
const leadMs = (opts.lead || Math.max(5, Math.ceil(jobs / 5_000) + opts["idle-settle"] + 2)) * 1000;

// bullmq and ioredis live in the peer folder, not in the workspace (both are CommonJS packages).
const fromPeer = createRequire(path.join(path.resolve(opts["peer-dir"]), "package.json"));
const load = (name) => import(pathToFileURL(fromPeer.resolve(name)).href);
const { Queue, Worker } = await load("bullmq");
const { Redis: IORedis } = await load("ioredis");
const bullmqVersion = fromPeer("bullmq/package.json").version;
const ioredisVersion = fromPeer("ioredis/package.json").version;

const connection = { host: "127.0.0.1", port: opts["redis-port"], maxRetriesPerRequest: null };
const admin = new IORedis({ ...connection, connectionName: "bench-admin" });
const info = async (section) =>
  Object.fromEntries(
    (await admin.info(section))
      .split("\r\n")
      .filter((l) => l.includes(":"))
      .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1)]),
  );
const server = await info("server");
const redisPid = Number(server.process_id);
const config = {};
for (const key of ["appendonly", "appendfsync", "save", "hz", "dir"]) {
  const [, value] = await admin.config("GET", key);
  config[key] = value;
}
const persistence = config.appendonly === "yes" ? `aof-${config.appendfsync}` : "none";

// ---------------------------------------------------------------- probes
const nodeCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpuNow = () => {
  const r = pidStat(redisPid);
  return { node: nodeCpuMs(), redis: r?.cpuMs ?? Number.NaN, redisChildren: r?.childCpuMs ?? Number.NaN };
};
const memNow = async () => {
  const m = await info("memory");
  return {
    nodeRssMB: process.memoryUsage().rss / 2 ** 20,
    redisRssMB: pidStat(redisPid)?.rssMB ?? Number.NaN,
    redisUsedMB: Number(m.used_memory) / 2 ** 20,
  };
};
/** Median of a few memory samples a second apart (one sample is noisy). */
const memSettled = async (samples = 3) => {
  const got = [];
  for (let i = 0; i < samples; i++) {
    globalThis.gc?.(); // run with --expose-gc (as bench/peer-bullmq.mjs does) to drop the producer's garbage
    got.push(await memNow());
    if (i < samples - 1) await sleep(1000);
  }
  const m = (k) => median(got.map((x) => x[k]));
  return { nodeRssMB: m("nodeRssMB"), redisRssMB: m("redisRssMB"), redisUsedMB: m("redisUsedMB") };
};
const peak = { totalRssMB: 0, nodeRssMB: 0, redisRssMB: 0, redisUsedMB: 0 };
const samplePeak = async () => {
  try {
    const m = await memNow();
    peak.nodeRssMB = Math.max(peak.nodeRssMB, m.nodeRssMB);
    peak.redisRssMB = Math.max(peak.redisRssMB, m.redisRssMB);
    peak.redisUsedMB = Math.max(peak.redisUsedMB, m.redisUsedMB);
    peak.totalRssMB = Math.max(peak.totalRssMB, m.nodeRssMB + m.redisRssMB);
  } catch {}
};

// ---------------------------------------------------------------- queue and worker
const queueName = `campaigns-${process.pid}-${Date.now().toString(36)}`;
const processedAt = []; // [jobId, Date.now()] in processing order
const queue = new Queue(queueName, { connection });
const worker = new Worker(
  queueName,
  async (job) => {
    processedAt.push([job.id, Date.now()]);
  },
  {
    connection,
    concurrency: opts.concurrency,
    removeOnComplete: { count: 0 },
    removeOnFail: { count: 1000 },
  },
);
worker.on("error", (e) => log("worker error", e.message));
await queue.waitUntilReady();
await worker.waitUntilReady();
await sleep(1000);
const memNone = await memSettled();
const sampler = setInterval(samplePeak, 1000);
await samplePeak();

// ---------------------------------------------------------------- enqueue (in due order)
const offsetOf = (c) => (opts.start === "spread" ? Math.floor((c * intervalMs) / C) : 0);
const cpu0 = cpuNow();
const io0 = pidStat(redisPid)?.writeBytes ?? Number.NaN;
const tEnqueue = Date.now();
const first = tEnqueue + leadMs;
const dueOf = (c, k) => first + offsetOf(c) + k * intervalMs;
let batch = [];
for (let k = 0; k < A; k++) {
  for (let c = 0; c < C; c++) {
    batch.push({
      name: "action",
      data: { c, k },
      opts: { jobId: `${c}-${k}`, timestamp: tEnqueue, delay: dueOf(c, k) - tEnqueue },
    });
    if (batch.length === opts.batch) {
      await queue.addBulk(batch);
      batch = [];
    }
  }
}
if (batch.length) await queue.addBulk(batch);
const tEnqueued = Date.now();
const cpuEnqueued = cpuNow();
if (tEnqueued > first - 1000)
  log(`WARNING: the enqueue ended ${tEnqueued - first} ms after the first due; raise --lead`);

// ---------------------------------------------------------------- idle: everything enqueued, nothing due
await sleep(Math.max(0, Math.min(opts["idle-settle"] * 1000, first - 3500 - Date.now())));
const memIdle = Date.now() < first - 2500 ? await memSettled() : null;
await sleep(Math.max(0, first - Date.now()));
const cpuFirst = cpuNow();

// ---------------------------------------------------------------- report at last due + report-after
const lastDue = dueOf(C - 1, A - 1);
await sleep(Math.max(0, lastDue + opts["report-after"] * 1000 - Date.now()));
const cpuEnd = cpuNow();
const tEnd = Date.now();
await samplePeak();
clearInterval(sampler);
const io1 = pidStat(redisPid)?.writeBytes ?? Number.NaN;
const persistInfo = await info("persistence");

const seen = new Map();
let doubled = 0;
const late = [];
for (const [id, at] of processedAt) {
  if (seen.has(id)) {
    doubled++;
    continue;
  }
  seen.set(id, at);
  const [c, k] = id.split("-").map(Number);
  late.push(at - dueOf(c, k));
}
late.sort((a, b) => a - b);
const processed = seen.size;
const cpuOf = (a, b) => b.node - a.node + (b.redis - a.redis) + (b.redisChildren - a.redisChildren);
const per1k = (ms) => (processed ? (ms / processed) * 1000 : null);
const result = {
  runner: "bench/peer/bullmq-workload.mjs",
  persistence,
  redisConfig: config,
  campaigns: C,
  actionsPerCampaign: A,
  intervalS: opts.interval,
  start: opts.start,
  concurrency: opts.concurrency,
  jobs,
  enqueueMs: tEnqueued - tEnqueue,
  leadMs,
  processed,
  missed: jobs - processed,
  doubled,
  latenessMs: { p50: pct(late, 0.5), p99: pct(late, 0.99), max: late.at(-1) ?? null, min: late[0] ?? null },
  windowS: round((tEnd - tEnqueue) / 1000, 1),
  sendWindowS: round((tEnd - first) / 1000, 1),
  cpu: {
    nodeS: round((cpuEnd.node - cpu0.node) / 1000, 3),
    redisS: round((cpuEnd.redis - cpu0.redis) / 1000, 3),
    redisChildrenS: round((cpuEnd.redisChildren - cpu0.redisChildren) / 1000, 3),
    enqueueS: round(cpuOf(cpu0, cpuEnqueued) / 1000, 3),
    msPer1kActions: round(per1k(cpuOf(cpu0, cpuEnd)), 1),
    msPer1kActionsSending: round(per1k(cpuOf(cpuFirst, cpuEnd)), 1),
  },
  memory: {
    peakRssMB: round(peak.totalRssMB, 1),
    peakNodeRssMB: round(peak.nodeRssMB, 1),
    peakRedisRssMB: round(peak.redisRssMB, 1),
    peakRedisUsedMB: round(peak.redisUsedMB, 1),
    noneRssMB: round(memNone.nodeRssMB + memNone.redisRssMB, 1),
    idleRssMB: memIdle ? round(memIdle.nodeRssMB + memIdle.redisRssMB, 1) : null,
    idleKBPerCampaign: memIdle
      ? round(
          ((memIdle.nodeRssMB + memIdle.redisRssMB - memNone.nodeRssMB - memNone.redisRssMB) * 1024) / C,
          2,
        )
      : null,
    idleRedisUsedKBPerCampaign: memIdle
      ? round(((memIdle.redisUsedMB - memNone.redisUsedMB) * 1024) / C, 2)
      : null,
  },
  redisWroteMB: round((io1 - io0) / 2 ** 20, 1),
  aofRewrites: Number(persistInfo.aof_rewrites ?? 0),
  versions: {
    node: process.version,
    bullmq: bullmqVersion,
    ioredis: ioredisVersion,
    redis: server.redis_version,
  },
};
console.log(`RESULT ${JSON.stringify(result)}`);

// Cleanup, outside the measured window.
const force = setTimeout(() => process.exit(0), 15_000);
force.unref();
try {
  await worker.close(true);
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  await admin.quit();
} catch (e) {
  log("cleanup", e.message);
}
process.exit(0);
