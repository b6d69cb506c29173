import type { DatasetRow } from "../../datasets/rows";
import { log } from "../../lib/log";
import { classifyRow, leadRulesFor } from "../lead-rules";
import { campaignLeadId } from "../sequence";
import type { LaunchInput } from "../types";
import type { D1Mirror } from "./d1-mirror";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";
import type { SuppressionMirror } from "./suppressions";
import type { Timeline } from "./timeline";

/** Rows read per D1 page, and the bound on one wake (rows and wall time). */
export const LOAD_PAGE_ROWS = 2000;
const LOAD_WAKE_MAX_ROWS = 25_000;
const LOAD_WAKE_MAX_MS = 400;
/** Leads inserted per SQLite statement (one JSON array bound, expanded with json_each). */
const INSERT_BATCH = 500;

/** Where a dataset's rows after a cursor come from (D1 in production). */
export type RowSource = (datasetId: string, afterRow: number, pageSize: number) => AsyncIterable<DatasetRow>;

/** How a loading wake ended: more rows to read, all loaded, or the launch failed. */
export type LoadResult = "more" | "loaded" | "failed";

/**
 * Launching: the launch's frozen configuration and templates are stored, then the dataset's
 * launchable rows are copied from D1 into the object's `leads` in bounded chunks across wakes,
 * classified by the same rules as preflight, so `total_leads` equals preflight's `launchable_rows`.
 */
export class LeadLoader {
  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly timeline: Timeline,
    private readonly suppressions: SuppressionMirror,
    private readonly mirror: D1Mirror,
    private readonly rows: RowSource,
  ) {}

  /** Stores what the launch hands over and enters `launching`. */
  begin(input: LaunchInput): void {
    const { ctx, meta, sql } = this.scope;
    ctx.storage.transactionSync(() => {
      meta.set("campaign_id", input.campaignId);
      meta.set("user_id", input.userId);
      meta.set("launch_job_id", input.launchJobId);
      meta.set("config", input.config);
      meta.set("load_cursor", 0);
      meta.set("counters", { pending: 0, active: 0, ended: 0 });
      meta.set("launch_error", null);
      meta.set("paused_reason", null);
      for (const [id, t] of Object.entries(input.templates)) {
        sql.exec(
          "INSERT OR REPLACE INTO templates (template_id, subject, body) VALUES (?, ?, ?)",
          id,
          t.subject,
          t.body,
        );
      }
      meta.set("status", "launching");
      this.timeline.record("launch_requested", null, Date.now(), null, { launch_job_id: input.launchJobId });
    });
    this.record.forget();
  }

  /** Copies the next chunk of launchable rows into `leads` (bounded per wake). */
  async loadChunk(): Promise<LoadResult> {
    const config = this.record.config();
    const campaignId = this.record.campaignId();
    const { meta, sql } = this.scope;
    const started = Date.now();
    let cursor = meta.get("load_cursor") ?? 0;
    let readThisWake = 0;
    let more = false;
    try {
      const rules = leadRulesFor(
        campaignId,
        config.steps,
        this.record.templates(),
        await this.suppressions.matcher(),
      );
      const loaded: [string, number, string | null][] = [];
      let batch: unknown[][] = [];
      const flush = () => {
        if (batch.length === 0) return;
        // First sendable occurrence of an address wins (dedupe_key is unique); RETURNING gives the rows kept.
        const kept = sql
          .exec<{ lead_id: string; row_index: number; email: string | null }>(
            `INSERT INTO leads (row_index, lead_id, email, dedupe_key, linkedin_url, data, state, next_step, updated_at)
             SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, 'pending', 1, value->>6
             FROM json_each(?) WHERE true
             ON CONFLICT DO NOTHING
             RETURNING lead_id, row_index, email`,
            JSON.stringify(batch),
          )
          .toArray();
        this.record.bumpCounters({ pending: kept.length });
        for (const k of kept) loaded.push([k.lead_id, k.row_index, k.email]);
        batch = [];
      };
      for await (const row of this.rows(config.datasetId, cursor, LOAD_PAGE_ROWS)) {
        const verdict = classifyRow(row.rowIndex, row.data, rules, () => false);
        if (verdict.launchable) {
          batch.push([
            row.rowIndex,
            await campaignLeadId(campaignId, row.rowIndex),
            verdict.email,
            rules.needsEmail ? verdict.email : null,
            verdict.linkedinUrl,
            JSON.stringify(row.data),
            started,
          ]);
        }
        cursor = row.rowIndex;
        readThisWake++;
        if (batch.length >= INSERT_BATCH) flush();
        if (
          readThisWake % LOAD_PAGE_ROWS === 0 &&
          (readThisWake >= LOAD_WAKE_MAX_ROWS || Date.now() - started > LOAD_WAKE_MAX_MS)
        ) {
          more = true;
          break;
        }
      }
      flush();
      await this.mirror.addLeads(loaded);
      meta.set("load_cursor", cursor);
    } catch (err) {
      await this.fail(`loading leads failed: ${err instanceof Error ? err.message : String(err)}`);
      return "failed";
    }
    if (more) return "more";
    const total = this.record.counters().pending;
    if (total === 0) {
      await this.fail("no row of the dataset can be sent to");
      return "failed";
    }
    meta.set("total_leads", total);
    this.timeline.record("leads_loaded", null, Date.now(), null, { total_leads: total });
    this.finish();
    return "loaded";
  }

  /**
   * Leads are in: the campaign waits for its start or starts. The configuration is read again and the
   * status is checked again, since requests were served while rows were read: a pause that arrived
   * meanwhile holds (the campaign resumes to where it would have gone), and so does a new start_date.
   */
  private finish(): void {
    const now = this.scope.clock.now();
    const { startDate } = this.record.config();
    const next = startDate !== null && startDate > now ? "scheduled" : "active";
    if (this.record.status === "launching") this.record.transition(next, now);
    else if (this.record.status === "paused") this.scope.meta.set("resume_to", next);
  }

  private async fail(reason: string): Promise<void> {
    log("warn", "campaign launch failed", { campaign_id: this.record.campaignId(), reason });
    this.scope.meta.set("launch_error", reason);
    this.record.transition("failed", Date.now());
  }
}
