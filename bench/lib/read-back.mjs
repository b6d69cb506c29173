// Reading what campaign objects stored, after a run and with the app stopped: a bench-only reader
// class opens the persisted objects in Miniflare and runs read-only SQL in each.
import path from "node:path";
import { loadMiniflare } from "./runtimes.mjs";

const READER_SCRIPT = `
import { DurableObject } from "cloudflare:workers";
// Bench-only reader: opens the persisted storage of the app's CampaignObject instances (same worker
// name and class name, so the same objects) without any engine code, and runs read-only SQL.
export class CampaignObject extends DurableObject {
  async q(queries) {
    const out = {};
    for (const [k, sql] of Object.entries(queries)) out[k] = this.ctx.storage.sql.exec(sql).toArray();
    return out;
  }
  // A pending alarm of the real object must not run engine code here.
  async alarm() {}
}
export default {
  async fetch(request, env) {
    const { campaigns, queries } = await request.json();
    const out = {};
    await Promise.all(
      campaigns.map(async (id) => {
        out[id] = await env.CAMPAIGN.get(env.CAMPAIGN.idFromName(id)).q(queries);
      }),
    );
    return Response.json(out);
  },
};
`;

/**
 * After the app has been stopped: runs read-only SQL in the persisted storage of campaign objects
 * (`queries`: name -> SELECT). Returns { [campaignId]: { [name]: rows } }.
 */
export async function readCampaignObjects({ persistTo, campaignIds, queries, workerName = "cadence-api" }) {
  const out = {};
  // One reader instance per 1,000 objects: every object it opens keeps its SQLite database open, and
  // one instance holding 10,000 of them ran out of memory (SQLITE_NOMEM) on 2026-11-30.
  for (let i = 0; i < campaignIds.length; i += OBJECTS_PER_READER) {
    Object.assign(
      out,
      await readWithOneReader({
        persistTo,
        campaignIds: campaignIds.slice(i, i + OBJECTS_PER_READER),
        queries,
        workerName,
      }),
    );
  }
  return out;
}

const OBJECTS_PER_READER = 1000;

async function readWithOneReader({ persistTo, campaignIds, queries, workerName }) {
  const { Miniflare } = await loadMiniflare();
  const mf = new Miniflare({
    defaultPersistRoot: path.join(persistTo, "v3"),
    workers: [
      {
        name: workerName,
        modules: true,
        script: READER_SCRIPT,
        compatibilityDate: "2026-04-20",
        durableObjects: { CAMPAIGN: { className: "CampaignObject", useSQLite: true } },
      },
    ],
  });
  try {
    await mf.ready;
    const out = {};
    for (let i = 0; i < campaignIds.length; i += 50) {
      const res = await mf.dispatchFetch("http://reader/", {
        method: "POST",
        body: JSON.stringify({ campaigns: campaignIds.slice(i, i + 50), queries }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`reader -> ${res.status} ${text.slice(0, 500)}`);
      Object.assign(out, JSON.parse(text));
    }
    return out;
  } finally {
    await mf.dispose();
  }
}
