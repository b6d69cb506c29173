import type { Cadence } from "@cadence/sdk";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser } from "./browser";
import { baseUrl, newUserKey, screenshot, sdk, signIn, waitForTitle } from "./helpers";
import { campaignBody, createCampaign, launch, type Seeded, seedBasics } from "./seed";

// One test per page: data made through the API (with the SDK) must show on that page.

let browser: Browser;
let page: Page;
let key: string;
let client: Cadence;
let seed: Seeded;
let draftId: string;
let completedId: string;
let waitingId: string;

beforeAll(async () => {
  key = newUserKey("Page tests");
  client = sdk(key);
  seed = await seedBasics(client);
  draftId = (
    await createCampaign(client, { ...campaignBody(seed, "Seeded draft", true), timezone: "Europe/Berlin" })
  ).campaign_id;
  completedId = (await createCampaign(client, campaignBody(seed, "Seeded completed", true))).campaign_id;
  await launch(client, completedId);
  waitingId = (await createCampaign(client, campaignBody(seed, "Seeded waiting", false))).campaign_id;
  await launch(client, waitingId);
  await client.waitForCampaign(completedId, { intervalMs: 500 });
  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, key);
}, 180_000);
afterAll(() => browser?.close());
afterEach(async (context) => {
  if (context.task.result?.state === "fail")
    await screenshot(page, `failed-${context.task.name.slice(0, 40)}`, { failure: true });
});

