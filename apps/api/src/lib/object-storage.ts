/**
 * What every Durable Object class here shares about its own SQLite storage: numbered migrations,
 * applied once each in order and never edited once shipped; scalar state in a `meta` table, typed
 * once per class by a schema of its keys; one storage alarm behind a clock.
 */

/** Applies the migrations not applied yet, in one transaction, recording each in `_migrations`. */
export function migrateObjectStorage(storage: DurableObjectStorage, migrations: readonly string[]): void {
  storage.transactionSync(() => {
    const sql = storage.sql;
    sql.exec(
      "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
    );
    const applied = sql.exec<{ v: number | null }>("SELECT max(version) AS v FROM _migrations").one().v ?? 0;
    for (let v = applied + 1; v <= migrations.length; v++) {
      sql.exec(migrations[v - 1]!);
      sql.exec("INSERT INTO _migrations (version, applied_at) VALUES (?, ?)", v, Date.now());
    }
  });
}

/**
 * Scalar state of a Durable Object: one JSON value per key in its `meta` table, typed by `Schema`
 * (each key and the type of its value). With `cached`, values are mirrored in memory (the object is
 * the only writer of its storage) and unchanged values are not written again; the owner calls
 * `forget()` after a failure, since a rolled-back transaction does not roll the mirror back.
 */
export class ObjectMeta<Schema extends object> {
  // Each cached value keeps its stored JSON, so a `set` on the send path serialises only the new value
  // to find out whether anything changed (the wake profile showed two serialisations per set at ~7%),
  // and a caller that mutated the object it read still gets its change written. Values are parsed on
  // first read: a wake reads a few keys, not every one.
  private readonly cache: Map<string, MetaEntry> | null;
  /** The cache holds every key of the table (absent keys are absent): read in one statement. */
  private loaded = false;
  /** Writes held back by `batch` until it ends. */
  private deferred: Map<string, MetaEntry> | null = null;

  /** `sql` is public so a diagnostic can wrap it (bench/wake-worker counts statements). */
  constructor(
    public sql: SqlStorage,
    options: { cached: boolean },
  ) {
    this.cache = options.cached ? new Map() : null;
  }

  get<K extends keyof Schema & string>(key: K): Schema[K] | null {
    const entry = this.deferred?.get(key) ?? this.cached(key);
    if (entry) return parsed(entry) as Schema[K] | null;
    const row = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
    return row ? (JSON.parse(row.value) as Schema[K]) : null;
  }

  /**
   * A cached object's entry for `key`. The first read after construction (or `forget`) reads the
   * whole table at once: an object woken from eviction needs a dozen keys, one statement each before.
   */
  private cached(key: string): MetaEntry | undefined {
    if (!this.cache) return undefined;
    if (!this.loaded) {
      for (const row of this.sql.exec<{ key: string; value: string }>("SELECT key, value FROM meta")) {
        if (!this.cache.has(row.key))
          this.cache.set(row.key, { json: row.value, value: undefined, parsed: false });
      }
      this.loaded = true;
    }
    return this.cache.get(key) ?? ABSENT;
  }

  set<K extends keyof Schema & string>(key: K, value: Schema[K] | null): void {
    const next = value ?? null;
    const json = next === null ? null : JSON.stringify(next);
    const current = this.deferred?.get(key) ?? this.cached(key);
    if (current && current.json === json) return;
    const entry: MetaEntry = { json, value: next, parsed: true };
    if (this.deferred) {
      this.deferred.set(key, entry);
      return;
    }
    if (json === null) this.sql.exec("DELETE FROM meta WHERE key = ?", key);
    else this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, json);
    this.remember(key, entry);
  }

  private remember(key: string, entry: MetaEntry): void {
    if (!this.cache) return;
    if (entry.json === null) this.cache.delete(key);
    else this.cache.set(key, entry);
  }

  /** Adds to a counter (absent counts as 0). */
  add<K extends keyof Schema & string>(key: K, by: number): void {
    const current = (this.get(key) as number | null) ?? 0;
    this.set(key, (current + by) as Schema[K]);
  }

  /**
   * Runs `fn` (synchronous, inside the caller's transaction) with its writes held back, then writes
   * every key it changed in one statement: a send changes three or four keys per transaction, and
   * each statement costs more than the JSON it carries. Reads inside `fn` see its writes. A throw
   * writes nothing and forgets the cache (the transaction around it rolls back).
   */
  batch<T>(fn: () => T): T {
    if (this.deferred) return fn();
    const deferred = new Map<string, MetaEntry>();
    this.deferred = deferred;
    try {
      const result = fn();
      this.deferred = null;
      this.writeAll(deferred);
      return result;
    } catch (err) {
      this.deferred = null;
      this.forget();
      throw err;
    }
  }

  private writeAll(changes: Map<string, MetaEntry>): void {
    const upserts: Record<string, string> = {};
    const deletes: string[] = [];
    for (const [key, change] of changes) {
      if (change.json === null) deletes.push(key);
      else upserts[key] = change.json;
      this.remember(key, change);
    }
    if (deletes.length)
      this.sql.exec(
        "DELETE FROM meta WHERE key IN (SELECT value FROM json_each(?))",
        JSON.stringify(deletes),
      );
    if (deletes.length < changes.size)
      this.sql.exec(
        "INSERT OR REPLACE INTO meta (key, value) SELECT key, value FROM json_each(?)",
        JSON.stringify(upserts),
      );
  }

  forget(): void {
    this.cache?.clear();
    this.loaded = false;
  }
}

/** A meta value as stored (`json`, null when absent) and, once read, parsed. */
interface MetaEntry {
  json: string | null;
  value: unknown;
  parsed: boolean;
}

/** A key the table does not hold (cached objects know this without asking storage). */
const ABSENT: MetaEntry = Object.freeze({ json: null, value: null, parsed: true });

function parsed(entry: MetaEntry): unknown {
  if (!entry.parsed) {
    entry.value = entry.json === null ? null : JSON.parse(entry.json);
    entry.parsed = true;
  }
  return entry.value;
}

/** The meta keys every alarm-driven object keeps for its clock. */
export interface ClockMeta {
  /** The instant the object last armed its alarm for (its next planned wake). */
  next_wake_at: number;
}

/**
 * An object's single storage alarm and the time it reads. Tests subclass it (test/objects.ts) with
 * a manual clock; nothing here knows about tests.
 */
export class AlarmClock {
  constructor(
    protected readonly storage: DurableObjectStorage,
    protected readonly meta: ObjectMeta<ClockMeta>,
  ) {}

  now(): number {
    return Date.now();
  }

  /** Arms the alarm for `at` (the object's own time) and remembers it as the next planned wake. */
  async armAt(at: number): Promise<void> {
    this.meta.set("next_wake_at", at);
    await this.storage.setAlarm(at);
  }

  /** Work to do right away in real time (loading leads): runs at once whatever clock the object reads. */
  async armNow(): Promise<void> {
    this.meta.set("next_wake_at", this.now());
    await this.storage.setAlarm(Date.now());
  }

  async disarm(): Promise<void> {
    this.meta.set("next_wake_at", null);
    await this.storage.deleteAlarm();
  }

  /** The instant the object next wants to wake, or null. */
  nextWakeAt(): number | null {
    return this.meta.get("next_wake_at");
  }
}
