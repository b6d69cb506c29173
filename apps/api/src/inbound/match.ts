import type { INBOUND_MATCH_METHODS } from "@cadence/contract";
import { type Classification, type InboundMessage, referencedMessageIds } from "@cadence/inbound";
import { actionKey, campaignLeadId } from "../campaign/sequence";
import type { LeadEventView } from "../campaign/types";
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
 * Ties an inbound message to the email it answers, most reliable first:
 * 1. the signed tag of the address it arrived at (`r+`/`b+` on INBOUND_DOMAIN; a tag that does not
 *    verify is ignored, and reported as `tamperedTag`);
 * 2. the Message-IDs it refers to (for a bounce or complaint, the returned message's own id first, then
 *    In-Reply-To, then References newest first), looked up in `sent_messages`;
 * 3. a referenced id in Cadence's own Message-ID form that `sent_messages` lacks (a capture alias's
 *    sends are not recorded there in phase 1) is confirmed with the campaign object: it must hold a
 *    `sent` event for exactly that action.
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
  const refs = referencedMessageIds(msg, classification).slice(0, 20);
  if (refs.length === 0) return { match: null, tamperedTag };

  const { results } = await env.DB.prepare(
    `SELECT message_id, user_id, campaign_id, campaign_lead_id, row_index, step FROM sent_messages
     WHERE message_id IN (${refs.map(() => "?").join(", ")})`,
  )
    .bind(...refs.map((r) => r.id))
    .all<{
      message_id: string;
      user_id: string;
      campaign_id: string;
      campaign_lead_id: string;
      row_index: number;
      step: number;
    }>();
  const sent = new Map(results.map((r) => [r.message_id, r]));
  let objectChecks = 0;
  for (const ref of refs) {
    const row = sent.get(ref.id);
    if (row) {
      return {
        match: {
          userId: row.user_id,
          campaignId: row.campaign_id,
          campaignLeadId: row.campaign_lead_id,
          rowIndex: row.row_index,
          step: row.step,
          via: ref.via,
        },
        tamperedTag,
      };
    }
    const own = CADENCE_MESSAGE_ID.exec(ref.id);
    if (!own || objectChecks >= MAX_OBJECT_CHECKS) continue;
    objectChecks++;
    const confirmed = await confirmWithObject(env, own[1]!.toLowerCase(), Number(own[2]), Number(own[3]));
    if (confirmed) return { match: { ...confirmed, via: ref.via }, tamperedTag };
  }
  return { match: null, tamperedTag };
}

async function confirmWithObject(
  env: Env,
  campaignId: string,
  rowIndex: number,
  step: number,
): Promise<Omit<InboundMatch, "via"> | null> {
  const userId = await campaignOwner(env, campaignId);
  if (!userId) return null;
  const leadId = await campaignLeadId(campaignId, rowIndex);
  try {
    const events = (await campaignStub(env, campaignId).leadEvents(leadId)) as LeadEventView[] | null;
    const key = actionKey(campaignId, rowIndex, step);
    if (!events?.some((e) => e.type === "sent" && e.data?.action_key === key)) return null;
  } catch (err) {
    log("warn", "inbound: campaign object unreachable for a Message-ID check", {
      campaign_id: campaignId,
      error: String(err),
    });
    return null;
  }
  return { userId, campaignId, campaignLeadId: leadId, rowIndex, step };
}
