// Bench-only entry point (bundled instead of src/index.ts by lib/app-build.mjs buildAppSnapshot):
// the app exactly as built from apps/api/src (same routes, same bindings, same Durable Object code),
// plus bench-only RPC methods on the campaign object. A Durable Object's `alarm()` is a reserved
// name over RPC, so a driver cannot run a wake itself; `benchWake()` runs the object's real alarm
// handler inside the object, the way vitest-pool-workers' `runDurableObjectAlarm` does in the tests.
// Nothing here changes how the engine works; the subclass only adds methods.
import worker, { CampaignObject as AppCampaignObject } from "../../apps/api/src/index";

export * from "../../apps/api/src/index";

export class CampaignObject extends AppCampaignObject {
  /**
   * One wake, in its own event as a real alarm would be: move the manual clock (test hook) to the
   * instant the object asks to wake at, then run its real alarm handler. Returns that instant, or
   * null when the campaign wants no further wake.
   */
  async benchWake() {
    const next = await this.testNextWakeAt();
    if (next === null) return null;
    await this.testSetClock(next);
    await this.alarm();
    return next;
  }

  /** Baseline for benchWake: the same calls on an object that holds no campaign (alarm() finds nothing to do). */
  async benchNoopWake(at) {
    await this.testNextWakeAt();
    await this.testSetClock(at);
    await this.alarm();
    return at;
  }

  /**
   * Diagnostic (bench/profile-wake.mjs): one benchWake() with the object's SQL handle wrapped to count
   * the statements the wake runs. Returns { at, statements, byStatement }.
   */
  async benchCountSqlWake() {
    const real = this.sql;
    const byStatement = {};
    let statements = 0;
    const counting = Object.create(real);
    counting.exec = (query, ...args) => {
      statements++;
      const k = query.replace(/\s+/g, " ").trim().slice(0, 90);
      byStatement[k] = (byStatement[k] ?? 0) + 1;
      return real.exec(query, ...args);
    };
    // The object's own handle and the one its meta store holds.
    this.sql = counting;
    this.meta.sql = counting;
    try {
      const at = await this.benchWake();
      return { at, statements, byStatement };
    } finally {
      this.sql = real;
      this.meta.sql = real;
    }
  }
}

export default worker;
