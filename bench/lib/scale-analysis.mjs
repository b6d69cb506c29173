// What bench/scale.mjs reads back from every campaign object after a run, and what it makes of it.
// Everything comes from the objects' own persisted tables (the source of truth for what was sent),
// read with the app stopped.
import { pct } from "./stats.mjs";

/** Read-only SQL run in each campaign object (see read-back.mjs). */
export const scaleQueries = {
  actions: "SELECT row_index, step, status, attempts, claimed_at FROM actions ORDER BY claimed_at, row_index",
  messages: "SELECT row_index, step FROM messages",
  doubleSent:
    "SELECT row_index, step, count(*) AS n FROM events WHERE type = 'sent' GROUP BY row_index, step HAVING n > 1",
  active:
    "SELECT at FROM events WHERE type = 'status_changed' AND data LIKE '%\"to\":\"active\"%' ORDER BY id LIMIT 1",
  status: "SELECT value FROM meta WHERE key = 'status'",
};

const dist = (sorted) => ({
  p50: pct(sorted, 0.5),
  p99: pct(sorted, 0.99),
  max: sorted.at(-1),
  min: sorted[0],
});

/**
 * `stored`: { [campaignId]: rows of scaleQueries }. `anchorOf(id, st, rows)`: the instant the campaign's
 * first action was due (null to take its first `active` event). `intervalMs`: the spacing asked for.
 * `R`: actions per campaign; `windowMs`: the first window, from each anchor.
 *   missed   a lead without its message while a later lead of its campaign has one, or an action
 *            recorded `sent` without its message
 *   doubled  a second message for the same lead and step (and, apart, a second `sent` event)
 *   wake lateness      claimed_at minus the instant the object armed for: its anchor for the first
 *                      action, the previous action + interval after that (the engine spaces from the
 *                      last real action)
 *   schedule lateness  claimed_at minus anchor + k * interval: against a fixed grid, like the peer
 */
export function analyseScale({ stored, campaignIds, anchorOf, intervalMs, R, windowMs, T }) {
  const wakeLate = [];
  const gridLate = [];
  const wakeLateByK = [];
  const perCampaign = [];
  const c = { total: 0, inFirstWindow: 0, dueInFirstWindow: 0, missed: 0, doubled: 0 };
  let retried = 0;
  let inFlight = 0;
  let doubledEvents = 0;
  let completedObjects = 0;
  let lastAction = 0;
  for (const id of campaignIds) {
    const st = stored[id];
    if (JSON.parse(st.status[0]?.value ?? '""') === "completed") completedObjects++;
    const rows = st.actions.filter((a) => a.claimed_at !== null);
    const anchor = anchorOf(id) ?? st.active[0]?.at ?? rows[0]?.claimed_at;
    let prev = null;
    rows.forEach((a, k) => {
      const planned = prev === null ? anchor : prev + intervalMs;
      wakeLate.push(a.claimed_at - planned);
      if (!wakeLateByK[k]) wakeLateByK[k] = [];
      wakeLateByK[k].push(a.claimed_at - planned);
      gridLate.push(a.claimed_at - (anchor + k * intervalMs));
      if (a.claimed_at < anchor + windowMs) c.inFirstWindow++;
      if (a.attempts > 1) retried++;
      if (a.status === "claimed") inFlight++;
      lastAction = Math.max(lastAction, a.claimed_at - (T ?? anchor));
      prev = a.claimed_at;
    });
    c.dueInFirstWindow += Math.min(R, Math.ceil(windowMs / intervalMs));
    c.total += rows.filter((a) => a.status === "sent").length;
    const keys = st.messages.map((m) => `${m.row_index}:${m.step}`);
    const distinct = new Set(keys);
    c.doubled += keys.length - distinct.size;
    doubledEvents += st.doubleSent.length;
    // Leads go in row order: every row below the highest one sent must have its message.
    const maxRow = Math.max(0, ...st.messages.map((m) => m.row_index));
    for (let r = 1; r <= maxRow; r++) if (!distinct.has(`${r}:1`)) c.missed++;
    for (const a of rows) if (a.status === "sent" && !distinct.has(`${a.row_index}:${a.step}`)) c.missed++;
    perCampaign.push(rows.filter((a) => a.claimed_at < anchor + windowMs).length);
  }
  wakeLate.sort((a, b) => a - b);
  gridLate.sort((a, b) => a - b);
  perCampaign.sort((a, b) => a - b);
  return {
    actions: c.total,
    actionsInFirstWindow: c.inFirstWindow,
    actionsDueInFirstWindow: c.dueInFirstWindow,
    actionsInFlightAtStop: inFlight,
    perCampaignInFirstWindow: { min: perCampaign[0], p50: pct(perCampaign, 0.5), max: perCampaign.at(-1) },
    completedCampaigns: completedObjects,
    lastActionAfterStartMs: lastAction,
    missed: c.missed,
    doubled: c.doubled,
    doubledSentEvents: doubledEvents,
    retriedActions: retried,
    actionsNotSentByStop: campaignIds.length * R - c.total,
    wakeLatenessMs: dist(wakeLate),
    // Where in the run the wakes were late: [k, p50, p99, max] of wake lateness for each action index.
    wakeLatenessByK: wakeLateByK.map((xs, k) => {
      xs.sort((a, b) => a - b);
      return [k, pct(xs, 0.5), pct(xs, 0.99), xs[xs.length - 1]];
    }),
    scheduleLatenessMs: dist(gridLate),
  };
}
