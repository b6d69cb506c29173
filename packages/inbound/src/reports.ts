import { addressIn, type Fields, firstField, messageIds } from "./fields";
import type { InboundMessage, Report } from "./message";

export interface BounceFacts {
  /** Hard: the recipient does not accept mail (5.x.x). Soft: a transient failure or a delay (4.x.x). */
  severity: "hard" | "soft";
  /** The enhanced status code (RFC 3463), e.g. "5.1.1"; null when none could be read. */
  status: string | null;
  /** RFC 3464 Action: failed, delayed... */
  action: string | null;
  recipient: string | null;
  diagnostic: string | null;
  originalMessageId: string | null;
}

export interface ComplaintFacts {
  /** RFC 5965 Feedback-Type: abuse, fraud, virus, other, not-spam... */
  feedbackType: string;
  recipient: string | null;
  originalMessageId: string | null;
}

const STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

function statusOf(group: Fields): string | null {
  const explicit = STATUS.exec(firstField(group, "status") ?? "");
  if (explicit) return explicit[0];
  return STATUS.exec(firstField(group, "diagnostic-code") ?? "")?.[0] ?? null;
}

/** The Message-ID of the message a report returns (its headers, when it includes them). */
function returnedMessageId(returned: Fields | null): string | null {
  return messageIds(firstField(returned, "message-id"))[0] ?? null;
}

/**
 * An RFC 3464 report: the recipient whose outcome is worst decides (a permanent failure over a delay);
 * null when no recipient failed or was delayed (a "delivered" or "relayed" notice).
 */
export function bounceFromReport(report: Extract<Report, { kind: "delivery-status" }>): BounceFacts | null {
  let best: BounceFacts | null = null;
  for (const group of report.recipients) {
    const status = statusOf(group);
    const action = firstField(group, "action")?.toLowerCase() ?? null;
    const klass = status?.[0] ?? (action === "failed" ? "5" : action === "delayed" ? "4" : "2");
    if (klass === "2") continue;
    const facts: BounceFacts = {
      severity: klass === "5" ? "hard" : "soft",
      status,
      action,
      recipient: addressIn(firstField(group, "final-recipient") ?? firstField(group, "original-recipient")),
      diagnostic: firstField(group, "diagnostic-code"),
      originalMessageId: returnedMessageId(report.returnedHeaders),
    };
    if (!best || (best.severity === "soft" && facts.severity === "hard")) best = facts;
  }
  return best;
}

export function complaintFromReport(report: Extract<Report, { kind: "feedback-report" }>): ComplaintFacts {
  return {
    feedbackType: (firstField(report.fields, "feedback-type") ?? "abuse").toLowerCase(),
    recipient:
      addressIn(firstField(report.fields, "original-rcpt-to")) ??
      addressIn(firstField(report.returnedHeaders, "to")),
    originalMessageId: returnedMessageId(report.returnedHeaders),
  };
}

const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECT =
  /^(undeliver(ed|able)|delivery (status notification|failure|has failed)|mail delivery (failed|failure|system)|returned mail|failure notice|unzustellbar|non remis|no se puede entregar|non distribuable)/i;

/**
 * A bounce sent without an RFC 3464 report (older or simpler servers): from MAILER-DAEMON or
 * postmaster, or with a bounce subject, and an SMTP status in the text. Null otherwise.
 */
export function bounceFromText(msg: InboundMessage): BounceFacts | null {
  const fromDaemon = BOUNCE_SENDER.test(msg.from?.address ?? "");
  if (!fromDaemon && !BOUNCE_SUBJECT.test(msg.subject.trim())) return null;
  const text = msg.text.slice(0, 16_000);
  const enhanced = STATUS.exec(text);
  const basic = /\b([45])\d\d[ -]/.exec(text);
  const klass = enhanced?.[1] ?? basic?.[1];
  if (!klass || klass === "2") return null;
  const recipient = /<([^<>\s@]+@[^<>\s@]+)>\s*:/.exec(text)?.[1]?.toLowerCase() ?? null;
  return {
    severity: klass === "5" ? "hard" : "soft",
    status: enhanced?.[0] ?? null,
    action: null,
    recipient,
    diagnostic: null,
    // The returned message, when inlined into the text, still shows its Message-ID line.
    originalMessageId: messageIds(/^\s*Message-ID:\s*(<[^<>\s]+>)/im.exec(text)?.[1])[0] ?? null,
  };
}
