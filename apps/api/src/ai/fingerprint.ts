import type { Step, Variant } from "@cadence/contract";
import type { TemplateSnapshot } from "../campaign/sequence";
import { sha256Hex } from "../lib/crypto";

/**
 * JSON with object keys sorted at every level, so equal values always hash alike whatever order
 * their keys were written in (a dataset row, a sender profile edited through the API).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) {
      sorted[k] = (v as Record<string, unknown>)[k];
    }
    return sorted;
  });
}

export function hashOf(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}

/**
 * What a lead's email for one step is made from, apart from the lead and the prompt: the step's
 * place and channel, the lead's variant (label, type, template, sender profile) and the template's
 * content. An approval is sent only while this is unchanged; a different value is a different
 * input to generation, so it is also part of the store's key.
 */
export function stepConfigFingerprint(
  step: Pick<Step, "step" | "channel" | "ai_personalization_enabled">,
  variant: Pick<Variant, "label" | "type" | "template_id" | "sender_profile_id">,
  template: TemplateSnapshot | null,
): Promise<string> {
  return hashOf({
    v: 1,
    step: step.step,
    channel: step.channel,
    personalized: step.ai_personalization_enabled || variant.type === "PERSONALIZATION",
    variant: {
      label: variant.label,
      type: variant.type,
      template_id: variant.template_id ?? null,
      sender_profile_id: variant.sender_profile_id ?? null,
    },
    template: template ? { subject: template.subject, body: template.body } : null,
  });
}

/** Identifies the lead data an approval was made for. */
export function leadIdentityFingerprint(data: Record<string, unknown>): Promise<string> {
  return hashOf({ v: 1, lead: data });
}
