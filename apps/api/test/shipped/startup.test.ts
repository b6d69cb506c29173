import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { recordingD1 } from "../helpers";

const randomKey = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

describe("a deployment's isolate start", () => {
  it("does not scan every tenant's campaigns (alarms persist on Cloudflare)", async () => {
    const seen: string[] = [];
    const deployed = {
      ...env,
      SECRETS_KEY: randomKey(),
      LINK_SIGNING_KEY: randomKey(),
      PUBLIC_BASE_URL: "https://cadence.example.com",
      DB: recordingD1(env.DB, seen),
    };
    const ctx = createExecutionContext();
    const request = new Request("https://cadence.example.com/") as Request<
      unknown,
      IncomingRequestCfProperties
    >;
    const res = await worker.fetch(request, deployed, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    expect(seen.filter((q) => q.includes("FROM campaigns"))).toEqual([]);
  });
});
