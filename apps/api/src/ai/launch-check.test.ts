import { env } from "cloudflare:workers";
import { campaigns } from "@cadence/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AI_ROWS, aiScenario, personalizedCampaign, useAiScenario } from "../../test/ai-fixtures";
import { call, newUser, seedTemplate } from "../../test/helpers";
import { campaignLeadId, variantFor } from "../campaign/sequence";
import { getDb } from "../lib/db";
import { startAiLaunchCheck } from "./launch-check";

async function check(campaignId: string) {
  const row = (await getDb(env.DB).select().from(campaigns).where(eq(campaigns.id, campaignId)).get())!;
  const ai = startAiLaunchCheck(env, row, new Map());
  for (let r = 1; r <= AI_ROWS.length; r++) ai.addRow(r);
  return { row, result: await ai.finish() };
}

describe("AI launch check", () => {
  it("counts a personalized step's leads without an approved email, and blocks without a provider", async () => {
    const u = await newUser();
    const templateId = await seedTemplate(u.userId, { subject: "Hi", body: "Hello {{unsubscribe_url}}" });
    const { campaignId } = await personalizedCampaign(u.key, u.userId, {
      variants: [
        { label: "A", weight: 1, type: "PERSONALIZATION" },
        { label: "B", weight: 1, type: "TEMPLATE", template_id: templateId },
      ],
    });
    const { row, result } = await check(campaignId);
    const personalized = AI_ROWS.map((_, i) => i + 1).filter(
      (r) => variantFor(campaignId, r, row.stepsConfig[0]!).label === "A",
    );
    expect(personalized.length).toBeGreaterThan(0);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "UNREVIEWED_PERSONALIZATION", step: 1, row_index: null }),
    ]);
    expect(result.warnings[0]!.message).toContain(
      `${personalized.length} of ${personalized.length} personalized leads`,
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      type: "AI_NOT_CONFIGURED",
      loc: ["campaign", "steps_config", 0],
    });
    expect(result.errors[0]!.msg).toContain("PUT /api/v1/ai/provider");

    // Approve all but one: one left, still blocked without a provider.
    for (const r of personalized.slice(1)) {
      const res = await call(
        "POST",
        `/api/v1/campaigns/${campaignId}/leads/${await campaignLeadId(campaignId, r)}/approve`,
        {
          key: u.key,
          body: { step_index: 1, variant_label: "A", subject: "Hello", body: `Hi lead ${r}` },
        },
      );
      expect(res.status, res.text).toBe(200);
    }
    const partly = (await check(campaignId)).result;
    expect(partly.warnings[0]!.message).toContain(`1 of ${personalized.length} personalized leads`);
    expect(partly.errors).toHaveLength(1);

    // With a provider the last lead can be generated at send time: a warning, no longer a block.
    await useAiScenario(u.key, aiScenario());
    const withProvider = (await check(campaignId)).result;
    expect(withProvider.warnings).toHaveLength(1);
    expect(withProvider.errors).toEqual([]);
  });

  it("needs nothing when every personalized lead is approved, even without a provider", async () => {
    const u = await newUser();
    const { campaignId } = await personalizedCampaign(u.key, u.userId);
    for (let r = 1; r <= AI_ROWS.length; r++) {
      await call(
        "POST",
        `/api/v1/campaigns/${campaignId}/leads/${await campaignLeadId(campaignId, r)}/approve`,
        {
          key: u.key,
          body: { step_index: 1, variant_label: "A", subject: "Hello", body: `Hi lead ${r}` },
        },
      );
    }
    expect((await check(campaignId)).result).toEqual({ warnings: [], errors: [] });
  });

  it("does not count approvals made under another step configuration", async () => {
    const u = await newUser();
    const { campaignId } = await personalizedCampaign(u.key, u.userId);
    for (let r = 1; r <= AI_ROWS.length; r++) {
      await call(
        "POST",
        `/api/v1/campaigns/${campaignId}/leads/${await campaignLeadId(campaignId, r)}/approve`,
        {
          key: u.key,
          body: { step_index: 1, variant_label: "A", subject: "Hello", body: `Hi lead ${r}` },
        },
      );
    }
    const templateId = await seedTemplate(u.userId, { subject: "Base", body: "Base {{unsubscribe_url}}" });
    const campaign = await call("GET", `/api/v1/campaigns/${campaignId}`, { key: u.key });
    const steps = campaign.json.steps_config;
    steps[0].variants[0].template_id = templateId;
    expect(
      (await call("PATCH", `/api/v1/campaigns/${campaignId}`, { key: u.key, body: { steps } })).status,
    ).toBe(200);
    const row = (await getDb(env.DB).select().from(campaigns).where(eq(campaigns.id, campaignId)).get())!;
    const ai = startAiLaunchCheck(
      env,
      row,
      new Map([[templateId, { subject: "Base", body: "Base {{unsubscribe_url}}" }]]),
    );
    for (let r = 1; r <= AI_ROWS.length; r++) ai.addRow(r);
    const result = await ai.finish();
    expect(result.warnings[0]!.message).toContain(
      `${AI_ROWS.length} of ${AI_ROWS.length} personalized leads`,
    );
  });

  it("has nothing to say about a campaign without personalization", async () => {
    const u = await newUser();
    const templateId = await seedTemplate(u.userId, { subject: "Hi", body: "Hello" });
    const { campaignId } = await personalizedCampaign(u.key, u.userId, {
      variants: [{ label: "T", weight: 1, type: "TEMPLATE", template_id: templateId }],
    });
    expect((await check(campaignId)).result).toEqual({ warnings: [], errors: [] });
  });
});
