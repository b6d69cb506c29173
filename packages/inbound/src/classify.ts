import { autoReplySignal } from "./auto-reply";
import type { InboundMessage } from "./message";
import { stripQuotedText } from "./quoted";
import { bounceFromReport, bounceFromText, complaintFromReport } from "./reports";
import { extractReturnDate } from "./return-date";
import { unsubscribePhrase } from "./unsubscribe";

export const CLASSIFICATIONS = [
  "reply",
  "unsubscribe_request",
  "auto_reply",
  "hard_bounce",
  "soft_bounce",
  "complaint",
] as const;
export type ClassificationKind = (typeof CLASSIFICATIONS)[number];

export type Classification =
  /** A person answered. `newText` is what they wrote, quotes removed. */
  | { kind: "reply"; newText: string }
  /** A person answered asking to stop (`phrase` is what was recognised, folded). */
  | { kind: "unsubscribe_request"; newText: string; phrase: string }
  /** An out-of-office or other automatic answer; `returnDate` (YYYY-MM-DD) when it states one. */
  | { kind: "auto_reply"; signal: string; returnDate: string | null }
  | {
      kind: "hard_bounce" | "soft_bounce";
      status: string | null;
      action: string | null;
      recipient: string | null;
      diagnostic: string | null;
      originalMessageId: string | null;
    }
  | { kind: "complaint"; feedbackType: string; recipient: string | null; originalMessageId: string | null };

/**
 * What an inbound message is, in this order: a feedback report (RFC 5965) is a complaint; a
 * delivery status report (RFC 3464) is a hard or soft bounce by its worst recipient status (a pure
 * "delivered" notice counts as an automatic message); a bounce without a report is recognised by its
 * sender or subject and an SMTP status in its text; then automatic replies by header or subject; then
 * a reply whose new text asks to stop; anything else from a person is a reply.
 */
export function classifyInbound(msg: InboundMessage, options: { now?: number } = {}): Classification {
  const report = msg.report;
  if (report?.kind === "feedback-report") return { kind: "complaint", ...complaintFromReport(report) };
  if (report?.kind === "delivery-status") {
    const bounce = bounceFromReport(report);
    if (bounce) {
      const { severity, ...facts } = bounce;
      return { kind: severity === "hard" ? "hard_bounce" : "soft_bounce", ...facts };
    }
    return { kind: "auto_reply", signal: "delivery-status: delivered", returnDate: null };
  }
  const textBounce = bounceFromText(msg);
  if (textBounce) {
    const { severity, ...facts } = textBounce;
    return { kind: severity === "hard" ? "hard_bounce" : "soft_bounce", ...facts };
  }
  const signal = autoReplySignal(msg.headers, msg.subject);
  if (signal) {
    const reference = msg.date ?? options.now ?? Date.now();
    return {
      kind: "auto_reply",
      signal,
      returnDate: extractReturnDate(`${msg.subject}\n${msg.text}`, reference),
    };
  }
  const newText = stripQuotedText(msg.text);
  const phrase = unsubscribePhrase(newText);
  if (phrase) return { kind: "unsubscribe_request", newText, phrase };
  return { kind: "reply", newText };
}

/**
 * The Message-IDs an inbound message refers to, most telling first: for a bounce or complaint the
 * returned message's own id, then In-Reply-To, then References newest first.
 */
export function referencedMessageIds(
  msg: InboundMessage,
  classification: Classification,
): { id: string; via: "returned_message_id" | "in_reply_to" | "references" }[] {
  const out: { id: string; via: "returned_message_id" | "in_reply_to" | "references" }[] = [];
  const seen = new Set<string>();
  const add = (id: string | null, via: (typeof out)[number]["via"]) => {
    if (!id || seen.has(id)) return;
    seen.add(id);
    out.push({ id, via });
  };
  if ("originalMessageId" in classification) add(classification.originalMessageId, "returned_message_id");
  for (const id of msg.inReplyTo) add(id, "in_reply_to");
  for (const id of [...msg.references].reverse()) add(id, "references");
  return out;
}

/** The facts of a classification as stored and shown (snake_case, JSON-ready). */
export function classificationDetails(c: Classification): Record<string, string | null> {
  switch (c.kind) {
    case "reply":
      return {};
    case "unsubscribe_request":
      return { phrase: c.phrase };
    case "auto_reply":
      return { signal: c.signal, return_date: c.returnDate };
    case "hard_bounce":
    case "soft_bounce":
      return {
        bounce_type: c.kind === "hard_bounce" ? "hard" : "soft",
        status: c.status,
        action: c.action,
        recipient: c.recipient,
        diagnostic: c.diagnostic,
        original_message_id: c.originalMessageId,
      };
    case "complaint":
      return {
        feedback_type: c.feedbackType,
        recipient: c.recipient,
        original_message_id: c.originalMessageId,
      };
  }
}
