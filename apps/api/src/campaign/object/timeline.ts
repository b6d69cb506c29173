import { toTimestamp } from "@cadence/contract";
import { log } from "../../lib/log";
import { enqueueWebhookEvents } from "../../webhooks/enqueue";
import type { ObjectScope } from "./scope";

/** Timeline events that are also webhook events. */
const WEBHOOK_EVENT_FOR: Readonly<Record<string, string>> = {
  sent: "lead.sent",
  failed: "lead.failed",
  replied: "lead.replied",
  auto_replied: "lead.auto_replied",
  bounced: "lead.bounced",
  soft_bounced: "lead.bounced",
  unsubscribed: "lead.unsubscribed",
  complained: "lead.complained",
  clicked: "lead.clicked",
  status_changed: "campaign.status_changed",
  guard_tripped: "campaign.guard_tripped",
  ab_winner: "campaign.ab_winner",
};

/** Whether the user has an active webhook is re-read at most this often (the API pushes changes). */
const WEBHOOKS_CACHE_MS = 5 * 60_000;
/** Outbox rows handed to the dispatcher per call. */
const OUTBOX_BATCH = 500;

/**
 * The campaign's timeline (`events`: each lead's history and the campaign's status changes) and its
 * outbox: the events that are also webhook events wait there, written in the same transaction as
 * what they report, until they are handed to the user's webhook dispatcher.
 */
export class Timeline {
  /** The outbox is known to be empty (nothing to select after every wake). */
  private outboxEmpty = false;

  constructor(
    private readonly scope: ObjectScope,
    private readonly campaignId: () => string,
  ) {}

  /**
   * Records an event on the timeline and, when it is a webhook event and the user may have a
   * webhook, in the outbox. A send is the exception: its timeline entry is its row in `actions`
   * (written by the claim and the outcome anyway), so the hottest path writes no events row.
   */
  record(type: string, rowIndex: number | null, at: number, step: number | null = null, data?: object): void {
    const { sql } = this.scope;
    if (type !== "sent") {
      sql.exec(
        "INSERT INTO events (row_index, type, at, step, data) VALUES (?, ?, ?, ?, ?)",
        rowIndex,
        type,
        at,
        step,
        data === undefined ? null : JSON.stringify(data),
      );
    }
    const webhookType = WEBHOOK_EVENT_FOR[type];
    // Known to have no active webhook (the API pushes a change at once): nothing to hand on.
    const known = this.scope.meta.get("webhooks_known");
    if (!webhookType || (known && known.value === false && known.until > Date.now())) return;
    const lead =
      rowIndex === null
        ? undefined
        : sql
            .exec<{ lead_id: string; email: string | null }>(
              "SELECT lead_id, email FROM leads WHERE row_index = ?",
              rowIndex,
            )
            .toArray()[0];
    const payload = {
      campaign_id: this.campaignId(),
      ...(lead ? { campaign_lead_id: lead.lead_id, email: lead.email, row_index: rowIndex } : {}),
      ...(step !== null ? { step } : {}),
      ...data,
    };
    this.outboxEmpty = false;
    sql.exec(
      "INSERT INTO outbox (type, data, created_at) VALUES (?, ?, ?)",
      webhookType,
      JSON.stringify(payload),
      at,
    );
  }

  /**
   * Hands recorded events to the user's webhook dispatcher (stable ids `campaign:seq`, so a repeat
   * after a failed hand-off is harmless). Without an active webhook the outbox is simply emptied.
   */
  async flush(userId: string | null): Promise<void> {
    if (this.outboxEmpty) return;
    const { sql, env } = this.scope;
    const rows = sql
      .exec<{ seq: number; type: string; data: string; created_at: number }>(
        `SELECT * FROM outbox ORDER BY seq LIMIT ${OUTBOX_BATCH}`,
      )
      .toArray();
    if (rows.length === 0) {
      this.outboxEmpty = true;
      return;
    }
    const last = rows.at(-1)!.seq;
    try {
      if (userId && (await this.userHasWebhooks(userId))) {
        const campaignId = this.campaignId();
        await enqueueWebhookEvents(
          env,
          userId,
          rows.map((r) => ({
            id: `${campaignId}:${r.seq}`,
            type: r.type,
            created_at: toTimestamp(r.created_at),
            data: JSON.parse(r.data) as Record<string, unknown>,
          })),
        );
      }
      sql.exec("DELETE FROM outbox WHERE seq <= ?", last);
      if (rows.length < OUTBOX_BATCH) this.outboxEmpty = true;
    } catch (err) {
      // Kept for the next wake or call; event ids make the retry harmless.
      log("warn", "webhook hand-off failed", { campaign_id: this.campaignId(), error: String(err) });
    }
  }

  /** Pushed by the webhook routes when the user's subscriptions change. */
  webhooksChanged(active: boolean): void {
    // In storage, not in the instance: an object woken from eviction (each send of a campaign sending
    // once a minute) would otherwise fill its outbox and ask D1 again at every wake.
    this.scope.meta.set("webhooks_known", { value: active, until: Date.now() + WEBHOOKS_CACHE_MS });
  }

  /** Reads (at most every WEBHOOKS_CACHE_MS) whether the user has an active webhook. */
  async userHasWebhooks(userId: string): Promise<boolean> {
    const known = this.scope.meta.get("webhooks_known");
    if (known && known.until > Date.now()) return known.value;
    const row = await this.scope.env.DB.prepare(
      "SELECT 1 AS x FROM webhooks WHERE user_id = ? AND active = 1 LIMIT 1",
    )
      .bind(userId)
      .first();
    this.webhooksChanged(row !== null);
    return row !== null;
  }

  /** After a failure: the outbox is read from storage again. */
  forget(): void {
    this.outboxEmpty = false;
  }

  /**
   * A lead's timeline, oldest first: its events, and its sends from `actions`. A send goes before an
   * event recorded at the same instant (the lead's completion, a reconciliation), as it happened first.
   */
  ofLead(rowIndex: number): { type: string; at: number; step: number | null; data: string | null }[] {
    return this.scope.sql
      .exec<{ type: string; at: number; step: number | null; data: string | null }>(
        `SELECT type, at, step, data FROM (
           SELECT 'sent' AS type, sent_at AS at, step, json_object('action_key', action_key, 'provider_id', provider_id) AS data,
             0 AS kind, 0 AS id
           FROM actions WHERE action_key >= ?2 AND action_key < ?3 AND status = 'sent'
           UNION ALL
           SELECT type, at, step, data, 1 AS kind, id FROM events WHERE row_index = ?1
         ) ORDER BY at, kind, id`,
        rowIndex,
        // The lead's action keys (`campaign:row:step`), a range of the table's own key: no index needed.
        `${this.campaignId()}:${rowIndex}:`,
        `${this.campaignId()}:${rowIndex};`,
      )
      .toArray();
  }
}
