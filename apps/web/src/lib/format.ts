const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

/** An RFC 3339 instant in the viewer's own time zone; an em dash for none. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : "—";
}

export function formatTime(iso: string): string {
  return timeOnly.format(new Date(iso));
}

/** "in 3 min", "12 s ago". */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs < 60
      ? [abs, "s"]
      : abs < 3600
        ? [Math.round(abs / 60), "min"]
        : abs < 86_400
          ? [Math.round(abs / 3600), "h"]
          : [Math.round(abs / 86_400), "d"];
  if (abs < 1) return "now";
  return seconds > 0 ? `in ${value} ${unit}` : `${value} ${unit} ago`;
}

export function percent(part: number, whole: number): string {
  if (whole <= 0) return "0%";
  return `${Math.round((part / whole) * 100)}%`;
}

/** What `/schedule`'s `not_sending_reason` means, in words. */
export const NOT_SENDING_REASON: Record<string, string> = {
  outside_window: "Outside the sending window",
  not_a_send_day: "Today is not a send day",
  daily_limit_reached: "Daily limit reached",
  waiting_min_interval: "Waiting for the minimum interval",
  waiting_for_delay: "Follow-ups are waiting for their delay",
  paused: "Paused",
  scheduled_start: "Waiting for the scheduled start",
  launching: "Loading leads",
  no_pending_leads: "No lead has anything left to send",
};

export const LIVE_STATUSES = new Set(["launching", "scheduled", "active", "draining", "paused"]);
