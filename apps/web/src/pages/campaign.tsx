import type { Campaign, CampaignStats, Schedule } from "@cadence/sdk";
import { useState } from "preact/hooks";
import { Link, useLocation } from "wouter-preact";
import { BarChart, PlanTimeline, StackedBar } from "../components/charts";
import { controlProps, Field } from "../components/field";
import { LeadTable } from "../components/lead-table";
import { Loading, Page, TableScroll } from "../components/page";
import { ProblemNotice } from "../components/problem";
import { StatusBadge } from "../components/status";
import { type Problem, toProblem, useClient } from "../lib/api";
import {
  formatDateTime,
  formatTime,
  LIVE_STATUSES,
  NOT_SENDING_REASON,
  percent,
  relativeTime,
} from "../lib/format";
import { personalizedSteps, playgroundPath } from "../lib/playground";
import { useResource } from "../lib/use-resource";

const POLL_MS = 2000;

function Controls({ campaign, onChanged }: { campaign: Campaign; onChanged: () => void }) {
  const client = useClient();
  const [, navigate] = useLocation();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const path = { campaign_id: campaign.campaign_id };
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      onChanged();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const pause = (e: Event) => {
    e.preventDefault();
    run(() =>
      client.post("/api/v1/campaigns/{campaign_id}/pause", {
        params: { path },
        body: reason.trim() ? { reason: reason.trim() } : {},
      }),
    );
  };
  const remove = () => {
    if (!window.confirm(`Delete the draft "${campaign.name}"?`)) return;
    run(async () => {
      await client.delete("/api/v1/campaigns/{campaign_id}", { params: { path } });
      navigate("/");
    });
  };
  const status = campaign.status;
  return (
    <div class="controls">
      {problem && <ProblemNotice problem={problem} title="That did not work." />}
      {(status === "draft" || status === "failed") && (
        <div class="row">
          <Link href={`/campaigns/${campaign.campaign_id}/preflight`} class="button">
            Check and launch
          </Link>
          {personalizedSteps(campaign).length > 0 && (
            <Link href={playgroundPath(campaign.campaign_id)} class="button button--quiet">
              Review AI drafts
            </Link>
          )}
          {status === "draft" && (
            <>
              <Link href={`/campaigns/${campaign.campaign_id}/edit`} class="button button--quiet">
                Edit
              </Link>
              <button type="button" class="button button--quiet" disabled={busy} onClick={remove}>
                Delete
              </button>
            </>
          )}
        </div>
      )}
      {["launching", "scheduled", "active", "draining"].includes(status) && (
        <form class="row" onSubmit={pause}>
          <Field name="pause_reason" label="Reason (optional)">
            <input
              {...controlProps("pause_reason")}
              maxLength={255}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </Field>
          <button type="submit" class="button" disabled={busy}>
            Pause
          </button>
        </form>
      )}
      {status === "paused" && (
        <div class="row">
          <p>Paused{campaign.paused_reason ? `: ${campaign.paused_reason}` : ""}.</p>
          <button
            type="button"
            class="button"
            disabled={busy}
            onClick={() =>
              run(() => client.post("/api/v1/campaigns/{campaign_id}/resume", { params: { path } }))
            }
          >
            Resume
          </button>
        </div>
      )}
    </div>
  );
}

