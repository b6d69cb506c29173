import type { Dataset } from "@cadence/sdk";
import { useState } from "preact/hooks";
import { useResource } from "../lib/use-resource";
import { controlProps, Field } from "./field";
import { ProblemNotice } from "./problem";

/** The rows of a dataset to preview with, as "row 3 · ada@example.com". */
export function LeadPicker({
  dataset,
  value,
  onChange,
  name,
}: {
  dataset: Dataset;
  value: number;
  onChange: (rowIndex: number) => void;
  name: string;
}) {
  const rows = useResource(
    (client) =>
      client.get("/api/v1/datasets/{dataset_id}/rows", {
        params: { path: { dataset_id: dataset.dataset_id }, query: { limit: 50 } },
      }),
    [dataset.dataset_id],
  );
  return (
    <Field name={name} label="Preview for lead">
      <select {...controlProps(name)} value={value} onChange={(e) => onChange(Number(e.currentTarget.value))}>
        {(rows.data?.items ?? [{ row_index: value, data: {} as Record<string, string> }]).map((r) => (
          <option key={r.row_index} value={r.row_index}>
            row {r.row_index}
            {r.data.email ? ` · ${r.data.email}` : ""}
            {r.data.first_name ? ` (${r.data.first_name})` : ""}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * `POST /templates/{id}/preview` for one dataset row: the subject and body exactly as the send would
 * render them for that lead (same spintax seed), and the merge fields it lacks. Renders again whenever
 * the template, the lead or `version` (bumped after a save) changes.
 */
export function TemplatePreview({
  templateId,
  datasetId,
  rowIndex,
  version = 0,
}: {
  templateId: string;
  datasetId: string;
  rowIndex: number;
  version?: number;
}) {
  const preview = useResource(
    (client) =>
      client.post("/api/v1/templates/{template_id}/preview", {
        params: { path: { template_id: templateId } },
        body: { dataset_id: datasetId, row_index: rowIndex },
      }),
    [templateId, datasetId, rowIndex, version],
  );
  if (preview.problem) return <ProblemNotice problem={preview.problem} title="No preview." />;
  if (!preview.data) return <p class="muted">Rendering…</p>;
  const { subject, body, missing_fields } = preview.data;
  return (
    <div class="preview" aria-live="polite">
      <p>
        <span class="muted">Subject:</span>{" "}
        <strong>{subject || <em>(Re: the first step's subject)</em>}</strong>
      </p>
      <pre class="preview-body">{body}</pre>
      {missing_fields.length > 0 && (
        <p class="field-error">
          Missing for this lead (no default): {missing_fields.map((f) => `{{${f}}}`).join(", ")}
        </p>
      )}
    </div>
  );
}

/** A dataset and a lead of it to preview templates with. */
export function usePreviewLead(datasets: Dataset[] | undefined, preferred?: string | null) {
  const [datasetId, setDatasetId] = useState<string | null>(null);
  const [rowIndex, setRowIndex] = useState(1);
  const dataset = datasets?.find((d) => d.dataset_id === (datasetId ?? preferred)) ?? datasets?.[0] ?? null;
  return { dataset, setDatasetId, rowIndex, setRowIndex };
}
