import type { Cadence, components } from "@cadence/sdk";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser } from "./browser";
import {
  baseUrl,
  newUserKey,
  openInApp,
  pageWidth,
  screenshot,
  sdk,
  signIn,
  unlabelledControls,
  waitForTitle,
} from "./helpers";
import { campaignBody, createCampaign, launch, type Seeded, seedBasics } from "./seed";

// Mail coming back, through the Worker's real inbound path: wrangler's local email endpoint hands the raw
// message to the Worker's email() handler, which classifies it, matches it by the signed Reply-To tag of
// the email it answers and stores it; the dashboard's inbox and conversation pages then show it.

type CapturedMessage = components["schemas"]["CapturedMessage"];

/** Posts a raw message to the local email endpoint, as Email Routing would hand it to the Worker. */
async function deliver(envelopeFrom: string, envelopeTo: string, headers: string[], text: string) {
  const raw = [...headers, "", text, ""].join("\r\n");
  const url = `${baseUrl()}/cdn-cgi/handler/email?from=${encodeURIComponent(envelopeFrom)}&to=${encodeURIComponent(envelopeTo)}`;
  const res = await fetch(url, { method: "POST", body: raw });
  expect(res.status, await res.text()).toBeLessThan(300);
}

/** The address part of the Reply-To a sent email carries (`Seed <r+tag@inbound.localhost>`). */
const replyAddress = (m: CapturedMessage) => {
  const replyTo = m.headers["Reply-To"] ?? "";
  return /<([^<>]+)>$/.exec(replyTo)?.[1] ?? replyTo;
};

let browser: Browser;
let page: Page;
let key: string;
let client: Cadence;
let seed: Seeded;
let campaignId: string;
let sent: CapturedMessage[];
const replyText = "Yes, let us talk on Thursday. Which time suits you?";

beforeAll(async () => {
  key = newUserKey("Inbox tests");
  client = sdk(key);
  seed = await seedBasics(client);
  campaignId = (await createCampaign(client, campaignBody(seed, "Replied campaign", true))).campaign_id;
  await launch(client, campaignId);
  await client.waitForCampaign(campaignId, { intervalMs: 500 });
  // Another campaign of the same user, with nothing back: the campaign filter must tell them apart.
  await createCampaign(client, campaignBody(seed, "Quiet campaign", true));
  sent = (
    await client.get("/api/v1/campaigns/{campaign_id}/messages", {
      params: { path: { campaign_id: campaignId }, query: { limit: 50 } },
    })
  ).items;

  const first = (to: string) => sent.find((m) => m.to === to && m.step === 1)!;
  const ada = first("ada@example.com");
  const grace = first("grace@example.com");
  const linus = first("linus@example.com");
  expect(replyAddress(ada)).toMatch(/^r\+.+@inbound\.localhost$/);
  // Grace's out-of-office first, then Ada's reply; 25 more auto-replies from Linus fill a second page.
  await deliver(
    "grace@example.com",
    replyAddress(grace),
    [
      "From: Grace <grace@example.com>",
      `To: ${grace.headers["Reply-To"]}`,
      `Subject: Out of office: ${grace.subject}`,
      "Auto-Submitted: auto-replied",
      "Message-ID: <ooo-grace@example.com>",
    ],
    "I am out of the office until Monday.",
  );
  await deliver(
    "ada@example.com",
    replyAddress(ada),
    [
      "From: Ada Lovelace <ada@example.com>",
      `To: ${ada.headers["Reply-To"]}`,
      `Subject: Re: ${ada.subject}`,
      `In-Reply-To: ${ada.headers["Message-ID"]}`,
      "Message-ID: <reply-ada@example.com>",
    ],
    `${replyText}\r\n\r\nOn Monday Seed wrote:\r\n> ${ada.text?.split("\n")[0]}`,
  );
  for (let i = 0; i < 25; i++) {
    await deliver(
      "linus@example.com",
      replyAddress(linus),
      [
        "From: Linus <linus@example.com>",
        `To: ${linus.headers["Reply-To"]}`,
        `Subject: Automatic reply ${i + 1}`,
        "Auto-Submitted: auto-replied",
        `Message-ID: <auto-${i}-linus@example.com>`,
      ],
      "This mailbox is not read.",
    );
  }
  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, key);
}, 180_000);
afterAll(() => browser?.close());
afterEach(async (context) => {
  if (context.task.result?.state === "fail")
    await screenshot(page, `failed-${context.task.name.slice(0, 40)}`, { failure: true });
});

const rows = () => page.getByRole("region", { name: "Inbound messages" }).locator("tbody tr");

