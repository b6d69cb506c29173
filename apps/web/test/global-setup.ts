import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../api/scripts/local.mjs";

const webDir = path.resolve(import.meta.dirname, "..");
const devScript = path.resolve(webDir, "../api/scripts/dev.mjs");

/**
 * Starts `pnpm dev` (the same script, on its own port and state, with the dashboard build the test task
 * depends on) and hands its origin to the tests. The server and everything it started are one process
 * group, ended at teardown.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(webDir, "dist", "index.html"))) {
    execFileSync("pnpm", ["--silent", "run", "build"], { cwd: webDir, stdio: "inherit" });
  }
  const persistTo = mkdtempSync(path.join(os.tmpdir(), "cadence-web-test-"));
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    [devScript, "--inspector-port", String(inspectorPort), "--log-level", "warn"],
    {
      env: {
        ...process.env,
        PORT: String(port),
        CADENCE_WEB: "skip",
        CADENCE_PERSIST_TO: persistTo,
        MIN_INTERVAL_FLOOR_SECONDS: "1",
        // Two leads of a playground batch drafted at a time (8 by default): a batch of three has one lead
        // waiting while two are at the (held) provider, so the page can be seen cancelling it.
        AI_PLAYGROUND_CONCURRENCY: "2",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let output = "";
  for (const stream of [child.stdout!, child.stderr!]) stream.on("data", (chunk) => (output += chunk));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    }
    rmSync(persistTo, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pnpm dev exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${baseUrl}/openapi.json`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready && /Dashboard: +http/.test(output)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`pnpm dev did not answer on ${baseUrl}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide("baseUrl", baseUrl);
  project.provide("persistTo", persistTo);
  return stop;
}
