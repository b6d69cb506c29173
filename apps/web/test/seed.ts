import { type Cadence, CadenceApiError, type Campaign, type CampaignCreate } from "@cadence/sdk";

// Real data behind the pages, made through the public API with the SDK (the same client the dashboard uses).

export const LEADS = [
  { Email: "ada@example.com", "First Name": "Ada", Company: "Analytical Engines", Plan: "pro" },
  { Email: "grace@example.com", "First Name": "Grace", Company: "Navy", Plan: "team" },
  { Email: "linus@example.com", "First Name": "Linus", Company: "Kernel", Plan: "" },
];

export interface Seeded {
  datasetId: string;
  templateId: string;
  bumpId: string;
  aliasId: string;
}

export async function seedBasics(
  client: Cadence,
  rows: Record<string, string>[] = LEADS,
  datasetName = "Seeded leads",
): Promise<Seeded> {
  const dataset = await client.post("/api/v1/datasets/", { body: { name: datasetName, rows } });
  const template = await client.post("/api/v1/templates/", {
    body: {
      name: "Seeded opener",
      content: {
        subject: "Hello {{company}}",
        body: 'Hi {{first_name}}, as a {{plan | default: "new"}} customer you will like this.\n\nUnsubscribe: {{unsubscribe_url}}',
      },
    },
  });
  const bump = await client.post("/api/v1/templates/", {
    body: {
      name: "Seeded bump",
      content: { subject: "", body: 'Bump, {{first_name | default: "friend"}}. {{unsubscribe_url}}' },
    },
  });
  const alias = await client.post("/api/v1/aliases/", {
    body: {
      email: "seed@cadence.test",
      display_name: "Seed",
      daily_limit: 500,
      transport: { kind: "capture" },
    },
  });
  return {
    datasetId: dataset.dataset_id,
    templateId: template.template_id,
    bumpId: bump.template_id,
    aliasId: alias.alias_id,
  };
}

const hhmmss = (d: Date) => d.toISOString().slice(11, 19);

/** A two-step campaign body; `open` = a window open all day every day, else one that opens in two hours (UTC). */
export function campaignBody(seed: Seeded, name: string, open: boolean): CampaignCreate {
  const later = new Date(Date.now() + 2 * 3600_000);
  return {
    name,
    dataset_id: seed.datasetId,
    type: "email",
    alias_ids: [seed.aliasId],
    launch_type: "immediate",
    timezone: "UTC",
    send_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    sending_window_start: open ? "00:00:00" : hhmmss(later),
    sending_window_end: open ? "23:59:59" : hhmmss(new Date(later.getTime() + 3600_000)),
    daily_limit: 100,
    min_interval_seconds: 1,
    unreviewed_launch_policy: "launch_default",
    steps: [
      {
        step: 1,
        delay_days: 0,
        channel: "email",
        ai_personalization_enabled: false,
        track_clicks: false,
        variants: [
          { label: "A", weight: 50, type: "TEMPLATE", template_id: seed.templateId },
          { label: "B", weight: 50, type: "TEMPLATE", template_id: seed.templateId },
        ],
      },
      {
        step: 2,
        delay_days: 0,
        channel: "email",
        ai_personalization_enabled: false,
        track_clicks: false,
        variants: [{ label: "A", weight: 1, type: "TEMPLATE", template_id: seed.bumpId }],
      },
    ],
  };
}

export async function createCampaign(client: Cadence, body: CampaignCreate): Promise<Campaign> {
  return client.post("/api/v1/campaigns/", { body });
}

export async function launch(client: Cadence, campaignId: string) {
  try {
    return await client.post("/api/v1/campaigns/{campaign_id}/launch", {
      params: { path: { campaign_id: campaignId } },
    });
  } catch (error) {
    if (error instanceof CadenceApiError)
      throw new Error(`${error.message}: ${JSON.stringify(error.errors)}`);
    throw error;
  }
}
