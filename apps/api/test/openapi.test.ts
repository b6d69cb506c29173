import { describe, expect, inject, it } from "vitest";
import { call } from "./helpers";

describe("OpenAPI document", () => {
  it("is valid OpenAPI 3.1 and lists every route with its error responses", async () => {
    const res = await call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    // Validated in Node by @seriousme/openapi-schema-validator (see test/peers/global-setup.ts).
    const check = await fetch(`${inject("peerUrl")}/openapi/validate`, { method: "POST", body: res.text });
    const result = (await check.json()) as { valid: boolean; errors: unknown[]; version: string };
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.version).toBe("3.1");

    const paths = res.json.paths;
    const expected: [string, string][] = [
      ["get", "/api/v1/auth/me"],
      ["get", "/api/v1/api-keys"],
      ["post", "/api/v1/api-keys"],
      ["delete", "/api/v1/api-keys/{id}"],
      ["get", "/api/v1/campaigns/"],
      ["post", "/api/v1/campaigns/"],
      ["get", "/api/v1/campaigns/{campaign_id}"],
      ["patch", "/api/v1/campaigns/{campaign_id}"],
      ["delete", "/api/v1/campaigns/{campaign_id}"],
    ];
    for (const [method, path] of expected) {
      const op = paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      for (const status of ["401", "422", "429"])
        expect(op.responses[status], `${method} ${path} ${status}`).toBeDefined();
    }
    // Every operation documents its 401 and uses the shared error envelope.
    for (const [path, item] of Object.entries<any>(paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        expect(op.responses["401"], `${method} ${path}`).toBeDefined();
        expect(JSON.stringify(op.responses["401"])).toContain("ErrorResponse");
      }
    }
    expect(res.json.components.schemas.CampaignResponse.properties).toHaveProperty("steps_config");
  });

  it("serves interactive docs at /docs", async () => {
    const res = await call("GET", "/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.text).toContain("/openapi.json");
  });
});
