/**
 * Test-only subclasses of the Durable Objects (the test pool's entry, test/worker.ts, exports them
 * under the production names). They add what tests drive, and nothing in src/ knows about them:
 * a manual clock, fixed randomness, crashes injected around a delivery, a request landing while
 * leads load, a shorter webhook timeout. Their settings live in the object's synchronous KV
 * storage, so they survive an object's restart like the state they act on.
 */

import { PlaygroundRunner as AppPlaygroundRunner } from "../src/ai/playground-runner";
import { CampaignObject as AppCampaignObject } from "../src/campaign/object/campaign-object";
import type { CampaignMeta } from "../src/campaign/object/scope";
import type { PacingConfig } from "../src/campaign/types";
import type { Channel, OutboundAction, SendOutcome } from "../src/channels/types";
import type { DatasetRow } from "../src/datasets/rows";
import { AlarmClock, type ClockMeta, type ObjectMeta } from "../src/lib/object-storage";
import { WebhookDispatcher as AppWebhookDispatcher } from "../src/webhooks/dispatcher";

/** With a manual clock the platform alarm is parked this far out; tests run each wake themselves. */
const PARKED_ALARM_MS = 24 * 60 * 60_000;

/**
 * The object's time is the instant a test set (once set), and its alarm is then parked: the test
 * runs each wake at `nextWakeAt()` with runDurableObjectAlarm, so weeks of sending take milliseconds.
 */
class ManualClock extends AlarmClock {
  constructor(
    storage: DurableObjectStorage,
    meta: ObjectMeta<ClockMeta>,
    private readonly kv: SyncKvStorage,
  ) {
    super(storage, meta);
  }

  private manual(): number | undefined {
    return this.kv.get<number>("test_clock");
  }

  set(at: number): void {
    this.kv.put("test_clock", at);
  }

  override now(): number {
    return this.manual() ?? Date.now();
  }

  override async armAt(at: number): Promise<void> {
    this.meta.set("next_wake_at", at);
    await this.storage.setAlarm(this.manual() === undefined ? at : Date.now() + PARKED_ALARM_MS);
  }
}

export type FaultPoint = "after_claim" | "after_send";

/** A request that lands while leads load (between the first two pages of rows). */
export type RequestDuringLoad = { pause: string } | { pacing: Partial<PacingConfig> };

export class CampaignObject extends AppCampaignObject {
  protected override createClock(ctx: DurableObjectState, meta: ObjectMeta<CampaignMeta>): AlarmClock {
    return new ManualClock(ctx.storage, meta, ctx.storage.kv);
  }

  private get manualClock(): ManualClock {
    return this.scope.clock as ManualClock;
  }

  /** Lease renewals and mirror jitter land at the middle of their range unless a test sets otherwise. */
  protected override random(): number {
    return this.ctx.storage.kv.get<number>("test_random") ?? 0.5;
  }

  protected override async deliver(channel: Channel, action: OutboundAction): Promise<SendOutcome> {
    this.crashIfAsked("after_claim");
    const outcome = await super.deliver(channel, action);
    this.crashIfAsked("after_send");
    return outcome;
  }

  protected override async *datasetRows(
    datasetId: string,
    afterRow: number,
    pageSize: number,
  ): AsyncGenerator<DatasetRow> {
    for await (const row of super.datasetRows(datasetId, afterRow, pageSize)) {
      // The first row of the second page has been read (the loader awaited D1 for it): the request
      // is served there, as if it had arrived during that read, whichever wake reads it.
      if (row.rowIndex === pageSize + 1) await this.serveRequestDuringLoad();
      yield row;
    }
  }

  private async serveRequestDuringLoad(): Promise<void> {
    const request = this.ctx.storage.kv.get<RequestDuringLoad>("test_request_during_load");
    if (!request) return;
    this.ctx.storage.kv.delete("test_request_during_load");
    if ("pause" in request) await this.pause(request.pause);
    else await this.updatePacing(request.pacing);
  }

  private crashIfAsked(point: FaultPoint): void {
    if (this.ctx.storage.kv.get("test_fault") !== point) return;
    this.ctx.storage.kv.delete("test_fault");
    throw new Error(`injected fault at ${point}`);
  }

  /** Switches to a manual clock at `at` (ms) so tests can run weeks of sending through real alarms. */
  async testSetClock(at: number): Promise<void> {
    this.manualClock.set(at);
  }

  /** The instant the object next wants to wake (the D1 mirror a wake left in flight lands first). */
  async testNextWakeAt(): Promise<number | null> {
    await this.mirror.settled();
    return this.scope.clock.nextWakeAt();
  }

  /** The next delivery crashes the wake at `point` (the alarm's retry then runs as after a real crash). */
  async testInjectFault(point: FaultPoint): Promise<void> {
    this.ctx.storage.kv.put("test_fault", point);
  }

  async testSetRandom(value: number): Promise<void> {
    this.ctx.storage.kv.put("test_random", value);
  }

  /** Loading serves `request` between the first two pages of the dataset's rows. */
  async testRequestDuringLoad(request: RequestDuringLoad): Promise<void> {
    this.ctx.storage.kv.put("test_request_during_load", request);
  }
}

export class WebhookDispatcher extends AppWebhookDispatcher {
  protected override createClock(ctx: DurableObjectState, meta: ObjectMeta<ClockMeta>): AlarmClock {
    return new ManualClock(ctx.storage, meta, ctx.storage.kv);
  }

  protected override deliveryTimeoutMs(): number {
    return this.ctx.storage.kv.get<number>("test_timeout_ms") ?? super.deliveryTimeoutMs();
  }

  async testSetClock(at: number): Promise<void> {
    (this.clock as ManualClock).set(at);
  }

  async testNextWakeAt(): Promise<number | null> {
    return this.clock.nextWakeAt();
  }

  /** Shortens the per-attempt timeout so a hanging receiver can be tested without waiting 10 s. */
  async testSetDeliveryTimeout(ms: number): Promise<void> {
    this.ctx.storage.kv.put("test_timeout_ms", ms);
  }
}

export class PlaygroundRunner extends AppPlaygroundRunner {
  protected override createClock(ctx: DurableObjectState, meta: ObjectMeta<ClockMeta>): AlarmClock {
    return new ManualClock(ctx.storage, meta, ctx.storage.kv);
  }

  /** Switches to a manual clock at `at`: the alarm is parked and tests run each wake themselves. */
  async testSetClock(at: number): Promise<void> {
    (this.clock as ManualClock).set(at);
  }

  async testNextWakeAt(): Promise<number | null> {
    return this.clock.nextWakeAt();
  }
}
