import type { LeadState } from "../types";
import type { ObjectScope } from "./scope";

/** A row of the object's `leads` table. */
export type LeadRow = {
  row_index: number;
  lead_id: string;
  email: string | null;
  linkedin_url: string | null;
  data: string;
  state: LeadState;
  next_step: number;
  due_at: number | null;
  attempts: number;
  last_sent_at: number | null;
  thread_message_id: string | null;
  thread_subject: string | null;
  stop_reason: string | null;
};

/** A lead's email thread: its first message, which follow-ups answer. */
export interface Thread {
  messageId: string | null;
  subject: string;
}

export const ENDED_STATES: readonly LeadState[] = ["completed", "stopped", "failed"];

export function hasEnded(lead: Pick<LeadRow, "state">): boolean {
  return ENDED_STATES.includes(lead.state);
}

/** Reads of the `leads` table shared by the object's modules. */
export class Leads {
  constructor(private readonly scope: ObjectScope) {}

  private get sql(): SqlStorage {
    return this.scope.sql;
  }

  byRow(rowIndex: number): LeadRow | null {
    return this.sql.exec<LeadRow>("SELECT * FROM leads WHERE row_index = ?", rowIndex).toArray()[0] ?? null;
  }

  byId(leadId: string): LeadRow | null {
    return this.sql.exec<LeadRow>("SELECT * FROM leads WHERE lead_id = ?", leadId).toArray()[0] ?? null;
  }

  /** Every lead with this address (one, since addresses are deduplicated when a sequence sends email). */
  byEmail(email: string): LeadRow[] {
    return this.sql
      .exec<LeadRow>("SELECT * FROM leads WHERE email = ?", email.trim().toLowerCase())
      .toArray();
  }

  /** Due follow-ups first (earliest due, then row order), then new leads in row order. */
  pickDue(now: number): LeadRow | null {
    return (
      this.sql
        .exec<LeadRow>(
          `SELECT * FROM (SELECT *, 0 AS pick FROM leads WHERE state = 'active' AND due_at <= ? ORDER BY due_at, row_index LIMIT 1)
           UNION ALL
           SELECT * FROM (SELECT *, 1 AS pick FROM leads WHERE state = 'pending' ORDER BY due_at, row_index LIMIT 1)
           ORDER BY pick LIMIT 1`,
          now,
        )
        .toArray()[0] ?? null
    );
  }

  /** When the earliest started lead's next step falls due; a lead left mid-send counts as due at once. */
  earliestFollowUpDue(): number | null {
    return this.sql
      .exec<{ due: number | null }>(
        "SELECT min(CASE WHEN state = 'sending' THEN 0 ELSE due_at END) AS due FROM leads WHERE state IN ('active', 'sending')",
      )
      .one().due;
  }
}
