import type { Cadence } from "@cadence/sdk";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
// The API tests' OpenAI-compatible peer: a real Chat Completions server on loopback, scripted per model.
import { startAiProviderPeer } from "../../api/test/peers/ai-provider";
import { type Browser, launchBrowser } from "./browser";
import {
  baseUrl,
  newUserKey,
  openInApp,
  pageWidth,
  queryLocalD1,
  screenshot,
  sdk,
  signIn,
  unlabelledControls,
  waitForTitle,
} from "./helpers";
import { campaignBody, createCampaign, type Seeded, seedBasics } from "./seed";

// The playground review through the real server: the user's own AI provider (PUT /ai/provider) is an
// OpenAI-compatible peer on loopback, the playground runner drafts in the background, and the page
// watches each lead, shows the drafts, and approves, unapproves and resets them through the API.

const MODEL = "web-playground";

let peer: Awaited<ReturnType<typeof startAiProviderPeer>>;
let browser: Browser;
let page: Page;
let key: string;
let client: Cadence;
let seed: Seeded;
let campaignId: string;
let unconfiguredKey: string;
let unconfiguredCampaignId: string;

/** A draft campaign whose step 1 is written by the model from the seeded template, step 2 a plain bump. */
async function personalizedCampaign(c: Cadence, s: Seeded, name: string) {
  const body = campaignBody(s, name, true);
  body.steps[0]!.variants = [{ label: "A", weight: 1, type: "PERSONALIZATION", template_id: s.templateId }];
  return (await createCampaign(c, body)).campaign_id;
}

const control = (action: string, init?: RequestInit) =>
  fetch(`${peer.info.url}/control/${MODEL}/${action}`, init);

beforeAll(async () => {
  peer = await startAiProviderPeer();
  key = newUserKey("Playground tests");
  client = sdk(key);
  await client.put("/api/v1/ai/provider", { body: { base_url: peer.info.baseUrl, model: MODEL } });
  seed = await seedBasics(client);
  campaignId = await personalizedCampaign(client, seed, "AI review");

  unconfiguredKey = newUserKey("Playground without a provider");
  const other = sdk(unconfiguredKey);
  unconfiguredCampaignId = await personalizedCampaign(other, await seedBasics(other), "No provider");

  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, key);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await peer?.close();
});
afterEach(async (context) => {
  if (context.task.result?.state === "fail")
    await screenshot(page, `failed-${context.task.name.slice(0, 40)}`, { failure: true });
});

const summary = () => page.getByTestId("batch-summary");
const batchRows = () => page.getByRole("region", { name: "Leads of the batch" }).locator("tbody tr");
const draftOf = (email: string) => page.getByRole("article", { name: new RegExp(`^${email}`) });
const approvalsOf = (leadId: string) =>
  queryLocalD1<{ step_index: number; subject: string; body: string }>(
    `SELECT step_index, subject, body FROM ai_approvals WHERE campaign_lead_id = '${leadId}'`,
  );

async function generate(leads: number) {
  await page.getByLabel("Leads", { exact: true }).fill(String(leads));
  await page.getByRole("button", { name: "Generate drafts" }).click();
}

