import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import { call, seedAlias, seedDataset, seedTemplate } from "./helpers";
import type { PlaygroundRunner } from "./objects";
import type { AiPeerBehaviour, AiPeerRequest } from "./peers/peer-types";

/**
 * A scenario of the AI peer of its own: a fresh model name, so its script and request log are this
 * test's alone.
 */
export function aiScenario(label = "model") {
  const peer = inject("aiProvider");
  const model = `${label}-${crypto.randomUUID()}`;
  const control = `${peer.url}/control/${encodeURIComponent(model)}`;
  return {
    model,
    baseUrl: peer.baseUrl,
    async script(responses: AiPeerBehaviour[], fallback?: AiPeerBehaviour) {
      const res = await fetch(`${control}/script`, {
        method: "PUT",
        body: JSON.stringify({ responses, fallback }),
      });
      expect(res.status).toBe(204);
    },
    async requests(): Promise<AiPeerRequest[]> {
      return ((await (await fetch(`${control}/requests`)).json()) as { requests: AiPeerRequest[] }).requests;
    },
    async held(): Promise<number> {
      return ((await (await fetch(`${control}/requests`)).json()) as { held: number }).held;
    },
    async release(): Promise<number> {
      return ((await (await fetch(`${control}/release`, { method: "POST" })).json()) as { released: number })
        .released;
    },
  };
}
export type AiScenario = ReturnType<typeof aiScenario>;

/** Points the user's own provider at the peer scenario (through the API, as a user would). */
export async function useAiScenario(key: string, scenario: AiScenario, extra: Record<string, unknown> = {}) {
  const res = await call("PUT", "/api/v1/ai/provider", {
    key,
    body: { base_url: scenario.baseUrl, model: scenario.model, api_key: "sk-test-key", ...extra },
  });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

export const AI_ROWS = [
  { email: "ada@example.com", first_name: "Ada", company: "Analytical Engines" },
  { email: "grace@example.com", first_name: "Grace", company: "Navy" },
  { email: "linus@example.com", first_name: "Linus", company: "Kernel" },
  { email: "barbara@example.com", first_name: "Barbara", company: "CLU" },
  { email: "edsger@example.com", first_name: "Edsger", company: "THE" },
  { email: "margaret@example.com", first_name: "Margaret", company: "Apollo" },
];

/**
 * A draft email campaign whose step 1 has one PERSONALIZATION variant (no template unless given),
 * over `rows`.
 */
export async function personalizedCampaign(
  key: string,
  userId: string,
  options: {
    rows?: Record<string, string>[];
    template?: { subject: string; body: string } | null;
    variants?: Record<string, unknown>[];
    overrides?: Record<string, unknown>;
  } = {},
) {
  const datasetId = await seedDataset(userId, options.rows ?? AI_ROWS);
  const aliasId = await seedAlias(userId);
  const templateId = options.template ? await seedTemplate(userId, options.template) : null;
  const res = await call("POST", "/api/v1/campaigns/", {
    key,
    body: {
      name: "AI campaign",
      dataset_id: datasetId,
      alias_ids: [aliasId],
      steps: [
        {
          step: 1,
          channel: "email",
          variants: options.variants ?? [
            {
              label: "A",
              weight: 1,
              type: "PERSONALIZATION",
              ...(templateId ? { template_id: templateId } : {}),
            },
          ],
        },
      ],
      ...options.overrides,
    },
  });
  expect(res.status, res.text).toBe(201);
  return { campaignId: res.json.campaign_id as string, datasetId, aliasId, templateId };
}

/** The campaign's playground runner on a manual clock: its alarm is parked and the test runs wakes. */
export async function manualPlayground(campaignId: string) {
  const stub = env.PLAYGROUND.get(
    env.PLAYGROUND.idFromName(campaignId),
  ) as unknown as DurableObjectStub<PlaygroundRunner>;
  await stub.testSetClock(Date.now());
  return stub;
}

/** Runs the runner's wakes until it has nothing armed (bounded, so a bug cannot spin forever). */
export async function drivePlayground(stub: Awaited<ReturnType<typeof manualPlayground>>, maxWakes = 20) {
  for (let i = 0; i < maxWakes; i++) if (!(await runDurableObjectAlarm(stub))) return;
  throw new Error(`the playground runner was still armed after ${maxWakes} wakes`);
}

export interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

/** Server-Sent Events as the spec frames them: blocks separated by a blank line, `field: value` lines. */
export function parseSse(text: string): SseEvent[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((blockText) => blockText.trim() !== "")
    .map((blockText) => {
      const event: SseEvent = { event: "message", id: null, data: "" };
      const data: string[] = [];
      for (const line of blockText.split(/\r?\n/)) {
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event.event = value;
        else if (field === "id") event.id = value;
        else if (field === "data") data.push(value);
      }
      event.data = data.join("\n");
      return event;
    });
}