function PlanSection({ schedule }: { schedule: Schedule }) {
  const reason = schedule.not_sending_reason;
  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">Plan</h2>
      <div class="card">
        <dl class="facts">
          <div>
            <dt>Next action</dt>
            <dd>
              {schedule.next_action_at
                ? `${formatTime(schedule.next_action_at)} (${relativeTime(schedule.next_action_at, new Date(schedule.now).getTime())})`
                : "none planned"}
            </dd>
          </div>
          <div>
            <dt>Not sending now because</dt>
            <dd data-testid="not-sending-reason">
              {reason ? (NOT_SENDING_REASON[reason] ?? reason) : "it is sending"}
            </dd>
          </div>
          <div>
            <dt>Projected finish</dt>
            <dd>
              {formatDateTime(schedule.projected_finish_at)}
              {schedule.projected_finish_is_estimate && schedule.projected_finish_at ? " (estimate)" : ""}
            </dd>
          </div>
        </dl>
        <PlanTimeline now={schedule.now} planned={schedule.planned} />
        {schedule.planned.length > 0 && (
          <TableScroll label="Planned actions">
            <table class="table table--compact">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Lead</th>
                  <th scope="col">Step</th>
                  <th scope="col">Variant</th>
                </tr>
              </thead>
              <tbody>
                {schedule.planned.map((p) => (
                  <tr key={`${p.campaign_lead_id}:${p.step}`}>
                    <td>
                      <time dateTime={p.at}>{formatTime(p.at)}</time>
                    </td>
                    <td>{p.email ?? `row ${p.row_index}`}</td>
                    <td>{p.step}</td>
                    <td>{p.variant ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </div>
    </section>
  );
}

function StatsSection({ stats }: { stats: CampaignStats }) {
  const series = [
    { key: "sent", label: "Sent" },
    { key: "failed", label: "Failed" },
  ];
  return (
    <section aria-labelledby="stats-heading">
      <h2 id="stats-heading">Results</h2>
      <div class="grid-2">
        <div class="card">
          <BarChart
            title="Per step"
            series={series}
            groups={stats.per_step.map((s) => ({
              label: `Step ${s.step}`,
              values: { sent: s.sent, failed: s.failed },
            }))}
          />
        </div>
        <div class="card">
          <BarChart
            title="Per variant"
            series={series}
            groups={stats.per_variant.map((v) => ({
              label: `Step ${v.step} · ${v.variant}`,
              values: { sent: v.sent, failed: v.failed },
            }))}
          />
        </div>
      </div>
      <p class="muted">
        Actions: {stats.actions.sent} sent, {stats.actions.failed} failed, {stats.actions.retrying} retrying,{" "}
        {stats.actions.in_flight} in flight.
      </p>
    </section>
  );
}

/** A campaign: its controls, and once launched its live progress, plan, results and leads. */
export function CampaignPage({ params }: { params: { id: string } }) {
  const path = { campaign_id: params.id };
  const view = useResource(
    async (client) => {
      const campaign = await client.get("/api/v1/campaigns/{campaign_id}", { params: { path } });
      if (campaign.status === "draft") return { campaign, schedule: null, stats: null };
      const [schedule, stats] = await Promise.all([
        client.get("/api/v1/campaigns/{campaign_id}/schedule", { params: { path, query: { limit: 20 } } }),
        client.get("/api/v1/campaigns/{campaign_id}/stats", { params: { path } }),
      ]);
      return { campaign, schedule, stats };
    },
    [params.id],
    (data) => (LIVE_STATUSES.has(data.campaign.status) ? POLL_MS : null),
  );
  const data = view.data;
  const c = data?.campaign;
  return (
    <Page title={c?.name ?? "Campaign"} actions={c && <StatusBadge status={c.status} />}>
      {view.problem && <ProblemNotice problem={view.problem} title="Could not load the campaign." />}
      {!data && !view.problem && <Loading what="the campaign" />}
      {c && (
        <>
          <p class="visually-hidden" role="status" aria-live="polite">
            Status {c.status}, {c.processed_leads} of {c.total_leads} leads done.
          </p>
          {c.launch_error && (
            <div class="notice notice--error">
              <p>Launch failed: {c.launch_error}</p>
            </div>
          )}
          <Controls campaign={c} onChanged={view.reload} />
          <p class="muted">
            {c.steps_config.length} step{c.steps_config.length > 1 ? "s" : ""} · window{" "}
            {c.sending_window_start.slice(0, 5)}–{c.sending_window_end.slice(0, 5)} {c.timezone} ·{" "}
            {c.send_days.join(", ")} · up to {c.daily_limit} a day, one every {c.min_interval_seconds} s
          </p>
          {data.stats && (
            <section aria-labelledby="progress-heading">
              <h2 id="progress-heading">Progress</h2>
              <div class="card">
                <p class="progress-line">
                  <progress
                    max={Math.max(1, c.total_leads)}
                    value={c.processed_leads}
                    aria-label={`${c.processed_leads} of ${c.total_leads} leads done`}
                  />{" "}
                  <strong>
                    {c.processed_leads} / {c.total_leads}
                  </strong>{" "}
                  leads done ({percent(c.processed_leads, c.total_leads)})
                </p>
                <StackedBar
                  title="Leads by state"
                  segments={(["pending", "sending", "active", "completed", "stopped", "failed"] as const).map(
                    (k) => ({
                      key: k,
                      label: k,
                      value: data.stats!.leads[k],
                    }),
                  )}
                />
              </div>
            </section>
          )}
          {data.schedule && <PlanSection schedule={data.schedule} />}
          {data.stats && <StatsSection stats={data.stats} />}
          {c.status !== "draft" && (
            <LeadTable campaignId={c.campaign_id} live={LIVE_STATUSES.has(c.status)} />
          )}
        </>
      )}
    </Page>
  );
}
