import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { aiScenario, parseSse, type SseEvent, useAiScenario } from "../../../test/ai-fixtures";
import { BASE, call, newUser, seedDataset } from "../../../test/helpers";

function batchRequest(key: string, body: unknown) {
  return exports.default.fetch(
    new Request(`${BASE}/api/v1/personalize/preview/batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

/** Reads a stream's events as they arrive, until `until` holds for what has arrived. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  buffer: { text: string },
  until: (events: SseEvent[]) => boolean,
) {
  const decoder = new TextDecoder();
  while (!until(parseSse(buffer.text.slice(0, buffer.text.lastIndexOf("\n\n") + 2)))) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer.text += decoder.decode(value, { stream: true });
  }
  return parseSse(buffer.text);
}

describe("personalize preview batch (SSE)", () => {
  it("streams one lead_result per lead as each completes, then done, every event echoing client_run_id", async () => {
    const u = await newUser();
    const ai = aiScenario();
    await useAiScenario(u.key, ai);
    const datasetId = await seedDataset(u.userId, [
      { email: "g@example.com", first_name: "Grace", company: "Navy" },
    ]);
    // The first request to arrive is held until the test releases it: the others must not wait for it.
    await ai.script([{ kind: "hold" }]);
    const runId = crypto.randomUUID();
    const res = await batchRequest(u.key, {
      client_run_id: runId,
      sender_data: { name: "Sam" },
      leads: [
        { lead_data: { first_name: "Ada", company: "Analytical Engines" } },
        { dataset_id: datasetId, row_index: 1 },
        { lead_data: { first_name: "Linus", company: "Kernel" } },
        { dataset_id: datasetId, row_index: 9 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const buffer = { text: "" };
    const before = await readUntil(reader, buffer, (events) => events.length >= 3);
    expect(before.map((e) => e.event)).toEqual(["lead_result", "lead_result", "lead_result"]);
    expect(await ai.held()).toBe(1);
    await ai.release();
    const events = await readUntil(reader, buffer, (all) => all.some((e) => e.event === "done"));

    expect(events.map((e) => e.event)).toEqual([
      "lead_result",
      "lead_result",
      "lead_result",
      "lead_result",
      "done",
    ]);
    const results = events.slice(0, 4).map((e) => JSON.parse(e.data));
    const done = JSON.parse(events[4]!.data);
    for (const r of [...results, done]) expect(r.batch_id).toBe(runId);
    expect(results.map((r) => r.index).sort()).toEqual([0, 1, 2, 3]);
    expect(events.slice(0, 4).map((e) => e.id)).toEqual(results.map((r) => String(r.index)));
    const byIndex = new Map(results.map((r) => [r.index, r]));
    expect(byIndex.get(0)).toMatchObject({
      status: "ok",
      subject: "Quick idea for Analytical Engines",
      error: null,
    });
    expect(byIndex.get(1)).toMatchObject({ status: "ok", subject: "Quick idea for Navy", row_index: 1 });
    expect(byIndex.get(2)).toMatchObject({
      status: "ok",
      subject: "Quick idea for Kernel",
      prompt_source: "default",
    });
    expect(byIndex.get(3)).toMatchObject({ status: "error", subject: null, error: { code: "NOT_FOUND" } });
    expect(done).toEqual({ batch_id: runId, total: 4, succeeded: 3, failed: 1 });
    // The held lead was the last to complete.
    expect(results[3]!.status === "ok" && results[3]!.index !== 3).toBe(true);
    expect(await ai.requests()).toHaveLength(3);
  });

  it("answers from the store for leads seen before, and reports failures per lead", async () => {
    const u = await newUser();
    const ai = aiScenario();
    await useAiScenario(u.key, ai);
    const lead = { first_name: "Ada", company: "Analytical Engines" };
    await call("POST", "/api/v1/personalize/preview", { key: u.key, body: { lead_data: lead } });
    await ai.script([{ kind: "bad_request" }]);
    const res = await call("POST", "/api/v1/personalize/preview/batch", {
      key: u.key,
      body: { client_run_id: "run-2", leads: [{ lead_data: lead }, { lead_data: { first_name: "Bob" } }] },
    });
    expect(res.status).toBe(200);
    const events = parseSse(res.text);
    const results = events.filter((e) => e.event === "lead_result").map((e) => JSON.parse(e.data));
    expect(results.find((r) => r.index === 0)).toMatchObject({ status: "ok", from_cache: true });
    expect(results.find((r) => r.index === 1)).toMatchObject({
      status: "error",
      error: { code: "AI_GENERATION_FAILED" },
    });
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({ succeeded: 1, failed: 1 });
  });

  it("refuses before streaming: no provider (409), too many leads (422)", async () => {
    const u = await newUser();
    const none = await call("POST", "/api/v1/personalize/preview/batch", {
      key: u.key,
      body: { client_run_id: "r", leads: [{ lead_data: { a: "b" } }] },
    });
    expect(none.status).toBe(409);
    expect(none.json.detail).toBe("AI_NOT_CONFIGURED");
    const many = await call("POST", "/api/v1/personalize/preview/batch", {
      key: u.key,
      body: { client_run_id: "r", leads: Array.from({ length: 26 }, () => ({ lead_data: { a: "b" } })) },
    });
    expect(many.status).toBe(422);
    expect(many.json.errors[0].loc).toEqual(["body", "leads"]);
  });
});
