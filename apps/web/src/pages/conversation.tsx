import { Link } from "wouter-preact";
import { Loading, Page } from "../components/page";
import { ProblemNotice } from "../components/problem";
import { ClassificationBadge } from "../components/status";
import { formatDateTime } from "../lib/format";
import type { ConversationItem, InboundClassification } from "../lib/inbound";
import { useResource } from "../lib/use-resource";

function heading(item: ConversationItem): string {
  if (item.direction === "outbound")
    return `${item.status === "failed" ? "Failed" : "Sent"}${item.step !== null ? ` · step ${item.step}` : ""}`;
  return "Received";
}

/** A lead's conversation: what the campaign sent and what came back, oldest first. */
export function ConversationPage({ params }: { params: { id: string; leadId: string } }) {
  const view = useResource(
    async (client) => {
      const path = { campaign_id: params.id, campaign_lead_id: params.leadId };
      const [conversation, campaign] = await Promise.all([
        client.get("/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/conversation", {
          params: { path },
        }),
        client.get("/api/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: params.id } } }),
      ]);
      return { conversation, campaign };
    },
    [params.id, params.leadId],
  );
  const data = view.data;
  const who = data?.conversation.email;
  return (
    <Page title={who ? `Conversation: ${who}` : "Conversation"}>
      <p class="row">
        <Link href={`/campaigns/${params.id}/leads/${params.leadId}`}>← Timeline</Link>
        <Link href={`/campaigns/${params.id}`}>{data?.campaign.name ?? "The campaign"}</Link>
        <Link href="/inbox">Inbox</Link>
      </p>
      {view.problem && <ProblemNotice problem={view.problem} title="Could not load the conversation." />}
      {!data && !view.problem && <Loading what="the conversation" />}
      {data && data.conversation.items.length === 0 && (
        <p class="muted">Nothing was sent to this lead yet, and nothing came back.</p>
      )}
      {data && data.conversation.items.length > 0 && (
        <ol class="conversation" aria-label="Messages, oldest first">
          {data.conversation.items.map((item, i) => (
            <li
              key={item.message_id ?? item.inbound_message_id ?? i}
              class={`card conversation-item conversation-item--${item.direction}`}
            >
              <article aria-labelledby={`conversation-${i}`}>
                <h2 id={`conversation-${i}`} class="small-heading">
                  {heading(item)}
                  {item.direction === "inbound" && (
                    <>
                      {" "}
                      <ClassificationBadge classification={item.status as InboundClassification} />
                    </>
                  )}
                </h2>
                <p class="muted small">
                  <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                  {item.message_id && <> · {item.message_id}</>}
                </p>
                <h3>{item.subject || "(no subject)"}</h3>
                {item.text ? (
                  <pre class="preview-body">{item.text}</pre>
                ) : (
                  <p class="muted">The text was not kept.</p>
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
    </Page>
  );
}
