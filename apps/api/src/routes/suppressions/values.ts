import type { SuppressionKind } from "@cadence/contract";
import { isValidEmail, normalizeEmail } from "../../campaign/lead-rules";

// Letters, digits and hyphens per label, dotted, ending in a TLD of at least two letters.
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * A suppression value as stored (trimmed, lower-cased) with its kind, or null when it is neither an
 * address nor a domain. Addresses are checked by the same rule as leads, so whatever a row can send to
 * can be suppressed.
 */
export function parseSuppressionValue(raw: string): { value: string; kind: SuppressionKind } | null {
  const value = normalizeEmail(raw);
  if (value.includes("@")) return isValidEmail(value) ? { value, kind: "email" } : null;
  return value.length <= 253 && DOMAIN.test(value) ? { value, kind: "domain" } : null;
}
