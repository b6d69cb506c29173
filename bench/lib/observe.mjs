// What a run can observe about why an instance falls behind, sampled while it runs:
//   threads   CPU of each thread of the runtime's processes (/proc/<pid>/task), once a second: the
//             busiest thread's share of one core (a workerd isolate runs its objects on one thread, so
//             ~100% there means saturation whatever the machine's other core does)
//   machine   the whole machine's CPU from /proc/stat: busy and iowait shares of all cores (other
//             people's work shows here, and so does waiting on fsync)
//   probes    one request at a time, every `probeMs`: a trivial HTTP request to the app (queueing in the
//             runtime's event loop) and, when given, a D1 query timed inside a Worker (D1's queue)
//   node      this process's event-loop delay (it hosts Miniflare's loopback and the driver)
import { readdirSync, readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sleep } from "./cli.mjs";
import { CLK_TCK } from "./proc-usage.mjs";
import { pct, round } from "./stats.mjs";

function threadTimes(pids) {
  const out = new Map();
  for (const pid of pids) {
    let tids = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const s = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const name = s.slice(s.indexOf("(") + 1, s.lastIndexOf(")"));
        const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
        out.set(`${pid}/${tid}`, { name, ms: ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK });
      } catch {}
    }
  }
  return out;
}

function machineTimes() {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { total, idle: f[3], iowait: f[4] ?? 0 };
  } catch {
    return null;
  }
}

const dist = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 0.5), p99: pct(s, 0.99), max: s.at(-1) ?? null };
};

/**
 * Starts sampling; `stop()` returns the summary. `pids()` gives the runtime's processes (re-read each
 * second); `ping()` and `d1()` are optional async probes (`d1` resolves to the query's ms as timed
 * inside the runtime). `probeMs` 0 turns the probes off.
 */
export function observe({ pids, ping = null, d1 = null, probeMs = 1000, probeTimeoutMs = 10_000 }) {
  const t0 = performance.now();
  let prevThreads = threadTimes(pids());
  let prevT = t0;
  const m0 = machineTimes();
  const busiest = []; // per second: the busiest thread's share of one core, %
  const cores = []; // per second: the processes' CPU in cores
  const byThread = new Map(); // key -> { name, ms } over the window
  const timer = setInterval(() => {
    const now = performance.now();
    const cur = threadTimes(pids());
    let top = 0;
    let sum = 0;
    for (const [k, v] of cur) {
      const d = v.ms - (prevThreads.get(k)?.ms ?? v.ms);
      sum += d;
      top = Math.max(top, d);
      const acc = byThread.get(k) ?? { name: v.name, ms: 0 };
      acc.ms += d;
      byThread.set(k, acc);
    }
    const dt = now - prevT;
    if (dt > 0) {
      busiest.push((top / dt) * 100);
      cores.push(sum / dt);
    }
    prevThreads = cur;
    prevT = now;
  }, 1000);
  timer.unref();

  const pingMs = [];
  const d1Ms = [];
  const d1RoundTripMs = [];
  let probeFailures = 0;
  let probing = probeMs > 0;
  const probeLoop = (async () => {
    while (probing) {
      const started = performance.now();
      if (ping) {
        try {
          await withTimeout(ping(), probeTimeoutMs);
          pingMs.push(performance.now() - started);
        } catch {
          probeFailures++;
        }
      }
      if (d1 && probing) {
        const t = performance.now();
        try {
          d1Ms.push(await withTimeout(d1(), probeTimeoutMs));
          d1RoundTripMs.push(performance.now() - t);
        } catch {
          probeFailures++;
        }
      }
      await sleep(Math.max(0, probeMs - (performance.now() - started)));
    }
  })();

  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();

  return {
    async stop() {
      clearInterval(timer);
      probing = false;
      await probeLoop;
      loop.disable();
      const m1 = machineTimes();
      const secs = (performance.now() - t0) / 1000;
      const threads = [...byThread.values()].sort((a, b) => b.ms - a.ms).slice(0, 3);
      const share = (k) => (m0 && m1 ? round(((m1[k] - m0[k]) / (m1.total - m0.total)) * 100, 1) : null);
      return {
        seconds: round(secs, 1),
        busiestThreadPct: { ...dist(busiest.map((x) => round(x, 1))) },
        runtimeCores: {
          mean: round(cores.reduce((a, b) => a + b, 0) / (cores.length || 1), 2),
          max: round(Math.max(0, ...cores), 2),
        },
        topThreads: threads.map((t) => ({ name: t.name, pctOfWindow: round((t.ms / 1000 / secs) * 100, 1) })),
        machine:
          m0 && m1
            ? { busyPct: round(100 - share("idle") - share("iowait"), 1), iowaitPct: share("iowait") }
            : null,
        pingMs: dist(pingMs.map((x) => round(x, 1))),
        d1Ms: d1 ? dist(d1Ms) : null,
        d1RoundTripMs: d1 ? dist(d1RoundTripMs.map((x) => round(x, 1))) : null,
        probeFailures,
        nodeLoopDelayMs: { p99: round(loop.percentile(99) / 1e6, 1), max: round(loop.max / 1e6, 1) },
      };
    },
  };
}

function withTimeout(promise, ms) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      t = setTimeout(() => reject(new Error("probe timeout")), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

/** One line for a summary from observe(). */
export function describeObserved(o) {
  if (!o) return "not observed";
  const b = o.busiestThreadPct;
  const d1 = o.d1Ms ? `; D1 query p50/p99/max ${o.d1Ms.p50}/${o.d1Ms.p99}/${o.d1Ms.max} ms` : "";
  const mach = o.machine ? `; machine busy ${o.machine.busyPct}% (iowait ${o.machine.iowaitPct}%)` : "";
  return `busiest runtime thread p50/p99/max ${b.p50}/${b.p99}/${b.max}% of a core (${o.topThreads.map((t) => `${t.name} ${t.pctOfWindow}%`).join(", ")}); runtime ${o.runtimeCores.mean} cores mean${mach}; ping p50/p99/max ${o.pingMs.p50}/${o.pingMs.p99}/${o.pingMs.max} ms${d1}; probe failures ${o.probeFailures}; node loop delay p99 ${o.nodeLoopDelayMs.p99} ms`;
}
