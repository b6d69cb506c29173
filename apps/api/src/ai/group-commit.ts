/** Runs D1 statements as one batch (an implicit transaction) and answers each statement's result. */
export type D1BatchRunner = (statements: D1PreparedStatement[]) => Promise<D1Result[]>;

/** The plain runner: one `d1.batch` per call. */
export function directBatch(d1: D1Database): D1BatchRunner {
  return (statements) => (statements.length === 0 ? Promise.resolve([]) : d1.batch(statements));
}

interface Waiting {
  statements: D1PreparedStatement[];
  resolve: (results: D1Result[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for D1: statements submitted while a batch is being written go together into the
 * next batch. Idle, a call is written at once; busy (many leads drafted side by side), many calls
 * share one transaction, and one disk flush. Every statement of a shared batch fails if one does,
 * so only statements that do not fail on their own (the store's upserts, progress updates) belong
 * here.
 */
export class D1GroupCommit {
  private readonly waiting: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly d1: D1Database,
    /** D1 takes large batches, but a smaller one keeps a failure's blast radius small. */
    private readonly maxStatements = 100,
  ) {}

  readonly batch: D1BatchRunner = (statements) => {
    if (statements.length === 0) return Promise.resolve([]);
    return new Promise<D1Result[]>((resolve, reject) => {
      this.waiting.push({ statements, resolve, reject });
      if (!this.draining) void this.drain();
    });
  };

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        const group: Waiting[] = [];
        let count = 0;
        while (
          this.waiting.length > 0 &&
          (group.length === 0 || count + this.waiting[0]!.statements.length <= this.maxStatements)
        ) {
          const next = this.waiting.shift()!;
          group.push(next);
          count += next.statements.length;
        }
        try {
          const results = await this.d1.batch(group.flatMap((g) => g.statements));
          let at = 0;
          for (const g of group) {
            g.resolve(results.slice(at, at + g.statements.length));
            at += g.statements.length;
          }
        } catch (error) {
          for (const g of group) g.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
