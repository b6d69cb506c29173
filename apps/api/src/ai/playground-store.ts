import type { PlaygroundItemStatus } from "@cadence/contract";

/**
 * Playground batches and their leads in D1 (raw SQL: written by the PlaygroundRunner object, read by
 * the routes). Tables: packages/db/src/schema/ai-playground-*.ts.
 */

export interface NewPlaygroundBatch {
  batchId: string;
  userId: string;
  campaignId: string;
  stepIndex: number;
  customPrompt: string | null;
  promptVersionHash: string;
  items: { campaignLeadId: string; rowIndex: number; variantLabel: string }[];
}

export async function insertPlaygroundBatch(d1: D1Database, batch: NewPlaygroundBatch, now = Date.now()) {
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO ai_playground_batches (id, user_id, campaign_id, step_index, custom_prompt, prompt_version_hash, total, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        batch.batchId,
        batch.userId,
        batch.campaignId,
        batch.stepIndex,
        batch.customPrompt,
        batch.promptVersionHash,
        batch.items.length,
        now,
      ),
    // One statement for every lead: a JSON array expanded by json_each (D1 binds at most 100 values).
    d1
      .prepare(
        `INSERT INTO ai_playground_items (batch_id, campaign_lead_id, campaign_id, row_index, variant_label, status, updated_at)
         SELECT ?1, j.value ->> '$.id', ?2, j.value ->> '$.row', j.value ->> '$.variant', 'pending', ?3
         FROM json_each(?4) AS j`,
      )
      .bind(
        batch.batchId,
        batch.campaignId,
        now,
        JSON.stringify(
          batch.items.map((i) => ({ id: i.campaignLeadId, row: i.rowIndex, variant: i.variantLabel })),
        ),
      ),
  ]);
}

export interface ItemUpdate {
  status: PlaygroundItemStatus;
  error?: string | null;
  generationId?: string | null;
  fromCache?: boolean;
  completed?: boolean;
}

export function playgroundItemStatement(
  d1: D1Database,
  batchId: string,
  campaignLeadId: string,
  update: ItemUpdate,
  now = Date.now(),
): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE ai_playground_items SET status = ?, error = ?, generation_id = COALESCE(?, generation_id),
         from_cache = ?, updated_at = ?, completed_at = ? WHERE batch_id = ? AND campaign_lead_id = ?`,
    )
    .bind(
      update.status,
      update.error?.slice(0, 1000) ?? null,
      update.generationId ?? null,
      update.fromCache ? 1 : 0,
      now,
      update.completed ? now : null,
      batchId,
      campaignLeadId,
    );
}

/** A lead drafted by a new generation, which it refers to by its store key (written in the same batch). */
export function playgroundItemDrafted(
  d1: D1Database,
  batchId: string,
  campaignLeadId: string,
  generation: { userId: string; inputHash: string },
  now = Date.now(),
): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE ai_playground_items SET status = 'done', error = NULL, from_cache = 0, updated_at = ?1, completed_at = ?1,
         generation_id = (SELECT id FROM ai_generations WHERE user_id = ?2 AND input_hash = ?3)
       WHERE batch_id = ?4 AND campaign_lead_id = ?5`,
    )
    .bind(now, generation.userId, generation.inputHash, batchId, campaignLeadId);
}

/** Marks the given leads of a batch cancelled (the ones the runner had not started). */
export async function cancelPlaygroundItems(
  d1: D1Database,
  batchId: string,
  leadIds: string[],
  now = Date.now(),
) {
  if (leadIds.length === 0) return;
  await d1
    .prepare(
      `UPDATE ai_playground_items SET status = 'cancelled', error = NULL, updated_at = ?1, completed_at = ?1
       WHERE batch_id = ?2 AND campaign_lead_id IN (SELECT value FROM json_each(?3))`,
    )
    .bind(now, batchId, JSON.stringify(leadIds))
    .run();
}
