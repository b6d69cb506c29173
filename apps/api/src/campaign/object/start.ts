import { LEASE_MS } from "../sender-quota";
import type { AiSends } from "./ai-sends";
import type { SenderLeases } from "./leases";
import type { Pacing } from "./pacing";
import type { CampaignRecord } from "./record";
import type { Senders } from "./senders";
import type { SuppressionMirror } from "./suppressions";
import type { Timeline } from "./timeline";

/** A scheduled campaign wakes this long before its start to warm its caches (well under the sender cache's life). */
export const START_WARM_UP_MS = 10_000;

/** What a scheduled campaign does when its start_date comes (and, held or cancelled, why). */
export type StartDecision = { action: "start" } | { action: "hold" | "cancel"; reason: string };

/**
 * A scheduled campaign's start: a warm-up shortly before it (the first send then waits on neither
 * D1 nor the senders' quota objects, even when many campaigns share one start_date), and, at the
 * start, `unreviewed_launch_policy` applied to AI-personalized sequences.
 */
export class ScheduledStart {
  /** This instance has warmed its caches for the start (a new instance warms up again). */
  private warmedUp = false;

  constructor(
    private readonly record: CampaignRecord,
    private readonly timeline: Timeline,
    private readonly pacing: Pacing,
    private readonly senders: Senders,
    private readonly leases: SenderLeases,
    private readonly suppressions: SuppressionMirror,
    private readonly ai: AiSends,
  ) {}

  /** The wake to arm while scheduled: the warm-up (at most START_WARM_UP_MS early), then the start. */
  wakeAt(startDate: number, now: number): number {
    return this.warmedUp ? startDate : Math.min(startDate, Math.max(now, startDate - START_WARM_UP_MS));
  }

  /** Start and pacing may have changed: warm up again for the new start. */
  reset(): void {
    this.warmedUp = false;
  }

  /** Loads the senders (rows, channels, a first lease), templates, suppressions and webhook state. */
  async warmUp(startDate: number): Promise<void> {
    this.warmedUp = true;
    const config = this.record.config();
    const first = config.steps[0];
    if (!first) return;
    this.record.templates();
    const slot = this.pacing.nextSlot(startDate);
    const senders = first.channel === "email" ? Math.max(1, config.aliasIds.length) : 1;
    for (let row = 1; row <= senders; row++) {
      const sender = await this.senders.senderFor({ row_index: row }, first);
      if (!sender) continue;
      const held = this.leases.held()[sender.quota.id];
      // Only for a first send soon after the start (not, say, tomorrow's window) and not held yet.
      if (slot && slot.at < startDate + LEASE_MS / 2 && !(held && held.expiresAt > slot.at))
        await this.leases.take(sender, slot.at, slot.day);
      else await this.leases.warm(sender);
    }
    await this.suppressions.refresh(false);
    const userId = this.record.userId();
    if (userId) await this.timeline.userHasWebhooks(userId);
  }

  /**
   * At start_date: whether the campaign starts, is held, or is cancelled. A campaign is unreviewed
   * when some lead's email at a personalized step has no approval under the step's current
   * configuration (approvals made after launch count: they are pushed to the object); then
   * `unreviewed_launch_policy` decides.
   */
  async decide(): Promise<StartDecision> {
    const policy = this.record.config().unreviewedLaunchPolicy;
    if (policy === "launch_default") return { action: "start" };
    const unreviewed = await this.ai.unreviewedLeads();
    if (unreviewed === 0) return { action: "start" };
    return {
      action: policy,
      reason: `${unreviewed} lead${unreviewed === 1 ? " has" : "s have"} no approved draft for a personalized step (unreviewed_launch_policy ${policy})`,
    };
  }
}
