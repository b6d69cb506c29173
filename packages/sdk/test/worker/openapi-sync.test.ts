import { describe, expect, it } from "vitest";
import snapshot from "../../openapi.json";
import { normaliseDocument } from "../../scripts/snapshot.mjs";
import { BASE_URL, workerFetch } from "./worker";

describe("the SDK's OpenAPI snapshot", () => {
  it("is the document the Worker serves (run `pnpm --filter @cadence/sdk generate` after changing a route)", async () => {
    const res = await workerFetch(new Request(`${BASE_URL}/openapi.json`));
    expect(res.status).toBe(200);
    const served = normaliseDocument(await res.json());
    expect(served).toEqual(snapshot);
  });
});
