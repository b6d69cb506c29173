#!/usr/bin/env node
// D1 write capacity on one local instance, for docs/scaling.md: how many of the writes the engine
// makes (a campaign's status projection, a lead's projection row, a webhook delivery log row) one D1
// database absorbs a second, written the ways the engine can write them, and how many bytes a row of
// each big table takes on disk.
//
// Self-contained: one Miniflare (the runtime `wrangler dev` drives) with one D1 database migrated from
// packages/db/migrations, persisted to a temporary folder that is deleted at the end, and a small
// Worker that runs each write pattern *inside workerd* (as a Worker or Durable Object would) and
// times it. Nothing of apps/api is imported: the SQL is what the engine runs.
//
//   node bench/d1-writes.mjs [--seconds=4] [--batch=50] [--rows-per-statement=500] [--concurrency=8]
//
// Locally D1 is SQLite in the workerd process with one fsync per commit, so these figures are the
// disk's and one core's, not Cloudflare's: docs/scaling.md sets them beside the published limits.
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const apiDir = path.join(repoDir, "apps", "api");
const migrationsDir = path.join(repoDir, "packages", "db", "migrations");

const args = { seconds: 4, batch: 50, "rows-per-statement": 500, concurrency: 8 };
for (const a of process.argv.slice(2)) {
  const m = /^--([^=]+)=(\d+)$/.exec(a);
  if (!m || !(m[1] in args)) throw new Error(`bad argument ${a} (known: ${Object.keys(args).join(", ")})`);
  args[m[1]] = Number(m[2]);
}

// The Worker: each request runs one write pattern for `ms` milliseconds and reports what it wrote.
const WORKER = `
const lead = (i) => JSON.stringify({ email: "lead" + i + "@acme-" + (i % 997) + ".com", first_name: "Ada", last_name: "Lovelace",
  company: "Analytical Engines Ltd", title: "Head of Operations", linkedin_url: "https://www.linkedin.com/in/ada-" + i,
  city: "London", timezone: "Europe/London", phone: "+44 20 7946 0" + String(i % 1000).padStart(3, "0"), notes: "met at the expo" });
export default {
  async fetch(request, env) {
    const q = new URL(request.url).searchParams;
    const mode = q.get("mode"), ms = Number(q.get("ms")), size = Number(q.get("size") || 1);
    const tag = crypto.randomUUID();
    let rows = 0, statements = 0, commits = 0, i = 0;
    const started = Date.now();
    const insertLead = env.DB.prepare("INSERT INTO campaign_leads (id, campaign_id, user_id, row_index, email) VALUES (?, ?, ?, ?, ?)");
    while (Date.now() - started < ms) {
      if (mode === "single") {
        await insertLead.bind(tag + ":" + i, tag, "u1", i, "lead" + i + "@acme.com").run();
        rows++; statements++; commits++; i++;
      } else if (mode === "batch") {
        const stmts = [];
        for (let k = 0; k < size; k++, i++) stmts.push(insertLead.bind(tag + ":" + i, tag, "u1", i, "lead" + i + "@acme.com"));
        await env.DB.batch(stmts);
        rows += size; statements += size; commits++;
      } else if (mode === "json_each") {
        const chunk = [];
        for (let k = 0; k < size; k++, i++) chunk.push([tag + ":" + i, i, "lead" + i + "@acme.com"]);
        await env.DB.prepare("INSERT INTO campaign_leads (id, campaign_id, user_id, row_index, email) SELECT value->>0, ?1, 'u1', value->>1, value->>2 FROM json_each(?2)")
          .bind(tag, JSON.stringify(chunk)).run();
        rows += size; statements++; commits++;
      } else if (mode === "projection") {
        // What a sending campaign object writes to D1: its status and counters, one UPDATE by id.
        await env.DB.prepare("UPDATE campaigns SET status = 'active', total_leads = ?, processed_leads = ? WHERE id = ?")
          .bind(1000, i, "c" + (i % size)).run();
        rows++; statements++; commits++; i++;
      } else if (mode === "delivery-log") {
        // The webhook dispatcher's mirror: one upsert per delivery, batched per round.
        const stmts = [];
        for (let k = 0; k < size; k++, i++) stmts.push(env.DB.prepare(
          "INSERT INTO webhook_deliveries (id, webhook_id, user_id, event_id, event_type, payload, status, attempts, created_at) VALUES (?, 'w1', 'u1', ?, 'lead.sent', ?, 'delivered', 1, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, attempts = excluded.attempts"
        ).bind(tag + ":" + i, "evt_" + i, '{"id":"evt_' + i + '","type":"lead.sent","data":{"campaign_id":"c1","lead_email":"lead@acme.com"}}', Date.now()));
        await env.DB.batch(stmts);
        rows += size; statements += size; commits++;
      } else if (mode === "dataset-rows") {
        const chunk = [];
        for (let k = 0; k < size; k++, i++) chunk.push([i, lead(i)]);
        await env.DB.prepare("INSERT INTO dataset_rows (dataset_id, row_index, data) SELECT ?1, value->>0, value->>1 FROM json_each(?2)")
          .bind(tag, JSON.stringify(chunk)).run();
        rows += size; statements++; commits++;
      } else return new Response("unknown mode", { status: 400 });
    }
    const elapsed = Date.now() - started;
    return Response.json({ rows, statements, commits, elapsed });
  },
};`;

