import { toTimestamp } from "@cadence/contract";
import type { LeadEventView, LeadState, LeadView, MessageView, StatsView } from "../types";
import type { LeadRow, Leads } from "./leads";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";
import type { CampaignStats } from "./stats";
import type { Timeline } from "./timeline";

/** Read-only views of the campaign for the API: its stats, its leads, a lead's timeline, captured messages. */
export class Views {
  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly leadsTable: Leads,
    private readonly timeline: Timeline,
    private readonly outcomes: CampaignStats,
  ) {}

  stats(): StatsView {
    const { sql } = this.scope;
    const leads: Record<LeadState, number> = {
      pending: 0,
      sending: 0,
      active: 0,
      completed: 0,
      stopped: 0,
      failed: 0,
    };
    for (const r of sql.exec<{ state: LeadState; n: number }>(
      "SELECT state, count(*) AS n FROM leads GROUP BY state",
    )) {
      leads[r.state] = r.n;
    }
    const actions = { sent: 0, failed: 0, retrying: 0, in_flight: 0 };
    const key = { sent: "sent", failed: "failed", retry: "retrying", claimed: "in_flight" } as const;
    for (const r of sql.exec<{ status: keyof typeof key; n: number }>(
      "SELECT status, count(*) AS n FROM actions GROUP BY status",
    )) {
      if (r.status in key) actions[key[r.status]] = r.n;
    }
    return {
      total_leads: this.record.totalLeads(),
      processed_leads: this.record.counters().ended,
      leads,
      actions,
      ...this.outcomes.view(),
    };
  }

  leads(query: { status?: string; offset: number; limit: number }): { items: LeadView[]; total: number } {
    const { sql, meta } = this.scope;
    const where = query.status ? "WHERE state = ?" : "";
    const args = query.status ? [query.status] : [];
    const total = sql.exec<{ n: number }>(`SELECT count(*) AS n FROM leads ${where}`, ...args).one().n;
    const rows = sql
      .exec<LeadRow>(
        `SELECT * FROM leads ${where} ORDER BY row_index LIMIT ? OFFSET ?`,
        ...args,
        query.limit,
        query.offset,
      )
      .toArray();
    const steps = meta.get("config")?.steps.length ?? 0;
    return {
      total,
      items: rows.map((r) => ({
        campaign_lead_id: r.lead_id,
        row_index: r.row_index,
        email: r.email,
        linkedin_url: r.linkedin_url,
        status: r.state,
        next_step:
          ["pending", "active", "sending"].includes(r.state) && r.next_step <= steps ? r.next_step : null,
        next_due_at: r.due_at !== null && r.state === "active" ? toTimestamp(r.due_at) : null,
        last_sent_at: r.last_sent_at ? toTimestamp(r.last_sent_at) : null,
        stop_reason: r.stop_reason,
        data: JSON.parse(r.data),
      })),
    };
  }

  /** A lead's timeline, or null when the campaign has no such lead. */
  leadEvents(leadId: string): LeadEventView[] | null {
    const lead = this.leadsTable.byId(leadId);
    if (!lead) return null;
    return this.timeline.ofLead(lead.row_index).map((e) => ({
      type: e.type,
      at: toTimestamp(e.at),
      step: e.step,
      data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
    }));
  }

  /** Messages kept by the capture transport, oldest first. */
  messages(query: { offset: number; limit: number; leadId?: string }): {
    items: MessageView[];
    total: number;
  } {
    const { sql } = this.scope;
    let where = "";
    const args: (string | number)[] = [];
    if (query.leadId) {
      where = "WHERE m.row_index = ?";
      args.push(this.leadsTable.byId(query.leadId)?.row_index ?? -1);
    }
    const total = sql.exec<{ n: number }>(`SELECT count(*) AS n FROM messages m ${where}`, ...args).one().n;
    const rows = sql
      .exec<{
        action_key: string;
        lead_id: string;
        row_index: number;
        step: number;
        channel: string;
        recipient: string | null;
        subject: string | null;
        text_body: string | null;
        html_body: string | null;
        headers: string;
        created_at: number;
      }>(
        `SELECT m.*, l.lead_id FROM messages m JOIN leads l ON l.row_index = m.row_index ${where}
         ORDER BY m.created_at, m.row_index, m.step LIMIT ? OFFSET ?`,
        ...args,
        query.limit,
        query.offset,
      )
      .toArray();
    return {
      total,
      items: rows.map((m) => ({
        action_key: m.action_key,
        campaign_lead_id: m.lead_id,
        row_index: m.row_index,
        step: m.step,
        channel: m.channel,
        to: m.recipient,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body,
        headers: JSON.parse(m.headers),
        created_at: toTimestamp(m.created_at),
      })),
    };
  }
}
