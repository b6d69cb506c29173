import type { LaunchWarning, Step } from "@cadence/contract";
import { isValidTimeZone } from "@cadence/scheduling";
import { sequenceFieldRequirements, type TemplateSnapshot } from "./sequence";

/**
 * Which rows of a dataset a campaign can send to. Shared by preflight (in the Worker) and the
 * campaign object's lead loading, so the summary a user sees and the leads that get loaded agree.
 */
export interface LeadRulesContext {
  needsEmail: boolean;
  needsLinkedin: boolean;
  /** Merge fields the row's chosen variants use without a default. */
  requiredFields: (rowIndex: number) => readonly string[];
  isSuppressed: (email: string) => boolean;
}

/** The rules a campaign's rows are checked against (the same at preflight and when leads load). */
export function leadRulesFor(
  campaignId: string,
  steps: readonly Step[],
  templates: ReadonlyMap<string, TemplateSnapshot>,
  isSuppressed: (email: string) => boolean,
): LeadRulesContext {
  return {
    needsEmail: steps.some((s) => s.channel === "email"),
    needsLinkedin: steps.some((s) => s.channel === "linkedin"),
    requiredFields: sequenceFieldRequirements(campaignId, steps, templates),
    isSuppressed,
  };
}

/**
 * `classifyRow`'s `isDuplicate` for a pass over a dataset in row order: the first row of an address
 * is kept, later ones are duplicates (as a launch keeps them).
 */
export function firstSeenEmails(): (email: string) => boolean {
  const seen = new Set<string>();
  return (email) => {
    if (seen.has(email)) return true;
    seen.add(email);
    return false;
  };
}

export interface RowVerdict {
  launchable: boolean;
  email: string | null;
  linkedinUrl: string | null;
  warnings: LaunchWarning[];
}

// Pragmatic address check: one @, no spaces, a dotted domain of letters, digits and hyphens.
const EMAIL = /^[^\s@"(),:;<>[\]\\]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

const present = (v: unknown) => typeof v === "string" && v.trim() !== "";

/**
 * Classifies one row. `isDuplicate` is asked only for an otherwise sendable row and must remember
 * the address (first sendable occurrence wins). Warned rows that cannot be sent are not launchable; an
 * invalid lead time zone is reported but does not block (pacing follows the campaign's zone).
 */
export function classifyRow(
  rowIndex: number,
  data: Record<string, string>,
  ctx: LeadRulesContext,
  isDuplicate: (email: string) => boolean,
): RowVerdict {
  const warnings: LaunchWarning[] = [];
  let launchable = true;
  const rawEmail = present(data.email) ? data.email!.trim() : null;
  const email = rawEmail ? normalizeEmail(rawEmail) : null;
  const linkedinUrl = present(data.linkedin_url) ? data.linkedin_url!.trim() : null;

  if (ctx.needsEmail) {
    if (!rawEmail) {
      launchable = false;
      warnings.push({
        code: "MISSING_EMAIL",
        message: `row ${rowIndex}: no email address`,
        row_index: rowIndex,
        step: null,
        field: "email",
      });
    } else if (!isValidEmail(rawEmail)) {
      launchable = false;
      warnings.push({
        code: "INVALID_EMAIL",
        message: `row ${rowIndex}: '${rawEmail}' is not a valid address`,
        row_index: rowIndex,
        step: null,
        field: "email",
      });
    } else if (ctx.isSuppressed(email!)) {
      launchable = false;
      warnings.push({
        code: "SUPPRESSED",
        message: `row ${rowIndex}: ${email} is on the suppression list`,
        row_index: rowIndex,
        step: null,
        field: "email",
      });
    }
  }
  if (ctx.needsLinkedin && !linkedinUrl) {
    launchable = false;
    warnings.push({
      code: "MISSING_LINKEDIN_URL",
      message: `row ${rowIndex}: no linkedin_url for the LinkedIn steps`,
      row_index: rowIndex,
      step: null,
      field: "linkedin_url",
    });
  }
  for (const field of ctx.requiredFields(rowIndex)) {
    if (!present(data[field])) {
      launchable = false;
      warnings.push({
        code: "MISSING_MERGE_FIELD",
        message: `row ${rowIndex}: merge field '${field}' is empty and has no default`,
        row_index: rowIndex,
        step: null,
        field,
      });
    }
  }
  // Asked last, and only for otherwise sendable rows, so the first sendable occurrence of an address
  // is the one that goes out (preflight and lead loading agree on it).
  if (launchable && ctx.needsEmail && isDuplicate(email!)) {
    launchable = false;
    warnings.push({
      code: "DUPLICATE_EMAIL",
      message: `row ${rowIndex}: ${email} already appears in an earlier row`,
      row_index: rowIndex,
      step: null,
      field: "email",
    });
  }
  if (present(data.timezone) && !isValidTimeZone(data.timezone!.trim())) {
    warnings.push({
      code: "INVALID_TIMEZONE",
      message: `row ${rowIndex}: '${data.timezone}' is not an IANA time zone`,
      row_index: rowIndex,
      step: null,
      field: "timezone",
    });
  }
  return { launchable, email, linkedinUrl, warnings };
}

/** Suppression lookups for a user's list: exact addresses and whole domains, lower-cased. */
export function suppressionMatcher(values: Iterable<{ value: string; kind: string }>) {
  const emails = new Set<string>();
  const domains = new Set<string>();
  for (const s of values) (s.kind === "domain" ? domains : emails).add(s.value.toLowerCase());
  return (email: string) => emails.has(email) || domains.has(emailDomain(email));
}
