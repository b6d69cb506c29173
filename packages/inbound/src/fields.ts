/**
 * RFC 5322-style field blocks: message headers, and the field groups of RFC 3464 delivery-status and
 * RFC 5965 feedback-report parts, which use the same syntax (name ":" value, continuation lines start
 * with white space, groups separated by a blank line).
 */

/** Field name (lower case) to its values in order; a name may repeat. */
export type Fields = ReadonlyMap<string, readonly string[]>;

/** Parses consecutive groups of fields. Lines that are not fields (no colon) are ignored. */
export function parseFieldGroups(text: string): Fields[] {
  const groups: Map<string, string[]>[] = [];
  let current: Map<string, string[]> | null = null;
  let last: { name: string; index: number } | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") {
      current = null;
      last = null;
      continue;
    }
    if (/^[ \t]/.test(line)) {
      // A continuation line unfolds into the field before it.
      if (current && last) {
        const values = current.get(last.name)!;
        values[last.index] = `${values[last.index]} ${line.trim()}`;
      }
      continue;
    }
    const colon = line.indexOf(":");
    if (colon < 1) continue;
    if (!current) {
      current = new Map();
      groups.push(current);
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    const values = current.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    current.set(name, values);
    last = { name, index: values.length - 1 };
  }
  return groups;
}

/** The header block of a message or of `text/rfc822-headers`: everything up to the first blank line. */
export function parseHeaderBlock(text: string): Fields {
  const end = text.search(/\r?\n\r?\n/);
  return parseFieldGroups(end < 0 ? text : text.slice(0, end))[0] ?? new Map();
}

export function firstField(fields: Fields | null | undefined, name: string): string | null {
  return fields?.get(name)?.[0] ?? null;
}

/** Every `<...>` message id in a header value (In-Reply-To, References), in order, without duplicates. */
export function messageIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const ids = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => `<${m[1]}>`);
  if (ids.length === 0 && /^[^\s<>]+@[^\s<>]+$/.test(value.trim())) ids.push(`<${value.trim()}>`);
  return [...new Set(ids)];
}

/**
 * The address in an RFC 3464 address field (`rfc822; ada@example.com`) or a bare `<ada@example.com>`,
 * lower-cased; null when there is none.
 */
export function addressIn(value: string | null | undefined): string | null {
  if (!value) return null;
  const typed = /^\s*[\w-]+\s*;\s*(.+)$/.exec(value);
  const raw = (typed ? typed[1]! : value).trim().replace(/^<|>$/g, "");
  return /^[^\s@<>]+@[^\s@<>]+$/.test(raw) ? raw.toLowerCase() : null;
}

/** A `type/subtype; name=value` header: the lower-cased type and its parameters (names lower-cased). */
export function parseContentType(value: string | null | undefined): {
  type: string;
  params: Record<string, string>;
} {
  const [type = "", ...rest] = (value ?? "").split(";");
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    params[part.slice(0, eq).trim().toLowerCase()] = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  return { type: type.trim().toLowerCase(), params };
}
