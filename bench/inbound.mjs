// Inbound mail benchmark (issue 13): N inbound messages of mixed classifications (the fixtures of
// packages/inbound/fixtures, round-robin) through wrangler dev's local email endpoint into the Worker's
// email() handler. Prints p50/p90/p99 handling time as the client sees it, the CPU the dev server's
// process tree spent per message, and checks that every message was matched and classified as its
// fixture says (through GET /api/v1/inbox, or the 400 rejection for the one that must match nothing).
//
//   node bench/inbound.mjs [--messages=1000] [--leads=24] [--keep-state=1]
//
// Self-contained on purpose (it shares nothing with bench/lib/): its own state folder under
// bench/.state/, its own wrangler dev on a free loopback port, stopped on exit.
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.resolve(benchDir, "..");
const apiDir = path.join(repoDir, "apps", "api");
const fixturesDir = path.join(repoDir, "packages", "inbound", "fixtures");
const wranglerBin = path.join(apiDir, "node_modules", ".bin", "wrangler");
const INBOUND_DOMAIN = "inbound.bench.test";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "1"];
  }),
);
const MESSAGES = Number(args.messages ?? 1000);
const LEADS = Number(args.leads ?? 24);
const KEEP_STATE = args["keep-state"] === "1";

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
};
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function wrangler(argv) {
  return execFileSync(wranglerBin, argv, {
    cwd: apiDir,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** CPU seconds (user + system) of a process and all its descendants, from /proc. */
function treeCpuSeconds(rootPid) {
  const tick = 100; // USER_HZ on Linux
  const stats = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), {
        ppid: Number(fields[1]),
        cpu: (Number(fields[11]) + Number(fields[12])) / tick,
      });
    } catch {}
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop();
    total += stats.get(pid)?.cpu ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) queue.push(child);
  }
  return total;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (x, d = 2) => Number(x.toFixed(d));

/** Fills a fixture's placeholders and gives the message its own Message-ID (CRLF line ends). */
function fill(text, values) {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name) => values[name] ?? whole).replace(/\r?\n/g, "\r\n");
}
function withMessageId(raw, id) {
  const end = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, end).replace(/^Message-ID:[^\r\n]*/im, `Message-ID: <${id}>`);
  return head + raw.slice(end);
}

