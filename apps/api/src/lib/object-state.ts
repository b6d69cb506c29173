/**
 * What the campaign object and the webhook dispatcher share: scalar state in a `meta` table, and one
 * storage alarm with the manual clock tests drive.
 */

/** With a manual clock, the platform alarm is parked this far out; tests run wakes explicitly. */
const PARKED_ALARM_MS = 24 * 60 * 60_000;

/**
 * Scalar state of a Durable Object: one JSON value per key in its `meta` table. With `cached`, values
 * are mirrored in memory (the object is the only writer of its storage) and unchanged values are not
 * written again; the owner calls `forget()` after a failure, since a rolled-back transaction does not
 * roll the mirror back.
 */
export class ObjectMeta {
  private readonly cache: Map<string, unknown> | null;

  /** `sql` is public so a diagnostic can wrap it (bench/wake-worker counts statements). */
  constructor(
    public sql: SqlStorage,
    options: { cached: boolean },
  ) {
    this.cache = options.cached ? new Map() : null;
  }

  get<T>(key: string): T | null {
    if (this.cache?.has(key)) return this.cache.get(key) as T | null;
    const row = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
    const value = row ? (JSON.parse(row.value) as T) : null;
    this.cache?.set(key, value);
    return value;
  }

  set(key: string, value: unknown): void {
    const next = value ?? null;
    if (this.cache?.has(key) && JSON.stringify(this.cache.get(key)) === JSON.stringify(next)) return;
    if (next === null) this.sql.exec("DELETE FROM meta WHERE key = ?", key);
    else this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, JSON.stringify(next));
    this.cache?.set(key, next);
  }

  /** Adds to a counter kept under `key` (absent counts as 0). */
  add(key: string, by: number): void {
    this.set(key, (this.get<number>(key) ?? 0) + by);
  }

  forget(): void {
    this.cache?.clear();
  }
}

/**
 * An object's single storage alarm and its clock. Tests (only with `ALLOW_TEST_HOOKS=true`) switch
 * to a manual clock: `now()` is then the instant they set, the platform alarm is parked, and they
 * run each wake themselves at `nextWakeAt()`.
 */
export class AlarmClock {
  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly meta: ObjectMeta,
    private readonly env: { ALLOW_TEST_HOOKS?: string },
  ) {}

  now(): number {
    return this.meta.get<number>("test_clock") ?? Date.now();
  }

  async armAt(at: number): Promise<void> {
    this.meta.set("next_wake_at", at);
    await this.storage.setAlarm(
      this.meta.get<number>("test_clock") === null ? at : Date.now() + PARKED_ALARM_MS,
    );
  }

  async disarm(): Promise<void> {
    this.meta.set("next_wake_at", null);
    await this.storage.deleteAlarm();
  }

  assertTestHooks(): void {
    if (this.env.ALLOW_TEST_HOOKS !== "true") throw new Error("test hooks are disabled");
  }

  /** Test hook: switches to a manual clock at `at` (ms). */
  setManualClock(at: number): void {
    this.assertTestHooks();
    this.meta.set("test_clock", at);
  }

  /** Test hook: the instant the object next wants to wake (the manual-clock counterpart of the alarm). */
  nextWakeAt(): number | null {
    this.assertTestHooks();
    return this.meta.get<number>("next_wake_at");
  }
}
