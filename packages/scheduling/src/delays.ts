import { DAY_MS, daysFromCivil } from "./calendar";
import { zoneFor } from "./zone";

/**
 * The instant `days` calendar days after `from` at the same local wall-clock time in `timezone`.
 * A wall time that falls in a spring-forward gap moves to the first valid instant after the gap; an
 * ambiguous one (fall-back repeat) takes the earlier offset. days = 0 returns `from` unchanged; negative
 * days go back. Calendar arithmetic in the zone, never "+86,400 s".
 */
export function addCalendarDays(from: number, days: number, timezone: string): number {
  if (!Number.isFinite(from)) throw new RangeError(`from must be a finite epoch ms, got ${from}`);
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  const zone = zoneFor(timezone);
  if (days === 0) return from;
  const local = zone.toLocal(from);
  const day = Math.floor(local / DAY_MS);
  const timeOfDay = local - day * DAY_MS;
  return zone.fromLocal((day + days) * DAY_MS + timeOfDay);
}

/**
 * The first instant after the civil date `date` ("YYYY-MM-DD") in `timezone`: local midnight of the
 * next day (a midnight in a spring-forward gap moves to the first valid instant after it).
 */
export function startOfDayAfter(date: string, timezone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`date must be YYYY-MM-DD, got ${date}`);
  const day = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  return zoneFor(timezone).fromLocal((day + 1) * DAY_MS);
}
