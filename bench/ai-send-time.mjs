#!/usr/bin/env node
// Issue 12: does generating personalized emails at send time make sends late?
//
// Two campaigns over the same --leads (1,000) leads run side by side on one local instance (the frozen
// app bundle in Miniflare), each with its own capture alias, 1 step, min interval --interval (1 s),
// window open all day, one shared start_date T (both objects wake for their first send in the same
// second): `ai` sends a PERSONALIZATION variant with no approved drafts under
// unreviewed_launch_policy launch_default, so every email is generated at send time by a loopback
// OpenAI-compatible provider answering each call after --delay-ms (300 ms); `template` sends the
// same step as a plain template. The second is the baseline, measured in the same run under the same
// load: whatever lateness the `ai` campaign has beyond it is what generation added.
//
// Measured from each object's own tables after the run (read with the app stopped):
//   wake lateness      claimed_at - planned_at: how late the object started each action against the
//                      instant it had armed its alarm for (the engine's own measure)
//   grid lateness      claimed_at - (T + k x interval): against the fixed grid a perfect sender keeps
//   ahead              for the `ai` campaign, claimed_at minus the instant the provider answered for
//                      that lead: positive when the email was ready before its slot (prefetched)
// plus sent / failed / doubled counts, the provider's calls and the most it saw at once, and the
// runtime's CPU. Prints the machine, the load before and after, and the two campaigns side by side.
//
// Usage: node bench/ai-send-time.mjs [--leads=1000] [--interval=1] [--delay-ms=300] [--lead-in=20]
//          [--grace=120] [--app=worktree|HEAD|<commit>] [--keep-state=1]
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startProvider } from "./lib/ai-provider.mjs";
import { apiClient, campaignBody, createAliasViaApi, createTemplate, leadRows } from "./lib/api.mjs";
import { buildAppSnapshot, selectAppSource } from "./lib/app-build.mjs";
import { log, parseArgs, sleep } from "./lib/cli.mjs";
import { d1ExecFile, migrateLocal, userKeySql } from "./lib/d1-seed.mjs";
import { loadNow, machineInfo, printMachine } from "./lib/machine.mjs";
import { benchDir, ensureDir, freshStateDir } from "./lib/paths.mjs";
import { pidsUsage } from "./lib/proc-usage.mjs";
import { readCampaignObjects } from "./lib/read-back.mjs";
import { startMiniflare } from "./lib/runtimes.mjs";
import { pct, round } from "./lib/stats.mjs";

const opts = parseArgs({
  app: "worktree",
  leads: 1000,
  interval: 1,
  "delay-ms": 300,
  "lead-in": 20,
  grace: 120,
  "keep-state": "0",
});
const machine = printMachine(machineInfo());
selectAppSource(opts.app);
const persistTo = freshStateDir("ai-send-time");
migrateLocal(persistTo);
const user = userKeySql({ name: "Bench AI send time" });
d1ExecFile(persistTo, user.sql);
const snap = buildAppSnapshot(persistTo);
log(`app: ${snap.gitRev}`);
const provider = await startProvider(opts["delay-ms"]);
const mf = await startMiniflare({
  persistTo,
  snapshot: snap,
  withRaw: false,
  vars: { MIN_INTERVAL_FLOOR_SECONDS: 1, AI_BASE_URL: `${provider.url}/v1`, AI_MODEL: "bench-model" },
});

const intervalMs = opts.interval * 1000;
const ids = {};
let T;
let cpuMs;
try {
  const api = apiClient(mf.base, user.key);
  const rows = leadRows(opts.leads);
  const datasetId = (await api("POST", "/api/v1/datasets/", { name: "ai send time", rows })).dataset_id;
  const templateId = await createTemplate(api);
  // Placeholder start a day away: both campaigns load their leads, then T is set for both at once.
  const later = new Date(Date.now() + 86_400_000).toISOString();
  for (const [i, kind] of ["ai", "template"].entries()) {
    const body = campaignBody({
      datasetId,
      aliasIds: [await createAliasViaApi(api, i)],
      templateId,
      minInterval: opts.interval,
      startDate: later,
      name: `AI send time: ${kind}`,
    });
    if (kind === "ai") {
      body.steps[0].variants = [{ label: "A", weight: 1, type: "PERSONALIZATION" }];
      body.unreviewed_launch_policy = "launch_default";
    }
    ids[kind] = (await api("POST", "/api/v1/campaigns/", body)).campaign_id;
    await api("POST", `/api/v1/campaigns/${ids[kind]}/launch`, {});
  }
  for (const kind of Object.keys(ids)) {
    for (;;) {
      const c = await api("GET", `/api/v1/campaigns/${ids[kind]}`);
      if (c.status === "scheduled") break;
      if (c.status !== "launching") throw new Error(`${kind} campaign is ${c.status}: ${JSON.stringify(c)}`);
      await sleep(200);
    }
  }
  // Whole seconds, so both campaigns' grids line up with the provider's and the logs' clocks.
  T = Math.ceil((Date.now() + opts["lead-in"] * 1000) / 1000) * 1000;
  await Promise.all(
    Object.values(ids).map((id) =>
      api("PATCH", `/api/v1/campaigns/${id}`, { start_date: new Date(T).toISOString() }),
    ),
  );
  log(
    `both campaigns scheduled for ${new Date(T).toISOString()} (${opts.leads} leads each, one every ${opts.interval} s; provider answers in ${opts["delay-ms"]} ms)`,
  );
  const cpuBefore = pidsUsage(mf.workerdPids).cpuMs;
  const hardStop = T + opts.leads * intervalMs + opts.grace * 1000;
  for (let lastLog = 0; ; ) {
    await sleep(2000);
    const states = await Promise.all(Object.values(ids).map((id) => api("GET", `/api/v1/campaigns/${id}`)));
    if (states.every((c) => c.status === "completed")) break;
    if (Date.now() > hardStop) {
      log(`hard stop: ${states.map((c) => `${c.name} ${c.status} ${c.processed_leads}`).join(", ")}`);
      break;
    }
    if (Date.now() - lastLog > 60_000) {
      lastLog = Date.now();
      log(
        `${states.map((c) => `${c.name}: ${c.status}, ${c.processed_leads} done`).join("; ")}; provider calls ${provider.stats.calls}; load ${loadNow().join(" ")}`,
      );
    }
  }
  cpuMs = pidsUsage(mf.workerdPids).cpuMs - cpuBefore;
} finally {
  await mf.mf.dispose();
  provider.server.close();
}

