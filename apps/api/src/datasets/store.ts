import { type DatasetColumn, datasets } from "@cadence/db";
import { eq } from "drizzle-orm";
import { getDb } from "../lib/db";
import { log } from "../lib/log";

export type DatasetRecord = typeof datasets.$inferSelect;

/** Where importers put rows: each row as the JSON text of its `{key: value}` object, in file order. */
export interface RowSink {
  add(rowJson: string): void;
  /** Resolves when the sink can take more rows; importers await it between chunks (backpressure). */
  ready(): Promise<void>;
}

/**
 * D1 caps a string or blob at 2,000,000 bytes, and a row's JSON is bound as part of one statement's
 * parameter. 500,000 UTF-16 units are at most 1.5 MB of UTF-8, so one row always fits.
 */
export const MAX_ROW_JSON_CHARS = 500_000;
/** One statement's JSON parameter: at most this many characters (<= 1.8 MB as UTF-8) or rows. */
const STATEMENT_CHARS = 600_000;
const STATEMENT_ROWS = 1_000;
/** Statements per `DB.batch` call; measured fastest locally with ~1,000-row statements (see bench/). */
const BATCH_STATEMENTS = 10;

// D1 allows 100 bound parameters per statement: one JSON array per statement, expanded by json_each.
// `value` of an object element is its JSON text; `key` its 0-based position.
const INSERT_ROWS =
  "INSERT INTO dataset_rows (dataset_id, row_index, data) SELECT ?1, ?2 + key, value FROM json_each(?3)";

/**
 * Writes rows to `dataset_rows` in few, large statements. One batch is in flight while the importer
 * parses the next, so parsing and writing overlap; at most two batches are held in memory.
 */
export class DatasetRowWriter implements RowSink {
  private parts: string[] = [];
  private partChars = 0;
  private statementStart = 1;
  private nextIndex = 1;
  private statements: D1PreparedStatement[] = [];
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly d1: D1Database,
    private readonly datasetId: string,
  ) {}

  /** Rows added so far. */
  get count() {
    return this.nextIndex - 1;
  }

  add(rowJson: string) {
    if (this.parts.length >= STATEMENT_ROWS || this.partChars + rowJson.length > STATEMENT_CHARS) this.cut();
    this.parts.push(rowJson);
    this.partChars += rowJson.length + 1;
    this.nextIndex++;
  }

  async ready() {
    if (this.statements.length >= BATCH_STATEMENTS) await this.send();
  }

  /** Writes what is left; resolves with the row count once every row is stored. */
  async finish(): Promise<number> {
    this.cut();
    if (this.statements.length > 0) await this.send();
    await this.inFlight;
    return this.count;
  }

  /** Waits for the write in flight, if any, ignoring its outcome: cleanup must not race it. */
  async settle() {
    await this.inFlight?.catch(() => {});
  }

  private cut() {
    if (this.parts.length === 0) return;
    this.statements.push(
      this.d1.prepare(INSERT_ROWS).bind(this.datasetId, this.statementStart, `[${this.parts.join(",")}]`),
    );
    this.parts = [];
    this.partChars = 0;
    this.statementStart = this.nextIndex;
  }

  private async send() {
    const batch = this.statements;
    this.statements = [];
    // A failed earlier batch surfaces here, before anything more is written.
    await this.inFlight;
    const write = this.d1.batch(batch).then(() => {});
    // Rejections are observed by the next send/finish/settle; this keeps them from being "unhandled".
    write.catch(() => {});
    this.inFlight = write;
  }
}

/**
 * An import still `importing` after this long died with its Worker (evicted, redeployed, out of CPU)
 * before it could clean up; the user's next import removes it. Generous, so a slow upload is never
 * mistaken for a dead one.
 */
export const ABANDONED_IMPORT_MS = 6 * 60 * 60 * 1000;

export interface NewDataset {
  userId: string;
  name: string;
}

/**
 * All or nothing: the dataset row is created `importing` (invisible), `fill` streams every row into
 * the writer and returns the columns, then the dataset turns `ready` with its row count. If anything
 * fails, its rows and the dataset row are deleted before the error propagates.
 */
export async function importDataset(
  d1: D1Database,
  target: NewDataset,
  fill: (sink: RowSink) => Promise<DatasetColumn[]>,
): Promise<DatasetRecord> {
  await discardAbandonedImports(d1, target.userId);
  const db = getDb(d1);
  const id = crypto.randomUUID();
  await db.insert(datasets).values({
    id,
    userId: target.userId,
    name: target.name,
    columns: [],
    rowCount: 0,
    status: "importing",
    createdAt: new Date(),
  });
  const writer = new DatasetRowWriter(d1, id);
  try {
    const columns = await fill(writer);
    const rowCount = await writer.finish();
    return await db
      .update(datasets)
      .set({ columns, rowCount, status: "ready" })
      .where(eq(datasets.id, id))
      .returning()
      .get();
  } catch (err) {
    await writer.settle();
    await discardDataset(d1, id).catch((cleanupErr) =>
      log("error", "could not remove a failed dataset import", {
        dataset_id: id,
        error: String(cleanupErr),
      }),
    );
    throw err;
  }
}

/** Deletes a dataset's rows and then the dataset itself, in one transaction. */
export async function discardDataset(d1: D1Database, datasetId: string) {
  await d1.batch([
    d1.prepare("DELETE FROM dataset_rows WHERE dataset_id = ?").bind(datasetId),
    d1.prepare("DELETE FROM datasets WHERE id = ?").bind(datasetId),
  ]);
}

async function discardAbandonedImports(d1: D1Database, userId: string) {
  const { results } = await d1
    .prepare("SELECT id FROM datasets WHERE user_id = ? AND status = 'importing' AND created_at < ?")
    .bind(userId, Date.now() - ABANDONED_IMPORT_MS)
    .all<{ id: string }>();
  for (const { id } of results) await discardDataset(d1, id);
}
