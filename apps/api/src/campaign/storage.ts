/**
 * The campaign object's own SQLite schema. Migrations are numbered and never edited once shipped;
 * add a new one instead. `meta` holds the object's scalar state (its campaign id first of all,
 * since `ctx.id.name` may be missing inside `alarm()`).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: leads, actions, pacing counters, captured messages, events, frozen templates
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE leads (
     row_index INTEGER PRIMARY KEY,
     lead_id TEXT NOT NULL UNIQUE,
     email TEXT,
     dedupe_key TEXT UNIQUE,
     linkedin_url TEXT,
     data TEXT NOT NULL,
     state TEXT NOT NULL,
     next_step INTEGER NOT NULL DEFAULT 1,
     due_at INTEGER,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_sent_at INTEGER,
     thread_message_id TEXT,
     thread_subject TEXT,
     stop_reason TEXT,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX leads_followups ON leads(state, due_at, row_index);
   CREATE TABLE actions (
     action_key TEXT PRIMARY KEY,
     row_index INTEGER NOT NULL,
     step INTEGER NOT NULL,
     variant TEXT,
     channel TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     day TEXT,
     claimed_at INTEGER,
     sent_at INTEGER,
     planned_at INTEGER,
     provider_id TEXT,
     error TEXT
   );
   CREATE INDEX actions_status ON actions(status);
   CREATE INDEX actions_row ON actions(row_index, step);
   CREATE TABLE day_counts (day TEXT PRIMARY KEY, count INTEGER NOT NULL);
   CREATE TABLE templates (template_id TEXT PRIMARY KEY, subject TEXT NOT NULL, body TEXT NOT NULL);
   CREATE TABLE messages (
     action_key TEXT PRIMARY KEY,
     row_index INTEGER NOT NULL,
     step INTEGER NOT NULL,
     channel TEXT NOT NULL,
     recipient TEXT,
     subject TEXT,
     text_body TEXT,
     html_body TEXT,
     headers TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     row_index INTEGER,
     type TEXT NOT NULL,
     at INTEGER NOT NULL,
     step INTEGER,
     data TEXT
   );
   CREATE INDEX events_row ON events(row_index, id);`,
  // 2: outbox of webhook events, delivered to the user's webhook dispatcher after each change
  `CREATE TABLE outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     type TEXT NOT NULL,
     data TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );`,
  // 3: mirror of the user's suppression list (addresses and domains), checked before every send
  `CREATE TABLE suppressed (value TEXT PRIMARY KEY);`,
];

export function migrate(sql: SqlStorage): void {
  sql.exec(
    "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const applied = sql.exec<{ v: number | null }>("SELECT max(version) AS v FROM _migrations").one().v ?? 0;
  for (let v = applied + 1; v <= MIGRATIONS.length; v++) {
    sql.exec(MIGRATIONS[v - 1]!);
    sql.exec("INSERT INTO _migrations (version, applied_at) VALUES (?, ?)", v, Date.now());
  }
}
