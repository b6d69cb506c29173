import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ObjectMeta } from "./object-storage";

interface TestMeta {
  status: string;
  counters: { sent: number };
  seq: number;
  note: string;
}

/** Runs `body` against the `meta` table of a fresh campaign object (its migrations create the table). */
async function withMeta(
  body: (storage: DurableObjectStorage, stored: () => Record<string, unknown>) => void,
) {
  const stub = env.CAMPAIGN.get(env.CAMPAIGN.idFromName(`meta-test:${crypto.randomUUID()}`));
  await runInDurableObject(stub, (_instance, state: DurableObjectState) => {
    const sql = state.storage.sql;
    // Migration 4 seeds a counter; these tests start from an empty table.
    sql.exec("DELETE FROM meta");
    const stored = () =>
      Object.fromEntries(
        sql
          .exec<{ key: string; value: string }>("SELECT key, value FROM meta ORDER BY key")
          .toArray()
          .map((r) => [r.key, JSON.parse(r.value)]),
      );
    body(state.storage, stored);
  });
}

describe("ObjectMeta", () => {
  for (const cached of [true, false]) {
    it(`a batch writes what it changed once it ends, and reads its own writes (${cached ? "cached" : "uncached"})`, async () => {
      await withMeta((storage, stored) => {
        const meta = new ObjectMeta<TestMeta>(storage.sql, { cached });
        meta.set("note", "before");
        meta.set("seq", 1);
        const seen = storage.transactionSync(() =>
          meta.batch(() => {
            meta.set("status", "active");
            meta.add("seq", 1);
            meta.add("seq", 1);
            meta.set("counters", { sent: 1 });
            meta.set("note", null);
            // Nothing reaches storage until the batch ends.
            expect(stored()).toEqual({ note: "before", seq: 1 });
            return { seq: meta.get("seq"), note: meta.get("note"), status: meta.get("status") };
          }),
        );
        expect(seen).toEqual({ seq: 3, note: null, status: "active" });
        expect(stored()).toEqual({ status: "active", seq: 3, counters: { sent: 1 } });
        // A fresh reader sees the same state as the batch's own reads.
        const fresh = new ObjectMeta<TestMeta>(storage.sql, { cached: true });
        expect([fresh.get("status"), fresh.get("seq"), fresh.get("note"), fresh.get("counters")]).toEqual([
          "active",
          3,
          null,
          { sent: 1 },
        ]);
      });
    });
  }

  it("a batch that throws writes nothing and forgets what it cached", async () => {
    await withMeta((storage, stored) => {
      const meta = new ObjectMeta<TestMeta>(storage.sql, { cached: true });
      meta.set("seq", 1);
      expect(() =>
        storage.transactionSync(() =>
          meta.batch(() => {
            meta.set("seq", 2);
            meta.set("status", "paused");
            throw new Error("boom");
          }),
        ),
      ).toThrow("boom");
      expect(stored()).toEqual({ seq: 1 });
      expect([meta.get("seq"), meta.get("status")]).toEqual([1, null]);
    });
  });

  it("a batch inside a batch joins it", async () => {
    await withMeta((storage, stored) => {
      const meta = new ObjectMeta<TestMeta>(storage.sql, { cached: true });
      meta.batch(() => {
        meta.set("seq", 5);
        meta.batch(() => meta.set("status", "active"));
        expect(stored()).toEqual({});
      });
      expect(stored()).toEqual({ seq: 5, status: "active" });
    });
  });
});
