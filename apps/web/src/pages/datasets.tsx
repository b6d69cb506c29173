import type { Dataset, DatasetRow } from "@cadence/sdk";
import { useState } from "preact/hooks";
import { Link, useLocation } from "wouter-preact";
import { controlProps, Field } from "../components/field";
import { Loading, Page, TableScroll } from "../components/page";
import { ProblemNotice } from "../components/problem";
import { type Problem, toProblem, useClient } from "../lib/api";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";

/** The columns the engine itself reads; any other column is kept as a merge field under its header. */
const WELL_KNOWN = new Set([
  "email",
  "first_name",
  "last_name",
  "company",
  "title",
  "linkedin_url",
  "timezone",
]);
const PREVIEW_ROWS = 10;

function UploadForm() {
  const client = useClient();
  const [, navigate] = useLocation();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setProblem(null);
    setSent(true);
    try {
      // The body goes as text/csv in one piece, not through the SDK's streamed `importCsv`: a browser
      // refuses to stream a request body over HTTP/1.1, which is what `pnpm dev` serves.
      const dataset = await client.post("/api/v1/datasets/", {
        params: { query: { name: name.trim() || file.name.replace(/\.csv$/i, "") } },
        body: await file.text(),
        bodySerializer: (csv) => csv as string,
        headers: { "Content-Type": "text/csv; charset=utf-8" },
      });
      navigate(`/datasets/${dataset.dataset_id}`);
    } catch (error) {
      setProblem(toProblem(error));
      setSent(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a CSV</h2>
      {problem && <ProblemNotice problem={problem} title="The upload failed." />}
      <div class="grid-2">
        <Field name="file" label="CSV file" hint="A header row first. E-mail, First Name... are recognised.">
          <input
            {...controlProps("file", undefined, true)}
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </Field>
        <Field name="dataset_name" label="Name" hint="Defaults to the file's name.">
          <input
            {...controlProps("dataset_name", undefined, true)}
            type="text"
            maxLength={255}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
      </div>
      {sent && (
        <p role="status">
          <progress aria-label="Uploading" /> Uploading {file?.name}…
        </p>
      )}
      <button type="submit" class="button" disabled={!file || sent}>
        Upload
      </button>
    </form>
  );
}

export function DatasetsPage() {
  const list = useResource(
    (client) => client.get("/api/v1/datasets/", { params: { query: { limit: 200 } } }),
    [],
  );
  return (
    <Page title="Datasets">
      <UploadForm />
      <h2>Your datasets</h2>
      {list.problem && <ProblemNotice problem={list.problem} title="Could not load the datasets." />}
      {list.data?.items.length === 0 && <p class="muted">No dataset yet.</p>}
      {list.data && list.data.items.length > 0 && (
        <TableScroll label="Datasets">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Rows</th>
                <th scope="col">Columns</th>
                <th scope="col">Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <tr key={d.dataset_id}>
                  <th scope="row">
                    <Link href={`/datasets/${d.dataset_id}`}>{d.name}</Link>
                  </th>
                  <td>{d.row_count.toLocaleString()}</td>
                  <td>{d.columns.map((c) => c.key).join(", ")}</td>
                  <td>{formatDateTime(d.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {!list.data && !list.problem && <Loading what="datasets" />}
    </Page>
  );
}

function ColumnMapping({ dataset }: { dataset: Dataset }) {
  return (
    <section aria-labelledby="mapping-heading">
      <h2 id="mapping-heading">How the columns were mapped</h2>
      <TableScroll label="Column mapping">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">Stored as</th>
              <th scope="col">Used for</th>
            </tr>
          </thead>
          <tbody>
            {dataset.columns.map((c) => (
              <tr key={c.key}>
                <td>{c.header}</td>
                <td>
                  <code>{c.key}</code>
                </td>
                <td>
                  {WELL_KNOWN.has(c.key) ? (
                    <span class="badge badge--known">well-known field</span>
                  ) : (
                    <span class="muted">merge field {`{{${c.key}}}`}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function FirstRows({ dataset, rows }: { dataset: Dataset; rows: DatasetRow[] }) {
  return (
    <section aria-labelledby="rows-heading">
      <h2 id="rows-heading">
        First {Math.min(PREVIEW_ROWS, dataset.row_count)} of {dataset.row_count.toLocaleString()} rows
      </h2>
      <TableScroll label="First rows">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Row</th>
              {dataset.columns.map((c) => (
                <th scope="col" key={c.key}>
                  {c.key}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.row_index}>
                <td>{row.row_index}</td>
                {dataset.columns.map((c) => (
                  <td key={c.key}>{row.data[c.key] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** One dataset: its column mapping and its first rows as stored. */
export function DatasetPage({ params }: { params: { id: string } }) {
  const view = useResource(
    async (client) => {
      const path = { dataset_id: params.id };
      const [dataset, rows] = await Promise.all([
        client.get("/api/v1/datasets/{dataset_id}", { params: { path } }),
        client.get("/api/v1/datasets/{dataset_id}/rows", {
          params: { path, query: { limit: PREVIEW_ROWS } },
        }),
      ]);
      return { dataset, rows: rows.items };
    },
    [params.id],
  );
  const title = view.data?.dataset.name ?? "Dataset";
  return (
    <Page
      title={title}
      actions={
        <Link href="/campaigns/new" class="button">
          New campaign
        </Link>
      }
    >
      {view.problem && <ProblemNotice problem={view.problem} title="Could not load the dataset." />}
      {view.data && (
        <>
          <p>
            {view.data.dataset.row_count.toLocaleString()} rows, uploaded{" "}
            {formatDateTime(view.data.dataset.created_at)}.
          </p>
          <ColumnMapping dataset={view.data.dataset} />
          <FirstRows dataset={view.data.dataset} rows={view.data.rows} />
        </>
      )}
      {!view.data && !view.problem && <Loading what="the dataset" />}
    </Page>
  );
}
