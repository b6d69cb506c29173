import type { Step } from "@cadence/contract";
import {
  htmlToText,
  looksLikeHtml,
  plainTextToHtml,
  renderTemplate,
  renderText,
  rewriteLinks,
} from "@cadence/templating";
import type { BaseEnv } from "../base-env";
import type { TemplateSnapshot } from "../campaign/sequence";
import { signLinkToken } from "../lib/link-tokens";
import { replyAddresses } from "../lib/reply-tags";
import { formatMailbox } from "./provider-http";
import type { OutboundEmail, OutboundLinkedIn } from "./types";

export interface ComposeEmailInput {
  key: string;
  campaignId: string;
  rowIndex: number;
  step: Step;
  data: Record<string, string>;
  to: string;
  template: TemplateSnapshot;
  /** The first step's Message-ID and subject, for follow-ups. */
  thread: { messageId: string; subject: string } | null;
  publicBaseUrl: string;
  from: { email: string; name: string | null };
  /** Spintax seed: per lead, so a template preview of the same row shows the same text. */
  seed: string;
  /**
   * An email already written for this lead (AI-generated, or an approved draft): sent as written, in
   * place of rendering `template`. Only `{{ unsubscribe_url }}` is filled in; `template` then only
   * decides whether the email is HTML (an HTML template gives an HTML email, its text escaped).
   */
  generated?: { subject: string; body: string } | null;
}

/** The one tag a generated email keeps for composing to fill (any spacing inside the braces). */
const UNSUBSCRIBE_TAG = /\{\{\s*unsubscribe_url\s*\}\}/g;

/** Why an email must not leave as composed (an empty subject or body), or null. The sending path's last guard. */
export function unsendableEmailReason(
  email: Pick<OutboundEmail, "subject" | "text" | "html">,
): string | null {
  if (!email.subject.trim()) return "the email's subject is empty";
  if (!email.text.trim() && !(email.html && htmlToText(email.html).trim()))
    return "the email's body is empty";
  return null;
}

/** Subject and body of the email: the template rendered for the lead, or the generated text as written. */
function emailContent(input: ComposeEmailInput, unsubscribeUrl: string) {
  const isHtml = looksLikeHtml(input.template.body);
  if (input.generated) {
    const text = input.generated.body.replace(UNSUBSCRIBE_TAG, unsubscribeUrl);
    return {
      subject: input.generated.subject.replace(/\s*[\r\n]+\s*/g, " ").trim(),
      html: isHtml ? plainTextToHtml(text) : null,
      text,
    };
  }
  const rendered = renderTemplate(input.template, input.data, {
    seed: input.seed,
    html: isHtml,
    reserved: { unsubscribe_url: unsubscribeUrl },
  });
  return {
    subject: rendered.subject,
    html: isHtml ? rendered.body : null,
    text: isHtml ? null : rendered.body,
  };
}

/** The Message-ID of an action, derived from its stable key so a retry carries the same one. */
export function messageIdFor(key: string, fromEmail: string): string {
  const domain = fromEmail.slice(fromEmail.lastIndexOf("@") + 1) || "cadence.local";
  return `<${key.replaceAll(":", ".")}@${domain}>`;
}

/**
 * Renders one email action: merge fields and spintax (or the `generated` text as written), the signed
 * one-click unsubscribe link (RFC 8058 headers), click tracking when the step asks for it, and
 * threading of follow-ups on the first message (`In-Reply-To`, `References`, `Re:` subject unless
 * the step has its own). With INBOUND_DOMAIN set, the Reply-To (shown with the sender's name) and the
 * envelope sender are that domain's signed per-action addresses, so what comes back reaches the
 * `email()` handler.
 */
export async function composeEmail(env: BaseEnv, input: ComposeEmailInput): Promise<OutboundEmail> {
  const base = input.publicBaseUrl.replace(/\/+$/, "");
  const unsubscribeUrl = `${base}/u/${await signLinkToken(env, { k: "u", c: input.campaignId, r: input.rowIndex, s: input.step.step })}`;
  const content = emailContent(input, unsubscribeUrl);
  let html = content.html;
  const urls: string[] = [];
  if (html && input.step.track_clicks) {
    rewriteLinks(
      html,
      (url) => {
        urls.push(url);
        return url;
      },
      { unsubscribeUrl },
    );
    const tracked = await Promise.all(
      urls.map(
        async (url) =>
          `${base}/c/${await signLinkToken(env, { k: "c", c: input.campaignId, r: input.rowIndex, s: input.step.step, url })}`,
      ),
    );
    html = rewriteLinks(html, (_url, i) => tracked[i]!, { unsubscribeUrl });
  }
  const headers: Record<string, string> = {
    "Message-ID": messageIdFor(input.key, input.from.email),
    "List-Unsubscribe": `<${unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "X-Cadence-Action": input.key,
  };
  const inbound = await replyAddresses(env, {
    campaignId: input.campaignId,
    rowIndex: input.rowIndex,
    step: input.step.step,
  });
  if (inbound) headers["Reply-To"] = formatMailbox(inbound.replyTo, input.from.name);
  let subject = content.subject.trim();
  if (input.thread && input.step.step > 1) {
    headers["In-Reply-To"] = input.thread.messageId;
    headers.References = input.thread.messageId;
    if (!subject)
      subject = /^re:/i.test(input.thread.subject) ? input.thread.subject : `Re: ${input.thread.subject}`;
  }
  return {
    kind: "email",
    key: input.key,
    from: input.from,
    to: input.to,
    subject,
    // A generated text part is the text as written (approved emails go out byte for byte).
    text: content.text ?? htmlToText(html ?? ""),
    html,
    headers,
    ...(urls.length ? { trackedUrls: urls } : {}),
    ...(inbound ? { envelopeFrom: inbound.envelopeFrom } : {}),
  };
}

export function composeLinkedIn(input: {
  key: string;
  step: Step;
  data: Record<string, string>;
  profileUrl: string;
  seed: string;
  template: TemplateSnapshot | null;
}): OutboundLinkedIn {
  const source = input.step.message_template ?? input.template?.body ?? null;
  return {
    kind: "linkedin",
    key: input.key,
    actionType: input.step.action_type ?? "message",
    profileUrl: input.profileUrl,
    text: source ? renderText(source, input.data, { seed: input.seed }).text : null,
    subject:
      input.step.action_type === "inmail" && input.template
        ? renderText(input.template.subject, input.data, { seed: input.seed }).text
        : null,
  };
}
