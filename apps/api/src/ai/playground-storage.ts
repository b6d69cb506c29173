/**
 * The playground runner's own SQLite schema (applied by `migrateObjectStorage`). Migrations are
 * numbered and never edited once shipped; add a new one instead.
 *
 * `jobs` holds the leads still to draft (or being drafted); a finished lead's row is deleted, since
 * D1's `ai_playground_items` keeps its outcome.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: meta, jobs
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE jobs (
     batch_id TEXT NOT NULL,
     campaign_lead_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     user_id TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     not_before INTEGER NOT NULL DEFAULT 0,
     job TEXT NOT NULL,
     PRIMARY KEY (batch_id, campaign_lead_id)
   ) WITHOUT ROWID;
   CREATE INDEX jobs_ready ON jobs(status, not_before, seq);`,
];
