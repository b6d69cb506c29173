import {
  type LaunchSummary,
  type LaunchWarning,
  MAX_LISTED_WARNINGS,
  type ValidationIssue,
} from "@cadence/contract";
import { aliases, type CampaignRow, connectedAccounts, datasets, suppressions, templates } from "@cadence/db";
import { windowLengthSeconds } from "@cadence/scheduling";
import { hasUnsubscribeLink, validateTemplate } from "@cadence/templating";
import { and, eq, inArray } from "drizzle-orm";
import { startAiLaunchCheck } from "../../ai/launch-check";
import type { BaseEnv } from "../../base-env";
import { datasetRows } from "../../datasets/rows";
import type { Db } from "../../lib/db";
import { classifyRow, firstSeenEmails, leadRulesFor, suppressionMatcher } from "../lead-rules";
import type { TemplateSnapshot } from "../sequence";

export interface PreflightResult {
  summary: LaunchSummary;
  warnings: LaunchWarning[];
  errors: ValidationIssue[];
  /** Template content as it stands now: frozen into the campaign object at launch. */
  templates: Record<string, TemplateSnapshot>;
}

export async function loadSuppressionMatcher(db: Db, userId: string) {
  const rows = await db
    .select({ value: suppressions.value, kind: suppressions.kind })
    .from(suppressions)
    .where(eq(suppressions.userId, userId))
    .all();
  return suppressionMatcher(rows);
}

/**
 * Side-effect-free launch check: blocking reasons (`errors`), row and campaign warnings, and counts
 * that add up (`launchable_rows` = rows that will be loaded).
 */
