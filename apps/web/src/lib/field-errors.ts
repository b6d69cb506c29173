import type { ValidationIssue } from "@cadence/sdk";

/** `["body", "steps", 0, "delay_days"]` -> `steps.0.delay_days` (the form's own field keys). */
export function issueKey(issue: ValidationIssue): string {
  const loc = issue.loc[0] === "body" || issue.loc[0] === "query" ? issue.loc.slice(1) : issue.loc;
  return loc.map(String).join(".");
}

export interface PlacedErrors {
  /** Messages per field key the form shows. */
  byField: Map<string, string[]>;
  /** Issues whose location is no field of the form: shown in the summary only. */
  unplaced: ValidationIssue[];
}

/**
 * Puts each issue next to the most specific field the form has: `send_days.2` goes to `send_days`,
 * `steps.0.variants` to the variants of step 1; an issue no field owns stays in the summary.
 */
export function placeErrors(issues: ValidationIssue[], fields: Iterable<string>): PlacedErrors {
  const known = new Set(fields);
  const byField = new Map<string, string[]>();
  const unplaced: ValidationIssue[] = [];
  for (const issue of issues) {
    const parts = issueKey(issue).split(".");
    let placed = false;
    for (let n = parts.length; n > 0 && !placed; n--) {
      const key = parts.slice(0, n).join(".");
      if (known.has(key)) {
        byField.set(key, [...(byField.get(key) ?? []), issue.msg]);
        placed = true;
      }
    }
    if (!placed) unplaced.push(issue);
  }
  return { byField, unplaced };
}

/** The DOM id of a field's control, from its key (`steps.0.delay_days` -> `f-steps-0-delay_days`). */
export const fieldId = (key: string) => `f-${key.replaceAll(".", "-")}`;
