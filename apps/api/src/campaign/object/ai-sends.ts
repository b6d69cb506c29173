import type { Step, Variant } from "@cadence/contract";
import { type CampaignAiContext, campaignLeadStep, loadSenderProfiles } from "../../ai/campaign-lead";
import { stepConfigFingerprint } from "../../ai/fingerprint";
import type { RetryPolicy } from "../../ai/generate";
import {
  type AiRuntimeResolution,
  aiRuntimeFor,
  type PersonalizeResult,
  personalize,
} from "../../ai/personalize";
import { isPersonalizedVariant, stepHasPersonalization } from "../../ai/personalized";
import type { AiApprovalChange, LaunchApproval } from "../types";
import type { Variants } from "./ab-winner";
import type { LeadRow } from "./leads";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";

/**
 * At send time a model call is not retried inside the wake (a wake never sleeps: it would hold the
 * object and the slots after it); a transient failure holds the campaign's sends (`wait`) and a
 * later wake, or the prefetch after this one, tries again.
 */
const SEND_RETRY: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxWaitMs: 0 };
/** A lead's generation failing transiently this many times in a row fails its step. */
export const MAX_AI_ATTEMPTS = 5;
const AI_WAIT_BASE_MS = 60_000;
/** Provider settings and sender profiles are read from D1 at most this often per instance. */
const AI_CACHE_MS = 60_000;

/** The email a personalized step sends, as decided before the claim. */
export type AiEmail =
  /** The lead's variant is not personalized: the template is composed as before. */
  | { kind: "template" }
  | { kind: "written"; subject: string; body: string; source: "approved" | "generated" }
  /** The provider is unavailable for now: nothing is claimed, every send waits until `until`. */
  | { kind: "wait"; until: number; reason: string }
  /** Generation cannot succeed (no provider, budget cap, provider refusing): the lead's step fails. */
  | { kind: "failed"; reason: string };

/**
 * Personalized emails inside the campaign object: the approved email when one matches the step's
 * current configuration (approvals copied into the object's storage at launch and pushed on every
 * change, so a send reads no D1 for them), else a generation through the one `personalize` path,
 * prefetched for the next due lead right after each wake so that the slot finds it ready. The text a
 * lead's step was given is kept (`ai_emails`) until the lead is done with it, so composing the action
 * again (a retry, a crash being reconciled, a click checked) gives the very same bytes.
 */
