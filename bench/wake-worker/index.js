// Bench-only entry point (bundled instead of src/index.ts by lib/app-build.mjs buildAppSnapshot):
// the test pool's entry (apps/api/test/worker.ts: the app as src/index.ts builds it, with the
// Durable Objects replaced by their test subclasses and their manual clock), plus bench-only RPC
// methods on the campaign object. A Durable Object's `alarm()` is a reserved name over RPC, so a
// driver cannot run a wake itself; `benchWake()` runs the object's real alarm handler inside the
// object, the way vitest-pool-workers' `runDurableObjectAlarm` does in the tests. Nothing here changes
// how the engine works; the subclass only adds methods.
import { CampaignObject as TestCampaignObject } from "../../apps/api/test/objects";

export * from "../../apps/api/test/worker";
export { default } from "../../apps/api/test/worker";

export class CampaignObject extends TestCampaignObject {
  /**
   * One wake, in its own event as a real alarm would be: move the manual clock to the instant the
   * object asks to wake at, then run its real alarm handler. Returns that instant, or null when the
   * campaign wants no further wake.
   */
  async benchWake() {
    const next = await this.testNextWakeAt();
    if (next === null) return null;
    await this.testSetClock(next);
    await this.alarm();
    return next;
  }

  /**
   * Diagnostic (profile-wake.mjs --cold=1): drops this instance, as workerd does with an idle object
   * (storage stays). The call itself fails with the abort; the next call builds a new instance.
   */
  async benchEvict() {
    this.ctx.abort("bench: evicted");
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
   * the statements the wake runs. Every module of the object reads `scope.sql` when it runs a query, and
   * the meta store holds its own handle: both are swapped for the wake (the capture transport keeps the
   * handle it was built with on the first wake, so its one INSERT per send is not counted). Returns { at, statements, byStatement }.
   */
  async benchCountSqlWake() {
    const scope = this.scope;
    const real = scope.sql;
    const byStatement = {};
    let statements = 0;
    const counting = Object.create(real);
    counting.exec = (query, ...args) => {
      statements++;
      const k = query.replace(/\s+/g, " ").trim().slice(0, 90);
      byStatement[k] = (byStatement[k] ?? 0) + 1;
      return real.exec(query, ...args);
    };
    scope.sql = counting;
    scope.meta.sql = counting;
    try {
      const at = await this.benchWake();
      return { at, statements, byStatement };
    } finally {
      scope.sql = real;
      scope.meta.sql = real;
    }
  }
}
