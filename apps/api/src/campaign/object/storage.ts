/**
 * The campaign object's own SQLite schema, applied by `migrateObjectStorage`. Migrations are
 * numbered and never edited once shipped; add a new one instead. `meta` holds the object's scalar state (its campaign id first of all,
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
  // 4: fewer B-trees written per send. Every page a send touches is written again at each commit,
  // so keyed tables cluster on their key (WITHOUT ROWID: no rowid table beside the key's index),
  // events lose AUTOINCREMENT (a sqlite_sequence write per row; ids only order a lead's timeline,
  // and events are only ever deleted all at once), actions keep one small partial index for the
  // claims a restart must settle, and the bounce guardrail's denominator becomes a counter.
  `CREATE TABLE actions_v4 (
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
   ) WITHOUT ROWID;
   INSERT INTO actions_v4 SELECT action_key, row_index, step, variant, channel, status, attempts, day,
     claimed_at, sent_at, planned_at, provider_id, error FROM actions;
   DROP TABLE actions;
   ALTER TABLE actions_v4 RENAME TO actions;
   CREATE INDEX actions_claimed ON actions(status) WHERE status = 'claimed';
   INSERT OR REPLACE INTO meta (key, value)
     SELECT 'email_outcomes', count(*) FROM actions WHERE status IN ('sent', 'failed') AND channel = 'email';

   CREATE TABLE events_v4 (
     id INTEGER PRIMARY KEY,
     row_index INTEGER,
     type TEXT NOT NULL,
     at INTEGER NOT NULL,
     step INTEGER,
     data TEXT
   );
   INSERT INTO events_v4 SELECT id, row_index, type, at, step, data FROM events;
   DROP TABLE events;
   ALTER TABLE events_v4 RENAME TO events;
   CREATE INDEX events_row ON events(row_index, id);

   CREATE TABLE day_counts_v4 (day TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
   INSERT INTO day_counts_v4 SELECT day, count FROM day_counts;
   DROP TABLE day_counts;
   ALTER TABLE day_counts_v4 RENAME TO day_counts;

   CREATE TABLE meta_v4 (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   INSERT INTO meta_v4 SELECT key, value FROM meta;
   DROP TABLE meta;
   ALTER TABLE meta_v4 RENAME TO meta;`,
  // 5: the SMTP journal gets its own table (it was dynamic keys in meta, which is typed by a schema now)
  `CREATE TABLE smtp_journal (action_key TEXT PRIMARY KEY) WITHOUT ROWID;
   INSERT INTO smtp_journal (action_key)
     SELECT substr(key, length('smtp_committing:') + 1) FROM meta WHERE key LIKE 'smtp_committing:%';
   DELETE FROM meta WHERE key LIKE 'smtp_committing:%';`,
  // 6: fewer pages per send again. A send's timeline entry is its action row (actions.sent_at,
  // provider_id), so it no longer writes an events row and its index entry too; captured messages
  // cluster on their action key (no rowid table beside the key's index).
  `DELETE FROM events WHERE type = 'sent';
   CREATE TABLE messages_v6 (
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
   ) WITHOUT ROWID;
   INSERT INTO messages_v6 SELECT action_key, row_index, step, channel, recipient, subject, text_body, html_body,
     headers, created_at FROM messages;
   DROP TABLE messages;
   ALTER TABLE messages_v6 RENAME TO messages;`,
  // 7: AI personalization at send time: approved emails (copied at launch, changes pushed), the text
  // each personalized step was given (composing again gives the same bytes), transient failures.
  `CREATE TABLE ai_approvals (
     lead_id TEXT NOT NULL,
     step INTEGER NOT NULL,
     fingerprint TEXT NOT NULL,
     subject TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (lead_id, step)
   ) WITHOUT ROWID;
   CREATE TABLE ai_emails (
     row_index INTEGER NOT NULL,
     step INTEGER NOT NULL,
     lead_id TEXT NOT NULL,
     subject TEXT NOT NULL,
     body TEXT NOT NULL,
     source TEXT NOT NULL,
     PRIMARY KEY (row_index, step)
   ) WITHOUT ROWID;
   CREATE INDEX ai_emails_lead ON ai_emails(lead_id, step);
   CREATE TABLE ai_failures (
     row_index INTEGER NOT NULL,
     step INTEGER NOT NULL,
     attempts INTEGER NOT NULL,
     PRIMARY KEY (row_index, step)
   ) WITHOUT ROWID;`,
];
