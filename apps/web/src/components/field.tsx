import type { ComponentChildren } from "preact";
import { fieldId } from "../lib/field-errors";

/** The attributes a control needs to be labelled, described and marked invalid. */
export function controlProps(key: string, errors?: string[], hasHint = false) {
  const id = fieldId(key);
  const described = [errors?.length ? `${id}-error` : null, hasHint ? `${id}-hint` : null].filter(Boolean);
  return {
    id,
    name: key,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": described.length ? described.join(" ") : undefined,
  };
}

interface FieldProps {
  /** The field key (`name`, `steps.0.delay_days`): the control's id and the 422 `loc` it answers to. */
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ComponentChildren;
  class?: string;
}

/** A label, the control, its hint and its errors; the control must spread `controlProps(name, ...)`. */
export function Field({ name, label, hint, errors, children, class: className }: FieldProps) {
  const id = fieldId(name);
  return (
    <div class={`field${errors?.length ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p class="field-error" id={`${id}-error`}>
          {errors.join("; ")}
        </p>
      ) : null}
    </div>
  );
}
