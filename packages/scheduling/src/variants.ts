/**
 * Deterministic weighted choice: the same seed always gives the same variant (build the seed from
 * campaign, lead and step so a preview, an approval and the real send agree); over many distinct seeds
 * the split converges on the weights. Weights are relative and must be finite and > 0. The result
 * depends on the order of `variants`, and on the hash below: changing either reassigns leads.
 */
export function chooseVariant<T extends { weight: number }>(seed: string, variants: readonly T[]): T {
  if (variants.length === 0) throw new RangeError("chooseVariant needs at least one variant");
  let total = 0;
  for (const variant of variants) {
    if (!(variant.weight > 0) || !Number.isFinite(variant.weight)) {
      throw new RangeError(`variant weights must be finite and > 0, got ${variant.weight}`);
    }
    total += variant.weight;
  }
  const target = hashToUnit(seed) * total;
  let cumulative = 0;
  for (const variant of variants) {
    cumulative += variant.weight;
    if (target < cumulative) return variant;
  }
  // Only reachable through floating-point rounding of the cumulative sum.
  return variants[variants.length - 1]!;
}

/** cyrb53 (bryc, public domain): a fast 53-bit string hash with good avalanche, mapped to [0, 1). */
export function hashToUnit(seed: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < seed.length; i++) {
    const ch = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)) / 2 ** 53;
}
