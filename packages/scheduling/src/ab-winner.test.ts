import { describe, expect, it } from "vitest";
import { decideWinner, probabilityBest, type VariantOutcomes } from "./ab-winner";

/** Seeded uniform [0, 1) stream (mulberry32), so every "random" campaign here is the same on every run. */
function stream(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sends `sends` emails per variant, each replied to with that variant's true rate. */
function simulate(seed: number, rates: Record<string, number>, sends: number): VariantOutcomes[] {
  const next = stream(seed);
  return Object.entries(rates).map(([label, rate]) => {
    let replies = 0;
    for (let i = 0; i < sends; i++) if (next() < rate) replies++;
    return { label, sends, replies };
  });
}

// An independent oracle for two variants: the exact closed form of P(B > A) for Beta posteriors
// (a finite sum of Beta-function ratios), with log-gamma by the Lanczos approximation.
function logGamma(z: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let s = c[0]!;
  for (let i = 1; i < g + 2; i++) s += c[i]! / (x + i);
  const t = x + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}
const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);
function exactProbabilityBBeatsA(A: VariantOutcomes, B: VariantOutcomes): number {
  const [aA, bA, aB, bB] = [1 + A.replies, 1 + A.sends - A.replies, 1 + B.replies, 1 + B.sends - B.replies];
  let total = 0;
  for (let i = 0; i < aB; i++)
    total += Math.exp(logBeta(aA + i, bA + bB) - Math.log(bB + i) - logBeta(1 + i, bB) - logBeta(aA, bA));
  return total;
}

describe("probabilityBest (Bayesian, Beta(1,1) priors, numerical integration)", () => {
  it("matches the exact two-variant closed form", () => {
    const cases: [VariantOutcomes, VariantOutcomes][] = [
      [
        { label: "A", sends: 0, replies: 0 },
        { label: "B", sends: 0, replies: 0 },
      ],
      [
        { label: "A", sends: 10, replies: 1 },
        { label: "B", sends: 12, replies: 4 },
      ],
      [
        { label: "A", sends: 200, replies: 10 },
        { label: "B", sends: 200, replies: 18 },
      ],
      [
        { label: "A", sends: 5000, replies: 250 },
        { label: "B", sends: 5000, replies: 280 },
      ],
      [
        { label: "A", sends: 40, replies: 0 },
        { label: "B", sends: 40, replies: 1 },
      ],
    ];
    for (const [A, B] of cases) {
      const [, pB] = probabilityBest([A, B]);
      expect(pB, JSON.stringify([A, B])).toBeCloseTo(exactProbabilityBBeatsA(A, B), 3);
    }
  });

  it("gives probabilities that add up to 1, symmetric for equal outcomes", () => {
    const p = probabilityBest([
      { label: "A", sends: 300, replies: 12 },
      { label: "B", sends: 300, replies: 12 },
      { label: "C", sends: 300, replies: 12 },
    ]);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 3);
    for (const x of p) expect(x).toBeCloseTo(1 / 3, 3);
  });
});

describe("decideWinner on seeded streams of outcomes", () => {
  const rule = { minSendsPerVariant: 200, confidence: 0.95 };

  it("decides nothing before every variant has the minimum sample, however clear the lead", () => {
    const outcomes = simulate(1, { A: 0.3, B: 0.01 }, 199);
    expect(decideWinner(outcomes, rule)).toMatchObject({ winner: null, reason: "insufficient_sample" });
    // One variant short is enough to wait.
    outcomes[1]!.sends = 500;
    expect(decideWinner(outcomes, rule)).toMatchObject({ winner: null, reason: "insufficient_sample" });
    expect(decideWinner([{ label: "A", sends: 1000, replies: 50 }], rule).reason).toBe("single_variant");
  });

  it("picks the clearly better variant, on every seed", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const decision = decideWinner(simulate(seed, { A: 0.04, B: 0.12, C: 0.05 }, 1000), rule);
      expect(decision.winner, `seed ${seed}`).toBe("B");
      expect(decision.probabilities!.B).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("declares no winner between equal variants, except at about the stated error rate", () => {
    let falseWinners = 0;
    const seeds = 200;
    for (let seed = 1; seed <= seeds; seed++) {
      const decision = decideWinner(simulate(1000 + seed, { A: 0.08, B: 0.08 }, 400), rule);
      if (decision.winner) falseWinners++;
      else expect(decision.reason).toBe("not_confident");
    }
    // At one look either of two equal variants can reach 95%: a false winner about 2 x 5% of the time.
    expect(falseWinners / seeds).toBeGreaterThan(0.03);
    expect(falseWinners / seeds).toBeLessThanOrEqual(0.16);
    // A typical equal stream decides nothing.
    expect(decideWinner(simulate(7, { A: 0.08, B: 0.08 }, 400), rule).winner).toBeNull();
  });
});
