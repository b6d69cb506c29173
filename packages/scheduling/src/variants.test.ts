import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseVariant, hashToUnit } from "./variants";

const seedOf = (campaign: string, lead: number, step: number) => `${campaign}:lead_${lead}:${step}`;

describe("Variants: chosen by weight, deterministically", () => {
  const variants = [
    { id: "a", weight: 1 },
    { id: "b", weight: 1 },
    { id: "c", weight: 1 },
    { id: "d", weight: 1 },
  ];

  it("variant determinism: the same campaign, lead and step always give the same variant", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const first = chooseVariant(seed, variants);
        expect(chooseVariant(seed, variants)).toBe(first);
        // A preview built from a copy of the variant list agrees with the real send.
        expect(
          chooseVariant(
            seed,
            variants.map((v) => ({ ...v })),
          ).id,
        ).toBe(first.id);
      }),
      { numRuns: 300 },
    );
  });

  it("is stable across releases: pinned cyrb53 values and choices", () => {
    expect(hashToUnit("")).toBe(0.37069325695158317);
    expect(hashToUnit("a")).toBe(0.8803288988526959);
    expect(hashToUnit("cmp_1:lead_1:0")).toBe(0.20128893582007912);
    expect(chooseVariant("cmp_1:lead_1:0", variants).id).toBe("a");
    expect(chooseVariant("cmp_1:lead_1:1", variants).id).toBe("c");
    expect(chooseVariant("cmp_1:lead_2:0", variants).id).toBe("d");
  });

  it("maps every seed into [0, 1)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (seed) => {
        const u = hashToUnit(seed);
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
  });

  it("a single variant is always chosen", () => {
    const only = { id: "only", weight: 0.25 };
    expect(chooseVariant("anything", [only])).toBe(only);
  });

  it("rejects an empty list and weights that are not finite and > 0", () => {
    expect(() => chooseVariant("s", [])).toThrow(RangeError);
    for (const weight of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => chooseVariant("s", [{ weight: 1 }, { weight }])).toThrow(RangeError);
    }
  });
});

describe("property: variant convergence, over many leads the split follows the weights", () => {
  it("20,000 leads: each share within 0.015 of its weight's share", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 5 }),
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 5 }),
        (weights, campaign, step) => {
          const variants = weights.map((weight, index) => ({ index, weight }));
          const total = weights.reduce((a, b) => a + b, 0);
          const counts = new Array<number>(weights.length).fill(0);
          const leads = 20_000;
          for (let lead = 0; lead < leads; lead++) {
            const { index } = chooseVariant(seedOf(campaign, lead, step), variants);
            counts[index]!++;
          }
          weights.forEach((weight, i) => {
            expect(Math.abs(counts[i]! / leads - weight / total)).toBeLessThan(0.015);
          });
        },
      ),
      { numRuns: 15 },
    );
  });

  it("fractional weights split the same way (70 / 20 / 10)", () => {
    const variants = [
      { id: "a", weight: 0.7 },
      { id: "b", weight: 0.2 },
      { id: "c", weight: 0.1 },
    ];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let lead = 0; lead < 20_000; lead++) counts[chooseVariant(seedOf("cmp_x", lead, 0), variants).id]!++;
    expect(counts.a! / 20_000).toBeCloseTo(0.7, 1);
    expect(counts.b! / 20_000).toBeCloseTo(0.2, 1);
    expect(counts.c! / 20_000).toBeCloseTo(0.1, 1);
  });

  it("the steps of one lead are chosen independently", () => {
    const variants = [
      { id: "a", weight: 1 },
      { id: "b", weight: 1 },
    ];
    let same = 0;
    for (let lead = 0; lead < 20_000; lead++) {
      if (chooseVariant(seedOf("c", lead, 0), variants) === chooseVariant(seedOf("c", lead, 1), variants))
        same++;
    }
    expect(same / 20_000).toBeGreaterThan(0.48);
    expect(same / 20_000).toBeLessThan(0.52);
  });
});