async function main() {
  const stateDir = path.join(benchDir, ".state", `inbound-${randomUUID().slice(0, 8)}`);
  mkdirSync(stateDir, { recursive: true });
  let child = null;
  const stop = () => {
    if (child && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
    }
  };
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });
  try {
    log(`state ${path.relative(repoDir, stateDir)}: migrating a fresh local D1`);
    wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir]);
    const key = `cad_${randomBytes(30).toString("base64url").replace(/[-_]/g, "x").slice(0, 40)}`;
    const userId = randomUUID();
    const now = Date.now();
    wrangler([
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      stateDir,
      "--command",
      `INSERT INTO users (id, email, name, created_at) VALUES ('${userId}', NULL, 'bench', ${now});
       INSERT INTO api_keys (id, user_id, name, key_prefix, key_hash, rate_limit_per_minute, created_at)
       VALUES ('${randomUUID()}', '${userId}', 'bench', '${key.slice(0, 12)}', '${createHash("sha256").update(key).digest("hex")}', 1000000, ${now});`,
    ]);

    // wrangler.jsonc serves the dashboard's build as static assets and refuses a missing folder; this
    // benchmark never asks for the dashboard, so an empty one serves.
    mkdirSync(path.join(repoDir, "apps", "web", "dist"), { recursive: true });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = spawn(
      wranglerBin,
      [
        "dev",
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--persist-to",
        stateDir,
        "--show-interactive-dev-session=false",
        "--log-level",
        "warn",
        "--var",
        "ENVIRONMENT:local",
        "--var",
        "MIN_INTERVAL_FLOOR_SECONDS:1",
        "--var",
        `INBOUND_DOMAIN:${INBOUND_DOMAIN}`,
      ],
      { cwd: apiDir, env, detached: true, stdio: ["ignore", "ignore", "ignore"] },
    );
    process.on("exit", stop);
    for (let i = 0; ; i++) {
      try {
        await (await fetch(`${base}/`, { signal: AbortSignal.timeout(2000) })).arrayBuffer();
        break;
      } catch {}
      if (i > 360 || child.exitCode !== null) throw new Error("wrangler dev did not start");
      await sleep(250);
    }
    log(`wrangler dev on ${base} (pid ${child.pid})`);

    const api = async (method, p, body) => {
      const res = await fetch(`${base}${p}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json().catch(() => null);
      if (!res.ok) throw new Error(`${method} ${p} -> ${res.status} ${JSON.stringify(json)}`);
      return json;
    };

    // A campaign whose first step goes out to every lead (capture alias), the second a day later.
    const leads = Array.from({ length: LEADS }, (_, i) => ({
      email: `lead${i + 1}@bench.example`,
      first_name: `L${i + 1}`,
    }));
    const dataset = await api("POST", "/api/v1/datasets/", { name: "bench", rows: leads });
    const template = await api("POST", "/api/v1/templates/", {
      name: "t",
      content: { subject: "Hello {{first_name}}", body: "Hi {{first_name}}\n\n{{unsubscribe_url}}" },
    });
    const alias = await api("POST", "/api/v1/aliases/", {
      email: "sam@acme.bench",
      display_name: "Sam",
      daily_limit: 10000,
      forward_to: "sam.inbox@acme.bench",
    });
    const variants = [{ label: "A", weight: 1, type: "TEMPLATE", template_id: template.template_id }];
    const campaign = await api("POST", "/api/v1/campaigns/", {
      name: "bench",
      dataset_id: dataset.dataset_id,
      alias_ids: [alias.alias_id],
      timezone: "UTC",
      sending_window_start: "00:00",
      sending_window_end: "23:59:59",
      send_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      daily_limit: 10000,
      min_interval_seconds: 1,
      steps: [
        { step: 1, variants },
        { step: 2, delay_days: 1, variants },
      ],
    });
    await api("POST", `/api/v1/campaigns/${campaign.campaign_id}/launch`);
    log(`sending the first step to ${LEADS} leads (one a second)...`);
    let sent = [];
    for (let i = 0; sent.length < LEADS; i++) {
      if (i > LEADS * 4 + 60) throw new Error(`only ${sent.length} of ${LEADS} first steps were sent`);
      await sleep(1000);
      sent = (await api("GET", `/api/v1/campaigns/${campaign.campaign_id}/messages?limit=200`)).items;
    }
    const byLead = sent.map((m) => {
      const replyTo = /<([^<>]+)>$/.exec(m.headers["Reply-To"])[1];
      const bounceTo = /<([^<>]+)>/.exec(m.headers["Return-Path"])[1];
      const token = replyTo.slice(2, replyTo.indexOf("@"));
      return {
        lead: m.to,
        alias: "sam@acme.bench",
        reply_to: replyTo,
        bounce_to: bounceTo,
        tampered_reply_to: `r+${token[0] === "a" ? "b" : "a"}${token.slice(1)}@${INBOUND_DOMAIN}`,
        plain_inbound: `replies@${INBOUND_DOMAIN}`,
        message_id: m.headers["Message-ID"],
      };
    });

    const fixtures = readdirSync(fixturesDir)
      .filter((f) => f.endsWith(".eml"))
      .sort()
      .map((f) => ({
        name: f.replace(/\.eml$/, ""),
        eml: readFileSync(path.join(fixturesDir, f), "utf8"),
        expected: readFileSync(path.join(fixturesDir, f.replace(/\.eml$/, ".expected.json")), "utf8"),
      }));
    const runId = randomUUID().slice(0, 8);
    const messages = Array.from({ length: MESSAGES }, (_, i) => {
      const f = fixtures[i % fixtures.length];
      const values = byLead[Math.floor(i / fixtures.length) % byLead.length];
      const expected = JSON.parse(fill(f.expected, values));
      const id = `bench-${runId}-${i}@bench.example`;
      return {
        i,
        fixture: f.name,
        id,
        to: values[expected.envelope_to],
        from: values.lead,
        expected,
        raw: withMessageId(fill(f.eml, values), id),
      };
    });

    log(
      `delivering ${MESSAGES} inbound messages (${fixtures.length} fixtures, ${LEADS} leads) one at a time`,
    );
    const cpuBefore = treeCpuSeconds(child.pid);
    const wallStart = performance.now();
    const results = [];
    for (const m of messages) {
      const url = `${base}/cdn-cgi/handler/email?from=${encodeURIComponent(m.from)}&to=${encodeURIComponent(m.to)}`;
      const t0 = performance.now();
      const res = await fetch(url, { method: "POST", body: m.raw });
      const text = await res.text();
      results.push({ ms: performance.now() - t0, status: res.status, text });
    }
    const wallSeconds = (performance.now() - wallStart) / 1000;
    const cpuSeconds = treeCpuSeconds(child.pid) - cpuBefore;

    // Every message classified and matched as its fixture says.
    const inbox = new Map();
    for (let offset = 0; ; offset += 200) {
      const page = await api("GET", `/api/v1/inbox?limit=200&offset=${offset}`);
      for (const item of page.items) inbox.set(item.message_id, item);
      if (page.items.length < 200) break;
    }
    const wrong = [];
    for (const [k, m] of messages.entries()) {
      const r = results[k];
      const row = inbox.get(`<${m.id}>`);
      if (m.expected.match === "none") {
        if (r.status !== 400 || row)
          wrong.push({ fixture: m.fixture, i: m.i, status: r.status, text: r.text, row: row ?? null });
      } else if (
        r.status !== 200 ||
        row?.classification !== m.expected.classification ||
        row?.matched_by !== m.expected.match
      ) {
        wrong.push({
          fixture: m.fixture,
          i: m.i,
          status: r.status,
          got: row ? [row.classification, row.matched_by] : null,
          expected: [m.expected.classification, m.expected.match],
        });
      }
    }

    const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
    const perFixture = {};
    for (const [k, m] of messages.entries()) {
      perFixture[m.fixture] ??= [];
      perFixture[m.fixture].push(results[k].ms);
    }
    const summary = {
      messages: MESSAGES,
      leads: LEADS,
      fixtures: fixtures.length,
      ms: {
        p50: round(pct(sorted, 50)),
        p90: round(pct(sorted, 90)),
        p99: round(pct(sorted, 99)),
        max: round(sorted.at(-1)),
      },
      messages_per_second: round(MESSAGES / wallSeconds, 1),
      cpu_ms_per_message: round((cpuSeconds * 1000) / MESSAGES),
      p99_ms_by_fixture: Object.fromEntries(
        Object.entries(perFixture).map(([name, xs]) => [
          name,
          round(
            pct(
              xs.sort((a, b) => a - b),
              99,
            ),
          ),
        ]),
      ),
      matched_and_classified_as_expected: MESSAGES - wrong.length,
      wrong: wrong.slice(0, 20),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    };
    console.log(JSON.stringify(summary, null, 2));
    const resultsDir = path.join(benchDir, "results");
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      path.join(resultsDir, `inbound-${new Date().toISOString().replace(/[:.]/g, "-")}.json`),
      JSON.stringify(summary, null, 2),
    );
    if (wrong.length) process.exitCode = 1;
  } finally {
    stop();
    await sleep(500);
    if (!KEEP_STATE && existsSync(stateDir)) rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
