import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderTypes } from "../scripts/openapi-types.mjs";

const sdkDir = path.join(import.meta.dirname, "..");

describe("src/generated/openapi.d.ts", () => {
  it("is what openapi-typescript makes of the committed openapi.json (run `pnpm --filter @cadence/sdk generate`)", async () => {
    const snapshot = JSON.parse(fs.readFileSync(path.join(sdkDir, "openapi.json"), "utf8"));
    const committed = fs.readFileSync(path.join(sdkDir, "src/generated/openapi.d.ts"), "utf8");
    // Compared as text but without a leading assertion diff of 200 kB: first the first differing line.
    const expected = await renderTypes(snapshot);
    const a = committed.split("\n");
    const b = expected.split("\n");
    const firstDiff = a.findIndex((line, i) => line !== b[i]);
    expect(
      firstDiff === -1 && a.length === b.length
        ? null
        : { line: firstDiff + 1, committed: a[firstDiff], expected: b[firstDiff] },
    ).toBeNull();
  });
});
