import { z } from "@hono/zod-openapi";
import { CampaignResponse } from "./campaigns";
import { ValidationIssue } from "./errors";

export const ROW_WARNING_CODES = [
  "MISSING_EMAIL",
  "INVALID_EMAIL",
  "DUPLICATE_EMAIL",
  "SUPPRESSED",
  "MISSING_MERGE_FIELD",
  "MISSING_LINKEDIN_URL",
  "INVALID_TIMEZONE",
] as const;
export const CAMPAIGN_WARNING_CODES = [
  "WINDOW_TOO_SHORT",
  "NO_UNSUBSCRIBE_LINK",
  /** Leads of an AI-personalized step without an approved draft (one warning per step, with the count). */
  "UNREVIEWED_PERSONALIZATION",
] as const;
export type WarningCode = (typeof ROW_WARNING_CODES)[number] | (typeof CAMPAIGN_WARNING_CODES)[number];

export const LaunchWarning = z
  .object({
    code: z.enum([...ROW_WARNING_CODES, ...CAMPAIGN_WARNING_CODES]),
    message: z.string(),
    row_index: z.number().int().nullable().optional(),
    step: z.number().int().nullable().optional(),
    field: z.string().nullable().optional(),
  })
  .openapi("LaunchWarning");
export type LaunchWarning = z.infer<typeof LaunchWarning>;

export const LaunchSummary = z
  .object({
    total_rows: z.number().int(),
    launchable_rows: z.number().int(),
    warning_count: z.number().int(),
  })
  .openapi("LaunchSummary");
export type LaunchSummary = z.infer<typeof LaunchSummary>;

/** Exactly the seed page's launch response. */
export const LaunchResponse = z
  .object({ campaign: CampaignResponse, summary: LaunchSummary, warnings: z.array(LaunchWarning) })
  .openapi("LaunchResponse");

export const PreflightResponse = z
  .object({ summary: LaunchSummary, warnings: z.array(LaunchWarning), errors: z.array(ValidationIssue) })
  .openapi("PreflightResponse");
export type PreflightResponse = z.infer<typeof PreflightResponse>;

/** At most this many warnings are listed; `warning_count` always counts them all. */
export const MAX_LISTED_WARNINGS = 10_000;
