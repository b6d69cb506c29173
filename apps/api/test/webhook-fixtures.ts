import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import type { WebhookEvent } from "../src/webhooks/dispatcher";
import { call } from "./helpers";
import type { WebhookDispatcher } from "./objects";
import type { ReceivedRequest, ReceiverResponse } from "./peers/webhook-receiver-types";

/** A fresh sink on the receiver peer: its own URL, script and request log. */
export function newSink() {
  const id = crypto.randomUUID();
  const base = inject("webhookReceiverUrl");
  return {
    id,
    url: `${base}/sink/${id}`,
    async script(responses: ReceiverResponse[]) {
      const res = await fetch(`${base}/control/${id}/script`, {
        method: "PUT",
        body: JSON.stringify({ responses }),
      });
      expect(res.status).toBe(204);
    },
    async requests(): Promise<ReceivedRequest[]> {
      const res = await fetch(`${base}/control/${id}/requests`);
      return ((await res.json()) as { requests: ReceivedRequest[] }).requests;
    },
  };
}
export type Sink = ReturnType<typeof newSink>;

export async function createWebhook(key: string, url: string, events: string[] = ["*"]) {
  const res = await call("POST", "/api/v1/webhooks/", { key, body: { url, events } });
  expect(res.status, res.text).toBe(201);
  return res.json as { webhook_id: string; secret: string; url: string; events: string[]; active: boolean };
}

export async function deliveryLog(key: string, webhookId: string, query = "") {
  const res = await call("GET", `/api/v1/webhooks/${webhookId}/deliveries${query}`, { key });
  expect(res.status, res.text).toBe(200);
  return res.json as { items: any[]; total: number; offset: number; limit: number };
}

/** The user's webhook dispatcher as the test pool runs it (its test subclass, test/objects.ts). */
export function dispatcherObject(userId: string) {
  return env.WEBHOOKS.get(env.WEBHOOKS.idFromName(userId)) as unknown as DurableObjectStub<WebhookDispatcher>;
}

/** The user's dispatcher on a manual clock at `at`: its alarm is parked and tests run wakes themselves. */
export async function manualDispatcher(userId: string, at: number) {
  const stub = dispatcherObject(userId);
  await stub.testSetClock(at);
  return stub;
}

let seq = 0;
export function event(type: string, data: Record<string, unknown> = {}, id?: string): WebhookEvent {
  return {
    id: id ?? `${crypto.randomUUID()}:${++seq}`,
    type,
    created_at: "2027-03-01T09:15:00Z",
    data,
  };
}
