// Dataset import benchmark: `node bench/dataset-import.mjs` from the repository root.
//
// 1. Starts `wrangler dev` on a free loopback port (local D1 in apps/api/.wrangler, migrated first),
//    creates a user and key, and imports a generated 100,000-row x 10-column CSV through
//    `POST /api/v1/datasets/` three times, timed end to end by this client (upload, streaming parse,
//    D1 writes, response). The imported datasets are deleted afterwards.
// 2. Stops wrangler dev, then measures the same rows inserted "raw" with `DB.batch`: a tiny Worker run
//    by Miniflare (the runtime wrangler dev itself drives) bound to the very same local D1 file. The
//    rows arrive already serialised; only the inserts are timed, inside the Worker. This is the floor
//    an import cannot beat: no upload, no parsing, no mapping. Two shapes are timed: one JSON array per
//    statement expanded by json_each (what the importer does), and plain multi-row VALUES (33 rows a
//    statement, the most D1's 100-bound-parameter limit allows for 3 columns). The ratio uses the
//    faster of the two. The two phases run one after the other so only one process opens the file.
//
// Prints the machine, every run, the medians and the ratio of import throughput to raw throughput.

import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { apiDir, createLocalUserKey, migrateLocal } from "../apps/api/scripts/local.mjs";

const ROWS = 100_000;
const RUNS = 3;
const HEADERS = [
  "Email",
  "First Name",
  "Last Name",
  "Company",
  "Job Title",
  "LinkedIn URL",
  "Time Zone",
  "City",
  "Plan",
  "Notes",
];
// What the API stores each header under (well-known keys; the rest normalised).
const KEYS = [
  "email",
  "first_name",
  "last_name",
  "company",
  "title",
  "linkedin_url",
  "timezone",
  "city",
  "plan",
  "notes",
];
// wrangler.jsonc's local database id: Miniflare maps it to the same SQLite file wrangler dev uses.
const D1_DATABASE_ID = "00000000-0000-0000-0000-000000000000";

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Katherine",
  "Edsger",
  "Barbara",
  "Donald",
  "Frances",
  "John",
  "Radia",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Johnson",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "Backus",
  "Perlman",
];
const ZONES = ["Europe/London", "America/New_York", "Asia/Tokyo", "Europe/Berlin", "America/Los_Angeles"];
const PLANS = ["free", "pro", "team", "enterprise"];

/** Row i, deterministic; some values need quoting (commas, quotes) as real exports do. */
function makeRow(i) {
  const first = FIRST[i % FIRST.length];
  const last = LAST[(i * 7) % LAST.length];
  return [
    `${first.toLowerCase()}.${last.toLowerCase()}.${i}@example.com`,
    first,
    last,
    i % 5 === 0 ? `Company ${i % 997}, Inc.` : `Company ${i % 997}`,
    i % 3 === 0 ? "Head of Growth" : "Engineering Manager",
    `https://www.linkedin.com/in/${first.toLowerCase()}-${last.toLowerCase()}-${i}`,
    ZONES[i % ZONES.length],
    `City ${i % 211}`,
    PLANS[i % PLANS.length],
    i % 11 === 0 ? `Met at "Summit ${i % 13}", follow up` : `Lead ${i}`,
  ];
}

