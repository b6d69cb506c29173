import { LIVE_STATUSES } from "@cadence/contract";
import type { Env } from "../../env";
import { notFound } from "../../errors";
import { placeholders } from "../../lib/sql";
import type { InboundEventType } from "../types";
import { pushSuppressionChange } from "./live-push";
import { campaignStub } from "./stub";

export interface InboundTarget {
  type: InboundEventType;
  campaignLeadId?: string;
  email?: string;
  campaignId?: string;
  /** From a signed link: the dataset row of the lead in `campaignId`. */
  rowIndex?: number;
  /** The step the fact answers, when known (inbound mail matched to its email). */
  step?: number;
  /** Recorded with the event and sent in its webhook. */
  data?: Record<string, string | null>;
}

const SUPPRESSING: readonly InboundEventType[] = ["unsubscribed", "complained"];

/**
 * Applies an inbound fact: every matching lead's remaining steps stop at once (in each campaign's
 * object, which serialises it with sending), and unsubscribes and complaints suppress the address
 * for all of the user's campaigns.
 */
export async function applyInboundEvent(env: Env, userId: string, target: InboundTarget) {
  const campaigns: string[] = [];
  if (target.campaignLeadId) {
    const row = await env.DB.prepare("SELECT campaign_id FROM campaign_leads WHERE id = ? AND user_id = ?")
      .bind(target.campaignLeadId, userId)
      .first<{ campaign_id: string }>();
    if (!row) throw notFound("Campaign lead");
    campaigns.push(row.campaign_id);
  } else if (target.campaignId) {
    const row = await env.DB.prepare("SELECT id FROM campaigns WHERE id = ? AND user_id = ?")
      .bind(target.campaignId, userId)
      .first<{ id: string }>();
    if (!row) throw notFound("Campaign");
    campaigns.push(row.id);
  } else if (target.email) {
    const { results } = await env.DB.prepare(
      `SELECT DISTINCT cl.campaign_id FROM campaign_leads cl JOIN campaigns c ON c.id = cl.campaign_id
       WHERE cl.user_id = ? AND cl.email = ? AND c.status IN (${placeholders(LIVE_STATUSES)})`,
    )
      .bind(userId, target.email, ...LIVE_STATUSES)
      .all<{ campaign_id: string }>();
    campaigns.push(...results.map((r) => r.campaign_id));
  }

  const stopped: { campaign_id: string; campaign_lead_id: string }[] = [];
  const addresses = new Set<string>(target.email ? [target.email] : []);
  for (const campaignId of campaigns) {
    const leads = await campaignStub(env, campaignId).recordInbound({
      type: target.type,
      ...(target.campaignLeadId
        ? { leadId: target.campaignLeadId }
        : target.rowIndex !== undefined
          ? { rowIndex: target.rowIndex }
          : { email: target.email }),
      ...(target.step !== undefined ? { step: target.step } : {}),
      ...(target.data ? { data: target.data } : {}),
    });
    for (const lead of leads) {
      stopped.push({ campaign_id: campaignId, campaign_lead_id: lead.lead_id });
      if (lead.email) addresses.add(lead.email);
    }
  }

  let suppressed: string | null = null;
  if (SUPPRESSING.includes(target.type) && addresses.size > 0) {
    const now = Date.now();
    await env.DB.batch(
      [...addresses].map((address) =>
        env.DB.prepare(
          `INSERT INTO suppressions (id, user_id, value, kind, reason, created_at) VALUES (?, ?, ?, 'email', ?, ?)
           ON CONFLICT (user_id, value) DO NOTHING`,
        ).bind(crypto.randomUUID(), userId, address, target.type, now),
      ),
    );
    suppressed = [...addresses][0]!;
    await pushSuppressionChange(env, userId, { added: [...addresses] });
  }
  return { type: target.type, stopped, suppressed };
}
