// Bench-only Worker: see ../wrangler.jsonc and ../../README.md. Not part of the product.
import { DurableObject } from "cloudflare:workers";

const PAGE_ROWS = 2000;

/** Reads a dataset's rows from D1 in pages of `pageSize`, in row order (the same query the engine uses). */
async function* pages(db, datasetId, pageSize) {
  let cursor = 0;
  for (;;) {
    const { results } = await db
      .prepare(
        "SELECT row_index, data FROM dataset_rows WHERE dataset_id = ? AND row_index > ? ORDER BY row_index LIMIT ?",
      )
      .bind(datasetId, cursor, pageSize)
      .all();
    if (results.length) yield results;
    if (results.length < pageSize) return;
    cursor = results[results.length - 1].row_index;
  }
}

/**
 * Baseline for lead loading: D1 pages -> this object's SQLite with one json_each INSERT per page.
 * With `project`, also what the engine writes back to D1 for each lead (a campaign_leads row: id,
 * campaign, user, row, email), one json_each INSERT per page: the same outputs as the engine, done plainly.
 */
export class RawLoader extends DurableObject {
  async load(datasetId, pageSize = PAGE_ROWS, project = false) {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS leads (row_index INTEGER PRIMARY KEY, data TEXT NOT NULL)");
    const campaignId = `raw-${this.ctx.id.toString()}`;
    let rows = 0;
    for await (const page of pages(this.env.DB, datasetId, pageSize)) {
      sql.exec(
        "INSERT INTO leads (row_index, data) SELECT value->>0, value->>1 FROM json_each(?)",
        JSON.stringify(page.map((r) => [r.row_index, r.data])),
      );
      if (project) {
        const proj = page.map((r) => [crypto.randomUUID(), r.row_index, JSON.parse(r.data).email ?? null]);
        await this.env.DB.prepare(
          `INSERT INTO campaign_leads (id, campaign_id, user_id, row_index, email)
           SELECT value->>0, ?, 'raw', value->>1, value->>2 FROM json_each(?)`,
        )
          .bind(campaignId, JSON.stringify(proj))
          .run();
      }
      rows += page.length;
    }
    const stored = sql.exec("SELECT count(*) AS n FROM leads").one().n;
    return { rows, stored };
  }
}

const json = (v, status = 200) => Response.json(v, { status });

/** Drops the campaign object's instance (bench/wake-worker's benchEvict); the abort rejects the call. */
async function evict(env, id) {
  try {
    await env.CAMPAIGN.get(id).benchEvict();
  } catch {}
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const q = (k) => url.searchParams.get(k);
    try {
      switch (url.pathname) {
        case "/":
          return json({ name: "cadence-bench-raw" });
        // Baseline for preflight: read every row from D1 in pages and parse it, in the Worker.
        case "/read": {
          let rows = 0;
          let chars = 0;
          for await (const page of pages(env.DB, q("dataset"), Number(q("page") ?? 5000))) {
            for (const r of page) chars += Object.keys(JSON.parse(r.data)).length;
            rows += page.length;
          }
          return json({ rows, chars });
        }
        // Baseline for lead loading (a fresh object per call: pass a new name).
        case "/load": {
          const stub = env.RAW.get(env.RAW.idFromName(q("name")));
          return json(await stub.load(q("dataset"), Number(q("page") ?? PAGE_ROWS), q("project") === "1"));
        }
        // Manual clock of a campaign object (the test subclass bench/wake-worker serves).
        case "/clock": {
          const stub = env.CAMPAIGN.get(env.CAMPAIGN.idFromName(q("campaign")));
          await stub.testSetClock(Number(q("at")));
          return json({ ok: true, next: await stub.testNextWakeAt() });
        }
        // Runs up to n wakes of a campaign object, one RPC (one event) per wake: see bench/wake-worker.
        // With cold=1 the object is evicted before each wake (profile-wake.mjs --cold=1): every wake
        // meets a new instance, as a campaign sending once a minute does.
        case "/drive": {
          const id = env.CAMPAIGN.idFromName(q("campaign"));
          const n = Number(q("n") ?? 1000);
          let wakes = 0;
          let last = null;
          for (; wakes < n; wakes++) {
            if (q("cold") === "1") await evict(env, id);
            const at = await env.CAMPAIGN.get(id).benchWake();
            if (at === null) break;
            last = at;
          }
          return json({ wakes, last });
        }
        // Baseline for /drive: the same RPC per iteration on an object that holds no campaign, so only
        // the RPC, the event and the object's fixed per-wake cost remain.
        case "/noop": {
          const stub = env.CAMPAIGN.get(env.CAMPAIGN.idFromName(q("name")));
          const n = Number(q("n") ?? 1000);
          const at = Number(q("at") ?? Date.now());
          for (let i = 0; i < n; i++) await stub.benchNoopWake(at + i * 1000);
          return json({ wakes: n });
        }
        // Diagnostic: statements run by each of the next n wakes (bench/profile-wake.mjs).
        case "/count-sql": {
          const id = env.CAMPAIGN.idFromName(q("campaign"));
          const out = [];
          for (let i = 0; i < Number(q("n") ?? 3); i++) {
            if (q("cold") === "1") await evict(env, id);
            out.push(await env.CAMPAIGN.get(id).benchCountSqlWake());
          }
          return json(out);
        }
        // Probe for bench/lib/observe.mjs: one trivial query on the app's D1, timed inside the runtime
        // (the clock moves across I/O), so that a run can tell D1's queue from the event loop's.
        case "/d1-probe": {
          const started = Date.now();
          await env.DB.prepare("SELECT 1 AS one").first();
          return json({ ms: Date.now() - started });
        }
        case "/stats": {
          const stub = env.CAMPAIGN.get(env.CAMPAIGN.idFromName(q("campaign")));
          return json({ state: await stub.state(), stats: await stub.stats() });
        }
        default:
          return json({ error: "no such route" }, 404);
      }
    } catch (err) {
      return json({ error: String(err?.stack ?? err) }, 500);
    }
  },
};
