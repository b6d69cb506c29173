// `pnpm demo`: against a running `pnpm dev`, seed a small dataset, two templates, a capture alias and a
// two-step campaign whose window is open now, launch it and print each action as it is sent. As soon as
// Ada's first email is out, Ada "replies" through wrangler's local email endpoint (the Worker's email()
// handler): her follow-up is never sent, and the reply shows in the inbox. With an AI provider
// configured it first personalizes an email for one lead; without, it says how to get one.
import { createLocalUserKey } from "./local.mjs";

const base = process.env.CADENCE_URL ?? `http://127.0.0.1:${process.env.PORT ?? "8787"}`;
const intervalSeconds = Number(process.env.DEMO_INTERVAL_SECONDS ?? "5");

async function api(key, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const hhmm = (d) => d.toISOString().slice(11, 19);

/**
 * With an AI provider (the deployment's, from `AI_BASE_URL=... AI_MODEL=... pnpm dev`, or this
 * shell's AI_BASE_URL / AI_MODEL / AI_API_KEY set as the demo user's own), writes a personalized
 * first email for the first lead; without one, says how to get one.
 */
async function personalizeOneLead(key, datasetId) {
  let provider = await api(key, "GET", "/api/v1/ai/provider");
  if (!provider.configured && process.env.AI_BASE_URL && process.env.AI_MODEL) {
    provider = await api(key, "PUT", "/api/v1/ai/provider", {
      base_url: process.env.AI_BASE_URL,
      model: process.env.AI_MODEL,
      ...(process.env.AI_API_KEY ? { api_key: process.env.AI_API_KEY } : {}),
    });
  }
  if (!provider.configured) {
    console.log(`AI personalization is off: ${provider.problem}`);
    console.log(
      "For example, with Ollama: AI_BASE_URL=http://127.0.0.1:11434/v1 AI_MODEL=llama3.2 pnpm demo\n",
    );
    return;
  }
  console.log(
    `Personalizing the first email for lead 1 with ${provider.model} (${provider.source} provider)...`,
  );
  try {
    const email = await api(key, "POST", "/api/v1/personalize/preview", {
      dataset_id: datasetId,
      row_index: 1,
      sender_data: {
        name: "Cadence Demo",
        company: "Cadence",
        offer: "outreach that sends on time, every time",
      },
    });
    console.log(
      `Subject: ${email.subject}\n\n${email.email_body}\n\n(${email.model_used}, ${email.latency_ms} ms)\n`,
    );
  } catch (err) {
    console.log(`The AI provider could not personalize: ${err.message}\n`);
  }
}

async function main() {
  try {
    await fetch(`${base}/`);
  } catch {
    console.error(`Cadence is not running at ${base}: start it with \`pnpm dev\` in another terminal first.`);
    process.exit(1);
  }
  const { key } = createLocalUserKey({ name: "Demo" });
  const dataset = await api(key, "POST", "/api/v1/datasets/", {
    name: "Demo leads",
    rows: [
      { Email: "ada@example.com", "First Name": "Ada", Company: "Analytical Engines" },
      { Email: "grace@example.com", "First Name": "Grace", Company: "Navy" },
      { Email: "linus@example.com", "First Name": "Linus", Company: "Kernel" },
    ],
  });
  const first = await api(key, "POST", "/api/v1/templates/", {
    name: "Opener",
    content: {
      subject: "{Quick|Short} question about {{company}}",
      body: 'Hi {{first_name | default: "there"}},\n\nhow does {{company}} handle outreach today?\n\nUnsubscribe: {{unsubscribe_url}}',
    },
  });
  const bump = await api(key, "POST", "/api/v1/templates/", {
    name: "Bump",
    content: { subject: "", body: "Hi {{first_name}}, bumping this up.\n\nUnsubscribe: {{unsubscribe_url}}" },
  });
  const alias = await api(key, "POST", "/api/v1/aliases/", {
    email: "demo@cadence.local",
    display_name: "Cadence Demo",
    transport: { kind: "capture" },
    forward_to: "demo-inbox@cadence.local",
  });
  await personalizeOneLead(key, dataset.dataset_id);
  const now = new Date();
  const campaign = await api(key, "POST", "/api/v1/campaigns/", {
    name: "Demo campaign",
    dataset_id: dataset.dataset_id,
    alias_ids: [alias.alias_id],
    timezone: "UTC",
    sending_window_start: hhmm(new Date(now.getTime() - 60_000)),
    sending_window_end: hhmm(new Date(now.getTime() + 3_600_000)),
    send_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    daily_limit: 100,
    min_interval_seconds: intervalSeconds,
    steps: [
      {
        step: 1,
        channel: "email",
        variants: [{ label: "A", weight: 1, type: "TEMPLATE", template_id: first.template_id }],
      },
      {
        step: 2,
        delay_days: 0,
        channel: "email",
        variants: [{ label: "A", weight: 1, type: "TEMPLATE", template_id: bump.template_id }],
      },
    ],
  });
  const launch = await api(key, "POST", `/api/v1/campaigns/${campaign.campaign_id}/launch`);
  console.log(
    `Launched "${campaign.name}" (${campaign.campaign_id}): ${launch.summary.launchable_rows} leads, one action every ${intervalSeconds} s`,
  );
  console.log(`API key for this demo: ${key}\n`);

  const seen = new Set();
  let replied = false;
  const printNew = async () => {
    const page = await api(key, "GET", `/api/v1/campaigns/${campaign.campaign_id}/messages?limit=200`);
    for (const m of page.items) {
      if (seen.has(m.action_key)) continue;
      seen.add(m.action_key);
      console.log(`${m.created_at}  step ${m.step}  to ${m.to.padEnd(20)}  "${m.subject}"`);
      if (!replied && m.to === "ada@example.com" && m.headers["Reply-To"]) {
        replied = true;
        await replyAs(m);
      }
    }
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    const state = await api(key, "GET", `/api/v1/campaigns/${campaign.campaign_id}`);
    await printNew();
    if (state.status === "completed" || Date.now() > deadline) {
      const plan = await api(key, "GET", `/api/v1/campaigns/${campaign.campaign_id}/schedule`);
      console.log(
        `\nCampaign ${state.status}: ${state.processed_leads}/${state.total_leads} leads done (${plan.not_sending_reason ?? "sending"}).`,
      );
      const leads = await api(key, "GET", `/api/v1/campaigns/${campaign.campaign_id}/leads`);
      for (const l of leads.items)
        console.log(`  ${l.email.padEnd(20)} ${l.status}${l.stop_reason ? ` (${l.stop_reason})` : ""}`);
      const inbox = await api(key, "GET", "/api/v1/inbox");
      for (const m of inbox.items)
        console.log(`Inbox: ${m.classification} from ${m.from} matched by ${m.matched_by}: "${m.snippet}"`);
      return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * What Email Routing would hand the Worker when Ada answers: a reply to the Reply-To of her email, sent
 * to wrangler's local email endpoint (`from` and `to` are the envelope, the body the raw message).
 */
async function replyAs(sent) {
  const to = /<([^<>]+)>$/.exec(sent.headers["Reply-To"])?.[1] ?? sent.headers["Reply-To"];
  const raw = [
    "From: Ada <ada@example.com>",
    `To: ${sent.headers["Reply-To"]}`,
    `Subject: Re: ${sent.subject}`,
    `In-Reply-To: ${sent.headers["Message-ID"]}`,
    `Message-ID: <demo-reply-${Date.now()}@example.com>`,
    "",
    "Yes, let's talk on Thursday.",
    "",
    `On ${new Date().toUTCString()} Cadence Demo wrote:`,
    "> how does Analytical Engines handle outreach today?",
    "",
  ].join("\r\n");
  const url = `${base}/cdn-cgi/handler/email?from=ada@example.com&to=${encodeURIComponent(to)}`;
  const res = await fetch(url, { method: "POST", body: raw });
  console.log(`          Ada replies to ${to.slice(0, 14)}...: ${res.status} ${(await res.text()).trim()}`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
