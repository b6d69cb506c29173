import { useState } from "preact/hooks";
import { type Problem, toProblem, useClient } from "../lib/api";
import { placeErrors } from "../lib/field-errors";
import { formatDateTime } from "../lib/format";
import type { LeadApproval, PlaygroundDraft } from "../lib/playground";
import { controlProps, Field } from "./field";
import { ProblemNotice } from "./problem";

/** What a failed approval means for the person reviewing, when it is more than a field to fix. */
function ApprovalProblem({ problem }: { problem: Problem }) {
  if (problem.code === "STEP_CONFIG_CHANGED") {
    return (
      <div class="notice notice--error" role="alert">
        <p>
          <strong>Not approved: the step changed since this draft was written.</strong> Its variant, template
          or sender profile is no longer what the draft was made from, so this text would not be what the step
          sends. Generate the drafts again and approve the new one.
        </p>
        <p class="muted small">
          {problem.message} · <code>{problem.code}</code>
        </p>
      </div>
    );
  }
  return <ProblemNotice problem={problem} title="Not approved." />;
}

/**
 * The lead's approved email for the draft's step, when it was approved under the step configuration
 * the draft was written for (an approval made before the step changed is no longer sent).
 */
function approvedEntry(approval: LeadApproval | undefined, draft: PlaygroundDraft) {
  const entry = approval?.approved_steps.includes(draft.step_index) ? approval.approved_entry : null;
  return entry?.step_index === draft.step_index &&
    entry.step_config_fingerprint === draft.step_config_fingerprint
    ? entry
    : null;
}

/**
 * One lead's draft for one step: its subject and body, editable, then Approve (the email is frozen for
 * that step, exactly as shown); once approved, Unapprove (this step) and Reset (every step of the lead).
 */
export function DraftReview({
  campaignId,
  draft,
  lead,
  customPrompt,
  approval,
  onApproval,
}: {
  campaignId: string;
  draft: PlaygroundDraft;
  /** How to name the lead (its address, or its row). */
  lead: string;
  /** The batch's own prompt, when it had one: the approval records what the draft was made with. */
  customPrompt: string | null;
  approval: LeadApproval | undefined;
  onApproval: (approval: LeadApproval) => void;
}) {
  const client = useClient();
  const approved = approvedEntry(approval, draft);
  // An approved email is what the lead will send: the page shows it, not the draft it was made from.
  const [subject, setSubject] = useState(approved?.subject ?? draft.subject);
  const [body, setBody] = useState(approved?.body ?? draft.body);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const key = `draft-${draft.row_index}`;
  const path = { campaign_id: campaignId, campaign_lead_id: draft.campaign_lead_id };
  const edited = approved !== null && (approved.subject !== subject || approved.body !== body);
  const placed = placeErrors(problem?.status === 422 ? problem.issues : [], ["subject", "body"]);

  const run = async (action: () => Promise<LeadApproval>) => {
    setBusy(true);
    setProblem(null);
    try {
      onApproval(await action());
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const approve = (e: Event) => {
    e.preventDefault();
    run(() =>
      client.post("/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/approve", {
        params: { path },
        body: {
          step_index: draft.step_index,
          variant_label: draft.variant_label,
          subject,
          body,
          expected_step_config_fingerprint: draft.step_config_fingerprint,
          model: draft.model,
          ...(customPrompt ? { custom_prompt: customPrompt } : {}),
        },
      }),
    );
  };
  const unapprove = () =>
    run(() =>
      client.post("/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/unapprove", {
        params: { path },
        body: { step_index: draft.step_index },
      }),
    );
  const reset = () =>
    run(() =>
      client.post("/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/reset", {
        params: { path },
        body: {},
      }),
    );

  const headingId = `${key}-heading`;
  // Every draft has the same buttons: a screen reader hears whose draft each one acts on.
  const forLead = <span class="visually-hidden"> for {lead}</span>;
  return (
    <article class="card draft" aria-labelledby={headingId}>
      <div class="draft-head">
        <h3 id={headingId}>
          {lead}{" "}
          <span class="muted small">
            · step {draft.step_index}, variant {draft.variant_label}
          </span>
        </h3>
        <span class={`badge badge--${approved ? (edited ? "paused" : "completed") : "draft"}`} role="status">
          {approved ? (edited ? "edited since approval" : "approved") : "not approved"}
        </span>
      </div>
      <p class="muted small">
        {draft.model} · {draft.from_cache ? "from the store" : "generated"}{" "}
        {formatDateTime(draft.generated_at)} · prompt: {draft.prompt_source}
      </p>
      {problem && <ApprovalProblem problem={problem} />}
      <form onSubmit={approve}>
        <Field name={`${key}.subject`} label="Subject" errors={placed.byField.get("subject")}>
          <input
            {...controlProps(`${key}.subject`, placed.byField.get("subject"))}
            value={subject}
            maxLength={998}
            onInput={(e) => setSubject(e.currentTarget.value)}
          />
        </Field>
        <Field name={`${key}.body`} label="Body" errors={placed.byField.get("body")}>
          <textarea
            {...controlProps(`${key}.body`, placed.byField.get("body"))}
            rows={Math.min(14, Math.max(5, body.split("\n").length + 1))}
            value={body}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
        </Field>
        <div class="row">
          <button type="submit" class="button" disabled={busy}>
            {approved ? "Approve again" : "Approve"}
            {forLead}
          </button>
          {(subject !== draft.subject || body !== draft.body) && (
            <button
              type="button"
              class="button button--quiet"
              disabled={busy}
              onClick={() => {
                setSubject(draft.subject);
                setBody(draft.body);
              }}
            >
              Undo edits
              {forLead}
            </button>
          )}
          {approved && (
            <button type="button" class="button button--quiet" disabled={busy} onClick={unapprove}>
              Unapprove
              {forLead}
            </button>
          )}
          {approval && approval.approved_steps.length > 0 && (
            <button type="button" class="button button--quiet" disabled={busy} onClick={reset}>
              Reset every step
              {forLead}
            </button>
          )}
        </div>
      </form>
      {approved && (
        <p class="muted small">
          Approved {formatDateTime(approved.approved_at)}: step {draft.step_index} sends this subject and body
          to {lead} as they are, while the step stays as it is now.
        </p>
      )}
    </article>
  );
}
