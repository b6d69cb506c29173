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
  // and a caller that mutated the object it read still gets its change written.
  private readonly cache: Map<string, { value: unknown; json: string | null }> | null;

  /** `sql` is public so a diagnostic can wrap it (bench/wake-worker counts statements). */
  constructor(
    public sql: SqlStorage,
    options: { cached: boolean },
  ) {
    this.cache = options.cached ? new Map() : null;
  }

  get<K extends keyof Schema & string>(key: K): Schema[K] | null {
    const cached = this.cache?.get(key);
    if (cached) return cached.value as Schema[K] | null;
    const row = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
    const value = row ? (JSON.parse(row.value) as Schema[K]) : null;
    this.cache?.set(key, { value, json: row ? row.value : null });
    return value;
  }

  set<K extends keyof Schema & string>(key: K, value: Schema[K] | null): void {
    const next = value ?? null;
    const json = next === null ? null : JSON.stringify(next);
    const cached = this.cache?.get(key);
    if (cached && cached.json === json) return;
    if (json === null) this.sql.exec("DELETE FROM meta WHERE key = ?", key);
    else this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, json);
    this.cache?.set(key, { value: next, json });
  }

  /** Adds to a counter (absent counts as 0). */
  add<K extends keyof Schema & string>(key: K, by: number): void {
    const current = (this.get(key) as number | null) ?? 0;
    this.set(key, (current + by) as Schema[K]);
  }

  forget(): void {
    this.cache?.clear();
  }
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