describe("playground review", () => {
  let adaLeadId = "";

  it("generates drafts for N leads at a step, shows each lead's state while they are written, cancels the waiting one", async () => {
    await openInApp(page, `/campaigns/${campaignId}`, "AI review");
    await page.getByRole("link", { name: "Review AI drafts" }).click();
    await waitForTitle(page, "AI drafts: AI review");
    await expect.poll(() => page.locator("main").textContent()).toContain(`written by ${MODEL}`);
    // Only step 1 is personalized: step 2 sends its template.
    expect(await page.getByLabel("Step", { exact: true }).locator("option").allTextContents()).toEqual([
      "Step 1",
    ]);

    // The model holds the first two answers; the server drafts two leads at a time (global-setup.ts): the
    // page shows two leads being written and the third waiting, which Cancel takes.
    await control("script", {
      method: "PUT",
      body: JSON.stringify({ responses: [{ kind: "hold" }, { kind: "hold" }] }),
    });
    await generate(3);
    await expect
      .poll(() => summary().textContent(), { timeout: 30_000 })
      .toContain("2 being written, 1 waiting");
    expect(await summary().textContent()).toContain("0 / 3");
    expect(await batchRows().locator(".badge").allTextContents()).toEqual(["running", "running", "pending"]);
    await expect
      .poll(async () => ((await (await control("requests")).json()) as { held: number }).held)
      .toBe(2);
    await page.getByRole("button", { name: "Cancel the leads not started" }).click();
    await expect.poll(() => summary().textContent()).toContain("1 cancelled");
    await control("release", { method: "POST" });

    await expect.poll(() => summary().textContent(), { timeout: 30_000 }).toContain("finished");
    expect(await summary().textContent()).toContain("2 / 3");
    expect(await batchRows().allTextContents()).toEqual([
      "ada@example.comAdoneQuick idea for Analytical Engines",
      "grace@example.comAdoneQuick idea for Navy",
      "linus@example.comAcancelled—",
    ]);
    expect(await page.getByRole("button", { name: "Cancel the leads not started" }).count()).toBe(0);
    await expect.poll(() => page.getByRole("article").count()).toBe(2);
    expect(await draftOf("ada@example.com").getByLabel("Subject").inputValue()).toBe(
      "Quick idea for Analytical Engines",
    );
    expect(await draftOf("grace@example.com").getByLabel("Body").inputValue()).toContain("Hi Grace,");
    expect(await draftOf("ada@example.com").getByRole("status").textContent()).toBe("not approved");

    const status = await client.get("/api/v1/campaigns/{campaign_id}/playground/status", {
      params: { path: { campaign_id: campaignId } },
    });
    expect(status.overall).toMatchObject({ total: 3, done: 2, cancelled: 1 });
    adaLeadId = status.per_lead.find((l) => l.row_index === 1)!.campaign_lead_id;
  });

  it("approves an edited draft as edited, then unapproves and resets it", async () => {
    const ada = draftOf("ada@example.com");
    await ada.getByLabel("Subject").fill("A question for Analytical Engines");
    const body = `${await ada.getByLabel("Body").inputValue()}\n\nSam`;
    await ada.getByLabel("Body").fill(body);
    await ada.getByRole("button", { name: /^Approve for / }).click();
    await expect.poll(() => ada.getByRole("status").textContent()).toBe("approved");
    expect(approvalsOf(adaLeadId)).toEqual([
      { step_index: 1, subject: "A question for Analytical Engines", body },
    ]);

    // Typing after the approval says so: what is stored is what was approved.
    await ada.getByLabel("Subject").fill("A question for Analytical Engines, again");
    await expect.poll(() => ada.getByRole("status").textContent()).toBe("edited since approval");
    await ada.getByLabel("Subject").fill("A question for Analytical Engines");

    await ada.getByRole("button", { name: /^Unapprove for / }).click();
    await expect.poll(() => ada.getByRole("status").textContent()).toBe("not approved");
    expect(approvalsOf(adaLeadId)).toEqual([]);

    await ada.getByRole("button", { name: /^Approve for / }).click();
    await expect.poll(() => ada.getByRole("status").textContent()).toBe("approved");
    await ada.getByRole("button", { name: /^Reset every step for / }).click();
    await expect.poll(() => ada.getByRole("status").textContent()).toBe("not approved");
    expect(approvalsOf(adaLeadId)).toEqual([]);

    await ada.getByRole("button", { name: /^Approve for / }).click();
    await expect.poll(() => ada.getByRole("status").textContent()).toBe("approved");

    // A reloaded page reads what is approved from the API (GET .../approvals), not from its own memory.
    await page.reload();
    await waitForTitle(page, "AI drafts: AI review");
    await expect.poll(() => draftOf("ada@example.com").getByRole("status").textContent()).toBe("approved");
    expect(await draftOf("grace@example.com").getByRole("status").textContent()).toBe("not approved");
    expect(await draftOf("ada@example.com").getByLabel("Subject").inputValue()).toBe(
      "A question for Analytical Engines",
    );
  });

  it("says clearly when the step changed since the draft (422 STEP_CONFIG_CHANGED), and a new draft approves", async () => {
    await client.patch("/api/v1/templates/{template_id}", {
      params: { path: { template_id: seed.templateId } },
      body: {
        content: { subject: "Hello again {{company}}", body: "Hi {{first_name}}. {{unsubscribe_url}}" },
      },
    });
    const grace = draftOf("grace@example.com");
    await grace.getByRole("button", { name: /^Approve for / }).click();
    const alert = grace.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("the step changed since this draft was written");
    expect(await alert.textContent()).toContain("STEP_CONFIG_CHANGED");
    expect(await grace.getByRole("status").textContent()).toBe("not approved");
    await screenshot(page, "playground-review");

    const previous = await page.getByTestId("batch-id").textContent();
    await generate(2);
    await expect.poll(() => page.getByTestId("batch-id").textContent()).not.toBe(previous);
    await expect.poll(() => summary().textContent(), { timeout: 30_000 }).toMatch(/2 \/ 2.*finished/);
    const fresh = draftOf("grace@example.com");
    await expect.poll(() => fresh.getByRole("alert").count()).toBe(0);
    await fresh.getByRole("button", { name: /^Approve for / }).click();
    await expect.poll(() => fresh.getByRole("status").textContent()).toBe("approved");
  });

  it("keeps a step AI-personalized through the campaign editor, and turns it on for another step", async () => {
    await openInApp(page, `/campaigns/${campaignId}/edit`, "Edit: AI review");
    expect(await page.locator("#f-steps-0-variants-0-template_id-hint").textContent()).toContain(
      "AI-personalized",
    );
    await page.getByRole("group", { name: "Step 2" }).getByLabel("Written by AI for each lead").check();
    await page.getByRole("button", { name: "Save and check" }).click();
    await waitForTitle(page, "Check before launch: AI review");
    const saved = await client.get("/api/v1/campaigns/{campaign_id}", {
      params: { path: { campaign_id: campaignId } },
    });
    expect(saved.steps_config.map((s) => [s.variants[0]!.type, s.ai_personalization_enabled])).toEqual([
      ["PERSONALIZATION", false],
      ["TEMPLATE", true],
    ]);
    await openInApp(page, `/campaigns/${campaignId}/playground`, "AI drafts: AI review");
    await expect
      .poll(() => page.getByLabel("Step", { exact: true }).locator("option").allTextContents())
      .toEqual(["Step 1", "Step 2"]);
  });

  it("labels every control and fits a 390 px wide screen", async () => {
    expect(await unlabelledControls(page)).toEqual([]);
    const phone = await browser.newPage(390);
    await signIn(phone, key);
    await phone.goto(`${baseUrl()}/campaigns/${campaignId}/playground`);
    await waitForTitle(phone, "AI drafts: AI review");
    await phone.getByRole("article").first().waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
    await phone.close();
  });
});

describe("without an AI provider", () => {
  it("shows AI_NOT_CONFIGURED with how to set a provider, on the page and when generating", async () => {
    const tab = await browser.newPage();
    await signIn(tab, unconfiguredKey);
    await openInApp(tab, `/campaigns/${unconfiguredCampaignId}/playground`, "AI drafts: No provider");
    const notice = tab.getByTestId("ai-not-configured");
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain("PUT /api/v1/ai/provider");
    await tab.getByRole("button", { name: "Generate drafts" }).click();
    await expect.poll(() => notice.count()).toBe(2);
    expect(await notice.nth(1).textContent()).toContain("AI_NOT_CONFIGURED");
    expect(await notice.nth(1).textContent()).toContain("AI_BASE_URL");
    await tab.close();
  });
});
