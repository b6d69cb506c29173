import { describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app";
import { call } from "./helpers";

describe("OpenAPI document", () => {
  it("is valid OpenAPI 3.1 and documents every /api/v1 route with its error responses", async () => {
    const res = await call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    // Validated in Node by @seriousme/openapi-schema-validator (see test/peers/global-setup.ts).
    const check = await fetch(`${inject("peerUrl")}/openapi/validate`, { method: "POST", body: res.text });
    const result = (await check.json()) as { valid: boolean; errors: unknown[]; version: string };
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.version).toBe("3.1");

    const paths = res.json.paths;
    // Every /api/v1 route the app serves is in the document (collections are documented with their
    // trailing slash), with the shared error responses.
    const served = createApp()
      .routes.filter((r) => r.path.startsWith("/api/v1/") && r.method !== "ALL")
      .map((r) => [r.method.toLowerCase(), r.path.replace(/:(\w+)/g, "{$1}")] as const);
    expect(served.length).toBeGreaterThan(40);
    for (const [method, path] of served) {
      const op = paths[path]?.[method] ?? paths[`${path}/`]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      for (const status of ["401", "422", "429"])
        expect(op.responses[status], `${method} ${path} ${status}`).toBeDefined();
    }
    // Every authenticated operation documents its 401 and uses the shared error envelope.
    for (const [path, item] of Object.entries<any>(paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (Array.isArray(op.security) && op.security.length === 0) continue;
        expect(op.responses["401"], `${method} ${path}`).toBeDefined();
        expect(JSON.stringify(op.responses["401"])).toContain("ErrorResponse");
      }
    }
    expect(paths["/api/v1/admin/users"].post.security).toEqual([{ adminToken: [] }]);
    expect(paths["/healthz"].get.security).toEqual([]);
    expect(res.json.components.schemas.CampaignResponse.properties).toHaveProperty("steps_config");
    // The batch preview's events are documented although they travel as text/event-stream.
    expect(res.json.components.schemas).toHaveProperty("BatchPreviewLeadResult");
    expect(res.json.components.schemas).toHaveProperty("BatchPreviewDone");
    expect(paths["/api/v1/personalize/preview/batch"].post.responses["200"].content).toHaveProperty(
      "text/event-stream",
    );
  });

  it("serves interactive docs at /docs", async () => {
    const res = await call("GET", "/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.text).toContain("/openapi.json");
  });
});
