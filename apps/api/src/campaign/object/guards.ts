import type { Control } from "./control";
import type { ObjectScope } from "./scope";
import type { Timeline } from "./timeline";

/** A guard's limit: pause once `count / emails` exceeds `rate`, after at least `minEmails` emails. */
interface GuardRule {
  counter: "bounces" | "complaints";
  rate: number;
  minEmails: number;
}

/**
 * The deliverability guards: hard bounces over 5% of emails, and spam complaints over 0.3% (the
 * rate mailbox providers ask bulk senders to stay under), each after at least 20 emails reached an
 * outcome. One complaint in the first few hundred emails is already over it: that is intended, a
 * complaining audience is worth a look before the campaign goes on.
 */
export const GUARDS = {
  bounce_rate: { counter: "bounces", rate: 0.05, minEmails: 20 },
  complaint_rate: { counter: "complaints", rate: 0.003, minEmails: 20 },
} as const satisfies Record<string, GuardRule>;
export type GuardName = keyof typeof GUARDS;

/** The guards' figures, read from the object's counters (kept in the same transactions as the outcomes). */
export class Guards {
  constructor(
    private readonly scope: ObjectScope,
    private readonly timeline: Timeline,
    private readonly control: Control,
  ) {}

  /** The guard's figures when it is tripped, else null. */
  tripped(name: GuardName): { count: number; emails: number; rate: number; threshold: number } | null {
    const rule = GUARDS[name];
    const count = this.scope.meta.get(rule.counter) ?? 0;
    const emails = this.scope.meta.get("email_outcomes") ?? 0;
    if (emails < rule.minEmails || count / emails <= rule.rate) return null;
    return { count, emails, rate: count / emails, threshold: rule.rate };
  }

  /**
   * Pauses the campaign when the guard is tripped, with the guard's name as `paused_reason` and a
   * `campaign.guard_tripped` event carrying its figures. A campaign already paused is left alone.
   */
  async check(name: GuardName): Promise<void> {
    const figures = this.tripped(name);
    if (!figures || this.scope.meta.get("status") === "paused") return;
    this.timeline.record("guard_tripped", null, this.scope.clock.now(), null, { guard: name, ...figures });
    await this.control.pause(name);
  }
}
