import type { InboundClassification, InboundMessageView } from "@cadence/contract";
import { toTimestamp } from "@cadence/contract";
import type { BaseEnv } from "../base-env";
import type { InboundMatch } from "./match";

/** Raw messages up to this size are kept whole (handy for support); larger ones only by their facts. */
export const RAW_KEEP_BYTES = 16 * 1024;
const TEXT_KEEP_CHARS = 4_000;
const SNIPPET_CHARS = 200;

export interface InboundRecord {
  id: string;
  match: InboundMatch | null;
  classification: InboundClassification;
  details: Record<string, string | null>;
  from: { address: string; name: string } | null;
  to: string;
  subject: string;
  newText: string;
  messageId: string | null;
  dedupeKey: string;
  raw: Uint8Array;
  receivedAt: number;
}

export interface StoredInbound {
  id: string;
  processed: boolean;
  forwardedTo: string | null;
}

/**
 * Stores the message unless the same one (same Message-ID to the same address) is already stored, and
 * answers with the row that holds it: the handler applies effects only to an unprocessed row, so a
 * message the mail system delivers twice does not stop, suppress or notify twice.
 */
export async function storeInbound(env: BaseEnv, r: InboundRecord): Promise<StoredInbound> {
  const snippet = r.newText.replace(/\s+/g, " ").trim().slice(0, SNIPPET_CHARS);
  const raw = r.raw.length <= RAW_KEEP_BYTES ? new TextDecoder().decode(r.raw) : null;
  const inserted = await env.DB.prepare(
    `INSERT INTO inbound_messages (id, user_id, campaign_id, campaign_lead_id, row_index, step, classification,
       matched_by, from_address, from_name, to_address, subject, snippet, text, message_id, dedupe_key, details,
       raw_size, raw, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
  )
    .bind(
      r.id,
      r.match?.userId ?? null,
      r.match?.campaignId ?? null,
      r.match?.campaignLeadId ?? null,
      r.match?.rowIndex ?? null,
      r.match?.step ?? null,
      r.classification,
      r.match?.via ?? null,
      r.from?.address.toLowerCase() ?? null,
      r.from?.name || null,
      r.to.toLowerCase(),
      r.subject.slice(0, 998),
      snippet,
      r.newText.slice(0, TEXT_KEEP_CHARS),
      r.messageId,
      r.dedupeKey,
      JSON.stringify(r.details),
      r.raw.length,
      raw,
      r.receivedAt,
    )
    .first<{ id: string }>();
  if (inserted) return { id: inserted.id, processed: false, forwardedTo: null };
  const existing = await env.DB.prepare(
    "SELECT id, processed_at, forwarded_to FROM inbound_messages WHERE dedupe_key = ?",
  )
    .bind(r.dedupeKey)
    .first<{ id: string; processed_at: number | null; forwarded_to: string | null }>();
  if (!existing) throw new Error("inbound message neither inserted nor found");
  return { id: existing.id, processed: existing.processed_at !== null, forwardedTo: existing.forwarded_to };
}

/** Effects applied (and the message forwarded, when it was): one write at the end of the handler. */
export async function markDone(
  env: BaseEnv,
  id: string,
  done: { processedAt: number; forwardedTo: string | null },
): Promise<void> {
  await env.DB.prepare(
    "UPDATE inbound_messages SET processed_at = coalesce(processed_at, ?), forwarded_to = coalesce(forwarded_to, ?) WHERE id = ?",
  )
    .bind(done.processedAt, done.forwardedTo, id)
    .run();
}

export interface InboundRow {
  id: string;
  campaign_id: string | null;
  campaign_lead_id: string | null;
  step: number | null;
  classification: string;
  matched_by: string | null;
  from_address: string | null;
  from_name: string | null;
  to_address: string;
  subject: string;
  snippet: string;
  text: string;
  message_id: string | null;
  details: string;
  raw_size: number;
  forwarded_to: string | null;
  received_at: number;
}

export const INBOUND_COLUMNS =
  "id, campaign_id, campaign_lead_id, step, classification, matched_by, from_address, from_name, to_address, subject, snippet, text, message_id, details, raw_size, forwarded_to, received_at";

export function serializeInbound(row: InboundRow): InboundMessageView {
  return {
    inbound_message_id: row.id,
    campaign_id: row.campaign_id,
    campaign_lead_id: row.campaign_lead_id,
    step: row.step,
    classification: row.classification as InboundClassification,
    matched_by: row.matched_by as InboundMessageView["matched_by"],
    from: row.from_address,
    from_name: row.from_name,
    to: row.to_address,
    subject: row.subject,
    snippet: row.snippet,
    text: row.text,
    message_id: row.message_id,
    received_at: toTimestamp(row.received_at),
    raw_size: row.raw_size,
    details: JSON.parse(row.details) as Record<string, string | null>,
    forwarded_to: row.forwarded_to,
  };
}
