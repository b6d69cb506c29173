/**
 * The key a dataset column is available under in templates: lowercase, every run of characters
 * that are not letters or digits collapsed to `_`, leading/trailing `_` trimmed. Letters and digits
 * are Unicode-aware ("Prénom" -> "prénom"), and the header is NFKC-normalised first so that
 * full-width or composed forms agree. "First Name" -> "first_name", "E-mail" -> "e_mail",
 * " Job Title (2) " -> "job_title_2". A header with no letter or digit gives "" (not addressable).
 */
export function normalizeFieldName(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "");
}

/** Fields the caller supplies per message; never read from row data. */
export const RESERVED_FIELDS: readonly string[] = ["unsubscribe_url"];
export const RESERVED_FIELD_PREFIXES: readonly string[] = ["sender_"];

export function isReservedField(name: string): boolean {
  return RESERVED_FIELDS.includes(name) || RESERVED_FIELD_PREFIXES.some((prefix) => name.startsWith(prefix));
}

const normalizedCache = new Map<string, string>();

function normalizeCached(key: string): string {
  let normalized = normalizedCache.get(key);
  if (normalized === undefined) {
    if (normalizedCache.size >= 10_000) normalizedCache.clear();
    normalized = normalizeFieldName(key);
    normalizedCache.set(key, normalized);
  }
  return normalized;
}

/** Empty strings are treated as absent, so `{% if title %}` is false for an empty cell (Liquid
 * would otherwise find "" truthy) and `default` applies. */
function scalar(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return undefined;
}

/**
 * The only scope a template sees: the row's values (non-empty strings; numbers and booleans are
 * stringified; objects and arrays are dropped), each
 * also under its normalised name when that differs and is not already a column, then the reserved
 * values, which win. Reserved names in the row are ignored, so a column called "Unsubscribe URL"
 * can never replace the real link. A null-prototype object: nothing inherited is reachable.
 */
export function buildScope(
  data: Readonly<Record<string, unknown>>,
  reserved: Readonly<Record<string, unknown>> | undefined,
): Record<string, string> {
  const scope: Record<string, string> = Object.create(null);
  const keys = Object.keys(data);
  for (const key of keys) {
    const value = scalar(data[key]);
    if (value !== undefined && !isReservedField(key)) scope[key] = value;
  }
  for (const key of keys) {
    const value = scope[key];
    if (value === undefined) continue;
    const alias = normalizeCached(key);
    if (alias !== "" && alias !== key && !(alias in scope) && !isReservedField(alias)) scope[alias] = value;
  }
  if (reserved !== undefined) {
    for (const key of Object.keys(reserved)) {
      const value = scalar(reserved[key]);
      if (value !== undefined) scope[key] = value;
    }
  }
  return scope;
}

/** A field counts as missing when it is absent or the empty string. */
export function isEmptyField(scope: Readonly<Record<string, string>>, name: string): boolean {
  const value = scope[name];
  return value === undefined || value === "";
}
