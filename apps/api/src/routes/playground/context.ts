import type { Step } from "@cadence/contract";
import { aiPlaygroundBatches, type CampaignRow, datasets, templates } from "@cadence/db";
import { and, eq, inArray } from "drizzle-orm";
import { type CampaignAiContext, loadSenderProfiles } from "../../ai/campaign-lead";
import { isPersonalizedVariant, stepHasPersonalization } from "../../ai/personalized";
import { classifyRow, firstSeenEmails, leadRulesFor } from "../../campaign/lead-rules";
import { type TemplateSnapshot, variantFor } from "../../campaign/sequence";
import { loadSuppressionMatcher } from "../../campaign/worker/preflight";
import { datasetRows } from "../../datasets/rows";
import type { Env } from "../../env";
import { notFound, validationError } from "../../errors";
import type { Db } from "../../lib/db";

/** The campaign's step `stepIndex`, or 422 when it has none or none of its leads can be personalized. */
export function personalizedStep(campaign: CampaignRow, stepIndex: number, loc: (string | number)[]): Step {
  const step = campaign.stepsConfig.find((s) => s.step === stepIndex);
  if (!step) {
    throw validationError([
      {
        loc,
        msg: `the campaign has no step ${stepIndex} (it has ${campaign.stepsConfig.length})`,
        type: "missing_step",
      },
    ]);
  }
  if (!stepHasPersonalization(step)) {
    throw validationError([
      {
        loc,
        msg: `step ${stepIndex} is not AI-personalized: give it a PERSONALIZATION variant, or ai_personalization_enabled (email steps)`,
        type: "not_personalized",
      },
    ]);
  }
  return step;
}

/** Content of the templates the campaign's variants name (the user's own; missing ones are left out). */
export async function campaignTemplates(
  db: Db,
  campaign: CampaignRow,
): Promise<Map<string, TemplateSnapshot>> {
  const ids = [
    ...new Set(
      campaign.stepsConfig.flatMap((s) => s.variants.flatMap((v) => (v.template_id ? [v.template_id] : []))),
    ),
  ];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: templates.id, subject: templates.subject, body: templates.body })
    .from(templates)
    .where(and(eq(templates.userId, campaign.userId), inArray(templates.id, ids)))
    .all();
  return new Map(rows.map((t) => [t.id, { subject: t.subject, body: t.body }]));
}

/** What generating for this campaign's leads needs, loaded once. */
export async function campaignAiContext(
  db: Db,
  d1: D1Database,
  campaign: CampaignRow,
  customPrompt: string | null,
): Promise<CampaignAiContext> {
  const [templateMap, senders] = await Promise.all([
    campaignTemplates(db, campaign),
    loadSenderProfiles(d1, campaign.userId),
  ]);
  return {
    campaignId: campaign.id,
    datasetId: campaign.datasetId,
    systemPrompt: campaign.systemPrompt,
    steps: campaign.stepsConfig,
    templates: templateMap,
    senders,
    customPrompt,
  };
}

/**
 * The first `limit` leads the campaign would send to (the launch's own row rules: an address, not
 * suppressed, not a repeat, merge fields present) whose variant at `step` is personalized, in row order.
 */
export async function personalizedLeads(
  db: Db,
  d1: D1Database,
  campaign: CampaignRow,
  templateMap: ReadonlyMap<string, TemplateSnapshot>,
  step: Step,
  limit: number,
): Promise<{ rowIndex: number; data: Record<string, string> }[]> {
  const dataset = await db
    .select({ id: datasets.id })
    .from(datasets)
    .where(
      and(
        eq(datasets.id, campaign.datasetId),
        eq(datasets.userId, campaign.userId),
        eq(datasets.status, "ready"),
      ),
    )
    .get();
  if (!dataset) {
    throw validationError([
      { loc: ["campaign", "dataset_id"], msg: "dataset not found", type: "missing_dataset" },
    ]);
  }
  const rules = leadRulesFor(
    campaign.id,
    campaign.stepsConfig,
    templateMap,
    await loadSuppressionMatcher(db, campaign.userId),
  );
  const isDuplicate = firstSeenEmails();
  const out: { rowIndex: number; data: Record<string, string> }[] = [];
  for await (const row of datasetRows(d1, dataset.id)) {
    if (!classifyRow(row.rowIndex, row.data, rules, isDuplicate).launchable) continue;
    if (!isPersonalizedVariant(step, variantFor(campaign.id, row.rowIndex, step))) continue;
    out.push(row);
    if (out.length >= limit) break;
  }
  return out;
}

/** A batch of the campaign (another campaign's batch id is a 404, like a missing one). */
export async function loadBatch(db: Db, campaignId: string, batchId: string) {
  const batch = await db
    .select()
    .from(aiPlaygroundBatches)
    .where(and(eq(aiPlaygroundBatches.id, batchId), eq(aiPlaygroundBatches.campaignId, campaignId)))
    .get();
  if (!batch) throw notFound("Batch");
  return batch;
}

/** The campaign's playground runner. */
export function playgroundStub(env: Env, campaignId: string) {
  return env.PLAYGROUND.get(env.PLAYGROUND.idFromName(campaignId));
}
