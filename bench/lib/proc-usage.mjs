// CPU and memory of processes, from /proc: process trees, cumulative CPU (utime+stime) and RSS of
// each process, this process's own CPU, and a once-a-second RSS sampler that keeps the peak.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();
const PAGE_KB = (() => {
  try {
    return Number(execFileSync("getconf", ["PAGESIZE"]).toString().trim()) / 1024 || 4;
  } catch {
    return 4;
  }
})();

function readStat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = s.slice(s.indexOf("(") + 1, s.lastIndexOf(")"));
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    const rssPages = Number(f[21]);
    return {
      pid,
      comm,
      ppid: Number(f[1]),
      cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK,
      rssMB: (rssPages * PAGE_KB) / 1024,
    };
  } catch {
    return null;
  }
}

/** The process and all its descendants, each with comm, cumulative CPU ms (utime+stime) and RSS MB. */
export function processTree(rootPid) {
  const all = [];
  for (const d of readdirSync("/proc")) if (/^\d+$/.test(d)) all.push(readStat(Number(d)));
  const byParent = new Map();
  for (const p of all) {
    if (!p) continue;
    if (!byParent.has(p.ppid)) byParent.set(p.ppid, []);
    byParent.get(p.ppid).push(p);
  }
  const root = all.find((p) => p && p.pid === rootPid);
  if (!root) return [];
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(byParent.get(out[i].pid) ?? []));
  for (const p of out) {
    try {
      p.args = readFileSync(`/proc/${p.pid}/cmdline`, "utf8").split("\0").join(" ").slice(0, 300);
    } catch {
      p.args = "";
    }
  }
  return out;
}

/** Classifies a wrangler dev tree: node (wrangler CLI), workerd (runtime), other (esbuild...). */
export function treeUsage(rootPid) {
  const procs = processTree(rootPid);
  const sum = (f) =>
    procs.filter(f).reduce((a, p) => ({ cpuMs: a.cpuMs + p.cpuMs, rssMB: a.rssMB + p.rssMB }), {
      cpuMs: 0,
      rssMB: 0,
    });
  return {
    procs,
    workerd: sum((p) => p.comm === "workerd"),
    node: sum((p) => p.comm === "node"),
    other: sum((p) => p.comm !== "workerd" && p.comm !== "node"),
    all: sum(() => true),
  };
}

export function selfCpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The RSS sum (MB) of some process trees plus `extra()`, and its split by process name. */
export function rssNow(rootPids, extra = () => 0) {
  let total = extra();
  const parts = {};
  for (const pid of rootPids()) {
    const u = treeUsage(pid);
    for (const p of u.procs) {
      parts[p.comm] = (parts[p.comm] ?? 0) + p.rssMB;
      total += p.rssMB;
    }
  }
  return { total, parts };
}

/**
 * Samples the RSS sum of some process trees once a second; keeps the peak. `onSample(totalMB)`, when
 * given, sees every sample (a guard that stops a run before it exhausts the machine's memory).
 */
export function rssSampler(rootPids, extra = () => 0, onSample = null) {
  let peak = 0;
  let peakParts = null;
  const tick = () => {
    const { total, parts } = rssNow(rootPids, extra);
    if (total > peak) {
      peak = total;
      peakParts = parts;
    }
    onSample?.(total);
  };
  tick();
  const timer = setInterval(tick, 1000);
  timer.unref();
  return {
    stop() {
      tick();
      clearInterval(timer);
      return { peakMB: peak, parts: peakParts };
    },
  };
}

/** CPU ms and RSS MB of a set of pids (e.g. Miniflare's workerd). */
export function pidsUsage(pids) {
  let cpuMs = 0;
  let rssMB = 0;
  for (const pid of pids) {
    for (const p of processTree(pid)) {
      cpuMs += p.cpuMs;
      rssMB += p.rssMB;
    }
  }
  return { cpuMs, rssMB };
}

/**
 * One process (all its threads): CPU ms (utime+stime), CPU ms of its reaped children (cutime+cstime,
 * e.g. the fork that rewrites Redis' append-only file), RSS MB, and bytes it wrote to storage
 * (/proc/<pid>/io write_bytes; null where that file cannot be read). Null when the process is gone.
 */
export function pidStat(pid) {
  const s = readStat(pid);
  if (!s) return null;
  let childCpuMs = 0;
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    childCpuMs = ((Number(f[13]) + Number(f[14])) * 1000) / CLK_TCK;
  } catch {}
  let writeBytes = null;
  try {
    writeBytes = Number(
      /write_bytes:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/io`, "utf8"))?.[1] ?? Number.NaN,
    );
  } catch {}
  return { cpuMs: s.cpuMs, childCpuMs, rssMB: s.rssMB, writeBytes };
}
