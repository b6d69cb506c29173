import { toTimestamp } from "@cadence/contract";
import type { StatsView } from "../types";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";

type Outcomes = StatsView["outcomes"];

/** Timeline event types counted as outcomes, and the field each one counts into. */
const COUNTED: Record<string, (o: Outcomes, n: number) => void> = {
  replied: (o, n) => {
    o.replied = n;
  },
  auto_replied: (o, n) => {
    o.auto_replied = n;
  },
  bounced: (o, n) => {
    o.bounced.hard = n;
  },
  soft_bounced: (o, n) => {
    o.bounced.soft = n;
  },
  unsubscribed: (o, n) => {
    o.unsubscribed = n;
  },
  complained: (o, n) => {
    o.complained = n;
  },
  clicked: (o, n) => {
    o.unique_clicks = n;
  },
};
const COUNTED_TYPES = Object.keys(COUNTED);
const IN_COUNTED = `(${COUNTED_TYPES.map(() => "?").join(", ")})`;

const empty = (): Outcomes => ({
  sent: 0,
  failed: 0,
  replied: 0,
  reply_rate: 0,
  auto_replied: 0,
  bounced: { hard: 0, soft: 0 },
  unsubscribed: 0,
  complained: 0,
  unique_clicks: 0,
});

const withRate = <T extends Outcomes>(o: T): T => ({ ...o, reply_rate: o.sent > 0 ? o.replied / o.sent : 0 });

/**
 * The campaign's outcomes per campaign, step and variant, computed on demand from what the object
 * recorded (nothing is counted on the send path): `actions` for sent and failed, the leads' timeline
 * events for what came back. An event counts towards the step it answers and that step's variant (the
 * lead's recorded `actions.variant`); each lead counts once per row (at campaign level, once in all).
 */
export class CampaignStats {
  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
  ) {}

  view(): Pick<StatsView, "outcomes" | "per_step" | "per_variant" | "ab_winners"> {
    const { sql } = this.scope;
    const variants = new Map<string, Outcomes & { step: number; variant: string }>();
    const variantOf = (step: number, variant: string | null) => {
      const label = variant ?? "";
      const k = `${step}\u0000${label}`;
      let v = variants.get(k);
      if (!v) {
        v = { step, variant: label, ...empty() };
        variants.set(k, v);
      }
      return v;
    };
    for (const r of sql.exec<{ step: number; variant: string | null; sent: number; failed: number }>(
      `SELECT step, variant, sum(status = 'sent') AS sent, sum(status = 'failed') AS failed
       FROM actions GROUP BY step, variant`,
    )) {
      const v = variantOf(r.step, r.variant);
      v.sent = r.sent;
      v.failed = r.failed;
    }
    // Each event joins its action through the action's own key (`campaign:row:step`): no index needed.
    for (const r of sql.exec<{ step: number; variant: string | null; type: string; n: number }>(
      `SELECT a.step AS step, a.variant AS variant, e.type AS type, count(DISTINCT e.row_index) AS n
       FROM events e JOIN actions a ON a.action_key = ? || ':' || e.row_index || ':' || e.step
       WHERE e.step IS NOT NULL AND e.type IN ${IN_COUNTED}
       GROUP BY a.step, a.variant, e.type`,
      this.record.campaignId(),
      ...COUNTED_TYPES,
    )) {
      COUNTED[r.type]!(variantOf(r.step, r.variant), r.n);
    }
    const perVariant = [...variants.values()].sort(
      (a, b) => a.step - b.step || a.variant.localeCompare(b.variant),
    );
    const perStep = new Map<number, Outcomes & { step: number }>();
    for (const v of perVariant) {
      let s = perStep.get(v.step);
      if (!s) {
        s = { step: v.step, ...empty() };
        perStep.set(v.step, s);
      }
      // A lead gets one variant of a step, so a step's distinct leads are the sum over its variants.
      s.sent += v.sent;
      s.failed += v.failed;
      s.replied += v.replied;
      s.auto_replied += v.auto_replied;
      s.bounced.hard += v.bounced.hard;
      s.bounced.soft += v.bounced.soft;
      s.unsubscribed += v.unsubscribed;
      s.complained += v.complained;
      s.unique_clicks += v.unique_clicks;
    }
    const outcomes = empty();
    for (const s of perStep.values()) {
      outcomes.sent += s.sent;
      outcomes.failed += s.failed;
    }
    for (const r of sql.exec<{ type: string; n: number }>(
      `SELECT type, count(DISTINCT row_index) AS n FROM events WHERE type IN ${IN_COUNTED} GROUP BY type`,
      ...COUNTED_TYPES,
    )) {
      COUNTED[r.type]!(outcomes, r.n);
    }
    return {
      outcomes: withRate(outcomes),
      per_step: [...perStep.values()].map(withRate),
      per_variant: perVariant.map(withRate),
      ab_winners: (this.scope.meta.get("ab_winners") ?? []).map(({ decidedAt, ...w }) => ({
        ...w,
        decided_at: toTimestamp(decidedAt),
      })),
    };
  }
}
