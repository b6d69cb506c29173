#!/usr/bin/env node
// Issue 12: a playground batch against an OpenAI-compatible provider that answers in a fixed time.
//
// Measures, median of --runs (3), the wall time of one playground batch of --leads (200) leads, from
// POST .../playground/generate until GET .../playground/status shows no lead pending or running,
// against the floor --leads x --delay-ms / --concurrency (what a perfect pool of that size would
// take). The provider is a loopback Chat Completions server started here that answers every call
// after --delay-ms (200) with a JSON email; Cadence runs under `wrangler dev` in local mode with
// AI_PLAYGROUND_CONCURRENCY=--concurrency (8). Each run uses its own custom_prompt, so no lead is
// answered from the store. Prints the machine, every run, the medians, the highest number of calls
// the provider saw at once, and the CPU time the Worker's processes (wrangler, workerd) used, read
// from /proc: on a shared machine a wall time far above that CPU time is time spent waiting for a core.
//
// Usage: node bench/ai-playground.mjs [--leads=200] [--delay-ms=200] [--concurrency=8] [--runs=3]
//          [--port=8797] [--poll-ms=100] [--keep-state=1] [--log-level=warn]
//
// It runs the working tree under `wrangler dev` (no frozen bundle); the provider is bench/lib/ai-provider.mjs.
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startProvider } from "./lib/ai-provider.mjs";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const apiDir = path.resolve(benchDir, "..", "apps", "api");
const wranglerBin = path.join(apiDir, "node_modules", ".bin", "wrangler");
const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
};

const opts = {
  leads: 200,
  "delay-ms": 200,
  concurrency: 8,
  runs: 3,
  port: 8797,
  "keep-state": "0",
  "poll-ms": 100,
  "log-level": "warn",
};
for (const arg of process.argv.slice(2)) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
  if (!m || !(m[1] in opts)) throw new Error(`unknown argument ${arg}`);
  opts[m[1]] = typeof opts[m[1]] === "number" ? Number(m[2]) : (m[2] ?? "1");
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 23)}]`, ...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** CPU seconds (user + system) used so far by every process in a process group, from /proc. */
function groupCpuSeconds(pgid) {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of (() => {
    try {
      return readdirSync("/proc").filter((d) => /^\d+$/.test(d));
    } catch {
      return [];
    }
  })()) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {}
  }
  return total;
}

// ---------------------------------------------------------------- Cadence under wrangler dev

function wrangler(args, persistTo) {
  return execFileSync(wranglerBin, [...args, "--persist-to", persistTo], {
    cwd: apiDir,
    env: quietEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A user and an API key straight into the local D1 (only the key's SHA-256 is stored). */
function createKey(persistTo) {
  const userId = randomUUID();
  const key = `cad_${randomBytes(30).toString("base64url").replace(/[-_]/g, "x").slice(0, 40)}`;
  const hash = createHash("sha256").update(key).digest("hex");
  const now = Date.now();
  wrangler(
    [
      "d1",
      "execute",
      "DB",
      "--local",
      "--command",
      `INSERT INTO users (id, email, name, created_at) VALUES ('${userId}', NULL, 'Bench', ${now});
       INSERT INTO api_keys (id, user_id, name, key_prefix, key_hash, rate_limit_per_minute, created_at)
       VALUES ('${randomUUID()}', '${userId}', 'bench', '${key.slice(0, 12)}', '${hash}', 10000000, ${now});`,
    ],
    persistTo,
  );
  return key;
}

/** Refuses a port something already listens on (an old server would answer in place of ours). */
async function assertPortFree(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
  } catch {
    return;
  }
  throw new Error(`port ${port} is in use: pass --port=<free port>`);
}

async function startCadence(persistTo, vars) {
  await assertPortFree(opts.port);
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(opts.port),
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
    "--log-level",
    opts["log-level"],
    ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
  const logFile = path.join(persistTo, "wrangler.log");
  const fd = openSync(logFile, "a");
  const child = spawn(wranglerBin, args, {
    cwd: apiDir,
    env: quietEnv,
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  // However this script ends, the server it started ends with it.
  const kill = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  };
  process.once("exit", kill);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP", "SIGPIPE"]) {
    process.once(signal, () => {
      kill();
      process.exit(1);
    });
  }
  const base = `http://127.0.0.1:${opts.port}`;
  for (const started = Date.now(); ; await sleep(250)) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    try {
      await (await fetch(`${base}/`, { signal: AbortSignal.timeout(2000) })).arrayBuffer();
      return { child, base };
    } catch {}
    if (Date.now() - started > 90_000) throw new Error(`wrangler dev did not answer; see ${logFile}`);
  }
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", resolve);
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, 5000).unref();
  });
}

