import { Email, encodeHeader } from "worker-mailer";
import {
  assertEnvelope,
  SmtpConnectionError,
  SmtpReplyError,
  SmtpSession,
  type SmtpSessionOptions,
  type SmtpSettings,
  SmtpSetupError,
  type SmtpStage,
} from "./smtp-client";
import type { Channel, OutboundAction, OutboundEmail, ReconcileOutcome, SendOutcome } from "./types";

/**
 * Durable record of "the message body is about to go out" for one action key. SMTP has no way to
 * ask a server whether it took a message, so this is what lets reconciliation tell "never reached
 * the point of no return" (not_sent, safe to retry) from "may have been accepted" (unknown).
 * `markCommitting` must be durable before it resolves (in a Durable Object: write, then
 * `await ctx.storage.sync()`).
 */
export interface SmtpCommitJournal {
  markCommitting(key: string): void | Promise<void>;
  wasCommitting(key: string): boolean | Promise<boolean>;
}

export interface SmtpChannelOptions extends SmtpSessionOptions {
  journal?: SmtpCommitJournal;
}

/** A 5xx here is about this message or recipient; a 5xx while setting up the session is about the mailbox. */
const TRANSACTION_STAGES: readonly SmtpStage[] = ["mail", "rcpt", "data", "message"];

/** Headers the message builder owns; the action cannot override the envelope or the MIME structure. */
const RESERVED_HEADERS = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "subject",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
]);
/** worker-mailer only keeps a caller's Message-ID (and Date, Reply-To) under these exact spellings. */
const CANONICAL_HEADERS: Record<string, string> = {
  "message-id": "Message-ID",
  "in-reply-to": "In-Reply-To",
  references: "References",
  "reply-to": "Reply-To",
  date: "Date",
};
const HEADER_NAME = /^[!-9;-~]+$/;

/**
 * The MIME message (multipart text + HTML) via worker-mailer's `Email`: it writes every entry of
 * `headers` verbatim and keeps a given Message-ID instead of generating one, so the action's
 * key-derived Message-ID, threading and List-Unsubscribe headers go out as composed. Values are
 * made single-line here (no header injection) and RFC 2047-encoded when not ASCII.
 */
export function buildMime(action: OutboundEmail): string {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(action.headers)) {
    if (!HEADER_NAME.test(name)) throw new Error(`Invalid header name: ${JSON.stringify(name)}`);
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower)) continue;
    const clean = value.replace(/[\r\n]+[ \t]*/g, " ").trim();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
    headers[CANONICAL_HEADERS[lower] ?? name] = /[^\x00-\x7f]/.test(clean) ? encodeHeader(clean) : clean;
  }
  if (!action.text && !action.html) throw new Error("The email has neither a text nor an HTML body");
  const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ");
  return new Email({
    from: action.from.name
      ? { name: oneLine(action.from.name).replace(/["\\]/g, ""), email: action.from.email }
      : action.from.email,
    to: action.to,
    subject: oneLine(action.subject),
    text: action.text || undefined,
    html: action.html ?? undefined,
    headers,
  }).getEmailData();
}

/** Sends one email per connection through the alias's SMTP server. */
export class SmtpChannel implements Channel {
  constructor(
    private readonly settings: SmtpSettings,
    private readonly options: SmtpChannelOptions = {},
  ) {}

  async send(action: OutboundAction): Promise<SendOutcome> {
    if (action.kind !== "email")
      return { kind: "permanent", error: "An SMTP alias cannot send LinkedIn actions" };
    let data: string;
    try {
      // Nothing that cannot be sent is worth a connection.
      assertEnvelope(action.envelopeFrom ?? action.from.email, action.to);
      data = buildMime(action);
    } catch (err) {
      return { kind: "permanent", error: err instanceof Error ? err.message : String(err) };
    }
    let session: SmtpSession | null = null;
    try {
      // EHLO with the sender's domain unless told otherwise: some servers score a generic name as spam.
      const senderDomain = action.from.email.slice(action.from.email.lastIndexOf("@") + 1);
      session = await SmtpSession.open(this.settings, {
        ...this.options,
        clientName: this.options.clientName ?? senderDomain,
      });
      const accepted = await session.sendMail({
        // Bounces go to the envelope sender: Cadence's tagged bounce address when inbound mail is on.
        from: action.envelopeFrom ?? action.from.email,
        to: action.to,
        data,
        onCommit: () => this.options.journal?.markCommitting(action.key),
      });
      const queued = /queued as ([\w.-]+)/i.exec(accepted)?.[1];
      return { kind: "sent", providerId: queued ?? action.headers["Message-ID"] ?? null };
    } catch (err) {
      return smtpFailure(err);
    } finally {
      await session?.close();
    }
  }

  /**
   * Without a journal nothing can be known. With one, a send that never reached the message body
   * cannot have been accepted; past that point only the server knows, and it cannot be asked.
   */
  async reconcile(key: string): Promise<ReconcileOutcome> {
    const journal = this.options.journal;
    if (!journal) return "unknown";
    return (await journal.wasCommitting(key)) ? "unknown" : "not_sent";
  }
}

/** Any failure before the server's final 250 means the message was not accepted. */
export function smtpFailure(err: unknown): SendOutcome {
  if (err instanceof SmtpReplyError) {
    if (err.code >= 500 && TRANSACTION_STAGES.includes(err.stage))
      return { kind: "permanent", error: err.reply };
    return { kind: "transient", error: err.code >= 500 ? `${err.stage} failed: ${err.reply}` : err.reply };
  }
  if (err instanceof SmtpSetupError && (err.stage === "mail" || err.stage === "rcpt")) {
    return { kind: "permanent", error: err.message };
  }
  if (err instanceof SmtpConnectionError || err instanceof SmtpSetupError) {
    return { kind: "transient", error: err.message };
  }
  return { kind: "transient", error: err instanceof Error ? err.message : String(err) };
}

/** Connects, upgrades and authenticates as a send would, then hangs up. */
export async function verifySmtp(
  settings: SmtpSettings,
  options: SmtpSessionOptions = {},
): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    const session = await SmtpSession.open(settings, options);
    await session.close();
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
