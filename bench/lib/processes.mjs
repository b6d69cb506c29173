// Child processes that always stop: each long-running child (wrangler dev, redis) runs in its own
// process group and is killed on exit, on errors and on Ctrl-C. Importing this module installs the
// handlers; every module that starts a runtime imports it.
import { spawn } from "node:child_process";
import { log } from "./cli.mjs";

const children = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {}
}

function cleanupSync() {
  for (const c of children) killGroup(c, "SIGKILL");
  children.clear();
}
process.on("exit", cleanupSync);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    log(`received ${sig}, stopping child processes`);
    cleanupSync();
    process.exit(130);
  });
}
process.on("uncaughtException", (err) => {
  console.error(err);
  cleanupSync();
  process.exit(1);
});
process.on("unhandledRejection", (err) => {
  console.error(err);
  cleanupSync();
  process.exit(1);
});

/** Spawns a long-running process in its own process group, tracked so that it is killed on any exit. */
export function spawnTracked(cmd, args, opts) {
  const child = spawn(cmd, args, { ...opts, detached: true });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

export async function stopTracked(child, { graceMs = 5000 } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise((r) => child.once("exit", r));
  killGroup(child, "SIGTERM");
  const t = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(t);
  // Any grandchild (workerd) that outlived its parent.
  killGroup(child, "SIGKILL");
  children.delete(child);
}
