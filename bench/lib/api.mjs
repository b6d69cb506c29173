// A small client for the app's HTTP API and the bodies the benchmarks send (leads, a template with
// an unsubscribe link, capture aliases, a one-step campaign with the window open all week).

/**
 * A connection the runtime closed while it sat idle in Node's pool (or while this process, short of CPU,
 * was slow to send the next request on it) fails that request with "other side closed", almost always
 * before the runtime has read it. Such a request is sent again: reads always, writes when the caller
 * says a second copy does no harm (`retryStale`).
 */
const staleConnection = (err) => ["UND_ERR_SOCKET", "ECONNRESET"].includes(err?.cause?.code);
const STALE_ATTEMPTS = 3;

export function apiClient(base, key) {
  return async function api(
    method,
    p,
    body,
    {
      raw = false,
      headers = {},
      timeoutMs = 120_000,
      retryStale = method === "GET" || method === "HEAD",
    } = {},
  ) {
    const isText = typeof body === "string";
    const send = () =>
      fetch(`${base}${p}`, {
        signal: AbortSignal.timeout(timeoutMs),
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body !== undefined ? { "content-type": isText ? "text/csv" : "application/json" } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
      });
    let res;
    // Under load (the machine's cores busy with other work) the pool may hold several dead
    // connections: the request goes out again on the next one, up to three times.
    for (let attempt = 1; ; attempt++) {
      try {
        res = await send();
        break;
      } catch (err) {
        if (!(staleConnection(err) && retryStale) || attempt === STALE_ATTEMPTS) throw err;
      }
    }
    if (raw) return res;
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {}
    if (!res.ok) {
      const err = new Error(`${method} ${p} -> ${res.status} ${text.slice(0, 500)}`);
      err.status = res.status;
      err.json = json;
      throw err;
    }
    return json;
  };
}

/**
 * Before a burst of `n` concurrent writes after a pause: `n` + 4 concurrent reads of `/`, so that every
 * connection idle in the pool is used once (a dead one fails its read, which is sent again on a new
 * connection) and the writes go out on live connections. workerd drops an idle keep-alive connection
 * after 2-3 s; Node's pool keeps it 4 s, longer when this process is short of CPU.
 */
export async function warmConnections(api, n) {
  await Promise.all(Array.from({ length: n + 4 }, () => api("GET", "/")));
}

const UNSUB_BODY =
  "Hi {{first_name}},\n\nquick question about {{company}}.\n\nUnsubscribe: {{unsubscribe_url}}";

export function leadRows(n, prefix = "lead") {
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = { email: `${prefix}${i}@example.com`, first_name: `First${i}`, company: `Company ${i % 997}` };
  }
  return rows;
}

/** A template with an unsubscribe link, through the API. */
export async function createTemplate(api) {
  const t = await api("POST", "/api/v1/templates/", {
    name: "Bench opener",
    content: { subject: "Hello {{first_name}}", body: UNSUB_BODY },
  });
  return t.template_id;
}

export async function createAliasViaApi(api, i = 0) {
  const a = await api("POST", "/api/v1/aliases/", {
    email: `bench${i}@cadence.local`,
    display_name: "Bench",
    daily_limit: 10000,
    transport: { kind: "capture" },
  });
  return a.alias_id;
}

export function campaignBody({
  datasetId,
  aliasIds,
  templateId,
  minInterval = 1,
  startDate = null,
  steps = 1,
  name,
}) {
  return {
    name: name ?? "Bench campaign",
    dataset_id: datasetId,
    alias_ids: aliasIds,
    timezone: "UTC",
    sending_window_start: "00:00:00",
    sending_window_end: "23:59:59",
    send_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    daily_limit: 10000,
    min_interval_seconds: minInterval,
    ...(startDate ? { launch_type: "scheduled", start_date: startDate } : { launch_type: "immediate" }),
    steps: Array.from({ length: steps }, (_, i) => ({
      step: i + 1,
      delay_days: 0,
      channel: "email",
      variants: [{ label: "A", weight: 1, type: "TEMPLATE", template_id: templateId }],
    })),
  };
}
