import { toTimestamp } from "@cadence/contract";
import { companyDomain } from "@cadence/inbound";
import { startOfDayAfter } from "@cadence/scheduling";
import type { InboundEventType } from "../types";
import type { Variants } from "./ab-winner";
import type { Guards } from "./guards";
import { hasEnded, type LeadRow, type Leads } from "./leads";
import type { Outcomes } from "./outcomes";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";
import type { Timeline } from "./timeline";

/** What an inbound fact names: one lead by id or row, or every lead with an address. */
export interface InboundFactInput {
  type: InboundEventType;
  leadId?: string;
  email?: string;
  rowIndex?: number;
  /** The step the message answers (from its tag or Message-ID); else the lead's last email sent. */
  step?: number;
  /** Recorded with the event and sent in its webhook (the inbound message's id, its classification's details). */
  data?: Record<string, string | null>;
}

/** Mail that comes back without stopping its lead: an automatic reply, a transient bounce. */
export interface InboundNoticeInput {
  type: "auto_replied" | "soft_bounced";
  leadId: string;
  step: number;
  /** An automatic reply's stated return date (YYYY-MM-DD): the lead's next step waits until after it. */
  returnDate?: string | null;
  data?: Record<string, string | null>;
}

/** The leads a fact applied to, with their addresses (the caller suppresses them where due). */
export type AppliedLead = { lead_id: string; row_index: number; email: string | null };

/**
 * What comes back from a campaign's leads, inside its object: stops (with `stop_on_reply_scope:
 * "company"`, a reply stops the lead's whole company in the campaign), the guards they feed, and the
 * notices that do not stop a lead (an out-of-office moves its next step past the stated return date).
 */
export class InboundFacts {
  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly timeline: Timeline,
    private readonly leads: Leads,
    private readonly outcomes: Outcomes,
    private readonly guards: Guards,
    private readonly variants: Variants,
  ) {}

  /** Stops the named leads (and, for a company-scope reply, their colleagues); true when any changed. */
  async stop(input: InboundFactInput): Promise<{ applied: AppliedLead[]; changed: boolean }> {
    const matched: (LeadRow | null)[] = input.leadId
      ? [this.leads.byId(input.leadId)]
      : input.rowIndex !== undefined
        ? [this.leads.byRow(input.rowIndex)]
        : this.leads.byEmail(input.email ?? "");
    const found = matched.filter((l): l is LeadRow => l !== null);
    const now = this.scope.clock.now();
    this.outcomes.applyInbound(input.type, found, now, {
      step: input.step ?? null,
      ...(input.data ? { data: input.data } : {}),
    });
    const colleagues = input.type === "replied" ? this.stopCompany(found, now) : [];
    // A reply moves its step's reply rates: a step with an automatic A/B test is judged again.
    if (input.type === "replied" && found.length > 0)
      for (const step of this.record.config().steps) this.variants.evaluate(step.step, now);
    if (input.type === "bounced") await this.guards.check("bounce_rate");
    if (input.type === "complained") await this.guards.check("complaint_rate");
    return {
      applied: [...found, ...colleagues].map((r) => ({
        lead_id: r.lead_id,
        row_index: r.row_index,
        email: r.email,
      })),
      changed: found.length + colleagues.length > 0,
    };
  }

  /**
   * With `stop_on_reply_scope: "company"`: every other running lead of the campaign at a replier's
   * email domain stops too (reason `company_replied`). Free-mail domains are no company: a reply from
   * one Gmail user stops no other Gmail lead.
   */
  private stopCompany(repliers: LeadRow[], at: number): LeadRow[] {
    if (this.record.config().stopOnReplyScope !== "company") return [];
    const domains = [...new Set(repliers.map((l) => companyDomain(l.email)).filter((d) => d !== null))];
    if (domains.length === 0) return [];
    const stopped: LeadRow[] = [];
    this.scope.ctx.storage.transactionSync(() => {
      for (const domain of domains) {
        // A reply is rare next to sends: a scan of the leads' addresses costs nothing on the hot path.
        const colleagues = this.scope.sql
          .exec<LeadRow>(
            `SELECT * FROM leads WHERE state NOT IN ('completed', 'stopped', 'failed')
               AND lower(substr(email, instr(email, '@') + 1)) = ?`,
            domain,
          )
          .toArray();
        for (const lead of colleagues) {
          if (hasEnded(lead)) continue;
          this.outcomes.endLead(
            lead.state === "sending" ? { ...lead, state: "active" } : lead,
            "stopped",
            at,
            "company_replied",
          );
          stopped.push(lead);
        }
      }
    });
    return stopped;
  }

  /**
   * Records an automatic reply or a transient bounce on the lead's timeline (and as its webhook). An
   * automatic reply with a return date moves a running lead's next step to the first instant after
   * that date in the campaign's time zone (never earlier than it was due); the event says until when.
   * Returns that instant, or null when the lead's next step did not move.
   */
  notice(input: InboundNoticeInput): { waitsUntil: number | null } | null {
    const lead = this.leads.byId(input.leadId);
    if (!lead) return null;
    const now = this.scope.clock.now();
    let waitsUntil: number | null = null;
    if (input.type === "auto_replied" && input.returnDate && !hasEnded(lead)) {
      const after = startOfDayAfter(input.returnDate, this.record.config().timezone);
      // Only a lead with a step still to come waits; one mid-send waits from its next step on.
      if (lead.state === "active" && after > (lead.due_at ?? now)) waitsUntil = after;
    }
    this.scope.ctx.storage.transactionSync(() => {
      if (waitsUntil !== null)
        this.scope.sql.exec(
          "UPDATE leads SET due_at = ?, updated_at = ? WHERE row_index = ?",
          waitsUntil,
          now,
          lead.row_index,
        );
      this.timeline.record(input.type, lead.row_index, now, input.step, {
        ...input.data,
        ...(input.returnDate ? { return_date: input.returnDate } : {}),
        ...(waitsUntil !== null ? { waits_until: toTimestamp(waitsUntil) } : {}),
      });
    });
    return { waitsUntil };
  }
}
