import { htmlToText } from "@cadence/templating";
import PostalMime, { type Attachment } from "postal-mime";
import {
  type Fields,
  firstField,
  messageIds,
  parseContentType,
  parseFieldGroups,
  parseHeaderBlock,
} from "./fields";

/** The parts of an RFC 3464 delivery status notification or an RFC 5965 feedback report Cadence reads. */
export type Report =
  | {
      kind: "delivery-status";
      /** The per-message fields (Reporting-MTA, Arrival-Date...). */
      perMessage: Fields;
      /** One group per recipient (Final-Recipient, Action, Status, Diagnostic-Code...). */
      recipients: Fields[];
      /** Headers of the returned message (`message/rfc822` or `text/rfc822-headers`), when included. */
      returnedHeaders: Fields | null;
    }
  | {
      kind: "feedback-report";
      fields: Fields;
      returnedHeaders: Fields | null;
    };

/** An inbound message as the classifier sees it: parsed by postal-mime, reduced to what matters here. */
export interface InboundMessage {
  /** With angle brackets, as sent; null when the message has none. */
  messageId: string | null;
  inReplyTo: string[];
  /** Oldest first, as in the header. */
  references: string[];
  from: { address: string; name: string } | null;
  subject: string;
  /** The message's own Date, in ms; null when absent or unreadable. */
  date: number | null;
  /** Every header by lower-cased name. */
  headers: Fields;
  /** Top-level content type, lower-cased, with its parameters. */
  contentType: { type: string; params: Record<string, string> };
  /** The body as plain text: the text/plain part, else the HTML part as text (quoted blocks dropped). */
  text: string;
  report: Report | null;
}

const decoder = new TextDecoder();

function attachmentText(a: Attachment): string {
  return typeof a.content === "string" ? a.content : decoder.decode(a.content);
}

const RETURNED_TYPES = ["message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"];

function readReport(attachments: Attachment[]): Report | null {
  const returned = attachments.find((a) => RETURNED_TYPES.includes(a.mimeType));
  const returnedHeaders = returned ? parseHeaderBlock(attachmentText(returned)) : null;
  const dsn = attachments.find(
    (a) => a.mimeType === "message/delivery-status" || a.mimeType === "message/global-delivery-status",
  );
  if (dsn) {
    const [perMessage = new Map(), ...recipients] = parseFieldGroups(attachmentText(dsn));
    return { kind: "delivery-status", perMessage, recipients, returnedHeaders };
  }
  const arf = attachments.find((a) => a.mimeType === "message/feedback-report");
  if (arf) {
    return {
      kind: "feedback-report",
      fields: parseFieldGroups(attachmentText(arf))[0] ?? new Map(),
      returnedHeaders,
    };
  }
  return null;
}

/**
 * Quoted blocks of an HTML reply (`<blockquote>`, innermost first) are dropped before the HTML is
 * turned into text: what is left is the new text and the attribution line, which the text rules cut.
 */
function htmlBodyText(html: string): string {
  const innermost = /<blockquote\b[^>]*>(?:(?!<blockquote\b)[\s\S])*?<\/blockquote\s*>/gi;
  let out = html;
  for (let depth = 0; depth < 20; depth++) {
    const next = out.replace(innermost, "");
    if (next === out) break;
    out = next;
  }
  return htmlToText(out);
}

/** Parses raw RFC 5322 bytes (or text) with postal-mime. */
export async function readInboundMessage(raw: string | ArrayBuffer | Uint8Array): Promise<InboundMessage> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: "arraybuffer" });
  const headers = new Map<string, string[]>();
  for (const h of email.headers) headers.set(h.key, [...(headers.get(h.key) ?? []), h.value]);
  const from = email.from?.address ? { address: email.from.address, name: email.from.name } : null;
  const date = email.date ? Date.parse(email.date) : Number.NaN;
  return {
    messageId: messageIds(email.messageId)[0] ?? null,
    inReplyTo: messageIds(email.inReplyTo),
    references: messageIds(email.references),
    from,
    subject: email.subject ?? "",
    date: Number.isFinite(date) ? date : null,
    headers,
    contentType: parseContentType(firstField(headers, "content-type")),
    text: (email.text ?? (email.html ? htmlBodyText(email.html) : "")).replace(/\r\n/g, "\n"),
    report: readReport(email.attachments),
  };
}
