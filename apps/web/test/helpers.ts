import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Cadence, createCadence } from "@cadence/sdk";
import type { Page } from "playwright-core";
import { inject } from "vitest";
// The same helper `pnpm dev` and `pnpm api-key` use: a user and key straight into the local D1.
import { createLocalUserKey } from "../../api/scripts/local.mjs";

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
