import { createCadence } from "@cadence/sdk";

const cadence = createCadence({
  apiKey: process.env.CADENCE_API_KEY!,
  baseUrl: process.env.CADENCE_BASE_URL,
});
const leads = [
  { Email: "ada@example.com", "First Name": "Ada" },
  { Email: "grace@example.com", "First Name": "Grace" },
];
const dataset = await cadence.post("/api/v1/datasets/", { body: { name: "Leads", rows: leads } });
const template = await cadence.post("/api/v1/templates/", {
  body: { name: "Hello", content: { subject: "Hi {{first_name}}", body: "Hello!\n\n{{unsubscribe_url}}" } },
});
const alias = await cadence.post("/api/v1/aliases/", { body: { email: "me@example.com" } }); // capture locally
const campaign = await cadence.post("/api/v1/campaigns/", {
  body: {
    name: "Hello world",
    dataset_id: dataset.dataset_id,
    alias_ids: [alias.alias_id],
    min_interval_seconds: 1,
    sending_window_start: "00:00",
    sending_window_end: "23:59",
    send_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    steps: [{ step: 1, variants: [{ label: "A", template_id: template.template_id }] }],
  },
});
const params = { path: { campaign_id: campaign.campaign_id } };
const preflight = await cadence.post("/api/v1/campaigns/{campaign_id}/preflight", { params });
for (const w of preflight.warnings) console.log(`warning ${w.code}: ${w.message}`);
await cadence.post("/api/v1/campaigns/{campaign_id}/launch", { params });
const done = await cadence.waitForCampaign(campaign.campaign_id, { intervalMs: 1000 });
console.log(`${done.name}: ${done.status}, ${done.processed_leads}/${done.total_leads} leads`);