const stored = await readCampaignObjects({
  persistTo,
  campaignIds: Object.values(ids),
  queries: {
    actions:
      "SELECT a.row_index, a.status, a.attempts, a.claimed_at, a.planned_at, l.email FROM actions a JOIN leads l ON l.row_index = a.row_index ORDER BY a.claimed_at, a.row_index",
    messages:
      "SELECT row_index, count(*) AS n, min(length(subject)) AS subject, min(length(text_body)) AS body FROM messages GROUP BY row_index",
    generated: "SELECT count(*) AS n FROM ai_emails",
  },
});
const dist = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 0.5), p99: pct(s, 0.99), max: s.at(-1) ?? null, min: s[0] ?? null };
};
const report = {};
for (const [kind, id] of Object.entries(ids)) {
  const st = stored[id];
  const claimed = st.actions.filter((a) => a.claimed_at !== null);
  const sent = st.actions.filter((a) => a.status === "sent");
  report[kind] = {
    campaign_id: id,
    sent: sent.length,
    failed: st.actions.filter((a) => a.status === "failed").length,
    retried: st.actions.filter((a) => a.attempts > 1).length,
    messages: st.messages.length,
    doubled: st.messages.filter((m) => m.n > 1).length,
    empty: st.messages.filter((m) => !m.subject || !m.body).length,
    generated: st.generated[0]?.n ?? 0,
    wakeLatenessMs: dist(claimed.map((a) => a.claimed_at - a.planned_at)),
    gridLatenessMs: dist(claimed.map((a, k) => a.claimed_at - (T + k * intervalMs))),
    ...(kind === "ai"
      ? {
          aheadMs: dist(
            claimed.map((a) =>
              provider.answeredAt.has(a.email) ? a.claimed_at - provider.answeredAt.get(a.email) : Number.NaN,
            ),
          ),
        }
      : {}),
  };
}
const ai = report.ai;
const base = report.template;
const fmt = (d) => `p50 ${d.p50} / p99 ${d.p99} / max ${d.max}`;
console.log(
  `\nai-send-time.mjs: 2 campaigns x ${opts.leads} leads, 1 action every ${opts.interval} s, provider at ${opts["delay-ms"]} ms`,
);
for (const [kind, r] of Object.entries(report)) {
  console.log(
    `  ${kind.padEnd(8)} sent ${r.sent}, failed ${r.failed}, retried ${r.retried}, messages ${r.messages}, doubled ${r.doubled}, empty ${r.empty}, AI emails ${r.generated}`,
  );
  console.log(
    `           wake lateness (ms) ${fmt(r.wakeLatenessMs)}; grid lateness (ms) ${fmt(r.gridLatenessMs)}`,
  );
  if (r.aheadMs)
    console.log(
      `           email ready before its send (ms) ${fmt(r.aheadMs)} (min ${r.aheadMs.min}; ${r.aheadMs.n} of ${r.sent} matched to a provider answer)`,
    );
}
console.log(
  `  AI minus template: wake lateness p50 ${round(ai.wakeLatenessMs.p50 - base.wakeLatenessMs.p50, 1)} ms, p99 ${round(ai.wakeLatenessMs.p99 - base.wakeLatenessMs.p99, 1)} ms; grid lateness p99 ${round(ai.gridLatenessMs.p99 - base.gridLatenessMs.p99, 1)} ms`,
);
console.log(
  `  provider: ${provider.stats.calls} calls, at most ${provider.stats.maxInFlight} at once; workerd CPU ${round(cpuMs / 1000, 1)} s for ${ai.sent + base.sent} sends`,
);
const file = path.join(
  ensureDir(path.join(benchDir, "results")),
  `ai-send-time-${opts.leads}-${Date.now()}.json`,
);
writeFileSync(
  file,
  JSON.stringify(
    { machine, opts, T, report, provider: provider.stats, cpuMs, load_at_end: loadNow() },
    null,
    2,
  ),
);
console.log(`RESULT ${JSON.stringify(report)}`);
log(`details in ${file}`);
if (opts["keep-state"] !== "1") rmSync(persistTo, { recursive: true, force: true });