export async function runPreflight(db: Db, env: BaseEnv, campaign: CampaignRow): Promise<PreflightResult> {
  const errors: ValidationIssue[] = [];
  const warnings: LaunchWarning[] = [];
  let warningCount = 0;
  const warn = (w: LaunchWarning) => {
    warningCount++;
    if (warnings.length < MAX_LISTED_WARNINGS) warnings.push(w);
  };

  const templateIds = [
    ...new Set(
      campaign.stepsConfig.flatMap((s) =>
        s.variants.map((v) => v.template_id).filter((id): id is string => !!id),
      ),
    ),
  ];
  const [dataset, templateRows, aliasRows, account] = await Promise.all([
    db
      .select()
      .from(datasets)
      .where(and(eq(datasets.id, campaign.datasetId), eq(datasets.userId, campaign.userId)))
      .get(),
    templateIds.length
      ? db
          .select()
          .from(templates)
          .where(and(eq(templates.userId, campaign.userId), inArray(templates.id, templateIds)))
          .all()
      : Promise.resolve([]),
    campaign.aliasIds.length
      ? db
          .select({ id: aliases.id })
          .from(aliases)
          .where(and(eq(aliases.userId, campaign.userId), inArray(aliases.id, campaign.aliasIds)))
          .all()
      : Promise.resolve([]),
    campaign.connectedAccountId
      ? db
          .select({ id: connectedAccounts.id })
          .from(connectedAccounts)
          .where(
            and(
              eq(connectedAccounts.userId, campaign.userId),
              eq(connectedAccounts.id, campaign.connectedAccountId),
            ),
          )
          .get()
      : Promise.resolve(undefined),
  ]);

  const templateMap = new Map<string, TemplateSnapshot>(
    templateRows.map((t) => [t.id, { subject: t.subject, body: t.body }]),
  );

  campaign.stepsConfig.forEach((step, i) => {
    step.variants.forEach((v, j) => {
      if (!v.template_id) return;
      const t = templateMap.get(v.template_id);
      const loc = ["campaign", "steps_config", i, "variants", j, "template_id"];
      if (!t) {
        errors.push({ loc, msg: `template ${v.template_id} not found`, type: "missing_template" });
        return;
      }
      const check = validateTemplate(t);
      if (!check.ok)
        errors.push({ loc, msg: `template ${v.template_id}: ${check.error}`, type: "template_syntax" });
    });
  });
  const foundAliases = new Set(aliasRows.map((a) => a.id));
  campaign.aliasIds.forEach((id, i) => {
    if (!foundAliases.has(id))
      errors.push({ loc: ["campaign", "alias_ids", i], msg: `alias ${id} not found`, type: "missing_alias" });
  });
  if (campaign.stepsConfig.some((s) => s.channel === "email") && campaign.aliasIds.length === 0) {
    errors.push({
      loc: ["campaign", "alias_ids"],
      msg: "email steps need at least one alias",
      type: "missing_alias",
    });
  }
  if (campaign.stepsConfig.some((s) => s.channel === "linkedin") && !account) {
    errors.push({
      loc: ["campaign", "connected_account_id"],
      msg: campaign.connectedAccountId
        ? `connected account ${campaign.connectedAccountId} not found`
        : "linkedin steps need a connected account",
      type: "missing_connected_account",
    });
  }
  if (campaign.launchType === "scheduled" && !campaign.startDate) {
    errors.push({
      loc: ["campaign", "start_date"],
      msg: "a scheduled campaign needs a start_date",
      type: "missing_start_date",
    });
  }
  if (dataset?.status !== "ready") {
    errors.push({ loc: ["campaign", "dataset_id"], msg: "dataset not found", type: "missing_dataset" });
  }

  // Campaign-level warnings first, then rows in order.
  const slots = Math.ceil(
    windowLengthSeconds(campaign.sendingWindowStart, campaign.sendingWindowEnd) / campaign.minIntervalSeconds,
  );
  if (slots < campaign.dailyLimit) {
    warn({
      code: "WINDOW_TOO_SHORT",
      message: `the ${campaign.sendingWindowStart}-${campaign.sendingWindowEnd} window holds ${slots} actions at one every ${campaign.minIntervalSeconds} s, fewer than daily_limit ${campaign.dailyLimit}`,
      row_index: null,
      step: null,
      field: "sending_window_end",
    });
  }
  for (const step of campaign.stepsConfig) {
    if (step.channel !== "email") continue;
    const missing = step.variants.some((v) => {
      const t = v.template_id ? templateMap.get(v.template_id) : undefined;
      return t !== undefined && !hasUnsubscribeLink(t);
    });
    if (missing) {
      warn({
        code: "NO_UNSUBSCRIBE_LINK",
        message: `step ${step.step}: the email body has no {{unsubscribe_url}} link (the List-Unsubscribe header is still sent)`,
        row_index: null,
        step: step.step,
        field: "body",
      });
    }
  }

  let totalRows = 0;
  let launchableRows = 0;
  if (dataset && dataset.status === "ready") {
    const rules = leadRulesFor(
      campaign.id,
      campaign.stepsConfig,
      templateMap,
      await loadSuppressionMatcher(db, campaign.userId),
    );
    const isDuplicate = firstSeenEmails();
    // Personalized steps: leads without an approved email, and whether a provider can write theirs.
    const ai = startAiLaunchCheck(env, campaign, templateMap);
    for await (const row of datasetRows(env.DB, dataset.id)) {
      totalRows++;
      const verdict = classifyRow(row.rowIndex, row.data, rules, isDuplicate);
      if (verdict.launchable) {
        launchableRows++;
        ai.addRow(row.rowIndex);
      }
      for (const w of verdict.warnings) warn(w);
    }
    const aiCheck = await ai.finish();
    for (const w of aiCheck.warnings) warn(w);
    errors.push(...aiCheck.errors);
  }
  if (errors.length === 0 && launchableRows === 0) {
    errors.push({
      loc: ["campaign", "dataset_id"],
      msg: "no row of the dataset can be sent to",
      type: "no_launchable_rows",
    });
  }
  return {
    summary: { total_rows: totalRows, launchable_rows: launchableRows, warning_count: warningCount },
    warnings,
    errors,
    templates: Object.fromEntries(templateMap),
  };
}
