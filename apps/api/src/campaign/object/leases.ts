import type { DayKey } from "@cadence/scheduling";
import { log } from "../../lib/log";
import { LEASE_MS, type LeaseDecision } from "../sender-quota";
import type { CampaignRecord } from "./record";
import type { ObjectScope, SenderLease } from "./scope";
import type { Sender } from "./senders";

export type SenderUnit = { ok: true; leaseId: string } | { ok: false; retryAt: number; reason: string };

/**
 * Units of the sending identities' shared caps, leased from each identity's SenderQuota object a
 * minute at a time rather than asked for per send. A lease counts in full when granted; the campaign
 * settles it with what it used (with its next lease, on pause, when its next send falls after the
 * lease ends, in a provider cooldown), so every failure errs towards sending less.
 */
export class SenderLeases {
  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly sentOnDay: (day: DayKey) => number,
  ) {}

  private quota(quotaId: string) {
    const { SENDER_QUOTA } = this.scope.env;
    return SENDER_QUOTA.get(SENDER_QUOTA.idFromName(quotaId));
  }

  /** Leases held, by identity. */
  held(): Record<string, SenderLease> {
    return this.scope.meta.get("sender_leases") ?? {};
  }

  private drop(quotaId: string): void {
    const { [quotaId]: _dropped, ...rest } = this.held();
    this.scope.meta.set("sender_leases", Object.keys(rest).length ? rest : null);
  }

  /** Counts a unit of a lease as used (+1, with the claim) or hands it back (-1, not accepted). */
  adjust(quotaId: string, leaseId: string, by: 1 | -1): void {
    const held = this.held()[quotaId];
    // A lease settled in the meantime keeps the count it was settled with (it can only err high).
    if (!held || held.id !== leaseId) return;
    this.scope.meta.set("sender_leases", {
      ...this.held(),
      [quotaId]: { ...held, used: Math.max(0, held.used + by) },
    });
  }

  /** A unit for this wake's action: from the lease held, or from a new lease. */
  async unit(sender: Sender, now: number, day: DayKey): Promise<SenderUnit> {
    const held = this.held()[sender.quota.id];
    if (held && held.used < held.granted && now < held.expiresAt) return { ok: true, leaseId: held.id };
    const decision = await this.take(sender, now, day);
    if (!decision.granted) return { ok: false, retryAt: decision.retryAt, reason: decision.reason };
    return { ok: true, leaseId: decision.leaseId };
  }

  /**
   * A new lease on the identity's cap from `at` on, sized to what the campaign can send before it
   * expires; the lease held until now is settled in the same call. The lease id is only consumed
   * once the answer is stored, so a wake that fails after the call asks again with the same id and
   * gets the same lease back.
   */
  async take(
    sender: Sender,
    at: number,
    day: DayKey,
  ): Promise<{ granted: true; leaseId: string } | Extract<LeaseDecision, { granted: false }>> {
    const { meta } = this.scope;
    const quotaId = sender.quota.id;
    const held = this.held()[quotaId];
    const config = this.record.config();
    const perLease = Math.ceil(LEASE_MS / (config.minIntervalSeconds * 1000));
    // Leads take their mailbox in turn, so each alias sees its share of the sends.
    const share = Math.ceil(perLease / Math.max(1, config.aliasIds.length));
    const want = Math.max(
      1,
      Math.min(share, config.dailyLimit - this.sentOnDay(day), this.record.leadsLeft()),
    );
    const seq = (meta.get("lease_seq") ?? 0) + 1;
    // Unique per launch: a campaign launched again starts its sequence over.
    const id = `${meta.get("launch_job_id") ?? this.record.campaignId()}:${seq}`;
    const decision = await this.quota(quotaId).lease({
      id,
      at,
      want,
      dailyLimit: sender.quota.dailyLimit,
      weeklyLimit: sender.quota.weeklyLimit,
      settle: held ? { id: held.id, used: held.used } : null,
    });
    meta.set("lease_seq", seq);
    if (!decision.granted) {
      this.drop(quotaId);
      return decision;
    }
    // Renewed somewhere between half and nine tenths of its life: campaigns that took their leases
    // together (one shared start_date) do not all come back in the same second.
    const renewAt = at + (decision.expiresAt - at) * (0.5 + 0.4 * this.scope.random());
    meta.set("sender_leases", {
      ...this.held(),
      [quotaId]: { id, granted: decision.units, used: 0, expiresAt: decision.expiresAt, renewAt },
    });
    // The answer to an earlier ask with this id (a wake that failed after the call) may have ended
    // since: settle it unused and ask for a fresh one.
    if (decision.expiresAt <= at) return this.take(sender, at, day);
    return { granted: true, leaseId: id };
  }

  /**
   * After a send, while the next one is still a min_interval away: a lease that is used up or past
   * its renewal instant is renewed now, so that the next send does not wait on the identity's
   * SenderQuota. A failure here is not the send's: the next send takes its lease itself.
   */
  async renewAhead(sender: Sender, now: number, day: DayKey): Promise<void> {
    const held = this.held()[sender.quota.id];
    if (!held || this.record.leadsLeft() === 0) return;
    // A campaign that sends less than twice a lease's life would let most renewals expire unused.
    if (this.record.config().minIntervalSeconds * 1000 * 2 > LEASE_MS) return;
    if (held.used < held.granted && now < (held.renewAt ?? held.expiresAt)) return;
    try {
      await this.take(sender, now, day);
    } catch (err) {
      log("warn", "sender lease renewal failed", {
        campaign_id: this.record.campaignId(),
        error: String(err),
      });
    }
  }

  /**
   * Hands unused units back: leases that expire before the next send (`nextAt`; null = no send
   * planned, e.g. paused or finished). Fully used leases are simply forgotten (nothing to return).
   * A failed hand-back keeps the lease, to be settled with the next lease or release.
   */
  async release(nextAt: number | null): Promise<void> {
    for (const [quotaId, held] of Object.entries(this.held())) {
      if (held.used < held.granted && nextAt !== null && nextAt < held.expiresAt) continue;
      try {
        if (held.used < held.granted) await this.quota(quotaId).release({ id: held.id, used: held.used });
        this.drop(quotaId);
      } catch (err) {
        log("warn", "sender lease release failed", {
          campaign_id: this.record.campaignId(),
          error: String(err),
        });
      }
    }
  }

  /** The provider throttles this identity: it cools down until `until`, and the lease held is settled. */
  async coolDown(sender: Sender, until: number): Promise<void> {
    const held = this.held()[sender.quota.id];
    await this.quota(sender.quota.id).cooldown(until, held ? { id: held.id, used: held.used } : null);
    this.drop(sender.quota.id);
  }

  /** Opens the identity's quota object (warm-up before a scheduled start), without leasing. */
  async warm(sender: Sender): Promise<void> {
    await this.quota(sender.quota.id).ready();
  }
}
