import type { Campaign, Schedule } from "@cadence/sdk";
import { Link } from "wouter-preact";
import { Page, TableScroll } from "../components/page";
import { ProblemNotice } from "../components/problem";
import { StatusBadge } from "../components/status";
import { formatDateTime, LIVE_STATUSES, NOT_SENDING_REASON, percent, relativeTime } from "../lib/format";
import { useResource } from "../lib/use-resource";

interface Row {
  campaign: Campaign;
  schedule: Schedule | null;
}

/** The next action of a live campaign, or why it is not sending. */
function NextAction({ row }: { row: Row }) {
  const { campaign, schedule } = row;
  if (campaign.status === "draft") return <span class="muted">Not launched</span>;
  if (campaign.status === "completed") return <span class="muted">Done</span>;
  if (campaign.status === "failed") return <span>{campaign.launch_error ?? "Launch failed"}</span>;
  if (!schedule) return <span class="muted">—</span>;
  const reason = schedule.not_sending_reason ? NOT_SENDING_REASON[schedule.not_sending_reason] : null;
  return (
    <span>
      {schedule.next_action_at ? (
        <time dateTime={schedule.next_action_at} title={formatDateTime(schedule.next_action_at)}>
          {relativeTime(schedule.next_action_at)}
        </time>
      ) : (
        "nothing planned"
      )}
      {reason && <span class="muted"> · {reason}</span>}
    </span>
  );
}

/** Every campaign with its status, progress and next action; refreshed every few seconds while any is live. */
export function CampaignsPage() {
  const list = useResource(
    async (client): Promise<Row[]> => {
      const page = await client.get("/api/v1/campaigns/", { params: { query: { limit: 200 } } });
      return Promise.all(
        page.items.map(async (campaign) => ({
          campaign,
          schedule: LIVE_STATUSES.has(campaign.status)
            ? await client
                .get("/api/v1/campaigns/{campaign_id}/schedule", {
                  params: { path: { campaign_id: campaign.campaign_id }, query: { limit: 1 } },
                })
                .catch(() => null)
            : null,
        })),
      );
    },
    [],
    (rows) => (rows.some((r) => LIVE_STATUSES.has(r.campaign.status)) ? 5000 : null),
  );

  return (
    <Page
      title="Campaigns"
      actions={
        <Link href="/campaigns/new" class="button">
          New campaign
        </Link>
      }
    >
      {list.problem && <ProblemNotice problem={list.problem} title="Could not load the campaigns." />}
      {list.data?.length === 0 && (
        <div class="card empty">
          <p>No campaign yet.</p>
          <p>
            Start with a list of leads (<Link href="/datasets">upload a CSV</Link>), a{" "}
            <Link href="/templates/new">template</Link> and a <Link href="/senders">sender</Link>, then{" "}
            <Link href="/campaigns/new">create a campaign</Link>.
          </p>
        </div>
      )}
      {list.data && list.data.length > 0 && (
        <TableScroll label="Campaigns">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Next action</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((row) => {
                const c = row.campaign;
                return (
                  <tr key={c.campaign_id}>
                    <th scope="row">
                      <Link href={`/campaigns/${c.campaign_id}`}>{c.name}</Link>
                    </th>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <td>
                      {c.status === "draft" ? (
                        <span class="muted">—</span>
                      ) : (
                        <span class="progress-cell">
                          <progress
                            max={Math.max(1, c.total_leads)}
                            value={c.processed_leads}
                            aria-label={`${c.name}: ${c.processed_leads} of ${c.total_leads} leads done`}
                          />
                          <span>
                            {c.processed_leads}/{c.total_leads} ({percent(c.processed_leads, c.total_leads)})
                          </span>
                        </span>
                      )}
                    </td>
                    <td>
                      <NextAction row={row} />
                    </td>
                    <td>{formatDateTime(c.created_at)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {!list.data && !list.problem && (
        <p class="muted" role="status">
          Loading campaigns…
        </p>
      )}
    </Page>
  );
}
