import {
  type DayKey,
  nextActionSlot,
  type PacingRules,
  type PacingState,
  type Slot,
  type Weekday,
  type WorkAvailable,
} from "@cadence/scheduling";
import type { Leads } from "./leads";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";

/**
 * The campaign's pacing as the object keeps it: the rules from its configuration, the instant of
 * its last action and the actions started per window-day (`day_counts`, mirrored in memory and
 * read once per day), so that a slot is computed without touching storage on the hot path.
 */
export class Pacing {
  private readonly dayCountCache = new Map<DayKey, number>();
  /** The rules of the configuration object they were made from (one object while it is unchanged). */
  private rulesCache: { config: object; rules: PacingRules } | null = null;

  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly leads: Leads,
  ) {}

  /** The same object while the configuration is (the scheduling package compiles it once per object). */
  rules(): PacingRules {
    const c = this.record.config();
    if (this.rulesCache?.config !== c) {
      this.rulesCache = {
        config: c,
        rules: {
          timezone: c.timezone,
          windowStart: c.windowStart,
          windowEnd: c.windowEnd,
          sendDays: c.sendDays as Weekday[],
          dailyLimit: c.dailyLimit,
          minIntervalSeconds: c.minIntervalSeconds,
        },
      };
    }
    return this.rulesCache.rules;
  }

  state(): PacingState {
    return { lastActionAt: this.scope.meta.get("last_action_at"), sentOnDay: (day) => this.sentOnDay(day) };
  }

  sentOnDay(day: DayKey): number {
    let count = this.dayCountCache.get(day);
    if (count === undefined) {
      count =
        this.scope.sql.exec<{ count: number }>("SELECT count FROM day_counts WHERE day = ?", day).toArray()[0]
          ?.count ?? 0;
      this.dayCountCache.set(day, count);
    }
    return count;
  }

  /** Counts an action started at `at` against its window-day and the spacing (inside the claim's transaction). */
  countAction(day: DayKey, at: number): void {
    const sentToday = this.sentOnDay(day);
    this.scope.sql.exec(
      "INSERT INTO day_counts (day, count) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET count = count + 1",
      day,
    );
    this.dayCountCache.set(day, sentToday + 1);
    this.scope.meta.set("last_action_at", at);
  }

  /** What is ready to go: whether a new lead remains, and when the earliest follow-up falls due. */
  workAvailable(): WorkAvailable {
    return {
      hasNewLead: this.record.counters().pending > 0,
      earliestFollowUpDue: this.leads.earliestFollowUpDue(),
    };
  }

  /** The next instant an action may start, for whatever work is ready (null: nothing left to send). */
  nextSlot(now: number, work: WorkAvailable = this.workAvailable()): Slot | null {
    return nextActionSlot(this.rules(), this.state(), now, work);
  }

  forget(): void {
    this.dayCountCache.clear();
  }
}
