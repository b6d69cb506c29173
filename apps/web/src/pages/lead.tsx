import { Link } from "wouter-preact";
import { Loading, Page } from "../components/page";
import { ProblemNotice } from "../components/problem";
import { formatDateTime } from "../lib/format";
import { conversationPath } from "../lib/inbound";
import { useResource } from "../lib/use-resource";

const EVENT_TEXT: Record<string, string> = {
  sent: "Sent",
  failed: "Failed",
  retry_scheduled: "Retry scheduled",
  replied: "Replied",
  bounced: "Bounced",
  unsubscribed: "Unsubscribed",
  complained: "Complained",
  clicked: "Clicked a link",
  completed: "Sequence completed",
  stopped: "Stopped",
};

function details(data: Record<string, unknown> | null): string {
  if (!data) return "";
  return Object.entries(data)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ");
}

/** One lead's timeline: every event of its sequence, and the messages captured for it. */
export function LeadPage({ params }: { params: { id: string; leadId: string } }) {
  const view = useResource(
    async (client) => {
      const path = { campaign_id: params.id, campaign_lead_id: params.leadId };
      const [events, messages, campaign] = await Promise.all([
        client.get("/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/events", { params: { path } }),
        client.get("/api/v1/campaigns/{campaign_id}/messages", {
          params: { path: { campaign_id: params.id }, query: { campaign_lead_id: params.leadId, limit: 50 } },
        }),
        client.get("/api/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: params.id } } }),
      ]);
      return { events: events.events, messages: messages.items, campaign };
    },
    [params.id, params.leadId],
  );
  const lead = view.data?.messages[0]?.to ?? null;
  return (
    <Page title={lead ? `Timeline: ${lead}` : "Lead timeline"}>
      <p class="row">
        <Link href={`/campaigns/${params.id}`}>← {view.data?.campaign.name ?? "Back to the campaign"}</Link>
        <Link href={conversationPath(params.id, params.leadId)}>Conversation (sent and received)</Link>
      </p>
      {view.problem && <ProblemNotice problem={view.problem} title="Could not load the timeline." />}
      {!view.data && !view.problem && <Loading what="the timeline" />}
      {view.data && (
        <div class="grid-2">
          <section aria-labelledby="events-heading" class="card">
            <h2 id="events-heading">Events</h2>
            {view.data.events.length === 0 ? (
              <p class="muted">Nothing has happened to this lead yet.</p>
            ) : (
              <ol class="timeline-list">
                {view.data.events.map((e, i) => (
                  <li key={i}>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                    <strong>{EVENT_TEXT[e.type] ?? e.type}</strong>
                    {e.step !== null && <span> · step {e.step}</span>}
                    {e.data && <span class="muted small"> {details(e.data)}</span>}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="messages-heading" class="card">
            <h2 id="messages-heading">Messages captured</h2>
            {view.data.messages.length === 0 ? (
              <p class="muted">None: the sender does not capture, or nothing was sent yet.</p>
            ) : (
              view.data.messages.map((m) => (
                <article key={m.action_key} class="message">
                  <h3>
                    Step {m.step}: {m.subject ?? "(no subject)"}
                  </h3>
                  <p class="muted small">
                    to {m.to} · {formatDateTime(m.created_at)}
                  </p>
                  <pre class="preview-body">{m.text ?? ""}</pre>
                </article>
              ))
            )}
          </section>
        </div>
      )}
    </Page>
  );
}
