import type { Step } from "@cadence/contract";
import { chooseVariant } from "@cadence/scheduling";
import { isReservedField, referencedFields } from "@cadence/templating";

/** Template content frozen into a campaign at launch. */
export interface TemplateSnapshot {
  subject: string;
  body: string;
}

/** The stable key of one action: campaign, lead (dataset row), step. Also the provider idempotency key. */
export function actionKey(campaignId: string, rowIndex: number, step: number): string {
  return `${campaignId}:${rowIndex}:${step}`;
}

/**
 * The id of a campaign's lead (`campaign_lead_id`): a name-based UUID (RFC 9562 version 5, the
 * campaign id as namespace, the dataset row as name). Derived, not drawn, so the same lead has the
 * same id before launch (previews, reviews and approvals of drafts) and after, in every relaunch.
 */
export function campaignLeadId(campaignId: string, rowIndex: number): Promise<string> {
  return uuidV5(campaignId, String(rowIndex));
}

/** A name-based UUID, version 5 (SHA-1), as RFC 9562 defines it. */
export async function uuidV5(namespaceUuid: string, name: string): Promise<string> {
  const namespace = namespaceUuid.replaceAll("-", "");
  if (!/^[0-9a-f]{32}$/i.test(namespace)) throw new Error(`namespace is not a UUID: ${namespaceUuid}`);
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  for (let i = 0; i < 16; i++) input[i] = Number.parseInt(namespace.slice(i * 2, i * 2 + 2), 16);
  input.set(nameBytes, 16);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-1", input)).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The alias that sends to a lead: fixed per lead (row r of n aliases sends from `aliasIds[(r - 1) % n]`),
 * so a thread stays in one mailbox and a reply is forwarded to that mailbox's owner.
 */
export function aliasIdFor(aliasIds: readonly string[], rowIndex: number): string | null {
  return aliasIds.length === 0 ? null : aliasIds[(rowIndex - 1) % aliasIds.length]!;
}

/** Spintax seed of a lead: its dataset row, so a template preview of that row shows the same text. */
export function leadSeed(datasetId: string, rowIndex: number): string {
  return `${datasetId}:${rowIndex}`;
}

/** The variant a lead gets for a step: weighted, deterministic per (campaign, lead, step). */
export function variantFor(campaignId: string, rowIndex: number, step: Step) {
  return chooseVariant(actionKey(campaignId, rowIndex, step.step), step.variants);
}

/** Fields a step's chosen content needs from the row (used without a default). */
export function requiredFieldsOf(sources: readonly string[]): string[] {
  const out = new Set<string>();
  for (const source of sources) {
    for (const f of referencedFields(source).required) if (!isReservedField(f)) out.add(f);
  }
  return [...out];
}

/**
 * Per-row required fields for a sequence, cached per (step, variant) so checking a row costs a few
 * set lookups.
 */
export function sequenceFieldRequirements(
  campaignId: string,
  steps: readonly Step[],
  templates: ReadonlyMap<string, TemplateSnapshot>,
) {
  const cache = new Map<string, string[]>();
  const fieldsOf = (step: Step, label: string, templateId: string | null | undefined) => {
    const k = `${step.step}:${label}`;
    let fields = cache.get(k);
    if (!fields) {
      const t = templateId ? templates.get(templateId) : undefined;
      const sources = [t?.subject ?? "", t?.body ?? ""];
      if (step.channel === "linkedin" && step.message_template) sources.push(step.message_template);
      fields = requiredFieldsOf(sources);
      cache.set(k, fields);
    }
    return fields;
  };
  return (rowIndex: number): string[] => {
    const out: string[] = [];
    for (const step of steps) {
      const v = variantFor(campaignId, rowIndex, step);
      for (const f of fieldsOf(step, v.label, v.template_id)) if (!out.includes(f)) out.push(f);
    }
    return out;
  };
}
