// One run of bench/scale.mjs (also driven step by step by bench/scale-knee.mjs): a fresh local
// instance, `campaigns` campaigns launched through the API, real alarms, the objects read back with the
// app stopped. See scale.mjs for the options and what each figure means.
import { rmSync } from "node:fs";
import { apiClient, campaignBody, createTemplate, leadRows, warmConnections } from "./api.mjs";
import { buildAppSnapshot } from "./app-build.mjs";
import { freePort, log, sleep } from "./cli.mjs";
import { d1ExecFile, migrateLocal, userKeySql } from "./d1-seed.mjs";
import { observe } from "./observe.mjs";
import { freshStateDir } from "./paths.mjs";
import { pidsUsage, processTree, rssNow, rssSampler, selfCpuMs, treeUsage } from "./proc-usage.mjs";
import { stopTracked } from "./processes.mjs";
import { readCampaignObjects } from "./read-back.mjs";
import { startMiniflare, startWranglerDev } from "./runtimes.mjs";
import { analyseScale, scaleQueries } from "./scale-analysis.mjs";
import { median } from "./stats.mjs";

/** Runs `fn` over `items` with at most `n` in flight; returns results in order. */
export async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

export async function scaleRun(o, runNo) {
  const C = o.campaigns;
  const R = o.leads;
  const intervalMs = o.interval * 1000;
  const persistTo = freshStateDir(`scale-${o.runtime}-${C}`);
  log(`run ${runNo}: state in ${persistTo}`);
  migrateLocal(persistTo);
  const user = userKeySql({ name: "Bench scale" });
  d1ExecFile(persistTo, user.sql);
  const snap = buildAppSnapshot(persistTo);
  log(`app bundled once from apps/api (git ${snap.gitRev})`);
  const vars = { MIN_INTERVAL_FLOOR_SECONDS: 1 };
  const probing = o["probe-ms"] > 0;

  let app = null;
  let mf = null;
  let sampler = null;
  let aborted = null;
  let peakSeen = null;
  const stopApp = async () => {
    const a = app;
    const m = mf;
    app = null;
    mf = null;
    if (a) await stopTracked(a.child);
    if (m) await m.mf.dispose();
  };
  try {
    let base;
    let usage;
    let rssRoots;
    let workerdPids;
    let d1Probe = null;
    if (o.runtime === "wrangler") {
      app = await startWranglerDev({
        port: await freePort(),
        persistTo,
        config: snap.configFile,
        cwd: snap.cwd,
        vars,
        label: "api",
      });
      base = app.base;
      const pid = app.pid;
      usage = () => {
        const u = treeUsage(pid);
        return { workerd: u.workerd.cpuMs, node: u.node.cpuMs + u.other.cpuMs, self: selfCpuMs() };
      };
      rssRoots = () => [pid];
      workerdPids = () =>
        processTree(pid)
          .filter((p) => p.comm === "workerd")
          .map((p) => p.pid);
    } else {
      // The bench-only raw Worker shares the instance only to time D1 from inside it (the probe).
      mf = await startMiniflare({ persistTo, snapshot: snap, vars, withRaw: probing });
      base = mf.base;
      const pids = mf.workerdPids;
      // Miniflare's Node side lives in this process: count this process as the runtime's node.
      usage = () => ({ workerd: pidsUsage(pids).cpuMs, node: selfCpuMs(), self: 0 });
      rssRoots = () => pids;
      workerdPids = () => pids;
      const raw = mf.raw;
      if (raw) d1Probe = async () => (await (await raw.fetch("http://raw/d1-probe")).json()).ms;
    }
    const api = apiClient(base, user.key);
    const ping = async () => (await fetch(`${base}/`, { signal: AbortSignal.timeout(10_000) })).arrayBuffer();
    const observeRuntime = () => observe({ pids: workerdPids, ping, d1: d1Probe, probeMs: o["probe-ms"] });
    // Miniflare's Node side is this process: its RSS counts as the runtime's.
    const extraRss = () => (o.runtime === "miniflare" ? process.memoryUsage().rss / 2 ** 20 : 0);
    // Idle memory is workerd's alone: the objects live there (the Node side holds nothing per object).
    const memSettled = async () => {
      const xs = [];
      for (let i = 0; i < 3; i++) {
        if (i) await sleep(1000);
        xs.push(rssNow(workerdPids).total);
      }
      return median(xs);
    };
    const guard = (mb) => {
      if (!aborted && mb > o["max-rss-mb"]) {
        aborted = `memory: the runtime's RSS reached ${Math.round(mb)} MB (--max-rss-mb=${o["max-rss-mb"]})`;
        log(`STOP: ${aborted}; stopping the app`);
        stopApp().catch((err) => log(`stopping the app: ${err.message}`));
      }
    };

    // ---------------------------------------------------------------- setup (not measured)
    const datasetId = (await api("POST", "/api/v1/datasets/", { name: "scale", rows: leadRows(R) }))
      .dataset_id;
    const templateId = await createTemplate(api);
    const tSetup = performance.now();
    const aliasIds = await pool(
      Array.from({ length: C }, (_, i) => i),
      o.concurrency,
      async (i) =>
        (
          await api(
            "POST",
            "/api/v1/aliases/",
            {
              email: `scale${i}@cadence.local`,
              display_name: `Scale ${i}`,
              daily_limit: 10000,
              transport: { kind: "capture" },
            },
            { retryStale: true }, // a second copy is an unused alias
          )
        ).alias_id,
    );
    const placeholder = new Date(Date.now() + 86_400_000).toISOString();
    const waits = o.start !== "immediate";
    const campaignIds = await pool(
      aliasIds,
      o.concurrency,
      async (aliasId, i) =>
        (
          await api(
            "POST",
            "/api/v1/campaigns/",
            campaignBody({
              datasetId,
              aliasIds: [aliasId],
              templateId,
              minInterval: o.interval,
              startDate: waits ? placeholder : null,
              name: `scale ${i}`,
            }),
            { retryStale: true }, // a second copy is a draft nobody launches
          )
        ).campaign_id,
    );
    log(`created ${C} aliases and campaigns in ${Math.round(performance.now() - tSetup)} ms`);
    // Before any launch: the runtime's memory with no campaign object, and the probes at rest.
    const restObs = observeRuntime();
    const memNoneMB = o["idle-settle"] > 0 ? await memSettled() : null;
    if (o["idle-settle"] <= 0) await sleep(3000);
    const atRest = await restObs.stop();

    // ---------------------------------------------------------------- launch phase (measured)
    await warmConnections(api, o.concurrency);
    const idle = rssSampler(rssRoots, extraRss).stop();
    sampler = rssSampler(rssRoots, extraRss, guard);
    const u0 = usage();
    const tLaunch0 = Date.now();
    let launchesResent = 0;
    const launchMs = await pool(campaignIds, o.concurrency, async (id) => {
      const t = performance.now();
      try {
        await api("POST", `/api/v1/campaigns/${id}/launch`, undefined, { retryStale: true });
      } catch (err) {
        // Sent again after a dropped connection: the first copy had launched it after all.
        if (err.json?.detail !== "CAMPAIGN_NOT_DRAFT") throw err;
        launchesResent++;
      }
      return performance.now() - t;
    });
    if (launchesResent)
      log(`${launchesResent} launches were sent twice (a dropped connection); the first had launched`);
    const tLaunched = Date.now();
    log(
      `launched ${C} campaigns in ${tLaunched - tLaunch0} ms (median response ${Math.round(median(launchMs))} ms)`,
    );
    /** Campaigns in a status, from the D1 projection; null when the API does not answer within 10 s. */
    const countStatus = async (status) => {
      try {
        return (
          await api("GET", `/api/v1/campaigns/?status=${status}&limit=1`, undefined, { timeoutMs: 10_000 })
        ).total;
      } catch {
        return null;
      }
    };
    let T = null;
    let offsetOf = () => 0;
    const memory = { noneMB: memNoneMB, waitingLiveMB: null, waitingSettledMB: null };
    let idleCpu = { workerd: 0, node: 0 };
    if (waits) {
      const loadLimit = Date.now() + 300_000 + C * 30;
      for (;;) {
        const n = await countStatus("scheduled");
        if (n === C) break;
        if (aborted) throw new Error(aborted);
        if (Date.now() > loadLimit)
          throw new Error(`only ${n}/${C} campaigns loaded after ${loadLimit - tLaunch0} ms`);
        await sleep(500);
      }
      const tLoaded = Date.now();
      // Launched, loaded, waiting for a start a day away: the memory they hold, at once (objects
      // live) and after --idle-settle seconds (workerd evicts an object idle for ~10 s).
      if (o["idle-settle"] > 0) {
        const a = usage();
        memory.waitingLiveMB = await memSettled();
        await sleep(o["idle-settle"] * 1000);
        memory.waitingSettledMB = await memSettled();
        const b = usage();
        idleCpu = { workerd: b.workerd - a.workerd, node: b.node - a.node };
      }
      await warmConnections(api, o.concurrency);
      // One common start (aligned), or starts spread evenly over one interval (spread), far enough
      // ahead for the PATCHes: a campaign PATCHed after T starts late, and that lateness would be the
      // bench's. On a quiet machine a PATCH takes ~10 ms; on a loaded one they run as slowly as the
      // launches did: half again the launch phase covers that.
      T = Date.now() + Math.max(o["lead-in"] * 1000, C * 12, 1.5 * (tLaunched - tLaunch0));
      if (o.start === "spread") offsetOf = (i) => Math.floor((i * intervalMs) / C);
      const tPatch0 = Date.now();
      await pool(campaignIds, o.concurrency, (id, i) =>
        api(
          "PATCH",
          `/api/v1/campaigns/${id}`,
          { start_date: new Date(T + offsetOf(i)).toISOString() },
          { retryStale: true },
        ),
      );
      const tPatched = Date.now();
      log(
        `all loaded ${tLoaded - tLaunch0} ms after the first launch; start dates moved in ${tPatched - tPatch0} ms; T in ${T - tPatched} ms`,
      );
      if (tPatched > T) log("WARNING: the PATCHes ended after T; raise --lead-in");
      await sleep(Math.max(0, T - Date.now() - 20));
    }
    if (aborted) throw new Error(aborted);
    const u1 = usage();
    const tSend0 = Date.now();

    // ---------------------------------------------------------------- sending phase (measured)
    const sendObs = observeRuntime();
    const spreadMs = o.start === "spread" ? intervalMs : 0;
    const hardStop = (T ?? tLaunched) + spreadMs + (o.seconds + o.grace) * 1000;
    let completedAt = null;
    let unanswered = 0;
    const progress = [];
    for (;;) {
      await sleep(Math.max(0, Math.min(3000, hardStop - Date.now())));
      if (Date.now() >= hardStop || aborted) break;
      const n = await countStatus("completed");
      progress.push([Date.now() - (T ?? tLaunch0), n]);
      if (n === null) unanswered++;
      if (n === C) {
        completedAt = Date.now();
        break;
      }
    }
    const tEnd = Date.now();
    const u2 = usage();
    const observed = await sendObs.stop();
    const mem = sampler.stop();
    sampler = null;
    peakSeen = mem.peakMB;
    await stopApp(); // nothing is sent after the window
    if (aborted) throw new Error(aborted);
    const since = T ? "T" : "the first launch";
    log(
      completedAt
        ? `all ${C} campaigns completed (seen ${completedAt - (T ?? tLaunch0)} ms after ${since})`
        : `hard stop ${tEnd - (T ?? tLaunch0)} ms after ${since}: app stopped (${unanswered} completion polls got no answer within 10 s)`,
    );

    // ---------------------------------------------------------------- read back and analysis (not measured)
    const stored = await readCampaignObjects({ persistTo, campaignIds, queries: scaleQueries });
    const indexOf = new Map(campaignIds.map((id, i) => [id, i]));
    const a = analyseScale({
      stored,
      campaignIds,
      anchorOf: (id) => (T === null ? null : T + offsetOf(indexOf.get(id))),
      intervalMs,
      R,
      windowMs: o.seconds * 1000,
      T,
    });
    const sendCpu = { workerd: u2.workerd - u1.workerd, node: u2.node - u1.node };
    const launchCpu = {
      workerd: u1.workerd - u0.workerd - idleCpu.workerd,
      node: u1.node - u0.node - idleCpu.node,
    };
    const allCpu = sendCpu.workerd + sendCpu.node + launchCpu.workerd + launchCpu.node;
    const perIdleKB = (mb) => (mb === null || memNoneMB === null ? null : ((mb - memNoneMB) * 1024) / C);
    return {
      run: runNo,
      runtime: o.runtime,
      start: o.start,
      campaigns: C,
      leadsPerCampaign: R,
      intervalS: o.interval,
      app: snap.gitRev,
      launchPhaseMs: (T ?? tSend0) - tLaunch0,
      launchResponseMedianMs: median(launchMs),
      completedAllMs: completedAt ? completedAt - (T ?? tLaunch0) : null,
      completionPollsUnanswered: unanswered,
      sendWindowMs: tEnd - tSend0,
      ...a,
      cpu: {
        sendWorkerdS: sendCpu.workerd / 1000,
        sendNodeS: sendCpu.node / 1000,
        launchWorkerdS: launchCpu.workerd / 1000,
        launchNodeS: launchCpu.node / 1000,
        benchScriptS: (u2.self - u0.self) / 1000,
        msPer1kActionsSending: a.actions ? ((sendCpu.workerd + sendCpu.node) / a.actions) * 1000 : null,
        msPer1kActionsInclLaunch: a.actions ? (allCpu / a.actions) * 1000 : null,
      },
      peakRssMB: mem.peakMB,
      peakRssParts: mem.parts,
      idleRssMB: idle.peakMB,
      memory: {
        ...memory,
        perIdleCampaignKB: perIdleKB(memory.waitingSettledMB),
        perLiveWaitingCampaignKB: perIdleKB(memory.waitingLiveMB),
      },
      observedAtRest: atRest,
      observed,
      progress,
    };
  } catch (err) {
    if (!aborted) throw err;
    const peakRssMB = sampler ? sampler.stop().peakMB : peakSeen;
    sampler = null;
    return { run: runNo, runtime: o.runtime, start: o.start, campaigns: C, aborted, peakRssMB };
  } finally {
    if (sampler) sampler.stop();
    await stopApp();
    if (o["keep-state"] === "0") rmSync(persistTo, { recursive: true, force: true });
  }
}
