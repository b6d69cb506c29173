import { seedDataset } from "./helpers";

export const DEFAULT_ROWS = [
  { email: "ada@example.com", first_name: "Ada", company: "Analytical" },
  { email: "grace@example.com", first_name: "Grace", company: "Navy" },
];

/** A valid CampaignCreate body for a fresh dataset of the user. */
export async function campaignBody(userId: string, overrides: Record<string, unknown> = {}) {
  const datasetId = await seedDataset(userId, DEFAULT_ROWS);
  return {
    name: "Q4 outreach",
    dataset_id: datasetId,
    alias_ids: [crypto.randomUUID()],
    steps: [
      {
        step: 1,
        delay_days: 0,
        channel: "email",
        variants: [{ label: "A", weight: 50, type: "TEMPLATE", template_id: crypto.randomUUID() }],
      },
    ],
    ...overrides,
  };
}
