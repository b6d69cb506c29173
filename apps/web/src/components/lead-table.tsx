import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { controlProps, Field } from "./field";
import { TableScroll } from "./page";
import { Pager } from "./pager";
import { ProblemNotice } from "./problem";
import { StatusBadge } from "./status";

const LEAD_STATES = ["pending", "sending", "active", "completed", "stopped", "failed"] as const;
const PAGE = 25;

/** The campaign's leads with their state, filtered and paged; each opens its own timeline. */
export function LeadTable({ campaignId, live }: { campaignId: string; live: boolean }) {
  const [status, setStatus] = useState<(typeof LEAD_STATES)[number] | "">("");
  const [offset, setOffset] = useState(0);
  const leads = useResource(
    (client) =>
      client.get("/api/v1/campaigns/{campaign_id}/leads", {
        params: {
          path: { campaign_id: campaignId },
          query: { offset, limit: PAGE, ...(status ? { status } : {}) },
        },
      }),
    [campaignId, status, offset],
    () => (live ? 3000 : null),
  );
  const page = leads.data;
  return (
    <section aria-labelledby="leads-heading">
      <h2 id="leads-heading">Leads</h2>
      <div class="row">
        <Field name="lead_status" label="Show">
          <select
            {...controlProps("lead_status")}
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value as typeof status);
              setOffset(0);
            }}
          >
            <option value="">every lead</option>
            {LEAD_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {leads.problem && <ProblemNotice problem={leads.problem} title="Could not load the leads." />}
      {page && page.items.length === 0 && <p class="muted">No lead{status ? ` is ${status}` : " yet"}.</p>}
      {page && page.items.length > 0 && (
        <TableScroll label="Lead table">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Lead</th>
                <th scope="col">Status</th>
                <th scope="col">Next step</th>
                <th scope="col">Due</th>
                <th scope="col">Last sent</th>
                <th scope="col">Stopped because</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((lead) => (
                <tr key={lead.campaign_lead_id}>
                  <th scope="row">
                    <Link href={`/campaigns/${campaignId}/leads/${lead.campaign_lead_id}`}>
                      {lead.email ?? lead.linkedin_url ?? `row ${lead.row_index}`}
                    </Link>
                  </th>
                  <td>
                    <StatusBadge status={lead.status} />
                  </td>
                  <td>{lead.next_step ?? "—"}</td>
                  <td>{formatDateTime(lead.next_due_at)}</td>
                  <td>{formatDateTime(lead.last_sent_at)}</td>
                  <td>{lead.stop_reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {page && (
        <Pager label="Lead pages" offset={offset} pageSize={PAGE} total={page.total} onOffset={setOffset} />
      )}
    </section>
  );
}
