import { log } from "../../lib/log";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";

/**
 * Status and counters are mirrored to D1 on every status change, otherwise at most this often. One
 * campaign read through the API (`GET /campaigns/{id}`, `/stats`, `/leads`, `/schedule`) asks the
 * object, so it is live; only lists may show counters this old. At one write per campaign per
 * interval (not per send) D1 sees ~1/300 of a write per sending campaign a second (docs/scaling.md).
 */
const PROJECTION_INTERVAL_MS = 5 * 60_000;
/** D1 statements per batch, and rows bound per statement (as one JSON array). */
const D1_BATCH = 50;
const ROWS_PER_STATEMENT = 1000;

/**
 * What the rest of Cadence reads about a launched campaign comes from D1, written here from the
 * object, the source of truth: the campaign row's status and counters, and one `campaign_leads` row
 * per loaded lead (how inbound events find a lead).
 */
export class D1Mirror {
  /** The last queued write (it never rejects), and whether one is waiting its turn. */
  private tail: Promise<void> = Promise.resolve();
  private queued = false;

  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
  ) {}

  /** Mirrors status and counters: at once when `force` or the status changed, else when due. */
  async project(force: boolean): Promise<void> {
    if (force || this.due()) await this.queue();
  }

  /**
   * From a wake: the same mirror, without holding the wake until D1 answers. A wake that awaited it
   * would hold the object's next alarm too, and when many campaigns change status at once (a shared
   * start_date) every one of them would wait for the whole queue of D1 writes.
   */
  projectInBackground(): void {
    if (this.due()) void this.queue();
  }

  /** Resolves once every mirror write queued so far has landed (callers read D1 next). */
  settled(): Promise<void> {
    return this.tail;
  }

  private due(): boolean {
    const status = this.record.status;
    if (!this.record.campaignId() || status === "none" || status === "draft") return false;
    // Kept in storage, not in the instance: an object woken from eviction (a campaign sending once a
    // minute meets a new instance at every send) would otherwise write D1 at every wake.
    const { meta } = this.scope;
    return status !== meta.get("mirrored_status") || Date.now() >= (meta.get("mirror_due_at") ?? 0);
  }

  /**
   * Writes run one at a time, in order, each with the state as it is when it starts (so the last one
   * to land is the newest). Asks made while a write waits its turn share that write.
   */
  private queue(): Promise<void> {
    if (this.queued) return this.tail;
    this.queued = true;
    this.tail = this.tail
      .then(() => {
        this.queued = false;
        return this.write();
      })
      // The tail must never reject: later writes chain on it and callers await it.
      .catch((err) => log("warn", "campaign projection failed", { error: String(err) }));
    return this.tail;
  }

  private async write(): Promise<void> {
    const status = this.record.status;
    const campaignId = this.record.campaignId();
    if (!campaignId || status === "none" || status === "draft") return;
    const { meta, env } = this.scope;
    try {
      await env.DB.prepare(
        `UPDATE campaigns SET status = ?, total_leads = ?, processed_leads = ?, paused_reason = ?, launch_error = ?
         WHERE id = ?`,
      )
        .bind(
          status,
          this.record.totalLeads(),
          this.record.counters().ended,
          meta.get("paused_reason"),
          meta.get("launch_error"),
          campaignId,
        )
        .run();
      // The periodic mirror is due again then (jittered, so objects started together spread out).
      meta.batch(() => {
        meta.set("mirrored_status", status);
        meta.set("mirror_due_at", Date.now() + PROJECTION_INTERVAL_MS * (0.75 + this.scope.random() / 2));
      });
    } catch (err) {
      // The object stays the source of truth; the next wake writes the projection again.
      log("warn", "campaign projection failed", { campaign_id: campaignId, error: String(err) });
    }
  }

  /** Loaded leads: `[lead_id, row_index, email]` rows, chunked for D1's limits. */
  async addLeads(rows: [string, number, string | null][]): Promise<void> {
    const { env } = this.scope;
    const campaignId = this.record.campaignId();
    const userId = this.record.userId();
    const statements: D1PreparedStatement[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      statements.push(
        env.DB.prepare(
          `INSERT OR IGNORE INTO campaign_leads (id, campaign_id, user_id, row_index, email)
           SELECT value->>0, ?, ?, value->>1, value->>2 FROM json_each(?)`,
        ).bind(campaignId, userId, JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))),
      );
    }
    for (let i = 0; i < statements.length; i += D1_BATCH)
      await env.DB.batch(statements.slice(i, i + D1_BATCH));
  }

  /** A relaunch after a failed launch starts from an empty lead projection. */
  async clearLeads(campaignId: string): Promise<void> {
    await this.scope.env.DB.prepare("DELETE FROM campaign_leads WHERE campaign_id = ?")
      .bind(campaignId)
      .run();
  }

  /**
   * A campaign cancelled at its start goes back to draft in D1, written directly (after any mirror
   * write still in flight, which must not land after it).
   */
  async returnToDraft(campaignId: string, reason: string): Promise<void> {
    await this.tail;
    await this.scope.env.DB.prepare(
      `UPDATE campaigns SET status = 'draft', total_leads = 0, processed_leads = 0, launch_job_id = NULL,
         launch_requested_at = NULL, launch_error = NULL, paused_reason = ? WHERE id = ?`,
    )
      .bind(reason, campaignId)
      .run();
  }
}