describe("the inbox", () => {
  it("lists every inbound message with its type, lead, campaign, subject, time and snippet, paged", async () => {
    await page.getByRole("link", { name: "Inbox" }).click();
    await waitForTitle(page, "Inbox");
    await expect.poll(() => rows().count()).toBe(25);
    expect(await page.getByRole("navigation", { name: "Inbox pages" }).textContent()).toContain("1–25 of 27");
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => rows().count()).toBe(2);
    // Oldest last: Grace's out-of-office, then Ada's reply above it.
    const [adaRow, graceRow] = [rows().nth(0), rows().nth(1)];
    const ada = sent.find((m) => m.to === "ada@example.com" && m.step === 1)!;
    expect(await adaRow.locator(".badge").textContent()).toBe("Reply");
    expect(await adaRow.getByRole("rowheader").textContent()).toBe("Ada Lovelace <ada@example.com>");
    expect(await adaRow.getByRole("link", { name: "Replied campaign" }).count()).toBe(1);
    expect(await adaRow.locator(".inbox-message strong").textContent()).toBe(`Re: ${ada.subject}`);
    expect(await adaRow.locator(".inbox-message").textContent()).toContain(replyText);
    expect(await adaRow.locator(".inbox-message").textContent()).not.toContain("Seed wrote");
    expect(await adaRow.locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await graceRow.locator(".badge").textContent()).toBe("Auto-reply");

    // The table shows what the API holds.
    const api = await client.get("/api/v1/inbox", { params: { query: { offset: 25, limit: 25 } } });
    expect(api.items.map((m) => m.classification)).toEqual(["reply", "auto_reply"]);
  });

  it("filters by type and by campaign", async () => {
    await page.getByLabel("Type").selectOption({ label: "Reply" });
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().locator(".badge").textContent()).toBe("Reply");
    expect(await page.getByRole("navigation", { name: "Inbox pages" }).count()).toBe(0);

    await page.getByLabel("Campaign").selectOption({ label: "Quiet campaign" });
    await page.getByText("No message matches these filters.").waitFor();
    await page.getByLabel("Campaign").selectOption({ label: "Replied campaign" });
    await expect.poll(() => rows().count()).toBe(1);

    await page.getByLabel("Type").selectOption({ label: "Auto-reply" });
    await expect.poll(() => rows().count()).toBe(25);
    expect(await page.getByRole("navigation", { name: "Inbox pages" }).textContent()).toContain("1–25 of 26");
    await page.getByLabel("Type").selectOption({ label: "every type" });
    await page.getByLabel("Campaign").selectOption({ label: "every campaign" });
    await expect.poll(() => rows().count()).toBe(25);
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it("opens a lead's conversation from the inbox: sent and received, in order", async () => {
    await page.getByLabel("Type").selectOption({ label: "Reply" });
    await expect.poll(() => rows().count()).toBe(1);
    await screenshot(page, "inbox");
    await page.getByRole("link", { name: "Conversation with Ada Lovelace <ada@example.com>" }).click();
    await waitForTitle(page, "Conversation: ada@example.com");
    const items = page.locator(".conversation-item");
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.locator("h2").allTextContents()).toEqual([
      "Sent · step 1",
      "Sent · step 2",
      "Received Reply",
    ]);
    const adaSent = sent.filter((m) => m.to === "ada@example.com").sort((a, b) => a.step - b.step);
    expect(await items.locator("h3").allTextContents()).toEqual([
      adaSent[0]!.subject,
      adaSent[1]!.subject,
      `Re: ${adaSent[0]!.subject}`,
    ]);
    expect(await items.nth(2).locator("pre").textContent()).toContain(replyText);
    const times = await items.locator("time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")!));
    expect([...times].sort()).toEqual(times);
    await screenshot(page, "conversation");
  });

  it("opens a lead's conversation from its timeline in the campaign view", async () => {
    await openInApp(page, `/campaigns/${campaignId}`, "Replied campaign");
    await page
      .getByRole("region", { name: "Lead table" })
      .getByRole("link", { name: "grace@example.com" })
      .click();
    await waitForTitle(page, "Timeline: grace@example.com");
    await page.getByRole("link", { name: "Conversation (sent and received)" }).click();
    await waitForTitle(page, "Conversation: grace@example.com");
    const items = page.locator(".conversation-item");
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.nth(2).locator(".badge").textContent()).toBe("Auto-reply");
    expect(await items.nth(2).locator("pre").textContent()).toContain("out of the office until Monday");
  });

  it("fits a 390 px wide screen", async () => {
    const phone = await browser.newPage(390);
    await signIn(phone, key);
    const leads = await client.get("/api/v1/campaigns/{campaign_id}/leads", {
      params: { path: { campaign_id: campaignId } },
    });
    const ada = leads.items.find((l) => l.email === "ada@example.com")!;
    for (const [path, title] of [
      ["/inbox", "Inbox"],
      [
        `/campaigns/${campaignId}/leads/${ada.campaign_lead_id}/conversation`,
        "Conversation: ada@example.com",
      ],
    ] as const) {
      await phone.goto(`${baseUrl()}${path}`);
      await waitForTitle(phone, title);
      expect(await pageWidth(phone), path).toBeLessThanOrEqual(390);
    }
    await phone.close();
  });
});