function client(base, key) {
  return async (method, p, body) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${p} -> ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

// ---------------------------------------------------------------- the measurement

async function main() {
  const cpus = os.cpus();
  log(
    `machine: ${cpus[0]?.model ?? "?"} x${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  const provider = await startProvider(opts["delay-ms"]);
  const persistTo = path.join(benchDir, ".state", `ai-playground-${Date.now().toString(36)}`);
  mkdirSync(persistTo, { recursive: true });
  wrangler(["d1", "migrations", "apply", "DB", "--local"], persistTo);
  const key = createKey(persistTo);
  log(`local D1 ready in ${persistTo}; starting wrangler dev on port ${opts.port}`);
  const cadence = await startCadence(persistTo, {
    ENVIRONMENT: "local",
    AI_BASE_URL: `${provider.url}/v1`,
    AI_MODEL: "bench-model",
    AI_PLAYGROUND_CONCURRENCY: String(opts.concurrency),
  });
  try {
    const api = client(cadence.base, key);
    const rows = Array.from({ length: opts.leads }, (_, i) => ({
      email: `lead${i}@example.com`,
      first_name: `Lead${i}`,
      company: `Company ${i}`,
    }));
    const dataset = await api("POST", "/api/v1/datasets/", { name: "ai bench", rows });
    const alias = await api("POST", "/api/v1/aliases/", {
      email: "sam@bench.test",
      transport: { kind: "capture" },
    });
    const campaign = await api("POST", "/api/v1/campaigns/", {
      name: "AI playground bench",
      dataset_id: dataset.dataset_id,
      alias_ids: [alias.alias_id],
      steps: [{ step: 1, channel: "email", variants: [{ label: "A", weight: 1, type: "PERSONALIZATION" }] }],
    });
    log(
      `campaign ${campaign.campaign_id} with ${rows.length} leads; provider answers in ${opts["delay-ms"]} ms`,
    );
    const floorMs = (opts.leads * opts["delay-ms"]) / opts.concurrency;
    const walls = [];
    const cpus_s = [];
    for (let run = 1; run <= opts.runs; run++) {
      provider.stats.maxInFlight = 0;
      const callsBefore = provider.stats.calls;
      const cpuBefore = groupCpuSeconds(cadence.child.pid);
      const load = os.loadavg()[0];
      const started = performance.now();
      const batch = await api("POST", `/api/v1/campaigns/${campaign.campaign_id}/playground/generate`, {
        step_index: 1,
        n_leads: opts.leads,
        // A prompt of its own per run: no lead is answered from the store.
        custom_prompt: `Benchmark run ${run} ${randomUUID()}: a short friendly email.`,
      });
      let status;
      for (;;) {
        status = await api(
          "GET",
          `/api/v1/campaigns/${campaign.campaign_id}/playground/status?batch_id=${batch.batch_id}`,
        );
        if (status.overall.pending + status.overall.running === 0) break;
        await sleep(opts["poll-ms"]);
      }
      const wall = performance.now() - started;
      const cpu = groupCpuSeconds(cadence.child.pid) - cpuBefore;
      walls.push(wall);
      cpus_s.push(cpu);
      log(
        `run ${run}: ${batch.total} leads in ${(wall / 1000).toFixed(2)} s (floor ${(floorMs / 1000).toFixed(2)} s, ${(wall / floorMs).toFixed(2)}x); done ${status.overall.done}, failed ${status.overall.failed}; provider calls ${provider.stats.calls - callsBefore}, at most ${provider.stats.maxInFlight} at once; Cadence CPU ${cpu.toFixed(2)} s; load average ${load.toFixed(1)}`,
      );
    }
    const result = {
      machine: { cpu: cpus[0]?.model ?? null, cores: cpus.length, node: process.version },
      leads: opts.leads,
      provider_delay_ms: opts["delay-ms"],
      concurrency: opts.concurrency,
      floor_s: Number((floorMs / 1000).toFixed(2)),
      runs_s: walls.map((w) => Number((w / 1000).toFixed(2))),
      median_s: Number((median(walls) / 1000).toFixed(2)),
      median_over_floor: Number((median(walls) / floorMs).toFixed(2)),
      median_cadence_cpu_s: Number(median(cpus_s).toFixed(2)),
      load_average_1m_at_end: Number(os.loadavg()[0].toFixed(1)),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await stop(cadence.child);
    provider.server.close();
    if (opts["keep-state"] !== "1") rmSync(persistTo, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
