import type { Dataset, Template } from "@cadence/sdk";
import { useState } from "preact/hooks";
import {
  type CampaignDraft,
  LINKEDIN_ACTIONS,
  newStep,
  newVariant,
  type StepDraft,
  type VariantDraft,
  weightShares,
} from "../lib/campaign-draft";
import { controlProps, Field } from "./field";
import { TemplatePreview } from "./template-preview";

interface StepsEditorProps {
  draft: CampaignDraft;
  onChange: (steps: StepDraft[]) => void;
  errors: Map<string, string[]>;
  templates: Template[];
  /** The dataset and lead the template previews render for. */
  preview: { dataset: Dataset | null; rowIndex: number };
}

const nextLabel = (variants: VariantDraft[]) => {
  for (let i = 0; i < 26; i++) {
    const label = String.fromCharCode(65 + i);
    if (!variants.some((v) => v.label === label)) return label;
  }
  return `V${variants.length + 1}`;
};

function VariantRow({
  stepIndex,
  index,
  variant,
  share,
  canRemove,
  errors,
  templates,
  preview,
  stepPersonalized,
  onChange,
  onRemove,
}: {
  stepIndex: number;
  index: number;
  variant: VariantDraft;
  share: number | null;
  canRemove: boolean;
  errors: Map<string, string[]>;
  templates: Template[];
  preview: StepsEditorProps["preview"];
  /** The step writes every variant with AI (`ai_personalization_enabled`). */
  stepPersonalized: boolean;
  onChange: (v: VariantDraft) => void;
  onRemove: () => void;
}) {
  const [showPreview, setShowPreview] = useState(false);
  const personalized = stepPersonalized || variant.type === "PERSONALIZATION";
  const key = `steps.${stepIndex}.variants.${index}`;
  const previewId = `${key}-preview`.replaceAll(".", "-");
  return (
    <li class="variant">
      <div class="variant-fields">
        <Field name={`${key}.label`} label="Label" errors={errors.get(`${key}.label`)} class="narrow">
          <input
            {...controlProps(`${key}.label`, errors.get(`${key}.label`))}
            maxLength={10}
            required
            value={variant.label}
            onInput={(e) => onChange({ ...variant, label: e.currentTarget.value })}
          />
        </Field>
        <Field
          name={`${key}.weight`}
          label="Weight"
          errors={errors.get(`${key}.weight`)}
          hint={share === null ? undefined : `${share.toFixed(share % 1 ? 1 : 0)}% of leads`}
          class="narrow"
        >
          <input
            {...controlProps(`${key}.weight`, errors.get(`${key}.weight`), share !== null)}
            type="number"
            min="0"
            step="any"
            inputMode="decimal"
            value={variant.weight}
            onInput={(e) => onChange({ ...variant, weight: e.currentTarget.value })}
          />
        </Field>
        <Field
          name={`${key}.template_id`}
          label="Template"
          errors={errors.get(`${key}.template_id`)}
          hint={personalized ? "AI-personalized: the model writes each lead's email from it" : undefined}
        >
          <select
            {...controlProps(`${key}.template_id`, errors.get(`${key}.template_id`), personalized)}
            value={variant.template_id}
            onChange={(e) => onChange({ ...variant, template_id: e.currentTarget.value })}
          >
            <option value="">Choose a template…</option>
            {templates.map((t) => (
              <option key={t.template_id} value={t.template_id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <div class="variant-actions">
          <button
            type="button"
            class="button button--small button--quiet"
            aria-expanded={showPreview}
            aria-controls={previewId}
            disabled={!variant.template_id || !preview.dataset}
            onClick={() => setShowPreview((s) => !s)}
          >
            {showPreview ? "Hide preview" : "Preview"}
            <span class="visually-hidden">
              {" "}
              variant {variant.label} of step {stepIndex + 1}
            </span>
          </button>
          {canRemove && (
            <button type="button" class="button button--small button--quiet" onClick={onRemove}>
              Remove
              <span class="visually-hidden">
                {" "}
                variant {variant.label} of step {stepIndex + 1}
              </span>
            </button>
          )}
        </div>
      </div>
      <div id={previewId}>
        {showPreview && variant.template_id && preview.dataset && (
          <TemplatePreview
            templateId={variant.template_id}
            datasetId={preview.dataset.dataset_id}
            rowIndex={preview.rowIndex}
          />
        )}
      </div>
    </li>
  );
}

function StepCard({
  index,
  step,
  canRemove,
  props,
  onChange,
  onRemove,
}: {
  index: number;
  step: StepDraft;
  canRemove: boolean;
  props: StepsEditorProps;
  onChange: (s: StepDraft) => void;
  onRemove: () => void;
}) {
  const { errors } = props;
  const key = `steps.${index}`;
  const { shares, problem } = weightShares(step);
  const setVariant = (j: number, v: VariantDraft) =>
    onChange({ ...step, variants: step.variants.map((old, k) => (k === j ? v : old)) });
  const stepErrors = [...(errors.get(key) ?? []), ...(errors.get(`${key}.variants`) ?? [])];
  return (
    <fieldset class="step card">
      <legend>Step {index + 1}</legend>
      {stepErrors.length > 0 && <p class="field-error">{stepErrors.join("; ")}</p>}
      <div class="grid-3">
        <Field
          name={`${key}.delay_days`}
          label={index === 0 ? "Delay (days after launch)" : "Delay (days after the previous step)"}
          errors={errors.get(`${key}.delay_days`)}
        >
          <input
            {...controlProps(`${key}.delay_days`, errors.get(`${key}.delay_days`))}
            type="number"
            min="0"
            max="365"
            value={step.delay_days}
            onInput={(e) => onChange({ ...step, delay_days: e.currentTarget.value })}
          />
        </Field>
        <Field name={`${key}.channel`} label="Channel" errors={errors.get(`${key}.channel`)}>
          <select
            {...controlProps(`${key}.channel`, errors.get(`${key}.channel`))}
            value={step.channel}
            onChange={(e) => onChange({ ...step, channel: e.currentTarget.value as StepDraft["channel"] })}
          >
            <option value="email">Email</option>
            <option value="linkedin">LinkedIn</option>
          </select>
        </Field>
        {step.channel === "linkedin" ? (
          <Field
            name={`${key}.action_type`}
            label="LinkedIn action"
            errors={errors.get(`${key}.action_type`)}
          >
            <select
              {...controlProps(`${key}.action_type`, errors.get(`${key}.action_type`))}
              value={step.action_type}
              onChange={(e) => onChange({ ...step, action_type: e.currentTarget.value })}
            >
              <option value="">Choose…</option>
              {LINKEDIN_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <div class="checkbox-field">
            <label class="choice">
              <input
                type="checkbox"
                checked={step.track_clicks}
                onChange={(e) => onChange({ ...step, track_clicks: e.currentTarget.checked })}
              />{" "}
              Track clicks
            </label>
            <label class="choice">
              <input
                type="checkbox"
                checked={step.ai_personalization_enabled}
                onChange={(e) => onChange({ ...step, ai_personalization_enabled: e.currentTarget.checked })}
              />{" "}
              Written by AI for each lead
            </label>
          </div>
        )}
      </div>
      {step.channel === "linkedin" && (
        <Field
          name={`${key}.message_template`}
          label="LinkedIn message"
          errors={errors.get(`${key}.message_template`)}
        >
          <textarea
            {...controlProps(`${key}.message_template`, errors.get(`${key}.message_template`))}
            rows={3}
            value={step.message_template}
            onInput={(e) => onChange({ ...step, message_template: e.currentTarget.value })}
          />
        </Field>
      )}
      <h3 class="small-heading">Variants</h3>
      {problem && <p class="field-error">{problem}</p>}
      <ol class="variants">
        {step.variants.map((v, j) => (
          <VariantRow
            key={j}
            stepIndex={index}
            index={j}
            variant={v}
            share={shares[j] ?? null}
            canRemove={step.variants.length > 1}
            errors={errors}
            templates={props.templates}
            preview={props.preview}
            stepPersonalized={step.channel === "email" && step.ai_personalization_enabled}
            onChange={(nv) => setVariant(j, nv)}
            onRemove={() => onChange({ ...step, variants: step.variants.filter((_, k) => k !== j) })}
          />
        ))}
      </ol>
      <div class="row">
        <button
          type="button"
          class="button button--small button--quiet"
          disabled={step.variants.length >= 10}
          onClick={() =>
            onChange({ ...step, variants: [...step.variants, newVariant(nextLabel(step.variants))] })
          }
        >
          Add variant<span class="visually-hidden"> to step {index + 1}</span>
        </button>
        {canRemove && (
          <button type="button" class="button button--small button--quiet" onClick={onRemove}>
            Remove step {index + 1}
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** The sequence: steps in order, each with its delay, channel and weighted variants. */
export function StepsEditor(props: StepsEditorProps) {
  const { draft, onChange, errors } = props;
  return (
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading">Steps</h2>
      {errors.get("steps") && <p class="field-error">{errors.get("steps")!.join("; ")}</p>}
      {draft.steps.map((step, i) => (
        <StepCard
          key={i}
          index={i}
          step={step}
          canRemove={draft.steps.length > 1}
          props={props}
          onChange={(s) => onChange(draft.steps.map((old, k) => (k === i ? s : old)))}
          onRemove={() => onChange(draft.steps.filter((_, k) => k !== i))}
        />
      ))}
      <button
        type="button"
        class="button button--quiet"
        disabled={draft.steps.length >= 10}
        onClick={() => onChange([...draft.steps, newStep(false)])}
      >
        Add step
      </button>
    </section>
  );
}
