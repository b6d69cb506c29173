import { WELL_KNOWN_FIELDS } from "@cadence/contract";
import type { DatasetColumn } from "@cadence/db";
import { normalizeFieldName } from "@cadence/templating";

/** Header spellings compared without case, spaces or punctuation: "E-mail" and "EMAIL" are both "email". */
const compact = (header: string) => normalizeFieldName(header).replaceAll("_", "");

const EXACT = new Map<string, string>(WELL_KNOWN_FIELDS.map((key) => [compact(key), key]));

/**
 * Common exports' other names for the well-known columns. They yield to an exact match, so a file
 * with both "Title" and "Job Title" keeps "Job Title" as the merge field `job_title`.
 */
const SYNONYMS = new Map<string, string>([
  ["emailaddress", "email"],
  ["companyname", "company"],
  ["jobtitle", "title"],
  ["linkedin", "linkedin_url"],
  ["linkedinprofile", "linkedin_url"],
  ["linkedinprofileurl", "linkedin_url"],
]);

export interface ColumnProblem {
  /** 0-based position of the offending header. */
  index: number;
  type: "empty_header" | "duplicate_header" | "too_many_columns";
  msg: string;
}

export type ColumnMapping = { ok: true; columns: DatasetColumn[] } | { ok: false; problem: ColumnProblem };

/**
 * Maps headers, in order, to the keys their values are stored under: a well-known key when the header
 * names one, otherwise `normalizeFieldName(header)`. Two headers landing on one key are an error, as
 * is a header with no letter or digit (it could never be addressed).
 */
export function mapColumns(headers: readonly string[], maxColumns: number): ColumnMapping {
  if (headers.length > maxColumns) {
    return {
      ok: false,
      problem: {
        index: maxColumns,
        type: "too_many_columns",
        msg: `${headers.length} columns; at most ${maxColumns} columns are allowed per dataset`,
      },
    };
  }
  const exactKeys = new Set<string>();
  for (const header of headers) {
    const key = EXACT.get(compact(header));
    if (key) exactKeys.add(key);
  }
  const columns: DatasetColumn[] = [];
  const taken = new Map<string, number>();
  for (const [index, header] of headers.entries()) {
    const spelled = compact(header);
    const synonym = SYNONYMS.get(spelled);
    const key =
      EXACT.get(spelled) ??
      (synonym && !exactKeys.has(synonym) && !taken.has(synonym) ? synonym : normalizeFieldName(header));
    if (key === "") {
      return {
        ok: false,
        problem: {
          index,
          type: "empty_header",
          msg: `column ${index + 1} has an empty header (a header needs at least one letter or digit)`,
        },
      };
    }
    const first = taken.get(key);
    if (first !== undefined) {
      return {
        ok: false,
        problem: {
          index,
          type: "duplicate_header",
          msg: `column ${index + 1} ("${header}") and column ${first + 1} ("${headers[first]}") both map to the field "${key}"`,
        },
      };
    }
    taken.set(key, index);
    columns.push({ header, key });
  }
  return { ok: true, columns };
}
