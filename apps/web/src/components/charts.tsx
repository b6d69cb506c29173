// Small charts drawn as SVG inside HTML rows: bar lengths are percentages, so they stay readable from
// 390 px to wide screens, and every number is also printed as text beside its bar.
import { formatTime, relativeTime } from "../lib/format";

export interface Series {
  key: string;
  label: string;
}

export interface BarGroup {
  label: string;
  values: Record<string, number>;
}

/** Grouped horizontal bars: one row per group, one bar per series (e.g. sent and failed per step). */
export function BarChart({ title, series, groups }: { title: string; series: Series[]; groups: BarGroup[] }) {
  const max = Math.max(1, ...groups.flatMap((g) => series.map((s) => g.values[s.key] ?? 0)));
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <ul class="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <span class={`swatch swatch--${s.key}`} /> {s.label}
          </li>
        ))}
      </ul>
      {groups.length === 0 && <p class="muted">Nothing sent yet.</p>}
      <dl class="bars">
        {groups.map((group) => (
          <div class="bar-group" key={group.label}>
            <dt>{group.label}</dt>
            {series.map((s) => {
              const value = group.values[s.key] ?? 0;
              return (
                <dd key={s.key} class="bar-row">
                  <span class="visually-hidden">{s.label}: </span>
                  <svg class="bar" aria-hidden="true" focusable="false">
                    <rect
                      class={`fill--${s.key}`}
                      x="0"
                      y="0"
                      height="100%"
                      width={`${(value / max) * 100}%`}
                      rx="2"
                    />
                  </svg>
                  <span class="bar-value">{value}</span>
                </dd>
              );
            })}
          </div>
        ))}
      </dl>
    </figure>
  );
}

export interface Segment {
  key: string;
  label: string;
  value: number;
}

/** One bar split into segments (leads by state), with a legend that carries the counts. */
export function StackedBar({ title, segments }: { title: string; segments: Segment[] }) {
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  let x = 0;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg class="stacked" role="img" aria-label={segments.map((s) => `${s.label} ${s.value}`).join(", ")}>
        {total === 0 && <rect class="fill--empty" x="0" y="0" width="100%" height="100%" rx="3" />}
        {segments.map((s) => {
          const width = total ? (s.value / total) * 100 : 0;
          const rect = (
            <rect key={s.key} class={`fill--${s.key}`} x={`${x}%`} y="0" width={`${width}%`} height="100%" />
          );
          x += width;
          return rect;
        })}
      </svg>
      <ul class="legend">
        {segments.map((s) => (
          <li key={s.key}>
            <span class={`swatch swatch--${s.key}`} aria-hidden="true" /> {s.label} <strong>{s.value}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}

export interface PlannedAction {
  at: string;
  step: number;
  email: string | null;
  row_index: number;
  variant: string | null;
}

/** The plan from `/schedule` on a time axis from now to the last planned action. */
export function PlanTimeline({ now, planned }: { now: string; planned: PlannedAction[] }) {
  if (planned.length === 0) return null;
  const start = new Date(now).getTime();
  const end = Math.max(start + 1000, ...planned.map((p) => new Date(p.at).getTime()));
  const x = (iso: string) =>
    `${Math.min(100, Math.max(0, ((new Date(iso).getTime() - start) / (end - start)) * 100))}%`;
  const last = planned[planned.length - 1]!;
  return (
    <figure class="chart">
      <figcaption>
        Next {planned.length} planned action{planned.length > 1 ? "s" : ""}, from now to {formatTime(last.at)}{" "}
        ({relativeTime(last.at, start)})
      </figcaption>
      <svg
        class="timeline"
        role="img"
        aria-label={`${planned.length} actions planned between now and ${formatTime(last.at)}`}
      >
        <line x1="0" x2="100%" y1="50%" y2="50%" class="axis" />
        {planned.map((p) => (
          <circle
            key={`${p.row_index}:${p.step}:${p.at}`}
            class={`dot dot--step${Math.min(p.step, 4)}`}
            cx={x(p.at)}
            cy="50%"
            r="5"
          >
            <title>
              {formatTime(p.at)}: step {p.step} to {p.email ?? `row ${p.row_index}`}
            </title>
          </circle>
        ))}
      </svg>
      <div class="timeline-ends muted small" aria-hidden="true">
        <span>now</span>
        <span>{formatTime(last.at)}</span>
      </div>
    </figure>
  );
}
