import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, recordingD1 } from "../../../test/helpers";
import worker from "../../index";

describe("the local start-up check", () => {
  it("the first request of an isolate in local development pings the campaigns that wait on an alarm", async () => {
    const seen: string[] = [];
    const ctx = createExecutionContext();
    const request = new Request(`${BASE}/`) as Request<unknown, IncomingRequestCfProperties>;
    await worker.fetch(request, { ...env, DB: recordingD1(env.DB, seen) }, ctx);
    await waitOnExecutionContext(ctx);
    expect(seen.filter((q) => q.includes("FROM campaigns WHERE status IN"))).toHaveLength(1);
  });
});