const machine = `${os.cpus()[0]?.model ?? "?"} x${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, load ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(" ")}`;
const commit = (() => {
  try {
    return execFileSync("git", ["-C", repoDir, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
})();

const req = createRequire(realpathSync(path.join(apiDir, "node_modules", "wrangler", "package.json")));
const { Miniflare } = await import(pathToFileURL(req.resolve("miniflare")).href);
const persist = mkdtempSync(path.join(os.tmpdir(), "cadence-d1-writes-"));
const mf = new Miniflare({
  modules: true,
  script: WORKER,
  compatibilityDate: "2026-04-20",
  d1Databases: { DB: "bench-d1" },
  d1Persist: path.join(persist, "d1"),
});

try {
  const db = await mf.getD1Database("DB");
  for (const file of readdirSync(migrationsDir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    const sql = readFileSync(path.join(migrationsDir, file), "utf8");
    for (const stmt of sql
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter(Boolean)) {
      await db.prepare(stmt).run();
    }
  }
  // 1,000 campaigns for the projection UPDATEs to hit.
  await db.prepare("INSERT INTO users (id, created_at) VALUES ('u1', 0)").run();
  const camp = (i) =>
    db
      .prepare(
        `INSERT INTO campaigns (id, user_id, dataset_id, name, type, status, launch_type, daily_limit, sending_window_start,
           sending_window_end, min_interval_seconds, timezone, send_days, steps_config, alias_ids, unreviewed_launch_policy,
           created_at, updated_at)
         VALUES (?, 'u1', 'd1', 'c', 'email', 'active', 'immediate', 100, '09:00', '17:00', 60, 'UTC', '[1,2,3,4,5]', '[]', '[]', 'block', 0, 0)`,
      )
      .bind(`c${i}`);
  for (let i = 0; i < 1000; i += 100) await db.batch(Array.from({ length: 100 }, (_, k) => camp(i + k)));

  const ms = args.seconds * 1000;
  const run = async (mode, size = 1, concurrency = 1) => {
    const answers = await Promise.all(
      Array.from({ length: concurrency }, () =>
        mf.dispatchFetch(`http://bench/?mode=${mode}&ms=${ms}&size=${size}`).then((r) => r.json()),
      ),
    );
    const rows = answers.reduce((n, a) => n + a.rows, 0);
    const commits = answers.reduce((n, a) => n + a.commits, 0);
    const elapsed = Math.max(...answers.map((a) => a.elapsed)) / 1000;
    return {
      rowsPerSecond: Math.round(rows / elapsed),
      commitsPerSecond: Math.round(commits / elapsed),
      rows,
    };
  };

  const sizeOf = async () =>
    (await db.prepare("SELECT 1").run()).meta.size_after ??
    Number.NaN; /* D1 reports the database size after each query */

  const results = [];
  const measure = async (label, mode, size, concurrency = 1) => {
    const r = await run(mode, size, concurrency);
    results.push({ label, mode, size, concurrency, ...r });
    console.log(
      `${label.padEnd(58)} ${String(r.rowsPerSecond).padStart(8)} rows/s ${String(r.commitsPerSecond).padStart(7)} commits/s`,
    );
  };

  console.log(`d1-writes: ${machine}; commit ${commit}; ${args.seconds} s per pattern; local D1 (Miniflare)`);
  await measure("campaign projection UPDATE, one statement a call", "projection", 1000);
  await measure(
    `campaign projection UPDATE, ${args.concurrency} callers at once`,
    "projection",
    1000,
    args.concurrency,
  );
  await measure("campaign_leads INSERT, one row a call", "single", 1);
  await measure(`campaign_leads INSERT, ${args.concurrency} callers at once`, "single", 1, args.concurrency);
  await measure(`campaign_leads INSERT, db.batch of ${args.batch} statements`, "batch", args.batch);
  await measure(
    `campaign_leads INSERT, ${args["rows-per-statement"]} rows in one json_each statement`,
    "json_each",
    args["rows-per-statement"],
  );
  await measure(`webhook_deliveries upsert, db.batch of ${args.batch}`, "delivery-log", args.batch);

  // Bytes per row on disk (table and its indexes), from D1's own size figure before and after.
  const bytesPerRow = async (label, mode, size, rounds) => {
    const before = await sizeOf();
    let rows = 0;
    for (let k = 0; k < rounds; k++) rows += (await run(mode, size, 1)).rows;
    const after = await sizeOf();
    const perRow = Math.round((after - before) / rows);
    results.push({ label, bytesPerRow: perRow, rows });
    console.log(`${label.padEnd(58)} ${String(perRow).padStart(8)} bytes/row (${rows} rows)`);
  };
  await bytesPerRow("dataset_rows (a 10-field lead as JSON), on disk", "dataset-rows", 500, 1);
  await bytesPerRow("campaign_leads, on disk with its two indexes", "json_each", 500, 1);
  await bytesPerRow("webhook_deliveries, on disk", "delivery-log", 50, 1);

  const out = path.join(repoDir, "bench", "results");
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `d1-writes-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ machine, commit, args, results }, null, 2));
  console.log(`details: ${path.relative(repoDir, file)}`);
} finally {
  await mf.dispose();
  rmSync(persist, { recursive: true, force: true });
}
