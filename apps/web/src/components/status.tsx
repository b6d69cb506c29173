/** A campaign's or lead's status as a labelled badge (colour is never the only cue: the word is there). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge--${status}`}>{status}</span>;
}
