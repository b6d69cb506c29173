import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Browser, launchBrowser } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("pnpm dev serves the dashboard and the API from one Worker", () => {
  it("answers / and any dashboard route with the app, and the API's own paths with the API", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${inject("baseUrl")}/`);
    expect(res?.headers()["content-type"]).toContain("text/html");
    await page.getByRole("heading", { name: "Sign in to Cadence" }).waitFor();
    await expect(page.title()).resolves.toBe("Sign in · Cadence");

    // A deep link opened in the browser is the app too (the single-page fallback).
    const deep = await page.goto(`${inject("baseUrl")}/campaigns/00000000-0000-0000-0000-000000000000`);
    expect(deep?.status()).toBe(200);
    await page.getByRole("heading", { name: "Sign in to Cadence" }).waitFor();

    const answers = await page.evaluate(async () => {
      const get = async (path: string) => {
        const r = await fetch(path);
        return { status: r.status, type: r.headers.get("content-type") ?? "", body: await r.text() };
      };
      return {
        openapi: await get("/openapi.json"),
        docs: await get("/docs"),
        unknownApi: await get("/api/v1/no-such-thing"),
      };
    });
    expect(JSON.parse(answers.openapi.body).openapi).toBe("3.1.0");
    expect(answers.docs.type).toContain("text/html");
    expect(answers.docs.body).toContain("/openapi.json");
    expect(answers.unknownApi.status).toBe(401);
    expect(JSON.parse(answers.unknownApi.body).detail).toBe("UNAUTHORIZED");
  });
});
