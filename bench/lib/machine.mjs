// The machine a benchmark ran on, printed at the start of every script and saved with its results.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiDir } from "./paths.mjs";
import { round } from "./stats.mjs";

export function machineInfo() {
  const cpuModel = (() => {
    try {
      const m = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"));
      return m ? m[1].trim() : os.cpus()[0]?.model;
    } catch {
      return os.cpus()[0]?.model;
    }
  })();
  const osName = (() => {
    try {
      return /PRETTY_NAME="?([^"\n]*)/.exec(readFileSync("/etc/os-release", "utf8"))?.[1];
    } catch {
      return os.type();
    }
  })();
  let wrangler = "?";
  try {
    wrangler = JSON.parse(
      readFileSync(path.join(apiDir, "node_modules", "wrangler", "package.json"), "utf8"),
    ).version;
  } catch {}
  return {
    date: new Date().toISOString(),
    cpu: cpuModel,
    cores: os.cpus().length,
    memoryGB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    os: `${osName} (${os.type()} ${os.release()} ${os.arch()})`,
    wrangler,
    loadavg: loadNow(),
  };
}

export function printMachine(info = machineInfo()) {
  console.log(
    `machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGB} GB RAM, node ${info.node}, ${info.os}, wrangler ${info.wrangler}`,
  );
  console.log(`date: ${info.date}   load average at start: ${info.loadavg.join(" ")}`);
  // Other engineers share the machine: the load at the end says whether the run stayed quiet.
  process.once("exit", () => console.log(`load average at end: ${loadNow().join(" ")}`));
  return info;
}

/** 1, 5 and 15 minute load averages, as `uptime` prints them. */
export function loadNow() {
  return os.loadavg().map((x) => round(x, 2));
}
