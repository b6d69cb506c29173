// What a campaign needs, made through the SDK on the test server, and campaign files that use it.
import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { sdk, tempDir } from "./cli";

export const EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export async function campaignFixtures(
  rows: Record<string, string>[],
  templateBody = "Hello\n\n{{unsubscribe_url}}",
) {
  const api = sdk();
  const dataset = await api.post("/api/v1/datasets/", { body: { name: "cli leads", rows } });
  const template = await api.post("/api/v1/templates/", {
    body: { name: "cli opener", content: { subject: "Hi {{first_name}}", body: templateBody } },
  });
  const alias = await api.post("/api/v1/aliases/", { body: { email: "cli@example.com" } });
  return { dataset_id: dataset.dataset_id, template_id: template.template_id, alias_id: alias.alias_id };
}

/** A capture-transport campaign whose window is open all day, every day. */
export function campaignBody(ids: { dataset_id: string; template_id: string; alias_id: string }, extra = {}) {
  return {
    name: "CLI campaign",
    dataset_id: ids.dataset_id,
    alias_ids: [ids.alias_id],
    timezone: "UTC",
    sending_window_start: "00:00",
    sending_window_end: "23:59:59",
    send_days: EVERY_DAY,
    daily_limit: 100,
    min_interval_seconds: 1,
    steps: [{ step: 1, variants: [{ label: "A", template_id: ids.template_id }] }],
    ...extra,
  };
}

export function writeFile(name: string, content: string) {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

export const writeYaml = (body: unknown, name = "campaign.yaml") => writeFile(name, stringify(body));
export const writeJson = (body: unknown, name = "campaign.json") =>
  writeFile(name, JSON.stringify(body, null, 2));

export const leads = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ Email: `cli${i + 1}@example.com`, "First Name": `Lead ${i + 1}` }));
