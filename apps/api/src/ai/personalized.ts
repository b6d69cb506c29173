import type { Step, Variant } from "@cadence/contract";

/**
 * Whether a lead given `variant` at `step` gets a generated email: a PERSONALIZATION variant, or any
 * variant of a step with `ai_personalization_enabled` (its template is then the base the model
 * personalizes). Email steps only: a LinkedIn step sends its template or message_template as before.
 */
export function isPersonalizedVariant(
  step: Pick<Step, "channel" | "ai_personalization_enabled">,
  variant: Pick<Variant, "type">,
): boolean {
  return step.channel === "email" && (variant.type === "PERSONALIZATION" || step.ai_personalization_enabled);
}

/** Whether any lead of the step can get a generated email. */
export function stepHasPersonalization(step: Step): boolean {
  return step.variants.some((v) => isPersonalizedVariant(step, v));
}
