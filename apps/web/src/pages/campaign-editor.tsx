import { useEffect, useState } from "preact/hooks";
import { Link, useLocation } from "wouter-preact";
import { controlProps, Field } from "../components/field";
import { PacingFields } from "../components/pacing-fields";
import { Loading, Page } from "../components/page";
import { ProblemNotice, ValidationSummary } from "../components/problem";
import { StepsEditor } from "../components/steps-editor";
import { LeadPicker } from "../components/template-preview";
import { type Problem, toProblem, useClient } from "../lib/api";
import {
  type CampaignDraft,
  draftFromCampaign,
  emptyDraft,
  fieldKeys,
  localIssues,
  toRequestBody,
} from "../lib/campaign-draft";
import { fieldId, placeErrors } from "../lib/field-errors";
import { useResource } from "../lib/use-resource";

/** What the editor picks from: datasets, templates, mailboxes and LinkedIn accounts. */
function useChoices() {
  return useResource(async (client) => {
    const query = { params: { query: { limit: 200 } } };
    const [datasets, templates, aliases, accounts] = await Promise.all([
      client.get("/api/v1/datasets/", query),
      client.get("/api/v1/templates/", query),
      client.get("/api/v1/aliases/", query),
      client.get("/api/v1/connected-accounts/", query),
    ]);
    return {
      datasets: datasets.items,
      templates: templates.items,
      aliases: aliases.items,
      accounts: accounts.items,
    };
  }, []);
}

