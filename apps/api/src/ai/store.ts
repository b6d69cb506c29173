import { type D1BatchRunner, directBatch } from "./group-commit";

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

function findGenerationStatement(d1: D1Database, userId: string, inputHash: string) {
  return d1
    .prepare(`SELECT ${GENERATION_COLUMNS} FROM ai_generations WHERE user_id = ? AND input_hash = ?`)
    .bind(userId, inputHash);
}

/** Tokens a user spent today and a campaign spent ever: what the budgets compare. */
export interface TokensUsed {
  today: number;
  campaign: number;
}

/**
 * In one round trip: the stored generation for these inputs (or null), the tokens used against the
 * budgets, and whatever statements the caller adds at the front (the playground runner's "running").
 */
export async function lookupGeneration(
  d1: D1Database,
  scope: { userId: string; campaignId: string | null; inputHash: string },
  now: number,
  first: D1PreparedStatement[] = [],
  batch: D1BatchRunner = directBatch(d1),
): Promise<{ stored: StoredGeneration | null; used: TokensUsed }> {
  const results = await batch([
    ...first,
    findGenerationStatement(d1, scope.userId, scope.inputHash),
    d1
      .prepare(
        `SELECT
           (SELECT COALESCE(SUM(tokens_in + tokens_out), 0) FROM ai_usage WHERE user_id = ?1 AND day = ?2) AS today,
           (SELECT COALESCE(SUM(tokens_in + tokens_out), 0) FROM ai_usage WHERE campaign_id = ?3) AS campaign`,
      )
      .bind(scope.userId, utcDay(now), scope.campaignId),
  ]);
  const stored = (results[first.length]?.results[0] as StoredGeneration | undefined) ?? null;
  const used = results[first.length + 1]?.results[0] as unknown as TokensUsed;
  return { stored, used: { today: used.today, campaign: scope.campaignId ? used.campaign : 0 } };
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

export async function recordUsage(
  d1: D1Database,
  entries: UsageEntry[],
  now = Date.now(),
  batch: D1BatchRunner = directBatch(d1),
): Promise<void> {
  await batch(entries.map((e) => usageStatement(d1, e, now)));
}

/**
 * Stores a generation with the usage of the calls that made it, and the caller's `also` statements, in
 * one batch. When the same inputs were stored meanwhile (two requests racing), the first stays and is
 * returned.
 */
export async function saveGeneration(
  d1: D1Database,
  generation: NewGeneration,
  usage: UsageEntry[],
  now = Date.now(),
  also: D1PreparedStatement[] = [],
  batch: D1BatchRunner = directBatch(d1),
): Promise<StoredGeneration> {
  const g = generation;
  const results = await batch([
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
    ...also,
  ]);
  const stored = results[1]?.results[0] as StoredGeneration | undefined;
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

/** Per step of a campaign: model calls, the generations they produced, failures and tokens. */
export interface StepUsage {
  step_index: number;
  calls: number;
  generations: number;
  failures: number;
  tokens_in: number;
  tokens_out: number;
}

/**
 * What a campaign's steps cost so far, from the usage log (`purpose`: only `send`, say, for the
 * stats of a launched campaign). A failure is a call without a usable answer.
 */
export async function aiUsageByStep(
  d1: D1Database,
  campaignId: string,
  purpose: UsageEntry["purpose"] | null = null,
): Promise<StepUsage[]> {
  const { results } = await d1
    .prepare(
      `SELECT step_index, COUNT(*) AS calls, SUM(outcome = 'ok') AS generations, SUM(outcome != 'ok') AS failures,
              SUM(tokens_in) AS tokens_in, SUM(tokens_out) AS tokens_out
       FROM ai_usage WHERE campaign_id = ?1 AND step_index IS NOT NULL AND (?2 IS NULL OR purpose = ?2)
       GROUP BY step_index ORDER BY step_index`,
    )
    .bind(campaignId, purpose)
    .all<StepUsage>();
  return results;
}
