import { DAY_MS, daysFromCivil, HOUR_MS, MINUTE_MS, SECOND_MS } from "./calendar";

// Time-zone maths on plain Intl, fast enough for the send path.
//
// Intl only answers "what does the wall clock show at instant t" (formatToParts, a few µs). Everything
// else is derived from the UTC offset at an instant, and offsets are cached per zone in fixed buckets of
// BUCKET_MS: a bucket is either one constant offset, or (when its two ends disagree) one transition found
// by bisection to the second. This assumes a zone changes offset at most once per bucket, which holds for
// every tzdb zone (transitions are months apart). After warm-up an offset lookup is one Map.get.

const BUCKET_MS = 6 * HOUR_MS;
/** Bound on cached buckets per zone (~68 years of 6 h buckets); the cache is dropped when exceeded. */
const MAX_BUCKETS = 100_000;

interface Transition {
  /** First instant (epoch ms, whole second) with the `after` offset. */
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

type Bucket = number | Transition;

export class Zone {
  readonly name: string;
  private readonly format: Intl.DateTimeFormat;
  private readonly buckets = new Map<number, Bucket>();

  constructor(name: string) {
    this.name = name;
    // Throws RangeError for an unknown zone.
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  /** UTC offset in ms (local wall time minus UTC) in effect at instant `t`. */
  offsetAt(t: number): number {
    const key = Math.floor(t / BUCKET_MS);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) bucket = this.fillBucket(key);
    if (typeof bucket === "number") return bucket;
    return t < bucket.at ? bucket.before : bucket.after;
  }

  /** Local wall-clock time at `t`, as ms since 1970-01-01T00:00 local. */
  toLocal(t: number): number {
    return t + this.offsetAt(t);
  }

  /**
   * The instant at which the wall clock shows `local` (ms since 1970-01-01T00:00 local).
   * Ambiguous (fall-back repeat): the first occurrence. Skipped (spring-forward gap): the first valid
   * instant after the gap, i.e. the transition itself. Monotonic: a later wall time never maps to an
   * earlier instant.
   */
  fromLocal(local: number): number {
    const before = this.offsetAt(local - DAY_MS);
    const after = this.offsetAt(local + DAY_MS);
    if (before === after) return local - before;
    const withBefore = local - before;
    const withAfter = local - after;
    const beforeValid = this.offsetAt(withBefore) === before;
    const afterValid = this.offsetAt(withAfter) === after;
    if (beforeValid && afterValid) return Math.min(withBefore, withAfter);
    if (beforeValid) return withBefore;
    if (afterValid) return withAfter;
    // In a gap (before < after): the transition lies in (withAfter, withBefore].
    return this.transitionAfter(withAfter, withBefore);
  }

  /** First instant in (lo, hi] whose offset differs from the offset at lo; hi if none. */
  private transitionAfter(lo: number, hi: number): number {
    const offset = this.offsetAt(lo);
    let a = lo;
    let b = hi;
    while (b - a > 1) {
      const mid = a + Math.floor((b - a) / 2);
      if (this.offsetAt(mid) === offset) a = mid;
      else b = mid;
    }
    return b;
  }

  private fillBucket(key: number): Bucket {
    if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
    const start = key * BUCKET_MS;
    const last = start + BUCKET_MS - SECOND_MS;
    const before = this.intlOffset(start);
    const after = this.intlOffset(last);
    let bucket: Bucket = before;
    if (before !== after) {
      // Bisect on whole seconds: tzdb transitions happen on whole seconds, Intl resolves seconds.
      let a = start / SECOND_MS;
      let b = last / SECOND_MS;
      while (b - a > 1) {
        const mid = a + Math.floor((b - a) / 2);
        if (this.intlOffset(mid * SECOND_MS) === before) a = mid;
        else b = mid;
      }
      bucket = { at: b * SECOND_MS, before, after };
    }
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** Offset at `t` straight from Intl (slow path). */
  private intlOffset(t: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(t)) {
      switch (part.type) {
        case "year":
          year = Number(part.value);
          break;
        case "month":
          month = Number(part.value);
          break;
        case "day":
          day = Number(part.value);
          break;
        case "hour":
          // Some engines print midnight as "24" even with h23.
          hour = Number(part.value) % 24;
          break;
        case "minute":
          minute = Number(part.value);
          break;
        case "second":
          second = Number(part.value);
          break;
      }
    }
    const local =
      daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * SECOND_MS;
    return local - Math.floor(t / SECOND_MS) * SECOND_MS;
  }
}

const zones = new Map<string, Zone>();

/** The cached Zone for an IANA name; throws RangeError for an unknown zone. */
export function zoneFor(name: string): Zone {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = new Zone(name);
    zones.set(name, zone);
  }
  return zone;
}

/** Drops every cached zone (benchmarks measure the cold path with it). */
export function clearZoneCache(): void {
  zones.clear();
}

/** true when the zone is a real IANA zone (or link) according to Intl; offset strings are rejected. */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== "string" || tz === "" || tz.startsWith("+") || tz.startsWith("-")) return false;
  if (zones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
