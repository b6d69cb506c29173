import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Cadence, createCadence } from "@cadence/sdk";
import type { Page } from "playwright-core";
import { inject } from "vitest";
// The same helper `pnpm dev` and `pnpm api-key` use: a user and key straight into the local D1.
import { createLocalUserKey, wrangler } from "../../api/scripts/local.mjs";

export const baseUrl = () => inject("baseUrl");

/** A new user with an API key, in the dev server's own D1: each test sees only its own data. */
export function newUserKey(name: string): string {
  return createLocalUserKey({ name, persistTo: inject("persistTo") }).key;
}

/** The SDK, to put real data behind a page through the public API. */
export function sdk(key: string): Cadence {
  return createCadence({ apiKey: key, baseUrl: baseUrl() });
}

const webDir = path.resolve(import.meta.dirname, "..");
// Every run writes its screenshots under test-results/; CADENCE_UPDATE_SCREENSHOTS=1 (the `screenshots`
// script) also refreshes the ones committed in apps/web/screenshots/ that the README shows.
const screenshotDirs = [
  path.resolve(webDir, "../../test-results/screenshots"),
  ...(process.env.CADENCE_UPDATE_SCREENSHOTS === "1" ? [path.join(webDir, "screenshots")] : []),
];

/** A full-page screenshot; `failure` ones go to test-results/ only, never among the committed ones. */
export async function screenshot(page: Page, name: string, { failure = false } = {}) {
  const image = await page.screenshot({ fullPage: true, animations: "disabled" });
  for (const dir of failure ? screenshotDirs.slice(0, 1) : screenshotDirs) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.png`), image);
  }
}

/** Signs in through the form, as a person would, and waits for the campaigns page. */
export async function signIn(page: Page, key: string) {
  await page.goto(`${baseUrl()}/`);
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Campaigns" }).waitFor();
}

/** The text of the page's h1 once it says `title`. */
export async function waitForTitle(page: Page, title: string | RegExp) {
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

/** Rows of a read-only query on the dev server's own D1, for what no API route reads back. */
export function queryLocalD1<T>(sql: string): T[] {
  const out = wrangler([
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    inject("persistTo"),
    "--json",
    "--command",
    sql,
  ]);
  return (JSON.parse(out) as { results: T[] }[])[0]!.results;
}

/** Every input, select, textarea and button of the page that has no accessible name. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.locator("input, select, textarea, button").evaluateAll((controls) =>
    controls
      .filter((c) => {
        const el = c as HTMLInputElement;
        const named =
          (el.labels && el.labels.length > 0) ||
          el.getAttribute("aria-label") ||
          el.getAttribute("aria-labelledby") ||
          (el.tagName === "BUTTON" && el.textContent?.trim());
        return !named;
      })
      .map((c) => c.outerHTML.slice(0, 80)),
  );
}

/** Opens a dashboard path inside the app (the tab keeps its session), then waits for its heading. */
export async function openInApp(page: Page, path: string, title: string | RegExp) {
  await page.evaluate((p) => {
    window.history.pushState(null, "", p);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
  await waitForTitle(page, title);
}

/** The page is no wider than the viewport: nothing scrolls sideways but the tables' own regions. */
export async function pageWidth(page: Page): Promise<number> {
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => document.documentElement.scrollWidth);
}
