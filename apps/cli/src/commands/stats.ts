import type { CampaignStats } from "@cadence/sdk";
import { type Context, campaignParams } from "../context.js";

export const STATS_FORMATS = ["table", "csv", "json"] as const;
export type StatsFormat = (typeof STATS_FORMATS)[number];

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One CSV table: a `campaign` row (all actions), one `step` row per step, one `variant` row per variant. */
export function statsCsv(stats: CampaignStats): string {
  const rows: (string | number)[][] = [
    ["scope", "step", "variant", "sent", "failed"],
    ["campaign", "", "", stats.actions.sent, stats.actions.failed],
    ...stats.per_step.map((s) => ["step", s.step, "", s.sent, s.failed]),
    ...stats.per_variant.map((v) => ["variant", v.step, v.variant, v.sent, v.failed]),
  ];
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\n")}\n`;
}

/** `cadence stats ID --format table|csv|json`. */
export async function stats(ctx: Context, id: string, options: { format: StatsFormat }): Promise<void> {
  const result = await ctx
    .client()
    .get("/api/v1/campaigns/{campaign_id}/stats", { params: campaignParams(id) });
  const { output } = ctx;
  if (output.json || options.format === "json") {
    output.line(JSON.stringify(result, null, 2));
    return;
  }
  if (options.format === "csv") {
    output.stdout.write(statsCsv(result));
    return;
  }
  output.line(`${result.processed_leads}/${result.total_leads} leads processed`);
  const leadStates = Object.keys(result.leads) as (keyof CampaignStats["leads"])[];
  output.table(leadStates, [leadStates.map((state) => result.leads[state])]);
  output.table(
    ["sent", "failed", "retrying", "in flight"],
    [[result.actions.sent, result.actions.failed, result.actions.retrying, result.actions.in_flight]],
  );
  if (result.per_variant.length > 0) {
    output.table(
      ["step", "variant", "sent", "failed"],
      result.per_variant.map((v) => [v.step, v.variant, v.sent, v.failed]),
    );
  }
}
