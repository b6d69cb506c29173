import fs from "node:fs";
import path from "node:path";
import { CampaignCreate } from "@cadence/contract";
import type { CampaignCreate as CampaignCreateBody } from "@cadence/sdk";
import { parse as parseYaml } from "yaml";
import type { Context } from "../context.js";
import { formatPath, UsageError } from "../errors.js";

/** A campaign file: JSON when it says so by its extension, YAML otherwise (YAML also reads JSON). */
export function readCampaignFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const isJson = path.extname(file).toLowerCase() === ".json";
  try {
    return isJson ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid ${isJson ? "JSON" : "YAML"}: ${(err as Error).message}`);
  }
}

/**
 * The campaign in `file`, checked with the contract's own `CampaignCreate` schema (the one the API
 * validates with), so that a mistake is reported with its field path before anything is sent.
 */
export function validateCampaignFile(file: string): CampaignCreateBody {
  const data = readCampaignFile(file);
  const result = CampaignCreate.safeParse(data);
  if (!result.success) {
    throw new UsageError(
      `${file} is not a valid campaign (nothing was sent)`,
      result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  // As written: the API applies the same defaults the schema does.
  return data as CampaignCreateBody;
}

/** `cadence campaigns create -f FILE`. */
export async function createCampaign(ctx: Context, options: { file: string }): Promise<void> {
  const body = validateCampaignFile(options.file);
  const campaign = await ctx.client().post("/api/v1/campaigns/", { body });
  ctx.output.result(campaign, () => {
    ctx.output.line(`Created campaign ${campaign.campaign_id} "${campaign.name}" (${campaign.status}).`);
    ctx.output.note(`Next: cadence preflight ${campaign.campaign_id}`);
  });
}
