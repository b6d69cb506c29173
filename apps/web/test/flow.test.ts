import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser } from "./browser";
import { newUserKey, screenshot, sdk, signIn, waitForTitle } from "./helpers";

// The whole journey of issue 15 in a real browser against `pnpm dev`: sign in, add a capture mailbox and
// templates, upload a CSV, build a two-step campaign with two variants, read a preflight warning, launch,
// watch it complete and open a lead's timeline.

const CSV = [
  "E-mail,First Name,Company",
  "ada@example.com,Ada,Analytical Engines",
  "grace@example.com,Grace,Navy",
  "not-an-address,Bob,Nowhere",
  "linus@example.com,Linus,Kernel",
].join("\r\n");

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(() => browser?.close());
afterEach(async (context) => {
  if (context.task.result?.state === "fail")
    await screenshot(page, `failed-${context.task.name.slice(0, 40)}`, { failure: true });
});

async function createTemplate(name: string, subject: string, body: string) {
  await page.getByRole("link", { name: "Templates" }).click();
  await page.getByRole("link", { name: "New template" }).click();
  await waitForTitle(page, "New template");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Body").fill(body);
  await page.getByRole("button", { name: "Create template" }).click();
  await waitForTitle(page, `Template: ${name}`);
}

describe("the dashboard, end to end", () => {
  const key = newUserKey("Browser flow");
  let campaignId = "";

  it("signs in with an API key kept in session storage, never in the URL", async () => {
    await page.goto(`${(await import("./helpers")).baseUrl()}/`);
    await waitForTitle(page, "Sign in to Cadence");
    await page.getByLabel("API key").fill("cad_wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not accepted");

    await signIn(page, key);
    expect(page.url()).not.toContain(key);
    expect(await page.evaluate(() => sessionStorage.getItem("cadence.apiKey"))).toBe(key);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });

  it("adds a capture mailbox and three templates", async () => {
    await page.getByRole("link", { name: "Senders" }).click();
    await waitForTitle(page, "Senders");
    await page.getByLabel("From address").fill("sam@cadence.test");
    await page.getByLabel("Display name").fill("Sam");
    await page.getByRole("radio", { name: /Capture/ }).check();
    await page.getByRole("button", { name: "Add mailbox" }).click();
    await page.getByRole("rowheader", { name: "Sam <sam@cadence.test>" }).waitFor();

    await createTemplate(
      "Opener A",
      "Question for {{company}}",
      'Hi {{first_name | default: "there"}}, how does {{company}} do outreach?\n\nUnsubscribe: {{unsubscribe_url}}',
    );
    await createTemplate(
      "Opener B",
      "{{first_name}}, a short idea",
      "Hello {{first_name}}, one idea for {{company}}.",
    );
    await createTemplate("Bump", "", "Bumping this, {{first_name}}.\n\nUnsubscribe: {{unsubscribe_url}}");
  });

  it("uploads a CSV and shows the first rows and how the columns were mapped", async () => {
    await page.getByRole("link", { name: "Datasets" }).click();
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByLabel("Name", { exact: true }).fill("Browser leads");
    await page.getByRole("button", { name: "Upload" }).click();
    await waitForTitle(page, "Browser leads");
    const mapping = page.getByRole("region", { name: "Column mapping" });
    await expect
      .poll(() => mapping.getByRole("row").allTextContents())
      .toEqual([
        "Column in the fileStored asUsed for",
        "E-mailemailwell-known field",
        "First Namefirst_namewell-known field",
        "Companycompanywell-known field",
      ]);
    const rows = page.getByRole("region", { name: "First rows" }).getByRole("row");
    await expect.poll(() => rows.count()).toBe(5);
    expect(await rows.nth(1).textContent()).toContain("ada@example.com");
    await screenshot(page, "dataset");
  });

  it("builds a two-step campaign with two variants, showing the API's 422 next to its field", async () => {
    await page.getByRole("link", { name: "Campaigns" }).click();
    await page.getByRole("link", { name: "New campaign" }).click();
    await waitForTitle(page, "New campaign");
    await page.getByLabel("Name", { exact: true }).fill("Browser campaign");
    await expect.poll(() => page.locator("#f-dataset_id").inputValue()).not.toBe("");
    await expect.poll(() => page.getByLabel(/Sam <sam@cadence.test>/).isChecked()).toBe(true);

    // Step 1: variants A and B, weights 3:1.
    await page.locator("#f-steps-0-variants-0-template_id").selectOption({ label: "Opener A" });
    await page.locator("#f-steps-0-variants-0-weight").fill("75");
    await page.getByRole("button", { name: "Add variant to step 1" }).click();
    await page.locator("#f-steps-0-variants-1-template_id").selectOption({ label: "Opener B" });
    await page.locator("#f-steps-0-variants-1-weight").fill("25");
    await expect
      .poll(() => page.locator("#f-steps-0-variants-0-weight-hint").textContent())
      .toBe("75% of leads");
    // The live preview renders variant A for the chosen lead.
    await page.locator("#f-preview_row").selectOption({ index: 1 });
    await page.getByRole("button", { name: "Preview variant A of step 1" }).click();
    await expect.poll(() => page.locator(".preview").first().textContent()).toContain("Question for Navy");

    // Step 2, the same day.
    await page.getByRole("button", { name: "Add step" }).click();
    await page.locator("#f-steps-1-delay_days").fill("0");
    await page.locator("#f-steps-1-variants-0-template_id").selectOption({ label: "Bump" });

    // Pacing: always open, every day, one action a second.
    await page.getByLabel("Time zone").selectOption("UTC");
    await page.getByLabel("Window opens").fill("00:00:00");
    await page.getByLabel("Window closes").fill("23:59:59");
    for (const day of ["sat", "sun"]) await page.getByRole("checkbox", { name: day }).check();
    await page.getByLabel("Minimum interval (seconds)").fill("1");

    // A daily limit the API refuses: its 422 lands next to the field.
    await page.getByLabel("Daily limit").fill("0");
    await page.getByRole("button", { name: "Create and check" }).click();
    const limitError = page.locator("#f-daily_limit-error");
    await limitError.waitFor();
    expect(await limitError.textContent()).toMatch(/1|greater|>=/);
    expect(await page.getByLabel("Daily limit").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#validation-summary").textContent()).toContain("daily_limit");
    await screenshot(page, "campaign-editor");

    await page.getByLabel("Daily limit").fill("100");
    await page.getByRole("button", { name: "Create and check" }).click();
    await waitForTitle(page, "Check before launch: Browser campaign");
    campaignId = page.url().split("/campaigns/")[1]!.split("/")[0]!;
  });

  it("shows the preflight warnings grouped by code, then launches", async () => {
    const invalid = page.getByRole("region", { name: "INVALID_EMAIL warnings" });
    await invalid.waitFor();
    expect(await invalid.getByRole("row").nth(1).textContent()).toContain("not-an-address");
    expect(await page.getByRole("heading", { name: /NO_UNSUBSCRIBE_LINK/ }).count()).toBe(1);
    await screenshot(page, "preflight");
    await page.getByRole("button", { name: "Launch to 3 leads" }).click();
    await waitForTitle(page, "Browser campaign");
  });

  it("follows the live campaign until it is completed, then opens a lead's timeline", async () => {
    const status = page.locator(".page-head .badge");
    await expect.poll(() => status.textContent(), { timeout: 90_000, interval: 500 }).toBe("completed");
    await expect
      .poll(() => page.locator(".progress-line strong").textContent(), { timeout: 10_000 })
      .toBe("3 / 3");
    const perStep = page.getByRole("figure", { name: "Per step" });
    await expect.poll(() => perStep.locator(".bar-value").allTextContents()).toEqual(["3", "0", "3", "0"]);
    const perVariant = await page
      .getByRole("figure", { name: "Per variant" })
      .locator("dt")
      .allTextContents();
    expect(perVariant).toEqual(expect.arrayContaining(["Step 2 · A"]));
    expect(await page.getByTestId("not-sending-reason").textContent()).toBe(
      "No lead has anything left to send",
    );
    await screenshot(page, "campaign-live");

    // What the UI showed is what the API holds.
    const stats = await sdk(key).get("/api/v1/campaigns/{campaign_id}/stats", {
      params: { path: { campaign_id: campaignId } },
    });
    expect(stats.actions.sent).toBe(6);

    await page.getByRole("link", { name: "grace@example.com" }).click();
    await waitForTitle(page, "Timeline: grace@example.com");
    const events = page.locator(".timeline-list li");
    await expect.poll(() => events.count()).toBe(3);
    expect(await events.allTextContents()).toEqual([
      expect.stringContaining("Sent · step 1"),
      expect.stringContaining("Sent · step 2"),
      expect.stringContaining("Sequence completed"),
    ]);
    expect(await page.locator(".message h3").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Step 1: (Question for Navy|Grace, a short idea)$/)]),
    );
    await screenshot(page, "lead-timeline");
  });

  it("lists the campaign with its status and progress", async () => {
    await page.getByRole("link", { name: "Campaigns" }).click();
    const row = page.getByRole("row", { name: /Browser campaign/ });
    await expect.poll(() => row.textContent()).toContain("completed");
    expect(await row.textContent()).toContain("3/3 (100%)");
  });
});
