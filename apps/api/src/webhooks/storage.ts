/**
 * The webhook dispatcher's own SQLite schema. Migrations are numbered and never edited once shipped;
 * add a new one instead.
 *
 * `events` remembers every event id received (for deduplication) with the exact body sent on every
 * attempt. `deliveries` is the source of truth for one (event, webhook) delivery; D1's
 * `webhook_deliveries` is its mirror for the API, brought up to date whenever `version` is ahead of
 * `synced_version`.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: meta, events, deliveries
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE events (
     event_id TEXT PRIMARY KEY,
     type TEXT NOT NULL,
     body TEXT NOT NULL,
     received_at INTEGER NOT NULL
   );
   CREATE INDEX events_received ON events(received_at);
   CREATE TABLE deliveries (
     delivery_id TEXT PRIMARY KEY,
     event_id TEXT NOT NULL,
     webhook_id TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER,
     last_status_code INTEGER,
     last_error TEXT,
     created_at INTEGER NOT NULL,
     delivered_at INTEGER,
     version INTEGER NOT NULL DEFAULT 1,
     synced_version INTEGER NOT NULL DEFAULT 0,
     UNIQUE (event_id, webhook_id)
   );
   CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
   CREATE INDEX deliveries_unsynced ON deliveries(delivery_id) WHERE version > synced_version;`,
];
