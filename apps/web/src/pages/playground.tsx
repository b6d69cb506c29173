import type { Cadence, Campaign } from "@cadence/sdk";
import { useEffect, useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { DraftReview } from "../components/draft-review";
import { controlProps, Field } from "../components/field";
import { Loading, Page, TableScroll } from "../components/page";
import { ProblemNotice } from "../components/problem";
import { StatusBadge } from "../components/status";
import { type Problem, toProblem, useClient } from "../lib/api";
import { placeErrors } from "../lib/field-errors";
import {
  approvalsByLead,
  batchRunning,
  type CampaignApproval,
  type LeadApproval,
  leadName,
  type PlaygroundStatus,
  personalizedSteps,
} from "../lib/playground";
import { useResource } from "../lib/use-resource";

const POLL_MS = 1000;

/** AI_NOT_CONFIGURED, with the API's own sentence: what is missing and how to set a provider. */
function NoProvider({ message }: { message: string }) {
  return (
    <div class="notice notice--error" role="alert" data-testid="ai-not-configured">
      <p>
        <strong>No AI provider is set up, so no draft can be written.</strong>
      </p>
      <p class="preview-body">{message}</p>
      <p class="muted small">
        <code>AI_NOT_CONFIGURED</code>
      </p>
    </div>
  );
}

/** Step, number of leads and an optional prompt: starts a batch of drafts in the background. */
function GenerateForm({
  campaign,
  steps,
  onStarted,
}: {
  campaign: Campaign;
  steps: number[];
  onStarted: (batchId: string, customPrompt: string | null) => void;
}) {
  const client = useClient();
  const [step, setStep] = useState(String(steps[0]));
  const [count, setCount] = useState("5");
  const [prompt, setPrompt] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const placed = placeErrors(problem?.status === 422 ? problem.issues : [], [
    "step_index",
    "n_leads",
    "custom_prompt",
  ]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const customPrompt = prompt.trim() || null;
    try {
      const batch = await client.post("/api/v1/campaigns/{campaign_id}/playground/generate", {
        params: { path: { campaign_id: campaign.campaign_id } },
        body: {
          step_index: Number(step),
          n_leads: Number(count),
          ...(customPrompt ? { custom_prompt: customPrompt } : {}),
        },
      });
      onStarted(batch.batch_id, customPrompt);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="generate-heading" noValidate>
      <h2 id="generate-heading">Generate drafts</h2>
      {problem?.code === "AI_NOT_CONFIGURED" ? (
        <NoProvider message={problem.message} />
      ) : (
        problem && <ProblemNotice problem={problem} title="No drafts were started." />
      )}
      <div class="row row--top">
        <Field name="step_index" label="Step" errors={placed.byField.get("step_index")}>
          <select
            {...controlProps("step_index", placed.byField.get("step_index"))}
            value={step}
            onChange={(e) => setStep(e.currentTarget.value)}
          >
            {steps.map((s) => (
              <option key={s} value={String(s)}>
                Step {s}
              </option>
            ))}
          </select>
        </Field>
        <Field
          name="n_leads"
          label="Leads"
          hint="The first the launch would send to (1–200)"
          errors={placed.byField.get("n_leads")}
          class="narrow"
        >
          <input
            {...controlProps("n_leads", placed.byField.get("n_leads"), true)}
            type="number"
            min={1}
            max={200}
            value={count}
            onInput={(e) => setCount(e.currentTarget.value)}
          />
        </Field>
      </div>
      <Field
        name="custom_prompt"
        label="Prompt for this batch (optional)"
        hint="Empty: the campaign's prompt, else the sender profile's, else the built-in one"
        errors={placed.byField.get("custom_prompt")}
      >
        <textarea
          {...controlProps("custom_prompt", placed.byField.get("custom_prompt"), true)}
          rows={3}
          value={prompt}
          onInput={(e) => setPrompt(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" class="button" disabled={busy}>
        Generate drafts
      </button>
    </form>
  );
}

/** The batch as it runs: counts, each lead's state, and Cancel for the leads not started. */
function BatchStatus({
  campaignId,
  status,
  emails,
  onChanged,
}: {
  campaignId: string;
  status: PlaygroundStatus;
  emails: Map<number, string>;
  onChanged: () => void;
}) {
  const client = useClient();
  const [problem, setProblem] = useState<Problem | null>(null);
  const o = status.overall;
  const running = batchRunning(status);
  const cancel = async () => {
    setProblem(null);
    try {
      await client.post("/api/v1/campaigns/{campaign_id}/playground/cancel", {
        params: { path: { campaign_id: campaignId } },
        body: { batch_id: status.batch_id! },
      });
      onChanged();
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  const finished = o.done + o.failed + o.cancelled;
  return (
    <section aria-labelledby="batch-heading" class="card">
      <h2 id="batch-heading">
        Batch{" "}
        <code class="small" data-testid="batch-id" title={status.batch_id ?? undefined}>
          {status.batch_id?.slice(0, 8)}
        </code>
      </h2>
      {problem && <ProblemNotice problem={problem} title="Could not cancel." />}
      <p class="progress-line" role="status" aria-live="polite" data-testid="batch-summary">
        <progress
          max={Math.max(1, o.total)}
          value={finished}
          aria-label={`${finished} of ${o.total} leads finished`}
        />{" "}
        <strong>
          {o.done} / {o.total}
        </strong>{" "}
        drafted{o.running ? `, ${o.running} being written` : ""}
        {o.pending ? `, ${o.pending} waiting` : ""}
        {o.failed ? `, ${o.failed} failed` : ""}
        {o.cancelled ? `, ${o.cancelled} cancelled` : ""}
        {running ? "" : " · finished"}
      </p>
      {running && (
        <button type="button" class="button button--quiet" onClick={cancel}>
          Cancel the leads not started
        </button>
      )}
      <TableScroll label="Leads of the batch">
        <table class="table table--compact">
          <thead>
            <tr>
              <th scope="col">Lead</th>
              <th scope="col">Variant</th>
              <th scope="col">State</th>
              <th scope="col">Subject, or why it failed</th>
            </tr>
          </thead>
          <tbody>
            {status.per_lead.map((l) => (
              <tr key={l.campaign_lead_id}>
                <th scope="row">{leadName(l.row_index, emails)}</th>
                <td>{l.variant_label}</td>
                <td>
                  <StatusBadge status={l.status} />
                </td>
                <td>{l.error ?? l.subject_preview ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/**
 * The campaign's approved emails up to dataset row `lastRow` (the batch's last lead): the API lists
 * them by row, so paging stops once past it.
 */
async function approvedEmails(
  client: Cadence,
  campaignId: string,
  lastRow: number,
): Promise<CampaignApproval[]> {
  const out: CampaignApproval[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await client.get("/api/v1/campaigns/{campaign_id}/approvals", {
      params: { path: { campaign_id: campaignId }, query: { offset, limit: 200 } },
    });
    out.push(...page.items);
    const last = page.items.at(-1);
    if (!last || last.row_index > lastRow || offset + page.items.length >= page.total) return out;
  }
}

/**
 * Review of AI-written emails before launch: generate drafts for the first leads of a personalized step,
 * watch them being written, then read, edit and approve each (or unapprove, or reset the lead).
 */
export function PlaygroundPage({ params }: { params: { id: string } }) {
  const campaignId = params.id;
  const [batchId, setBatchId] = useState<string | null>(null);
  const [customPrompt, setCustomPrompt] = useState<string | null>(null);
  // Approvals changed on this page since the drafts were read (the rest come with the drafts).
  const [changed, setChanged] = useState<Map<string, LeadApproval>>(new Map());
  const base = useResource(
    async (client) => {
      const campaign = await client.get("/api/v1/campaigns/{campaign_id}", {
        params: { path: { campaign_id: campaignId } },
      });
      const [provider, rows] = await Promise.all([
        client.get("/api/v1/ai/provider"),
        client.get("/api/v1/datasets/{dataset_id}/rows", {
          params: { path: { dataset_id: campaign.dataset_id }, query: { limit: 200 } },
        }),
      ]);
      const emails = new Map<number, string>();
      for (const r of rows.items) if (r.data.email) emails.set(r.row_index, r.data.email);
      return { campaign, provider, emails };
    },
    [campaignId],
  );
  // Without a batch id the API answers the campaign's latest batch: an open page picks up where it was.
  const status = useResource(
    (client) =>
      client.get("/api/v1/campaigns/{campaign_id}/playground/status", {
        params: { path: { campaign_id: campaignId }, query: batchId ? { batch_id: batchId } : {} },
      }),
    [campaignId, batchId],
    (s) => (batchRunning(s) ? POLL_MS : null),
  );
  const current = status.data?.batch_id ?? null;
  const finished = status.data !== undefined && current !== null && !batchRunning(status.data);
  // Drafts are read once the batch has finished (the API's advice: not polled), with what is already
  // approved, so a reloaded page shows approved drafts as approved.
  const drafts = useResource(
    async (client) => {
      if (!finished || !current) return null;
      const path = { campaign_id: campaignId };
      const page = await client.get("/api/v1/campaigns/{campaign_id}/playground/drafts", {
        params: { path, query: { batch_id: current } },
      });
      const lastRow = Math.max(0, ...page.drafts.map((d) => d.row_index));
      const approved = lastRow > 0 ? await approvedEmails(client, campaignId, lastRow) : [];
      const step = page.drafts[0]?.step_index ?? 1;
      return { ...page, approvals: approvalsByLead(campaignId, step, approved) };
    },
    [campaignId, current, finished],
  );
  useEffect(() => setChanged(new Map()), [drafts.data]);

  const data = base.data;
  const steps = data ? personalizedSteps(data.campaign) : [];
  return (
    <Page title={data ? `AI drafts: ${data.campaign.name}` : "AI drafts"}>
      <p>
        <Link href={`/campaigns/${campaignId}`}>← {data?.campaign.name ?? "Back to the campaign"}</Link>
      </p>
      {base.problem && <ProblemNotice problem={base.problem} title="Could not load the campaign." />}
      {!data && !base.problem && <Loading what="the campaign" />}
      {data && (
        <>
          {data.provider.configured ? (
            <p class="muted">
              Drafts are written by <strong>{data.provider.model}</strong> (
              {data.provider.source === "user" ? "your own provider" : "the deployment's provider"}).
              Approving a draft freezes that email for its lead and step: it is sent exactly as approved.
            </p>
          ) : (
            <NoProvider message={data.provider.problem ?? "No provider."} />
          )}
          {steps.length === 0 ? (
            <p class="card">
              No step of this campaign is AI-personalized: give an email step a PERSONALIZATION variant, or
              turn on <code>ai_personalization_enabled</code>, to have drafts written here.
            </p>
          ) : (
            <GenerateForm
              campaign={data.campaign}
              steps={steps}
              onStarted={(id, prompt) => {
                setCustomPrompt(prompt);
                setBatchId(id);
              }}
            />
          )}
          {status.problem && <ProblemNotice problem={status.problem} title="Could not load the batch." />}
          {status.data && current && (
            <BatchStatus
              campaignId={campaignId}
              status={status.data}
              emails={data.emails}
              onChanged={status.reload}
            />
          )}
          {drafts.problem && <ProblemNotice problem={drafts.problem} title="Could not load the drafts." />}
          {drafts.data && (
            <section aria-labelledby="drafts-heading">
              <h2 id="drafts-heading">Drafts</h2>
              {drafts.data.drafts.length === 0 && <p class="muted">This batch has no draft to review.</p>}
              {drafts.data.drafts.map((d) => (
                <DraftReview
                  key={`${d.campaign_lead_id}:${d.step_index}:${d.generated_at}`}
                  campaignId={campaignId}
                  draft={d}
                  lead={leadName(d.row_index, data.emails)}
                  customPrompt={current === batchId ? customPrompt : null}
                  approval={changed.get(d.campaign_lead_id) ?? drafts.data?.approvals.get(d.campaign_lead_id)}
                  onApproval={(a) => setChanged((m) => new Map(m).set(d.campaign_lead_id, a))}
                />
              ))}
            </section>
          )}
        </>
      )}
    </Page>
  );
}
