import type { CampaignStatus } from "@cadence/contract";
import { isPausable } from "@cadence/contract";
import type { PacingConfig } from "../types";
import type { D1Mirror } from "./d1-mirror";
import type { SenderLeases } from "./leases";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";
import type { ScheduledStart } from "./start";
import type { Timeline } from "./timeline";

/**
 * Status changes asked for from outside a wake: pause (by a user or a guard), resume, and new
 * pacing. `rearm` is the object's one decision about its next alarm.
 */
export class Control {
  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly timeline: Timeline,
    private readonly leases: SenderLeases,
    private readonly mirror: D1Mirror,
    private readonly start: ScheduledStart,
    private readonly rearm: () => Promise<void>,
  ) {}

  /** Once this returns, no new action starts (one already handed to a provider finishes). */
  async pause(reason: string | null): Promise<void> {
    const status = this.record.status;
    if (status === "none" || !isPausable(status)) return;
    const { meta, clock } = this.scope;
    meta.set("resume_to", status);
    meta.set("paused_reason", reason ?? "paused_by_user");
    this.record.transition("paused", clock.now());
    await clock.disarm();
    await this.leases.release(null);
    await this.settle();
  }

  /**
   * Continues exactly where it stopped (spacing still counts from the last real action): loading if
   * it was paused before its leads were in, else scheduled until start_date, else sending.
   */
  async resume(): Promise<void> {
    if (this.record.status !== "paused") return;
    const { meta, clock } = this.scope;
    const now = clock.now();
    const resumeTo: CampaignStatus | null = meta.get("resume_to");
    meta.set("paused_reason", null);
    const { startDate } = this.record.config();
    let next: CampaignStatus;
    if (resumeTo === "launching" && (meta.get("total_leads") ?? 0) === 0) next = "launching";
    else if (startDate !== null && startDate > now) next = "scheduled";
    else next = this.record.sendingStatus();
    this.record.transition(next, now);
    await this.rearm();
    await this.settle();
  }

  /** Pacing (and a new start_date) apply from the next slot. */
  async updatePacing(pacing: Partial<PacingConfig>): Promise<void> {
    const config = this.scope.meta.get("config");
    if (!config) return;
    this.record.setConfig({ ...config, ...pacing });
    this.start.reset();
    if (this.record.isRunning && this.record.status !== "launching") await this.rearm();
  }

  /** After a change made from outside a wake: D1 sees it at once, and so do the user's webhooks. */
  async settle(): Promise<void> {
    await this.mirror.project(true);
    await this.timeline.flush(this.record.userId());
  }
}
