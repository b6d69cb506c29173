import type { LaunchWarning } from "@cadence/sdk";
import { useState } from "preact/hooks";
import { Link, useLocation } from "wouter-preact";
import { Loading, Page, TableScroll } from "../components/page";
import { ProblemNotice } from "../components/problem";
import { type Problem, toProblem, useClient } from "../lib/api";
import { issueKey } from "../lib/field-errors";
import { useResource } from "../lib/use-resource";

/** What each warning code means for the launch. */
const WARNING_TEXT: Record<string, string> = {
  MISSING_EMAIL: "Rows without an email address: left out.",
  INVALID_EMAIL: "Rows whose email address is not valid: left out.",
  DUPLICATE_EMAIL: "Repeats of an address already in the list: only the first is kept.",
  SUPPRESSED: "Addresses or domains on the suppression list: left out.",
  MISSING_MERGE_FIELD: "Rows lacking a merge field their template prints without a default: left out.",
  MISSING_LINKEDIN_URL: "Rows without a LinkedIn URL for a LinkedIn step: left out.",
  INVALID_TIMEZONE: "Rows with an unknown time zone: sent on the campaign's zone.",
  WINDOW_TOO_SHORT: "The window holds fewer sends a day than the daily limit allows.",
  NO_UNSUBSCRIBE_LINK: "A template has no {{unsubscribe_url}}: recipients cannot opt out from the email.",
};

function groupByCode(warnings: LaunchWarning[]): [string, LaunchWarning[]][] {
  const groups = new Map<string, LaunchWarning[]>();
  for (const w of warnings) groups.set(w.code, [...(groups.get(w.code) ?? []), w]);
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
}

export function WarningGroups({ warnings }: { warnings: LaunchWarning[] }) {
  return (
    <>
      {groupByCode(warnings).map(([code, list]) => (
        <section class="warning-group card" key={code} aria-labelledby={`w-${code}`}>
          <h3 id={`w-${code}`}>
            <code>{code}</code> <span class="count">{list.length}</span>
          </h3>
          <p class="muted">{WARNING_TEXT[code] ?? ""}</p>
          <TableScroll label={`${code} warnings`}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Step</th>
                  <th scope="col">Field</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {list.map((w, i) => (
                  <tr key={i}>
                    <td>{w.row_index ?? "—"}</td>
                    <td>{w.step ?? "—"}</td>
                    <td>{w.field ?? "—"}</td>
                    <td>{w.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
    </>
  );
}

/** The side-effect-free launch check, and the launch itself. */
export function PreflightPage({ params }: { params: { id: string } }) {
  const client = useClient();
  const [, navigate] = useLocation();
  const [launching, setLaunching] = useState(false);
  const [launchProblem, setLaunchProblem] = useState<Problem | null>(null);
  const path = { campaign_id: params.id };
  const view = useResource(
    async (c) => {
      const [campaign, preflight] = await Promise.all([
        c.get("/api/v1/campaigns/{campaign_id}", { params: { path } }),
        c.post("/api/v1/campaigns/{campaign_id}/preflight", { params: { path } }),
      ]);
      return { campaign, preflight };
    },
    [params.id],
  );

  const launch = async () => {
    setLaunching(true);
    setLaunchProblem(null);
    try {
      await client.post("/api/v1/campaigns/{campaign_id}/launch", { params: { path } });
      navigate(`/campaigns/${params.id}`);
    } catch (error) {
      setLaunchProblem(toProblem(error));
      setLaunching(false);
    }
  };

  const data = view.data;
  const summary = data?.preflight.summary;
  const blocked = (data?.preflight.errors.length ?? 0) > 0;
  const isDraft = data?.campaign.status === "draft" || data?.campaign.status === "failed";
  return (
    <Page title={data ? `Check before launch: ${data.campaign.name}` : "Check before launch"}>
      {view.problem && <ProblemNotice problem={view.problem} title="The check could not run." />}
      {!data && !view.problem && <Loading what="the check" />}
      {data && summary && (
        <>
          <dl class="summary card">
            <div>
              <dt>Rows</dt>
              <dd>{summary.total_rows}</dd>
            </div>
            <div>
              <dt>Will be sent to</dt>
              <dd>{summary.launchable_rows}</dd>
            </div>
            <div>
              <dt>Warnings</dt>
              <dd>{summary.warning_count}</dd>
            </div>
          </dl>
          {blocked && (
            <div class="notice notice--error" role="alert">
              <p>
                <strong>This campaign cannot launch yet:</strong>
              </p>
              <ul>
                {data.preflight.errors.map((e) => (
                  <li key={`${issueKey(e)}:${e.msg}`}>
                    <code>{issueKey(e)}</code>: {e.msg}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {launchProblem && <ProblemNotice problem={launchProblem} title="Not launched." />}
          <div class="row">
            {isDraft && (
              <button type="button" class="button" disabled={blocked || launching} onClick={launch}>
                {launching ? "Launching…" : `Launch to ${summary.launchable_rows} leads`}
              </button>
            )}
            {isDraft && (
              <Link href={`/campaigns/${params.id}/edit`} class="button button--quiet">
                Edit
              </Link>
            )}
            <button type="button" class="button button--quiet" onClick={view.reload}>
              Check again
            </button>
          </div>
          <h2>Warnings by code</h2>
          {data.preflight.warnings.length === 0 ? (
            <p>No warning: every row can be sent.</p>
          ) : (
            <WarningGroups warnings={data.preflight.warnings} />
          )}
        </>
      )}
    </Page>
  );
}
