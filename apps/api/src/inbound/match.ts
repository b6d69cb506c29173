import type { INBOUND_MATCH_METHODS } from "@cadence/contract";
import { type Classification, type InboundMessage, referencedMessageIds } from "@cadence/inbound";
import { campaignLeadId } from "../campaign/sequence";
import { campaignStub } from "../campaign/worker/stub";
import type { Env } from "../env";
import { log } from "../lib/log";
import { readTaggedAddress } from "../lib/reply-tags";

export type MatchMethod = (typeof INBOUND_MATCH_METHODS)[number];

/** The sent email an inbound message answers, and whose lead it is. */
export interface InboundMatch {
  userId: string;
  campaignId: string;
  campaignLeadId: string;
  rowIndex: number;
  step: number;
  via: MatchMethod;
}

/** Cadence's own Message-IDs: `<campaign.row.step@domain>` (see `messageIdFor` in channels/compose.ts). */
const CADENCE_MESSAGE_ID =
  /^<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,9})\.(\d{1,3})@[^<>\s]+>$/i;
/** At most this many referenced ids are confirmed with a campaign object (each is one call). */
const MAX_OBJECT_CHECKS = 3;

async function campaignOwner(env: Env, campaignId: string): Promise<string | null> {
  const row = await env.DB.prepare("SELECT user_id FROM campaigns WHERE id = ?")
    .bind(campaignId)
    .first<{ user_id: string }>();
  return row?.user_id ?? null;
}

/**
 * Who a message says it is from, for the Message-ID check: the failed recipient of a bounce or the
 * complained-about recipient of a complaint (their From is a mail server), else the From address.
 */
function senderOf(msg: InboundMessage, classification: Classification): string | null {
  const address =
    classification.kind === "hard_bounce" ||
    classification.kind === "soft_bounce" ||
    classification.kind === "complaint"
      ? classification.recipient
      : (msg.from?.address ?? null);
  return address ? address.trim().toLowerCase() : null;
}

/**
 * Ties an inbound message to the email it answers, with no record of sends kept in D1:
 * 1. the signed tag of the address it arrived at (`r+`/`b+` on INBOUND_DOMAIN; a tag that does not
 *    verify is ignored, and reported as `tamperedTag`). The tag is a secret only its recipient saw;
 * 2. else a Message-ID it refers to in Cadence's own form (`<campaign.row.step@domain>`, see
 *    `messageIdFor` in channels/compose.ts): for a bounce or complaint the returned message's own id
 *    first, then In-Reply-To, then References newest first. Such an id names its action but is not a
 *    secret (anyone who saw one can write another), so the campaign object must confirm that the
 *    action was sent, and the sender (the From, or a bounce's or complaint's recipient) must be the
 *    lead's own address.
 */
export async function matchInbound(
  env: Env,
  envelopeTo: string,
  msg: InboundMessage,
  classification: Classification,
): Promise<{ match: InboundMatch | null; tamperedTag: boolean }> {
  const tag = await readTaggedAddress(env, envelopeTo);
  if (tag?.action) {
    const userId = await campaignOwner(env, tag.action.campaignId);
    if (userId) {
      return {
        match: {
          userId,
          ...tag.action,
          campaignLeadId: await campaignLeadId(tag.action.campaignId, tag.action.rowIndex),
          via: "tag",
        },
        tamperedTag: false,
      };
    }
  }
  const tamperedTag = tag !== null && tag.action === null;
  const sender = senderOf(msg, classification);
  if (!sender) return { match: null, tamperedTag };
  let objectChecks = 0;
  for (const ref of referencedMessageIds(msg, classification).slice(0, 20)) {
    const own = CADENCE_MESSAGE_ID.exec(ref.id);
    if (!own) continue;
    if (objectChecks++ >= MAX_OBJECT_CHECKS) break;
    const confirmed = await confirmWithObject(
      env,
      { campaignId: own[1]!.toLowerCase(), rowIndex: Number(own[2]), step: Number(own[3]) },
      sender,
    );
    if (confirmed) return { match: { ...confirmed, via: ref.via }, tamperedTag };
  }
  return { match: null, tamperedTag };
}

/** The action, when its campaign object says it was sent and to `sender`. */
async function confirmWithObject(
  env: Env,
  action: { campaignId: string; rowIndex: number; step: number },
  sender: string,
): Promise<Omit<InboundMatch, "via"> | null> {
  const userId = await campaignOwner(env, action.campaignId);
  if (!userId) return null;
  try {
    const lead = await campaignStub(env, action.campaignId).sentTo(action.rowIndex, action.step);
    if (!lead || lead.email?.toLowerCase() !== sender) return null;
    return { userId, ...action, campaignLeadId: lead.leadId };
  } catch (err) {
    log("warn", "inbound: campaign object unreachable for a Message-ID check", {
      campaign_id: action.campaignId,
      error: String(err),
    });
    return null;
  }
}
