/**
 * The generation store and the usage log in D1, in raw SQL (no drizzle) so that the campaign object
 * and the playground runner can use them as the routes do. Tables: packages/db/src/schema/ai-*.ts.
 */

/** A generated email as stored: the answer to one set of inputs. */
export interface StoredGeneration {
  id: string;
  subject: string;
  body: string;
  provider: string;
  model: string;
  prompt_source: string;
  prompt_version_hash: string;
  step_config_fingerprint: string | null;
  tokens_in: number;
  tokens_out: number;
  latency_ms: number;
  created_at: number;
}

export interface NewGeneration {
  userId: string;
  inputHash: string;
  campaignId: string | null;
  stepIndex: number | null;
  subject: string;
  body: string;
  provider: string;
  model: string;
  promptSource: string;
  promptVersionHash: string;
  stepConfigFingerprint: string | null;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
}

export interface UsageEntry {
  userId: string;
  campaignId: string | null;
  stepIndex: number | null;
  purpose: "preview" | "playground" | "send";
  provider: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  outcome: "ok" | "invalid_output" | "error";
  error: string | null;
}

const GENERATION_COLUMNS =
  "id, subject, body, provider, model, prompt_source, prompt_version_hash, step_config_fingerprint, tokens_in, tokens_out, latency_ms, created_at";

/** The UTC calendar day of an instant, YYYY-MM-DD: what the daily budget counts. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function findGeneration(d1: D1Database, userId: string, inputHash: string) {
  return d1
    .prepare(`SELECT ${GENERATION_COLUMNS} FROM ai_generations WHERE user_id = ? AND input_hash = ?`)
    .bind(userId, inputHash)
    .first<StoredGeneration>();
}

export function generationById(d1: D1Database, id: string) {
  return d1
    .prepare(`SELECT ${GENERATION_COLUMNS} FROM ai_generations WHERE id = ?`)
    .bind(id)
    .first<StoredGeneration>();
}

function usageStatement(d1: D1Database, entry: UsageEntry, now: number): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO ai_usage (id, user_id, campaign_id, step_index, purpose, provider, model, tokens_in, tokens_out,
         latency_ms, outcome, error, day, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      crypto.randomUUID(),
      entry.userId,
      entry.campaignId,
      entry.stepIndex,
      entry.purpose,
      entry.provider,
      entry.model,
      entry.tokensIn,
      entry.tokensOut,
      entry.latencyMs,
      entry.outcome,
      entry.error?.slice(0, 500) ?? null,
      utcDay(now),
      now,
    );
}

export async function recordUsage(d1: D1Database, entries: UsageEntry[], now = Date.now()): Promise<void> {
  if (entries.length > 0) await d1.batch(entries.map((e) => usageStatement(d1, e, now)));
}

/**
 * Stores a generation with the usage of the calls that made it, in one batch. When the same inputs
 * were stored meanwhile (two requests racing), the first stays and is returned.
 */
export async function saveGeneration(
  d1: D1Database,
  generation: NewGeneration,
  usage: UsageEntry[],
  now = Date.now(),
): Promise<StoredGeneration> {
  const g = generation;
  const results = await d1.batch<StoredGeneration>([
    d1
      .prepare(
        `INSERT INTO ai_generations (id, user_id, input_hash, campaign_id, step_index, subject, body, provider, model,
           prompt_source, prompt_version_hash, step_config_fingerprint, tokens_in, tokens_out, latency_ms, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, input_hash) DO NOTHING`,
      )
      .bind(
        crypto.randomUUID(),
        g.userId,
        g.inputHash,
        g.campaignId,
        g.stepIndex,
        g.subject,
        g.body,
        g.provider,
        g.model,
        g.promptSource,
        g.promptVersionHash,
        g.stepConfigFingerprint,
        g.tokensIn,
        g.tokensOut,
        g.latencyMs,
        now,
      ),
    d1
      .prepare(`SELECT ${GENERATION_COLUMNS} FROM ai_generations WHERE user_id = ? AND input_hash = ?`)
      .bind(g.userId, g.inputHash),
    ...usage.map((e) => usageStatement(d1, e, now)),
  ]);
  const stored = results[1]?.results[0];
  if (!stored) throw new Error("the generation was not stored");
  return stored;
}

/** Tokens (in + out) a user spent on one UTC day. */
export async function tokensUsedOnDay(d1: D1Database, userId: string, day: string): Promise<number> {
  const row = await d1
    .prepare(
      "SELECT COALESCE(SUM(tokens_in + tokens_out), 0) AS n FROM ai_usage WHERE user_id = ? AND day = ?",
    )
    .bind(userId, day)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Tokens (in + out) spent on a campaign, ever. */
export async function tokensUsedByCampaign(d1: D1Database, campaignId: string): Promise<number> {
  const row = await d1
    .prepare("SELECT COALESCE(SUM(tokens_in + tokens_out), 0) AS n FROM ai_usage WHERE campaign_id = ?")
    .bind(campaignId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
