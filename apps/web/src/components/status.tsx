import { CLASSIFICATION_TEXT, type InboundClassification } from "../lib/inbound";

/** A campaign's or lead's status as a labelled badge (colour is never the only cue: the word is there). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge--${status}`}>{status}</span>;
}

/** What an inbound message was read as, as a badge that says it in words. */
export function ClassificationBadge({ classification }: { classification: InboundClassification }) {
  return (
    <span class={`badge badge--${classification}`}>
      {CLASSIFICATION_TEXT[classification] ?? classification}
    </span>
  );
}
