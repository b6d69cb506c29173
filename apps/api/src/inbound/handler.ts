import {
  type Classification,
  classificationDetails,
  classifyInbound,
  type InboundMessage,
  readInboundMessage,
  stripQuotedText,
} from "@cadence/inbound";
import { aliasIdFor } from "../campaign/sequence";
import type { Env } from "../env";
import { deploymentProblems } from "../lib/deployment";
import { log } from "../lib/log";
import { applyInboundEffects } from "./effects";
import { type InboundMatch, matchInbound } from "./match";
import { markDone, storeInbound } from "./store";

/** What the handler did with one message (returned for tests and the benchmark's logs). */
export interface InboundOutcome {
  inboundMessageId: string;
  classification: Classification["kind"];
  match: InboundMatch | null;
  tamperedTag: boolean;
  forwardedTo: string | null;
  rejected: string | null;
  duplicate: boolean;
}

/** Replies (and requests to stop, which are replies too) reach the sender's own mailbox. */
const FORWARDED: readonly Classification["kind"][] = ["reply", "unsubscribe_request"];

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * The Worker's `email()` handler: parse (postal-mime, through `@cadence/inbound`), classify, match to
 * the email it answers, store, apply (stop, suppress, notify), and make sure nothing is silently lost:
 * a reply is forwarded to the sending alias's `forward_to` (else the deployment's catch-all); mail that
 * matches nothing goes to `INBOUND_CATCH_ALL`, or is rejected with a reason when there is none. A
 * failure while applying effects is thrown, so the sending server retries later; the stored row makes
 * the retry apply only what is still missing.
 */
export async function handleInboundEmail(
  message: ForwardableEmailMessage,
  env: Env,
): Promise<InboundOutcome> {
  const problems = deploymentProblems(env);
  // A temporary failure: the sending server keeps the message and tries again once this is fixed.
  if (problems.length > 0) throw new Error(`deployment misconfigured: ${problems.join("; ")}`);
  const receivedAt = Date.now();
  const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
  let msg: InboundMessage;
  try {
    msg = await readInboundMessage(raw);
  } catch (err) {
    const reason = "Cadence could not read this message as RFC 5322 mail";
    log("warn", "inbound: unreadable message", { to: message.to, error: String(err) });
    return reject(message, env, reason);
  }
  const classification = classifyInbound(msg, { now: receivedAt });
  const { match, tamperedTag } = await matchInbound(env, message.to, msg, classification);
  const dedupeKey = `${msg.messageId ?? `sha256:${hex(await crypto.subtle.digest("SHA-256", raw))}`}|${message.to.toLowerCase()}`;
  const details = {
    ...classificationDetails(classification),
    ...(tamperedTag ? { tampered_tag: "true" } : {}),
  };
  const stored = await storeInbound(env, {
    id: crypto.randomUUID(),
    match,
    classification: classification.kind,
    details,
    from: msg.from,
    to: message.to,
    subject: msg.subject,
    newText: "newText" in classification ? classification.newText : stripQuotedText(msg.text),
    messageId: msg.messageId,
    dedupeKey,
    raw,
    receivedAt,
  });
  const outcome: InboundOutcome = {
    inboundMessageId: stored.id,
    classification: classification.kind,
    match,
    tamperedTag,
    forwardedTo: stored.forwardedTo,
    rejected: null,
    duplicate: stored.processed,
  };
  if (match && !stored.processed) {
    await applyInboundEffects(env, match, classification, {
      id: stored.id,
      receivedAt,
      subject: msg.subject,
      from: msg.from?.address ?? null,
    });
  }
  const destination = match
    ? FORWARDED.includes(classification.kind)
      ? ((await forwardAddressFor(env, match)) ?? catchAll(env))
      : null
    : catchAll(env);
  if (destination && !stored.forwardedTo) {
    await message.forward(destination, forwardHeaders(classification, match));
    outcome.forwardedTo = destination;
  } else if (!match && !destination) {
    const reason = tamperedTag
      ? "This reply address is not valid (its signature does not match)"
      : "No such recipient: this message does not answer any email Cadence sent";
    message.setReject(reason);
    outcome.rejected = reason;
  }
  // A crash before this line means a redelivery forwards again: a duplicate rather than a loss.
  if (!stored.processed || (outcome.forwardedTo && !stored.forwardedTo))
    await markDone(env, stored.id, { processedAt: Date.now(), forwardedTo: outcome.forwardedTo });
  log("info", "inbound message", {
    inbound_message_id: stored.id,
    classification: classification.kind,
    matched_by: match?.via ?? null,
    campaign_id: match?.campaignId ?? null,
    campaign_lead_id: match?.campaignLeadId ?? null,
    tampered_tag: tamperedTag || undefined,
    forwarded_to: outcome.forwardedTo,
    rejected: outcome.rejected !== null || undefined,
    duplicate: stored.processed || undefined,
  });
  return outcome;
}

function catchAll(env: Env): string | null {
  return env.INBOUND_CATCH_ALL?.trim() || null;
}

/** Only X- headers may be added to a forwarded message; these say what Cadence made of it. */
function forwardHeaders(classification: Classification, match: InboundMatch | null): Headers {
  const headers = new Headers({ "X-Cadence-Classification": classification.kind });
  if (match) {
    headers.set("X-Cadence-Campaign-Id", match.campaignId);
    headers.set("X-Cadence-Campaign-Lead-Id", match.campaignLeadId);
  }
  return headers;
}

/** The `forward_to` of the alias that sent to this lead (the object's own rule, `aliasIdFor`). */
async function forwardAddressFor(env: Env, match: InboundMatch): Promise<string | null> {
  const campaign = await env.DB.prepare("SELECT alias_ids FROM campaigns WHERE id = ? AND user_id = ?")
    .bind(match.campaignId, match.userId)
    .first<{ alias_ids: string }>();
  const aliasId = aliasIdFor(campaign ? (JSON.parse(campaign.alias_ids) as string[]) : [], match.rowIndex);
  if (aliasId === null) return null;
  const alias = await env.DB.prepare("SELECT forward_to FROM aliases WHERE id = ? AND user_id = ?")
    .bind(aliasId, match.userId)
    .first<{ forward_to: string | null }>();
  return alias?.forward_to ?? null;
}

/** A message that cannot even be parsed: to the catch-all, else refused (not stored: it has no facts). */
async function reject(message: ForwardableEmailMessage, env: Env, reason: string): Promise<InboundOutcome> {
  const destination = catchAll(env);
  if (destination)
    await message.forward(destination, new Headers({ "X-Cadence-Classification": "unreadable" }));
  else message.setReject(reason);
  return {
    inboundMessageId: "",
    classification: "reply",
    match: null,
    tamperedTag: false,
    forwardedTo: destination,
    rejected: destination ? null : reason,
    duplicate: false,
  };
}