const open = async (path: string, title: string | RegExp) => {
  // Navigating inside the app keeps the tab's session; a reload would too (session storage).
  await page.evaluate((p) => {
    window.history.pushState(null, "", p);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
  await waitForTitle(page, title);
};

describe("each page renders real data from the API", () => {
  it("campaigns: every campaign with its status, progress and next action", async () => {
    await open("/", "Campaigns");
    const row = (name: string) => page.getByRole("row", { name: new RegExp(name) });
    await expect.poll(() => row("Seeded completed").textContent()).toContain("3/3 (100%)");
    expect(await row("Seeded completed").textContent()).toContain("completed");
    expect(await row("Seeded draft").textContent()).toContain("Not launched");
    await expect.poll(() => row("Seeded waiting").textContent()).toContain("Outside the sending window");
    expect(await row("Seeded waiting").textContent()).toMatch(/in (1|2) h/);
    await screenshot(page, "campaigns");
  });

  it("campaign editor: a draft opens with its steps, variants and pacing", async () => {
    await open(`/campaigns/${draftId}/edit`, "Edit: Seeded draft");
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Seeded draft");
    expect(await page.locator("#f-steps-0-variants-1-label").inputValue()).toBe("B");
    expect(await page.locator("#f-steps-0-variants-0-weight-hint").textContent()).toBe("50% of leads");
    expect(await page.locator("#f-steps-1-variants-0-template_id option:checked").textContent()).toBe(
      "Seeded bump",
    );
    expect(await page.getByLabel("Time zone").inputValue()).toBe("Europe/Berlin");
    expect(await page.getByRole("checkbox", { name: "sun" }).isChecked()).toBe(true);
    // A save through the editor is a PATCH the API accepts.
    await page.getByLabel("Daily limit").fill("42");
    await page.getByRole("button", { name: "Save and check" }).click();
    await waitForTitle(page, "Check before launch: Seeded draft");
    const saved = await client.get("/api/v1/campaigns/{campaign_id}", {
      params: { path: { campaign_id: draftId } },
    });
    expect(saved.daily_limit).toBe(42);
    expect(saved.steps_config[0]!.variants.map((v) => v.label)).toEqual(["A", "B"]);
  });

  it("preflight: warnings grouped by code, with their rows", async () => {
    const rows = [
      { email: "ok@example.com", first_name: "Ok", company: "Acme" },
      { email: "ok@example.com", first_name: "Again", company: "Acme" },
      { email: "blocked@suppressed.test", first_name: "Blocked", company: "Acme" },
    ];
    const other = await seedBasics(client, rows, "Warned leads");
    await client.post("/api/v1/suppressions/", { body: { value: "suppressed.test" } });
    const campaign = await createCampaign(client, campaignBody(other, "Seeded with warnings", true));
    await open(`/campaigns/${campaign.campaign_id}/preflight`, "Check before launch: Seeded with warnings");
    for (const code of ["DUPLICATE_EMAIL", "SUPPRESSED"]) {
      const group = page.getByRole("region", { name: `${code} warnings` });
      await group.waitFor();
      expect(await group.getByRole("row").count()).toBe(2);
    }
    expect(await page.locator(".summary").textContent()).toContain("Will be sent to1");
    await page.getByRole("button", { name: "Launch to 1 leads" }).waitFor();
  });

  it("campaign: the plan from /schedule with the not-sending reason, and pause and resume", async () => {
    await open(`/campaigns/${waitingId}`, "Seeded waiting");
    await expect
      .poll(() => page.getByTestId("not-sending-reason").textContent())
      .toBe("Outside the sending window");
    const planned = page.getByRole("region", { name: "Planned actions" }).getByRole("row");
    await expect.poll(() => planned.count()).toBeGreaterThan(1);
    expect(await planned.nth(1).textContent()).toContain("ada@example.com");
    expect(
      await page
        .getByRole("figure", { name: /planned action/ })
        .locator("circle")
        .count(),
    ).toBeGreaterThan(0);

    await page.getByLabel("Reason (optional)").fill("checking copy");
    await page.getByRole("button", { name: "Pause" }).click();
    await expect.poll(() => page.locator(".page-head .badge").textContent()).toBe("paused");
    expect(await page.getByText("Paused: checking copy.").count()).toBe(1);
    await expect.poll(() => page.getByTestId("not-sending-reason").textContent()).toBe("Paused");
    await page.getByRole("button", { name: "Resume" }).click();
    await expect.poll(() => page.locator(".page-head .badge").textContent()).not.toBe("paused");
    const state = await client.get("/api/v1/campaigns/{campaign_id}", {
      params: { path: { campaign_id: waitingId } },
    });
    expect(state.status).not.toBe("paused");
    expect(state.paused_reason).toBeNull();
  });

  it("campaign: progress, per-step and per-variant charts and the lead table of a completed campaign", async () => {
    await open(`/campaigns/${completedId}`, "Seeded completed");
    await expect.poll(() => page.locator(".progress-line strong").textContent()).toBe("3 / 3");
    const stats = await client.get("/api/v1/campaigns/{campaign_id}/stats", {
      params: { path: { campaign_id: completedId } },
    });
    const variants = page.getByRole("figure", { name: "Per variant" });
    expect(await variants.locator("dt").allTextContents()).toEqual(
      stats.per_variant.map((v) => `Step ${v.step} · ${v.variant}`),
    );
    expect(await variants.locator(".bar-value").allTextContents()).toEqual(
      stats.per_variant.flatMap((v) => [String(v.sent), String(v.failed)]),
    );
    expect(await page.getByRole("img", { name: /completed 3/ }).count()).toBe(1);
    const leads = page.getByRole("region", { name: "Lead table" }).getByRole("row");
    expect(await leads.count()).toBe(4);
    await page.getByLabel("Show").selectOption("failed");
    await expect.poll(() => page.getByText("No lead is failed.").count()).toBe(1);
  });

  it("lead timeline: the events of one lead and the messages sent to it", async () => {
    const leads = await client.get("/api/v1/campaigns/{campaign_id}/leads", {
      params: { path: { campaign_id: completedId } },
    });
    const ada = leads.items.find((l) => l.email === "ada@example.com")!;
    await open(`/campaigns/${completedId}/leads/${ada.campaign_lead_id}`, "Timeline: ada@example.com");
    const events = await page.locator(".timeline-list li strong").allTextContents();
    expect(events).toEqual(["Sent", "Sent", "Sequence completed"]);
    expect(await page.locator(".message h3").allTextContents()).toEqual([
      "Step 1: Hello Analytical Engines",
      "Step 2: Re: Hello Analytical Engines",
    ]);
  });

  it("datasets: the list, and one dataset's column mapping and first rows", async () => {
    await open("/datasets", "Datasets");
    const row = page.getByRole("row", { name: /Seeded leads/ }).first();
    expect(await row.textContent()).toContain("email, first_name, company, plan");
    await open(`/datasets/${seed.datasetId}`, "Seeded leads");
    const mapping = page.getByRole("region", { name: "Column mapping" }).getByRole("row");
    expect(await mapping.nth(4).textContent()).toBe("Planplanmerge field {{plan}}");
    const first = page.getByRole("region", { name: "First rows" }).getByRole("row");
    expect(await first.nth(2).textContent()).toBe("2grace@example.comGraceNavyteam");
  });

  it("templates: the list, and a live preview for a chosen lead with its missing fields", async () => {
    await open("/templates", "Templates");
    expect(
      await page
        .getByRole("row", { name: /Seeded opener/ })
        .first()
        .textContent(),
    ).toContain("Hello {{company}}");
    await open(`/templates/${seed.templateId}`, "Template: Seeded opener");
    await page.getByLabel("Dataset").selectOption({ label: "Seeded leads" });
    await page.getByLabel("Preview for lead").selectOption({ label: "row 2 · grace@example.com (Grace)" });
    await expect
      .poll(() => page.locator(".preview").textContent())
      .toContain("Hi Grace, as a team customer you will like this.");
    await page.getByLabel("Preview for lead").selectOption({ label: "row 3 · linus@example.com (Linus)" });
    await expect.poll(() => page.locator(".preview").textContent()).toContain("as a new customer");
    // Saving changes the preview: it renders the stored template.
    await page.getByLabel("Subject").fill("Hi from the editor, {{first_name}}");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator(".preview").textContent()).toContain("Hi from the editor, Linus");
    await screenshot(page, "template-preview");
  });

  it("senders: the mailboxes with how they send, and a verification", async () => {
    await open("/senders", "Senders");
    const row = page.getByRole("row", { name: /Seed <seed@cadence.test>/ }).first();
    expect(await row.textContent()).toContain("Capture");
    await row.getByRole("button", { name: "Verify" }).click();
    await expect.poll(() => row.getByRole("status").textContent()).toBe("Works");
  });
});

describe("usable by keyboard and screen reader, at 1280 and 390 px", () => {
  it("reaches the content and the menu with the keyboard alone", async () => {
    const tab = await browser.newPage();
    await signIn(tab, key);
    // A fresh load (the key stays in the tab's session storage): the first Tab reaches the skip link.
    await tab.reload();
    await waitForTitle(tab, "Campaigns");
    await tab.keyboard.press("Tab");
    expect(await tab.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await tab.keyboard.press("Enter");
    expect(tab.url()).toBe(`${baseUrl()}/#main`);
    // From the top again: skip link, brand, Campaigns, Datasets.
    await tab.reload();
    await waitForTitle(tab, "Campaigns");
    for (let i = 0; i < 4; i++) await tab.keyboard.press("Tab");
    expect(await tab.evaluate(() => document.activeElement?.textContent)).toBe("Datasets");
    await tab.keyboard.press("Enter");
    await waitForTitle(tab, "Datasets");
    // The new page's heading has the focus, so a screen reader announces it.
    expect(await tab.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await tab.close();
  });

  it("labels every control of every page", async () => {
    const pages: [string, string | RegExp][] = [
      ["/", "Campaigns"],
      ["/campaigns/new", "New campaign"],
      [`/campaigns/${completedId}`, "Seeded completed"],
      ["/datasets", "Datasets"],
      [`/templates/${seed.templateId}`, /^Template:/],
      ["/senders", "Senders"],
    ];
    for (const [path, title] of pages) {
      await open(path, title);
      await page.waitForLoadState("networkidle");
      const unlabelled = await page.locator("input, select, textarea, button").evaluateAll((controls) =>
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
      expect(unlabelled, path).toEqual([]);
    }
  });

  it("returns to sign-in when the API stops accepting the tab's key", async () => {
    const revocable = await client.post("/api/v1/api-keys", { body: { name: "revoked in a test" } });
    const tab = await browser.newPage();
    await signIn(tab, revocable.key);
    await client.delete("/api/v1/api-keys/{id}", { params: { path: { id: revocable.id } } });
    // The tab's next call answers 401: a poll of the campaigns page, or this move to another page.
    await tab.evaluate(() => {
      window.history.pushState(null, "", "/datasets");
      window.dispatchEvent(new PopStateEvent("popstate"));
    });
    await tab.getByRole("heading", { name: "Sign in to Cadence" }).waitFor();
    expect(await tab.getByRole("alert").textContent()).toContain("no longer accepts");
    expect(await tab.evaluate(() => sessionStorage.getItem("cadence.apiKey"))).toBeNull();
    await tab.close();
  });

  it("fits a 390 px wide screen without sideways scrolling of the page", async () => {
    const phone = await browser.newPage(390);
    await signIn(phone, key);
    const paths = [
      "/",
      `/campaigns/${completedId}`,
      `/campaigns/${draftId}/edit`,
      "/datasets",
      `/datasets/${seed.datasetId}`,
      "/templates",
      "/senders",
    ];
    for (const path of paths) {
      await phone.goto(`${baseUrl()}${path}`);
      await phone.getByRole("heading", { level: 1 }).waitFor();
      await phone.waitForLoadState("networkidle");
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
    }
    await phone.goto(`${baseUrl()}/campaigns/${completedId}`);
    await phone.locator(".progress-line strong").waitFor();
    await phone.getByRole("region", { name: "Lead table" }).waitFor();
    await screenshot(phone, "campaign-live-390px");
    await phone.close();
  });
});