export class AiSends {
  private context: { value: CampaignAiContext; until: number } | null = null;
  private runtime: { value: AiRuntimeResolution; until: number } | null = null;
  private readonly fingerprints = new Map<string, string>();
  /** Generations under way (a prefetch), so the send awaits the same call instead of making another. */
  private readonly inFlight = new Map<string, Promise<PersonalizeResult | null>>();
  /** A prefetch the provider refused for good: the slot fails the step with it, without asking again. */
  private readonly refused = new Map<string, PersonalizeResult>();

  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly variants: Variants,
  ) {}

  /** At launch (inside its transaction): the campaign's approvals as they stand in D1. */
  begin(approvals: readonly LaunchApproval[]): void {
    for (const a of approvals) this.writeApproval(a);
  }

  /** Pushed by the approval routes: a lead's approvals replaced (every step listed in `steps`). */
  applyApprovals(change: AiApprovalChange): void {
    const { sql, ctx } = this.scope;
    ctx.storage.transactionSync(() => {
      for (const step of change.steps) {
        sql.exec("DELETE FROM ai_approvals WHERE lead_id = ? AND step = ?", change.leadId, step);
        // Text chosen for an action not claimed yet gives way to the new decision.
        sql.exec(
          `DELETE FROM ai_emails WHERE lead_id = ?1 AND step = ?2 AND NOT EXISTS (
             SELECT 1 FROM actions a JOIN leads l ON l.row_index = a.row_index
             WHERE l.lead_id = ?1 AND a.step = ?2 AND a.status IN ('claimed', 'sent'))`,
          change.leadId,
          step,
        );
      }
      for (const a of change.approvals) this.writeApproval(a);
    });
  }

  /** The text a lead's step was given, when it was personalized: what composing sends. */
  written(rowIndex: number, step: number): { subject: string; body: string } | null {
    return (
      this.scope.sql
        .exec<{ subject: string; body: string }>(
          "SELECT subject, body FROM ai_emails WHERE row_index = ? AND step = ?",
          rowIndex,
          step,
        )
        .toArray()[0] ?? null
    );
  }

  /**
   * The email of the lead's step before it is claimed: the template, the approved or generated text
   * (kept for composing), a wait for the provider, or the reason the step fails. `variant` is the
   * one the send wake chose for this action (`Variants.chosen`), not chosen again here.
   */
  async prepare(lead: LeadRow, stepNo: number, variant: Variant, now: number): Promise<AiEmail> {
    const step = this.record.config().steps[stepNo - 1]!;
    if (!isPersonalizedVariant(step, variant)) return { kind: "template" };
    const fingerprint = await this.fingerprintOf(step, variant.label);
    const approved = this.approval(lead.lead_id, stepNo, fingerprint);
    if (approved) return this.keep(lead, stepNo, { ...approved, source: "approved" });
    const kept = this.written(lead.row_index, stepNo);
    if (kept) return { kind: "written", ...kept, source: "generated" };

    const runtime = await this.runtimeResolution();
    if (!runtime.ok) return { kind: "failed", reason: runtime.message };
    const key = `${lead.row_index}:${stepNo}`;
    const result = this.refused.get(key) ?? (await this.generate(lead, step));
    this.refused.delete(key);
    if (result === null) return { kind: "failed", reason: "the step is not personalized for this lead" };
    if (result.ok) {
      this.clearFailures(lead.row_index, stepNo);
      const { subject, body } = result.generation;
      return this.keep(lead, stepNo, { subject, body, source: "generated" });
    }
    const attempts = this.countFailure(lead.row_index, stepNo);
    if (!result.transient || attempts >= MAX_AI_ATTEMPTS) {
      const tries = result.transient ? ` (${attempts} attempts)` : "";
      return { kind: "failed", reason: `${result.message}${tries}` };
    }
    const backoff = AI_WAIT_BASE_MS * 2 ** (attempts - 1);
    return { kind: "wait", until: now + Math.max(result.retryAfterMs ?? 0, backoff), reason: result.message };
  }

  /**
   * Generates, ahead of its slot, the email of the lead that is due next when it is personalized and
   * not approved: the answer is kept, so at the slot the send needs no model call.
   */
  async prefetch(lead: LeadRow | null): Promise<void> {
    if (!lead || lead.state === "sending") return;
    const step = this.record.config().steps[lead.next_step - 1];
    if (!step || !stepHasPersonalization(step)) return;
    const variant = this.variants.chosen(lead.row_index, step);
    if (!isPersonalizedVariant(step, variant)) return;
    const fingerprint = await this.fingerprintOf(step, variant.label);
    if (this.approval(lead.lead_id, step.step, fingerprint) || this.written(lead.row_index, step.step))
      return;
    const result = await this.generate(lead, step);
    // A success is kept; a refusal is remembered for the slot; a transient failure is met again there.
    if (result?.ok) {
      const { subject, body } = result.generation;
      this.keep(lead, step.step, { subject, body, source: "generated" });
    } else if (result && !result.transient) this.refused.set(`${lead.row_index}:${step.step}`, result);
  }

  /**
   * Leads whose email at some personalized step has no approval under the step's current
   * configuration: what `hold` and `cancel` act on at the scheduled start.
   */
  async unreviewedLeads(): Promise<number> {
    const steps = this.record.config().steps.filter(stepHasPersonalization);
    if (steps.length === 0) return 0;
    const approved = new Set(
      this.scope.sql
        .exec<{ lead_id: string; step: number; fingerprint: string }>(
          "SELECT lead_id, step, fingerprint FROM ai_approvals",
        )
        .toArray()
        .map((a) => `${a.lead_id}:${a.step}:${a.fingerprint}`),
    );
    const leads = this.scope.sql
      .exec<{ row_index: number; lead_id: string }>(
        "SELECT row_index, lead_id FROM leads WHERE state NOT IN ('completed', 'stopped', 'failed')",
      )
      .toArray();
    let unreviewed = 0;
    for (const lead of leads) {
      for (const step of steps) {
        const variant = this.variants.chosen(lead.row_index, step);
        if (!isPersonalizedVariant(step, variant)) continue;
        const fingerprint = await this.fingerprintOf(step, variant.label);
        if (!approved.has(`${lead.lead_id}:${step.step}:${fingerprint}`)) {
          unreviewed++;
          break;
        }
      }
    }
    return unreviewed;
  }

  /** After a failure, or when the campaign's configuration changed: everything is read again. */
  forget(): void {
    this.context = null;
    this.runtime = null;
    this.fingerprints.clear();
    this.inFlight.clear();
    this.refused.clear();
  }

  /** One generation per lead step at a time: a prefetch under way is awaited, not repeated. */
  private generate(lead: LeadRow, step: Step): Promise<PersonalizeResult | null> {
    const key = `${lead.row_index}:${step.step}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const call = (async () => {
      const runtime = await this.runtimeResolution();
      if (!runtime.ok) return null;
      const prepared = await campaignLeadStep(
        await this.aiContext(),
        { rowIndex: lead.row_index, data: JSON.parse(lead.data) as Record<string, string> },
        step,
        "send",
      );
      if (!prepared.job) return null;
      return personalize(runtime.runtime, prepared.job, SEND_RETRY);
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  private keep(
    lead: Pick<LeadRow, "row_index" | "lead_id">,
    step: number,
    email: { subject: string; body: string; source: "approved" | "generated" },
  ): AiEmail {
    this.scope.sql.exec(
      `INSERT INTO ai_emails (row_index, step, lead_id, subject, body, source) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (row_index, step) DO UPDATE SET subject = excluded.subject, body = excluded.body,
         source = excluded.source`,
      lead.row_index,
      step,
      lead.lead_id,
      email.subject,
      email.body,
      email.source,
    );
    return { kind: "written", ...email };
  }

  private approval(leadId: string, step: number, fingerprint: string) {
    return (
      this.scope.sql
        .exec<{ subject: string; body: string }>(
          "SELECT subject, body FROM ai_approvals WHERE lead_id = ? AND step = ? AND fingerprint = ?",
          leadId,
          step,
          fingerprint,
        )
        .toArray()[0] ?? null
    );
  }

  private writeApproval(a: LaunchApproval): void {
    this.scope.sql.exec(
      `INSERT OR REPLACE INTO ai_approvals (lead_id, step, fingerprint, subject, body) VALUES (?, ?, ?, ?, ?)`,
      a.leadId,
      a.step,
      a.fingerprint,
      a.subject,
      a.body,
    );
  }

  private countFailure(rowIndex: number, step: number): number {
    return this.scope.sql
      .exec<{ attempts: number }>(
        `INSERT INTO ai_failures (row_index, step, attempts) VALUES (?, ?, 1)
         ON CONFLICT (row_index, step) DO UPDATE SET attempts = attempts + 1 RETURNING attempts`,
        rowIndex,
        step,
      )
      .one().attempts;
  }

  private clearFailures(rowIndex: number, step: number): void {
    this.scope.sql.exec("DELETE FROM ai_failures WHERE row_index = ? AND step = ?", rowIndex, step);
  }

  private async fingerprintOf(step: Step, label: string): Promise<string> {
    const key = `${step.step}:${label}`;
    let fingerprint = this.fingerprints.get(key);
    if (fingerprint === undefined) {
      const variant = step.variants.find((v) => v.label === label)!;
      const template = variant.template_id
        ? (this.record.templates().get(variant.template_id) ?? null)
        : null;
      fingerprint = await stepConfigFingerprint(step, variant, template);
      this.fingerprints.set(key, fingerprint);
    }
    return fingerprint;
  }

  private async runtimeResolution(): Promise<AiRuntimeResolution> {
    if (this.runtime && this.runtime.until > Date.now()) return this.runtime.value;
    const value = await aiRuntimeFor(this.scope.env, this.record.userId() ?? "");
    this.runtime = { value, until: Date.now() + AI_CACHE_MS };
    return value;
  }

  private async aiContext(): Promise<CampaignAiContext> {
    if (this.context && this.context.until > Date.now()) return this.context.value;
    const config = this.record.config();
    const value: CampaignAiContext = {
      campaignId: this.record.campaignId(),
      datasetId: config.datasetId,
      systemPrompt: config.systemPrompt ?? null,
      steps: config.steps,
      templates: this.record.templates(),
      senders: await loadSenderProfiles(this.scope.env.DB, this.record.userId() ?? ""),
      customPrompt: null,
    };
    this.context = { value, until: Date.now() + AI_CACHE_MS };
    return value;
  }
}
