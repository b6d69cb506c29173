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
