import type { Step } from "@cadence/contract";
import { decideWinner } from "@cadence/scheduling";
import { actionKey, variantFor } from "../sequence";
import type { CampaignRecord } from "./record";
import type { AbWinnerRecord, ObjectScope } from "./scope";
import type { Timeline } from "./timeline";

type Variant = Step["variants"][number];

/**
 * Which variant a lead gets for a step, the one place that decides it: the variant its action
 * recorded (`actions.variant`, so a retry, a reconciliation or a click check sees what was sent),
 * else the step's automatic A/B winner once chosen, else the weighted draw per (campaign, lead, step).
 *
 * A step with `auto_winner` is judged each time a reply is recorded for it (replies are what move its
 * reply rates): once every variant has `min_sends_per_variant` sends, `decideWinner` (the Bayesian
 * probability that a variant's reply rate is the best, see packages/scheduling) picks a winner at the
 * step's confidence. The decision is kept for good, recorded on the timeline with its figures (the
 * `campaign.ab_winner` webhook) and shown in stats.
 */
export class Variants {
  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly timeline: Timeline,
  ) {}

  /** The variant of the lead's step (`recorded`: a label the caller already read for this action). */
  chosen(rowIndex: number, step: Step, recorded?: string | null): Variant {
    // One variant is no choice: nothing to read back (the common step, and a send wake's hot path).
    if (step.variants.length === 1) return step.variants[0]!;
    const label =
      recorded ??
      this.scope.sql
        .exec<{ variant: string | null }>(
          "SELECT variant FROM actions WHERE action_key = ?",
          actionKey(this.record.campaignId(), rowIndex, step.step),
        )
        .toArray()[0]?.variant ??
      this.winnerOf(step.step);
    return (
      step.variants.find((v) => v.label === label) ?? variantFor(this.record.campaignId(), rowIndex, step)
    );
  }

  winnerOf(step: number): string | null {
    return (this.scope.meta.get("ab_winners") ?? []).find((w) => w.step === step)?.variant ?? null;
  }

  /** Judges the step's automatic A/B test (no-op without `auto_winner`, or once a winner is chosen). */
  evaluate(stepNo: number, at: number): AbWinnerRecord | null {
    const step = this.record.config().steps[stepNo - 1];
    const rule = step?.auto_winner;
    if (!step || !rule || step.variants.length < 2 || this.winnerOf(stepNo) !== null) return null;
    const figures = new Map(step.variants.map((v) => [v.label, { variant: v.label, sent: 0, replied: 0 }]));
    for (const r of this.scope.sql.exec<{ variant: string; sent: number }>(
      "SELECT variant, count(*) AS sent FROM actions WHERE step = ? AND status = 'sent' GROUP BY variant",
      stepNo,
    )) {
      const f = figures.get(r.variant);
      if (f) f.sent = r.sent;
    }
    for (const r of this.scope.sql.exec<{ variant: string; replied: number }>(
      `SELECT a.variant AS variant, count(DISTINCT e.row_index) AS replied
       FROM events e JOIN actions a ON a.action_key = ? || ':' || e.row_index || ':' || e.step
       WHERE e.type = 'replied' AND e.step = ? GROUP BY a.variant`,
      this.record.campaignId(),
      stepNo,
    )) {
      const f = figures.get(r.variant);
      if (f) f.replied = r.replied;
    }
    const variants = [...figures.values()];
    const decision = decideWinner(
      variants.map((v) => ({ label: v.variant, sends: v.sent, replies: v.replied })),
      { minSendsPerVariant: rule.min_sends_per_variant, confidence: rule.confidence },
    );
    if (decision.winner === null) return null;
    const winner: AbWinnerRecord = {
      step: stepNo,
      variant: decision.winner,
      metric: "reply_rate",
      decidedAt: at,
      confidence: rule.confidence,
      probabilities: decision.probabilities,
      variants,
    };
    this.scope.ctx.storage.transactionSync(() => {
      this.scope.meta.set("ab_winners", [...(this.scope.meta.get("ab_winners") ?? []), winner]);
      this.timeline.record("ab_winner", null, at, stepNo, {
        variant: winner.variant,
        metric: winner.metric,
        confidence: winner.confidence,
        probabilities: winner.probabilities,
        variants,
      });
    });
    return winner;
  }
}