/** Create a campaign (`/campaigns/new`) or edit a draft (`/campaigns/:id/edit`). */
export function CampaignEditorPage({ params }: { params: { id?: string } }) {
  const client = useClient();
  const [, navigate] = useLocation();
  const id = params.id;
  const choices = useChoices();
  const [draft, setDraft] = useState<CampaignDraft | null>(id ? null : emptyDraft());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewRow, setPreviewRow] = useState(1);
  const [localErrors, setLocalErrors] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    if (!id) return;
    client.get("/api/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: id } } }).then(
      (c) => setDraft(draftFromCampaign(c)),
      (error) => setProblem(toProblem(error)),
    );
  }, [client, id]);

  // A new campaign starts on the newest dataset and mailbox, which is what one just made.
  useEffect(() => {
    if (id || !choices.data || !draft) return;
    if (!draft.dataset_id && choices.data.datasets[0]) set("dataset_id", choices.data.datasets[0].dataset_id);
    if (draft.alias_ids.length === 0 && choices.data.aliases[0])
      set("alias_ids", [choices.data.aliases[0].alias_id]);
  }, [choices.data, id, draft === null]);

  if (!draft) {
    return (
      <Page title="Edit campaign">
        {problem ? (
          <ProblemNotice problem={problem} title="Could not load the campaign." />
        ) : (
          <Loading what="the campaign" />
        )}
      </Page>
    );
  }

  function set<K extends keyof CampaignDraft>(key: K, value: CampaignDraft[K]) {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    const local = localIssues(draft);
    setLocalErrors(local);
    if (local.size > 0) {
      document.getElementById(fieldId([...local.keys()][0]!))?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const body = toRequestBody(draft);
      const saved = id
        ? await client.patch("/api/v1/campaigns/{campaign_id}", {
            params: { path: { campaign_id: id } },
            body,
          })
        : await client.post("/api/v1/campaigns/", { body });
      navigate(`/campaigns/${saved.campaign_id}/preflight`);
    } catch (error) {
      const p = toProblem(error);
      setProblem(p);
      setBusy(false);
      // Move to the summary, which links each issue to its field.
      requestAnimationFrame(() =>
        document.getElementById(p.issues.length ? "validation-summary" : "main")?.focus(),
      );
    }
  };

  const keys = fieldKeys(draft);
  const placed = placeErrors(problem?.issues ?? [], keys);
  const errors = new Map(placed.byField);
  for (const [key, message] of localErrors) errors.set(key, [...(errors.get(key) ?? []), message]);
  const data = choices.data;
  const dataset = data?.datasets.find((d) => d.dataset_id === draft.dataset_id) ?? null;
  const needsAlias = draft.steps.some((s) => s.channel === "email");
  const needsAccount = draft.steps.some((s) => s.channel === "linkedin");

  return (
    <Page title={id ? `Edit: ${draft.name || "campaign"}` : "New campaign"}>
      {choices.problem && (
        <ProblemNotice problem={choices.problem} title="Could not load datasets and templates." />
      )}
      <form onSubmit={submit} noValidate class="editor">
        {problem && problem.issues.length > 0 && (
          <ValidationSummary problem={problem} placedKeys={new Set(keys)} />
        )}
        {problem && problem.issues.length === 0 && <ProblemNotice problem={problem} title="Not saved." />}
        <section aria-labelledby="basics-heading">
          <h2 id="basics-heading">Campaign</h2>
          <div class="card">
            <div class="grid-2">
              <Field name="name" label="Name" errors={errors.get("name")}>
                <input
                  {...controlProps("name", errors.get("name"))}
                  required
                  maxLength={255}
                  value={draft.name}
                  onInput={(e) => set("name", e.currentTarget.value)}
                />
              </Field>
              <Field name="dataset_id" label="Leads (dataset)" errors={errors.get("dataset_id")}>
                <select
                  {...controlProps("dataset_id", errors.get("dataset_id"))}
                  value={draft.dataset_id}
                  onChange={(e) => set("dataset_id", e.currentTarget.value)}
                >
                  <option value="">Choose a dataset…</option>
                  {data?.datasets.map((d) => (
                    <option key={d.dataset_id} value={d.dataset_id}>
                      {d.name} ({d.row_count} rows)
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <Field name="description" label="Description (optional)" errors={errors.get("description")}>
              <textarea
                {...controlProps("description", errors.get("description"))}
                rows={2}
                maxLength={1000}
                value={draft.description}
                onInput={(e) => set("description", e.currentTarget.value)}
              />
            </Field>
            {needsAlias && (
              <fieldset
                class={errors.get("alias_ids") ? "field--invalid" : undefined}
                aria-describedby={errors.get("alias_ids") ? "f-alias_ids-error" : undefined}
              >
                <legend>Send email from</legend>
                {data?.aliases.length === 0 && (
                  <p class="muted">
                    No mailbox yet: <Link href="/senders">add one</Link>.
                  </p>
                )}
                <div id="f-alias_ids">
                  {data?.aliases.map((a) => (
                    <label class="choice" key={a.alias_id}>
                      <input
                        type="checkbox"
                        checked={draft.alias_ids.includes(a.alias_id)}
                        onChange={(e) =>
                          set(
                            "alias_ids",
                            e.currentTarget.checked
                              ? [...draft.alias_ids, a.alias_id]
                              : draft.alias_ids.filter((x) => x !== a.alias_id),
                          )
                        }
                      />{" "}
                      {a.display_name ? `${a.display_name} <${a.email}>` : a.email}{" "}
                      <span class="muted">({a.transport.kind})</span>
                    </label>
                  ))}
                </div>
                {errors.get("alias_ids") && (
                  <p class="field-error" id="f-alias_ids-error">
                    {errors.get("alias_ids")!.join("; ")}
                  </p>
                )}
              </fieldset>
            )}
            {needsAccount && (
              <Field
                name="connected_account_id"
                label="LinkedIn account"
                errors={errors.get("connected_account_id")}
              >
                <select
                  {...controlProps("connected_account_id", errors.get("connected_account_id"))}
                  value={draft.connected_account_id}
                  onChange={(e) => set("connected_account_id", e.currentTarget.value)}
                >
                  <option value="">Choose an account…</option>
                  {data?.accounts.map((a) => (
                    <option key={a.connected_account_id} value={a.connected_account_id}>
                      {a.display_name ?? a.provider_account_id}
                    </option>
                  ))}
                </select>
              </Field>
            )}
          </div>
        </section>
        {dataset && (
          <div class="card preview-lead">
            <LeadPicker name="preview_row" dataset={dataset} value={previewRow} onChange={setPreviewRow} />
            <p class="hint">Variant previews below render their template for this lead.</p>
          </div>
        )}
        <StepsEditor
          draft={draft}
          onChange={(steps) => set("steps", steps)}
          errors={errors}
          templates={data?.templates ?? []}
          preview={{ dataset, rowIndex: previewRow }}
        />
        <PacingFields draft={draft} set={set} errors={errors} />
        <div class="row form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? "Saving…" : id ? "Save and check" : "Create and check"}
          </button>
          <Link href={id ? `/campaigns/${id}` : "/"} class="button button--quiet">
            Cancel
          </Link>
        </div>
      </form>
    </Page>
  );
}
