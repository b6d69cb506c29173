/** A dataset row as the engine reads it: its 1-based index and its cells by column key. */
export interface DatasetRow {
  rowIndex: number;
  data: Record<string, string>;
}

const ROW_PAGE = 5000;

/**
 * A dataset's rows after `afterRow`, in row order, read from D1 in pages of `pageSize` (never the
 * whole set at once). Raw D1, so the campaign object can read them without the ORM.
 */
export async function* datasetRows(
  d1: D1Database,
  datasetId: string,
  afterRow = 0,
  pageSize = ROW_PAGE,
): AsyncGenerator<DatasetRow> {
  let cursor = afterRow;
  for (;;) {
    const { results } = await d1
      .prepare(
        "SELECT row_index, data FROM dataset_rows WHERE dataset_id = ? AND row_index > ? ORDER BY row_index LIMIT ?",
      )
      .bind(datasetId, cursor, pageSize)
      .all<{ row_index: number; data: string }>();
    for (const r of results)
      yield { rowIndex: r.row_index, data: JSON.parse(r.data) as Record<string, string> };
    if (results.length < pageSize) return;
    cursor = results[results.length - 1]!.row_index;
  }
}
