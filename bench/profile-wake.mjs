#!/usr/bin/env -S node --experimental-websocket
// Diagnostic for issue 5 (not a benchmark: it prints no ratio): where a wake's CPU goes.
// The same setup as bench/send-cpu.mjs in Miniflare (frozen app bundle + bench/wake-worker, driven by
// bench/raw-worker), with workerd's V8 inspector on: the app isolate is sampled by the V8 CPU
// profiler over --wakes (3,000) wakes. Prints self time and inclusive time by function (top --top),
// as a share of the profiled samples. Only JavaScript of the app's isolate is sampled: D1 (its own
// isolate and SQLite), the RPC plumbing and the driver are not in the profile.
//
// Usage: node --experimental-websocket bench/profile-wake.mjs [--wakes=3000] [--skip=500] [--top=25]
//          [--interval-us=200] [--cold=1] [--app=worktree|HEAD|<commit>]
// (--cold=1: the object is evicted before every wake, profiled and counted, so each wake builds a new
// instance as a campaign sending once a minute does; --wakes=500 is plenty then)
// (--skip: wakes run before profiling; --skip=9000 profiles the 9,001st to 12,000th sends of one day)
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { apiClient, campaignBody, createAliasViaApi, createTemplate, leadRows } from "./lib/api.mjs";
import { buildAppSnapshot, selectAppSource } from "./lib/app-build.mjs";
import { freePort, log, parseArgs, sleep } from "./lib/cli.mjs";
import { d1ExecFile, migrateLocal, userKeySql } from "./lib/d1-seed.mjs";
import { machineInfo, printMachine } from "./lib/machine.mjs";
import { benchDir, ensureDir, freshStateDir } from "./lib/paths.mjs";
import { startMiniflare } from "./lib/runtimes.mjs";

if (typeof WebSocket === "undefined") {
  console.error("needs a WebSocket client: run with `node --experimental-websocket` (Node 20) or Node 22+");
  process.exit(2);
}
const opts = parseArgs({
  app: "worktree",
  wakes: 3000,
  skip: 500,
  top: 25,
  "interval-us": 200,
  cold: "0",
  "keep-state": "0",
});
printMachine(machineInfo());
selectAppSource(opts.app);
const persistTo = freshStateDir("profile");
migrateLocal(persistTo);
const user = userKeySql({ name: "Bench profile" });
d1ExecFile(persistTo, user.sql);
const snap = buildAppSnapshot(persistTo, { entry: path.join(benchDir, "wake-worker", "index.js") });
const inspectorPort = await freePort();
const mf = await startMiniflare({
  persistTo,
  snapshot: snap,
  vars: { MIN_INTERVAL_FLOOR_SECONDS: 1 },
  inspectorPort,
});
let ws;
try {
  const api = apiClient(mf.base, user.key);
  const rawPost = async (p) => {
    const res = await mf.raw.fetch(`http://raw${p}`, { method: "POST" });
    const body = await res.json();
    if (!res.ok) throw new Error(`raw ${p} -> ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  const n = opts.wakes + opts.skip + 10;
  const ds = (await api("POST", "/api/v1/datasets/", { name: "profile", rows: leadRows(n) })).dataset_id;
  const templateId = await createTemplate(api);
  const aliasId = await createAliasViaApi(api);
  const c = await api(
    "POST",
    "/api/v1/campaigns/",
    campaignBody({ datasetId: ds, aliasIds: [aliasId], templateId, minInterval: 1 }),
  );
  await rawPost(`/clock?campaign=${c.campaign_id}&at=${Date.now()}`);
  await api("POST", `/api/v1/campaigns/${c.campaign_id}/launch`);
  for (;;) {
    const s = await api("GET", `/api/v1/campaigns/${c.campaign_id}`);
    if (s.status === "active") break;
    await sleep(100);
  }
  // Warm-up, and the wakes to run before profiling (--skip: does the cost depend on what was sent?).
  for (let done = 0; done < opts.skip; done += 1000) {
    await rawPost(`/drive?campaign=${c.campaign_id}&n=${Math.min(1000, opts.skip - done)}`);
  }

  // ---------------------------------------------------------------- SQL statements per wake
  const cold = opts.cold === "1" ? "&cold=1" : "";
  const counted = await rawPost(`/count-sql?campaign=${c.campaign_id}&n=3${cold}`);
  for (const w of counted) {
    console.log(
      `\none ${cold ? "cold " : ""}wake ran ${w.statements} SQL statements in the campaign object:`,
    );
    for (const [k, v] of Object.entries(w.byStatement).sort((a, b) => b[1] - a[1])) {
      console.log(`  ${String(v).padStart(3)}  ${k}`);
    }
  }

  // ---------------------------------------------------------------- the inspector of the app's isolate
  ws = new WebSocket(`ws://127.0.0.1:${inspectorPort}/core:user:cadence-api`);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error("cannot connect to workerd's inspector"));
  });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    }
  };
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      const mid = ++id;
      pending.set(mid, resolve);
      ws.send(JSON.stringify({ id: mid, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: opts["interval-us"] });
  await send("Profiler.start");
  const t = performance.now();
  const r = await rawPost(`/drive?campaign=${c.campaign_id}&n=${opts.wakes}${cold}`);
  const wall = performance.now() - t;
  const { result } = await send("Profiler.stop");
  const profile = result.profile;
  log(`${r.wakes} wakes profiled in ${Math.round(wall)} ms`);
  const file = path.join(ensureDir(path.join(benchDir, "results")), `profile-wake-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));

  // ---------------------------------------------------------------- aggregate
  const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
  const parent = new Map();
  for (const nd of profile.nodes) for (const ch of nd.children ?? []) parent.set(ch, nd.id);
  const label = (nd) => {
    const f = nd.callFrame;
    const name = f.functionName || "(anonymous)";
    if (!f.url) return name;
    return `${name} ${path.basename(f.url)}:${f.lineNumber + 1}`;
  };
  const self = new Map();
  const incl = new Map();
  let total = 0;
  let idle = 0;
  const samples = profile.samples ?? [];
  for (const sid of samples) {
    const nd = byId.get(sid);
    const l = label(nd);
    if (l === "(idle)" || l === "(program)" || l === "(garbage collector)") {
      if (l === "(idle)") idle++;
    }
    total++;
    self.set(l, (self.get(l) ?? 0) + 1);
    const seen = new Set();
    for (let cur = sid; cur !== undefined; cur = parent.get(cur)) {
      const cl = label(byId.get(cur));
      if (seen.has(cl)) continue;
      seen.add(cl);
      incl.set(cl, (incl.get(cl) ?? 0) + 1);
    }
  }
  const busy = total - idle;
  const show = (m, title) => {
    console.log(`\n${title} (share of ${busy} non-idle samples, ${r.wakes} ${cold ? "cold " : ""}wakes):`);
    for (const [l, v] of [...m.entries()]
      .filter(([l]) => l !== "(idle)" && l !== "(root)")
      .sort((a, b) => b[1] - a[1])
      .slice(0, opts.top)) {
      console.log(`  ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${l}`);
    }
  };
  show(self, "self time");
  show(incl, "inclusive time");
  console.log(`\nprofile written to ${file} (open in Chrome DevTools > Performance)`);
} finally {
  ws?.close();
  await mf.mf.dispose();
  if (opts["keep-state"] === "0") rmSync(persistTo, { recursive: true, force: true });
}
