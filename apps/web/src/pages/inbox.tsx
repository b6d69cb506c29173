import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { controlProps, Field } from "../components/field";
import { Loading, Page, TableScroll } from "../components/page";
import { Pager } from "../components/pager";
import { ProblemNotice } from "../components/problem";
import { ClassificationBadge } from "../components/status";
import { formatDateTime } from "../lib/format";
import {
  CLASSIFICATION_TEXT,
  CLASSIFICATIONS,
  conversationPath,
  type InboundClassification,
  sender,
} from "../lib/inbound";
import { useResource } from "../lib/use-resource";

const PAGE = 25;
// New mail arrives without anyone asking: the open inbox looks again now and then.
const POLL_MS = 10_000;

/** Every inbound message (replies, bounces, auto-replies, complaints), filtered and paged, newest first. */
export function InboxPage() {
  const [classification, setClassification] = useState<InboundClassification | "">("");
  const [campaignId, setCampaignId] = useState("");
  const [offset, setOffset] = useState(0);
  const campaigns = useResource(async (client) => {
    const page = await client.get("/api/v1/campaigns/", { params: { query: { limit: 200 } } });
    return new Map(page.items.map((c) => [c.campaign_id, c.name]));
  }, []);
  const inbox = useResource(
    (client) =>
      client.get("/api/v1/inbox", {
        params: {
          query: {
            offset,
            limit: PAGE,
            ...(classification ? { classification } : {}),
            ...(campaignId ? { campaign_id: campaignId } : {}),
          },
        },
      }),
    [classification, campaignId, offset],
    () => POLL_MS,
  );
  const names = campaigns.data ?? new Map<string, string>();
  const page = inbox.data;
  const filtered = Boolean(classification || campaignId);
  return (
    <Page title="Inbox">
      <p class="muted">
        Mail that came back to your campaigns: replies, unsubscribe requests, auto-replies, bounces and
        complaints, each read and applied to its lead.
      </p>
      <form class="row" aria-label="Filter the inbox" onSubmit={(e) => e.preventDefault()}>
        <Field name="inbox_classification" label="Type">
          <select
            {...controlProps("inbox_classification")}
            value={classification}
            onChange={(e) => {
              setClassification(e.currentTarget.value as typeof classification);
              setOffset(0);
            }}
          >
            <option value="">every type</option>
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {CLASSIFICATION_TEXT[c]}
              </option>
            ))}
          </select>
        </Field>
        <Field name="inbox_campaign" label="Campaign">
          <select
            {...controlProps("inbox_campaign")}
            value={campaignId}
            onChange={(e) => {
              setCampaignId(e.currentTarget.value);
              setOffset(0);
            }}
          >
            <option value="">every campaign</option>
            {[...names].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      </form>
      {inbox.problem && <ProblemNotice problem={inbox.problem} title="Could not load the inbox." />}
      {!page && !inbox.problem && <Loading what="the inbox" />}
      {page && page.items.length === 0 && (
        <p class="muted">{filtered ? "No message matches these filters." : "Nothing has come back yet."}</p>
      )}
      {page && page.items.length > 0 && (
        <TableScroll label="Inbound messages">
          <table class="table inbox">
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Type</th>
                <th scope="col">From</th>
                <th scope="col">Campaign</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((m) => (
                <tr key={m.inbound_message_id}>
                  <td>
                    <time dateTime={m.received_at}>{formatDateTime(m.received_at)}</time>
                  </td>
                  <td>
                    <ClassificationBadge classification={m.classification} />
                  </td>
                  <th scope="row">
                    {m.campaign_id && m.campaign_lead_id ? (
                      <Link
                        href={conversationPath(m.campaign_id, m.campaign_lead_id)}
                        aria-label={`Conversation with ${sender(m)}`}
                      >
                        {sender(m)}
                      </Link>
                    ) : (
                      sender(m)
                    )}
                  </th>
                  <td>
                    {m.campaign_id ? (
                      <Link href={`/campaigns/${m.campaign_id}`}>
                        {names.get(m.campaign_id) ?? "Campaign"}
                      </Link>
                    ) : (
                      <span class="muted">not matched</span>
                    )}
                    {m.step !== null && <span class="muted"> · step {m.step}</span>}
                  </td>
                  <td class="inbox-message">
                    <strong>{m.subject || "(no subject)"}</strong>
                    <span class="muted"> {m.snippet}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {page && (
        <Pager label="Inbox pages" offset={offset} pageSize={PAGE} total={page.total} onOffset={setOffset} />
      )}
    </Page>
  );
}