const csvField = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function buildData() {
  const lines = [HEADERS.join(",")];
  const rowJson = [];
  for (let i = 1; i <= ROWS; i++) {
    const values = makeRow(i);
    lines.push(values.map(csvField).join(","));
    rowJson.push(JSON.stringify(Object.fromEntries(KEYS.map((k, j) => [k, values[j]]))));
  }
  return { csv: Buffer.from(`${lines.join("\r\n")}\r\n`), rowJson };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startWrangler(port) {
  const child = spawn(
    path.join(apiDir, "node_modules", ".bin", "wrangler"),
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--show-interactive-dev-session=false",
      "--var",
      "ENVIRONMENT:local",
    ],
    {
      cwd: apiDir,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`);
    try {
      if ((await fetch(`${base}/`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGTERM");
  throw new Error(`wrangler dev did not start within 90 s:\n${output}`);
}

function stopWrangler(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtRate = (rowsPerSecond) => `${Math.round(rowsPerSecond).toLocaleString("en-US")} rows/s`;
const fmtSeconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function benchImport(base, key, csv, rowJson) {
  const auth = { authorization: `Bearer ${key}` };
  const times = [];
  const ids = [];
  for (let run = 1; run <= RUNS; run++) {
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/datasets/?name=bench-${run}`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: csv,
    });
    const body = await res.json();
    const ms = performance.now() - started;
    if (res.status !== 201 || body.row_count !== ROWS) {
      throw new Error(`import failed: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
    }
    ids.push(body.dataset_id);
    times.push(ms);
    console.log(`  import run ${run}: ${fmtSeconds(ms)}  (${fmtRate(ROWS / (ms / 1000))})`);
  }
  // The stored rows are exactly the ones the raw phase inserts.
  const last = await fetch(`${base}/api/v1/datasets/${ids[0]}/rows?offset=${ROWS - 1}&limit=1`, {
    headers: auth,
  });
  const stored = (await last.json()).items[0];
  if (stored.row_index !== ROWS || JSON.stringify(stored.data) !== rowJson[ROWS - 1]) {
    throw new Error(`stored row differs: ${JSON.stringify(stored)}`);
  }
  for (const id of ids) {
    const del = await fetch(`${base}/api/v1/datasets/${id}`, { method: "DELETE", headers: auth });
    if (del.status !== 204) throw new Error(`could not delete dataset ${id}: ${del.status}`);
  }
  return times;
}

// The raw-insert Worker. Not part of the API: it exists only inside this benchmark's Miniflare.
const RAW_WORKER = `
export default {
  async fetch(request, env) {
    const { shape, rows } = await request.json();
    const datasetId = "bench-raw-" + crypto.randomUUID();
    const found = await env.DB.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'dataset_rows'").first("n");
    if (found !== 1) return new Response("dataset_rows missing: not the migrated local D1", { status: 500 });
    const statements = [];
    if (shape === "json_each") {
      const sql = "INSERT INTO dataset_rows (dataset_id, row_index, data) SELECT ?1, ?2 + key, value FROM json_each(?3)";
      for (let i = 0; i < rows.length; i += 1000) {
        statements.push(env.DB.prepare(sql).bind(datasetId, i + 1, "[" + rows.slice(i, i + 1000).join(",") + "]"));
      }
    } else {
      for (let i = 0; i < rows.length; i += 33) {
        const chunk = rows.slice(i, i + 33);
        const sql = "INSERT INTO dataset_rows (dataset_id, row_index, data) VALUES " + chunk.map(() => "(?, ?, ?)").join(", ");
        statements.push(env.DB.prepare(sql).bind(...chunk.flatMap((r, j) => [datasetId, i + j + 1, r])));
      }
    }
    const perBatch = shape === "json_each" ? 10 : 300;
    const started = Date.now();
    for (let i = 0; i < statements.length; i += perBatch) await env.DB.batch(statements.slice(i, i + perBatch));
    const insertMs = Date.now() - started;
    const count = await env.DB.prepare("SELECT count(*) AS n FROM dataset_rows WHERE dataset_id = ?").bind(datasetId).first("n");
    await env.DB.prepare("DELETE FROM dataset_rows WHERE dataset_id = ?").bind(datasetId).run();
    return Response.json({ insertMs, count });
  },
};
`;

async function benchRaw(rowJson) {
  const require = createRequire(realpathSync(path.join(apiDir, "node_modules", "wrangler", "package.json")));
  const { Miniflare } = await import(pathToFileURL(require.resolve("miniflare")).href);
  const mf = new Miniflare({
    modules: true,
    script: RAW_WORKER,
    compatibilityDate: "2026-04-20",
    d1Databases: { DB: D1_DATABASE_ID },
    d1Persist: path.join(apiDir, ".wrangler", "state", "v3", "d1"),
  });
  const results = {};
  try {
    const payload = JSON.stringify({ rows: rowJson });
    for (const shape of ["json_each", "values"]) {
      results[shape] = [];
      for (let run = 1; run <= RUNS; run++) {
        const res = await mf.dispatchFetch("http://bench/", {
          method: "POST",
          body: `{"shape":"${shape}",${payload.slice(1)}`,
        });
        if (!res.ok) throw new Error(`raw insert failed: ${res.status} ${await res.text()}`);
        const { insertMs, count } = await res.json();
        if (count !== ROWS) throw new Error(`raw insert stored ${count} rows`);
        results[shape].push(insertMs);
        console.log(
          `  raw ${shape.padEnd(9)} run ${run}: ${fmtSeconds(insertMs)}  (${fmtRate(ROWS / (insertMs / 1000))})`,
        );
      }
    }
  } finally {
    await mf.dispose();
  }
  return results;
}

async function main() {
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  const { csv, rowJson } = buildData();
  console.log(
    `data: ${ROWS.toLocaleString("en-US")} rows x ${HEADERS.length} columns, CSV ${(csv.length / 1024 / 1024).toFixed(1)} MB`,
  );

  migrateLocal();
  const { key } = createLocalUserKey({ name: "Dataset import benchmark" });
  const port = await freePort();
  const { child, base } = await startWrangler(port);
  let importTimes;
  try {
    console.log(`import through the API (wrangler dev on ${base}):`);
    importTimes = await benchImport(base, key, csv, rowJson);
  } finally {
    await stopWrangler(child);
  }

  console.log("raw DB.batch insert of the same rows (Miniflare, same local D1 file):");
  const raw = await benchRaw(rowJson);

  const importMs = median(importTimes);
  const rawJsonEachMs = median(raw.json_each);
  const rawValuesMs = median(raw.values);
  const rawMs = Math.min(rawJsonEachMs, rawValuesMs);
  const ratio = rawMs / importMs;
  console.log("medians:");
  console.log(
    `  import (end to end):            ${fmtSeconds(importMs)}  ${fmtRate(ROWS / (importMs / 1000))}`,
  );
  console.log(
    `  raw json_each, 1000 rows/stmt:  ${fmtSeconds(rawJsonEachMs)}  ${fmtRate(ROWS / (rawJsonEachMs / 1000))}`,
  );
  console.log(
    `  raw VALUES, 33 rows/stmt:       ${fmtSeconds(rawValuesMs)}  ${fmtRate(ROWS / (rawValuesMs / 1000))}`,
  );
  console.log(
    `ratio import/raw (faster raw): ${(ratio * 100).toFixed(0)}%  (target >= 50%: ${ratio >= 0.5 ? "met" : "NOT met"}); ` +
      `import <= 5 s: ${importMs <= 5000 ? "met" : "NOT met"}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
