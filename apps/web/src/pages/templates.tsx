import { useEffect, useState } from "preact/hooks";
import { Link, useLocation } from "wouter-preact";
import { controlProps, Field } from "../components/field";
import { Loading, Page, TableScroll } from "../components/page";
import { ProblemNotice } from "../components/problem";
import { LeadPicker, TemplatePreview, usePreviewLead } from "../components/template-preview";
import { type Problem, toProblem, useClient } from "../lib/api";
import { placeErrors } from "../lib/field-errors";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";

export function TemplatesPage() {
  const list = useResource(
    (client) => client.get("/api/v1/templates/", { params: { query: { limit: 200 } } }),
    [],
  );
  return (
    <Page
      title="Templates"
      actions={
        <Link href="/templates/new" class="button">
          New template
        </Link>
      }
    >
      {list.problem && <ProblemNotice problem={list.problem} title="Could not load the templates." />}
      {list.data?.items.length === 0 && <p class="muted">No template yet.</p>}
      {list.data && list.data.items.length > 0 && (
        <TableScroll label="Templates">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Subject</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((t) => (
                <tr key={t.template_id}>
                  <th scope="row">
                    <Link href={`/templates/${t.template_id}`}>{t.name}</Link>
                  </th>
                  <td>{t.content.subject || <span class="muted">(follow-up: Re: first subject)</span>}</td>
                  <td>{formatDateTime(t.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {!list.data && !list.problem && <Loading what="templates" />}
    </Page>
  );
}

const FIELDS = ["name", "content.subject", "content.body"];

/** Create or edit a template; once saved, preview it for any lead of any dataset. */
export function TemplateEditorPage({ params }: { params: { id?: string } }) {
  const client = useClient();
  const [, navigate] = useLocation();
  const id = params.id;
  const [name, setName] = useState("");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(0);
  const [busy, setBusy] = useState(false);
  const datasets = useResource((c) => c.get("/api/v1/datasets/", { params: { query: { limit: 200 } } }), []);
  const lead = usePreviewLead(datasets.data?.items);

  useEffect(() => {
    if (!id) return;
    client.get("/api/v1/templates/{template_id}", { params: { path: { template_id: id } } }).then(
      (t) => {
        setName(t.name);
        setSubject(t.content.subject);
        setBody(t.content.body);
      },
      (error) => setProblem(toProblem(error)),
    );
  }, [client, id]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const content = { subject, body };
      if (id) {
        await client.patch("/api/v1/templates/{template_id}", {
          params: { path: { template_id: id } },
          body: { name, content },
        });
        setSaved((n) => n + 1);
      } else {
        const created = await client.post("/api/v1/templates/", { body: { name, content } });
        navigate(`/templates/${created.template_id}`, { replace: true });
      }
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const errors = placeErrors(problem?.issues ?? [], FIELDS).byField;
  return (
    <Page title={id ? `Template: ${name || "…"}` : "New template"}>
      <div class="split">
        <form class="card" onSubmit={submit}>
          {problem && <ProblemNotice problem={problem} title="Not saved." />}
          <Field name="name" label="Name" errors={errors.get("name")}>
            <input
              {...controlProps("name", errors.get("name"))}
              required
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </Field>
          <Field
            name="content.subject"
            label="Subject"
            hint="Empty on a follow-up step: Re: + the first step's subject."
            errors={errors.get("content.subject")}
          >
            <input
              {...controlProps("content.subject", errors.get("content.subject"), true)}
              value={subject}
              onInput={(e) => setSubject(e.currentTarget.value)}
            />
          </Field>
          <Field
            name="content.body"
            label="Body"
            hint='Merge fields {{first_name | default: "there"}}, spintax {Hi|Hello}, {{unsubscribe_url}}.'
            errors={errors.get("content.body")}
          >
            <textarea
              {...controlProps("content.body", errors.get("content.body"), true)}
              rows={10}
              required
              value={body}
              onInput={(e) => setBody(e.currentTarget.value)}
            />
          </Field>
          <button type="submit" class="button" disabled={busy}>
            {id ? "Save" : "Create template"}
          </button>
          {saved > 0 && (
            <p role="status" class="muted">
              Saved.
            </p>
          )}
        </form>
        <section class="card" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          {!id && <p class="muted">Create the template to preview it for a lead.</p>}
          {id && datasets.data?.items.length === 0 && (
            <p class="muted">
              <Link href="/datasets">Upload a dataset</Link> to preview with a lead.
            </p>
          )}
          {id && lead.dataset && (
            <>
              <Field name="preview_dataset" label="Dataset">
                <select
                  {...controlProps("preview_dataset")}
                  value={lead.dataset.dataset_id}
                  onChange={(e) => {
                    lead.setDatasetId(e.currentTarget.value);
                    lead.setRowIndex(1);
                  }}
                >
                  {datasets.data?.items.map((d) => (
                    <option key={d.dataset_id} value={d.dataset_id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </Field>
              <LeadPicker
                name="preview_row"
                dataset={lead.dataset}
                value={lead.rowIndex}
                onChange={lead.setRowIndex}
              />
              <TemplatePreview
                templateId={id}
                datasetId={lead.dataset.dataset_id}
                rowIndex={lead.rowIndex}
                version={saved}
              />
            </>
          )}
        </section>
      </div>
    </Page>
  );
}
