import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Browser, launchBrowser } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("pnpm dev", () => {
  it("serves the dashboard at / and the API beside it", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${inject("baseUrl")}/`);
    expect(res?.headers()["content-type"]).toContain("text/html");
    await expect(page.title()).resolves.toBe("Cadence");
    const openapi = await page.evaluate(() => fetch("/openapi.json").then((r) => r.json()));
    expect(openapi.openapi).toBe("3.1.0");
  });
});
