import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  aiScenario,
  drivePlayground,
  manualPlayground,
  personalizedCampaign,
  useAiScenario,
} from "../../../test/ai-fixtures";
import { call, newUser } from "../../../test/helpers";
import { approvedEmailFor } from "../../ai/approvals-store";
import { campaignLeadId } from "../../campaign/sequence";

const lead = (campaignId: string, leadId: string, op: string) =>
  `/api/v1/campaigns/${campaignId}/leads/${leadId}/${op}`;

/** A campaign with a personalized step 1 and its playground drafts for the first two leads. */
async function draftedCampaign(options: Parameters<typeof personalizedCampaign>[2] = {}) {
  const u = await newUser();
  const ai = aiScenario();
  await useAiScenario(u.key, ai);
  const campaign = await personalizedCampaign(u.key, u.userId, options);
  const runner = await manualPlayground(campaign.campaignId);
  const batch = await call("POST", `/api/v1/campaigns/${campaign.campaignId}/playground/generate`, {
    key: u.key,
    body: { step_index: 1, n_leads: 2 },
  });
  expect(batch.status, batch.text).toBe(200);
  await drivePlayground(runner);
  const drafts = await call(
    "GET",
    `/api/v1/campaigns/${campaign.campaignId}/playground/drafts?batch_id=${batch.json.batch_id}`,
    { key: u.key },
  );
  return { u, ai, ...campaign, drafts: drafts.json.drafts as any[] };
}

function approvalOf(draft: any, extra: Record<string, unknown> = {}) {
  return {
    step_index: draft.step_index,
    variant_label: draft.variant_label,
    subject: draft.subject,
    body: draft.body,
    model: draft.model,
    expected_step_config_fingerprint: draft.step_config_fingerprint,
    ...extra,
  };
}

describe("lead approvals", () => {
  it("freezes a draft for a lead's step, unapproves it and resets every step", async () => {
    const { u, campaignId, drafts } = await draftedCampaign();
    const draft = drafts[0];
    const edited = `${draft.body}\n\nP.S. Edited by hand.`;
    const res = await call("POST", lead(campaignId, draft.campaign_lead_id, "approve"), {
      key: u.key,
      body: approvalOf(draft, { body: edited, generation_latency_ms: 120 }),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      campaign_id: campaignId,
      campaign_lead_id: draft.campaign_lead_id,
      step_index: 1,
      approved_steps: [1],
      approved_entry: {
        subject: draft.subject,
        body: edited,
        step_index: 1,
        variant_label: "A",
        step_config_fingerprint: draft.step_config_fingerprint,
        prompt_version_hash: draft.prompt_version_hash,
        model: draft.model,
        generation_latency_ms: 120,
        sender_profile_id: null,
        template_id: null,
        research_cache_fingerprint: null,
      },
    });
    expect(res.json.approved_entry.approved_by).toBeTruthy();
    expect(res.json.approved_entry.lead_identity_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(res.json.approved_entry.prompt_snapshot).toContain("Write a short, friendly cold email");

    // What the campaign object reads at send time: the approved email, while the step is unchanged.
    expect(
      await approvedEmailFor(env.DB, campaignId, draft.campaign_lead_id, 1, draft.step_config_fingerprint),
    ).toEqual({ subject: draft.subject, body: edited });
    expect(await approvedEmailFor(env.DB, campaignId, draft.campaign_lead_id, 1, "0".repeat(64))).toBeNull();

    const unapproved = await call("POST", lead(campaignId, draft.campaign_lead_id, "unapprove"), {
      key: u.key,
      body: { step_index: 1 },
    });
    expect(unapproved.status).toBe(200);
    expect(unapproved.json).toMatchObject({ step_index: 1, approved_steps: [], approved_entry: null });
    expect(
      await approvedEmailFor(env.DB, campaignId, draft.campaign_lead_id, 1, draft.step_config_fingerprint),
    ).toBeNull();

    await call("POST", lead(campaignId, draft.campaign_lead_id, "approve"), {
      key: u.key,
      body: approvalOf(draft),
    });
    const reset = await call("POST", lead(campaignId, draft.campaign_lead_id, "reset"), {
      key: u.key,
      body: {},
    });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.json).toMatchObject({ step_index: null, approved_steps: [], approved_entry: null });
  });

  it("resets only the steps asked for", async () => {
    const u = await newUser();
    await useAiScenario(u.key, aiScenario());
    const { campaignId } = await personalizedCampaign(u.key, u.userId, {
      overrides: {
        steps: [1, 2].map((step) => ({
          step,
          delay_days: step - 1,
          channel: "email",
          variants: [{ label: "A", weight: 1, type: "PERSONALIZATION" }],
        })),
      },
    });
    // A lead never drafted: its id is derived from (campaign, row), as it will be once launched.
    const leadId = await campaignLeadId(campaignId, 2);
    for (const step of [1, 2]) {
      const res = await call("POST", lead(campaignId, leadId, "approve"), {
        key: u.key,
        body: {
          step_index: step,
          variant_label: "A",
          subject: `Step ${step}`,
          body: `Hello Grace (step ${step})`,
        },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.json.approved_steps).toEqual(step === 1 ? [1] : [1, 2]);
    }
    const reset = await call("POST", lead(campaignId, leadId, "reset"), {
      key: u.key,
      body: { step_indices: [2] },
    });
    expect(reset.json.approved_steps).toEqual([1]);
    const all = await call("POST", lead(campaignId, leadId, "reset"), { key: u.key });
    expect(all.status, all.text).toBe(200);
    expect(all.json.approved_steps).toEqual([]);
  });

  it("answers 422 STEP_CONFIG_CHANGED when the step changed since the draft", async () => {
    const { u, campaignId, drafts } = await draftedCampaign();
    const profile = await call("POST", "/api/v1/sender-profiles/", {
      key: u.key,
      body: { profile_name: "Sam", sender_data: { name: "Sam" } },
    });
    const campaign = await call("GET", `/api/v1/campaigns/${campaignId}`, { key: u.key });
    const steps = campaign.json.steps_config;
    steps[0].variants[0].sender_profile_id = profile.json.id;
    const patched = await call("PATCH", `/api/v1/campaigns/${campaignId}`, { key: u.key, body: { steps } });
    expect(patched.status, patched.text).toBe(200);

    const stale = await call("POST", lead(campaignId, drafts[0].campaign_lead_id, "approve"), {
      key: u.key,
      body: approvalOf(drafts[0]),
    });
    expect(stale.status).toBe(422);
    expect(stale.json.detail).toBe("STEP_CONFIG_CHANGED");
    expect(stale.json.errors[0].loc).toEqual(["body", "expected_step_config_fingerprint"]);
    // Without an expectation the approval is taken under the step as it is now.
    const current = await call("POST", lead(campaignId, drafts[0].campaign_lead_id, "approve"), {
      key: u.key,
      body: approvalOf(drafts[0], { expected_step_config_fingerprint: undefined }),
    });
    expect(current.status).toBe(200);
    expect(current.json.approved_entry.step_config_fingerprint).not.toBe(drafts[0].step_config_fingerprint);
    expect(current.json.approved_entry.sender_profile_id).toBe(profile.json.id);
  });

  it("treats an edited template as a changed step", async () => {
    const { u, campaignId, templateId, drafts } = await draftedCampaign({
      template: { subject: "Hi {{first_name}}", body: "Hello {{first_name}}" },
    });
    const edit = await call("PATCH", `/api/v1/templates/${templateId}`, {
      key: u.key,
      body: { content: { body: "Hello again {{first_name}}" } },
    });
    expect(edit.status, edit.text).toBe(200);
    const stale = await call("POST", lead(campaignId, drafts[0].campaign_lead_id, "approve"), {
      key: u.key,
      body: approvalOf(drafts[0]),
    });
    expect(stale.json.detail).toBe("STEP_CONFIG_CHANGED");
  });

  it("refuses what must not be frozen, and keeps other users out", async () => {
    const { u, campaignId, drafts } = await draftedCampaign({
      variants: [
        { label: "A", weight: 1, type: "PERSONALIZATION" },
        { label: "B", weight: 1, type: "PERSONALIZATION" },
      ],
    });
    const draft = drafts[0];
    const approve = (body: Record<string, unknown>, leadId = draft.campaign_lead_id) =>
      call("POST", lead(campaignId, leadId, "approve"), { key: u.key, body });

    const otherLabel = draft.variant_label === "A" ? "B" : "A";
    const wrongVariant = await approve(approvalOf(draft, { variant_label: otherLabel }));
    expect(wrongVariant.status).toBe(422);
    expect(wrongVariant.json.errors[0]).toMatchObject({ loc: ["body", "variant_label"] });
    expect(wrongVariant.json.errors[0].msg).toContain(`assigned variant '${draft.variant_label}'`);
    const tagged = await approve(approvalOf(draft, { body: "Hi {{ first_name }}, ..." }));
    expect(tagged.status).toBe(422);
    expect(tagged.json.errors[0].msg).toContain("unrendered merge tag");
    expect((await approve(approvalOf(draft, { subject: "   " }))).status).toBe(422);
    expect((await approve(approvalOf(draft, { step_index: 3 }))).status).toBe(422);
    // A lead id that is no row of the campaign.
    expect((await approve(approvalOf(draft), crypto.randomUUID())).status).toBe(404);

    const other = await newUser();
    for (const [op, body] of [
      ["approve", approvalOf(draft)],
      ["unapprove", { step_index: 1 }],
      ["reset", {}],
    ] as const) {
      const res = await call("POST", lead(campaignId, draft.campaign_lead_id, op), { key: other.key, body });
      expect(res.status, op).toBe(404);
    }
  });

  it("lists a campaign's approved emails, by row then step, for one step or all, to its owner only", async () => {
    const { u, campaignId, drafts } = await draftedCampaign();
    const list = (query = "") =>
      call("GET", `/api/v1/campaigns/${campaignId}/approvals${query}`, { key: u.key });
    expect((await list()).json).toEqual({ items: [], total: 0, offset: 0, limit: 50 });
    for (const draft of [...drafts].reverse()) {
      const res = await call("POST", lead(campaignId, draft.campaign_lead_id, "approve"), {
        key: u.key,
        body: approvalOf(draft),
      });
      expect(res.status, res.text).toBe(200);
    }
    const byRow = [...drafts].sort((a, b) => a.row_index - b.row_index);
    const all = await list();
    expect(all.status, all.text).toBe(200);
    expect(all.json.total).toBe(2);
    expect(all.json.items).toEqual(
      byRow.map((d) =>
        expect.objectContaining({
          campaign_lead_id: d.campaign_lead_id,
          row_index: d.row_index,
          step_index: 1,
          variant_label: d.variant_label,
          subject: d.subject,
          body: d.body,
          step_config_fingerprint: d.step_config_fingerprint,
        }),
      ),
    );
    // Paged, and filtered by step (the campaign has one personalized step).
    const second = await list("?limit=1&offset=1");
    expect(second.json).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(second.json.items.map((a: any) => a.campaign_lead_id)).toEqual([byRow[1].campaign_lead_id]);
    expect((await list("?step_index=1")).json.total).toBe(2);
    expect((await list("?step_index=2")).json).toMatchObject({ items: [], total: 0 });
    expect((await list("?step_index=0")).status).toBe(422);
    // An unapproved step leaves the list.
    await call("POST", lead(campaignId, byRow[0].campaign_lead_id, "unapprove"), {
      key: u.key,
      body: { step_index: 1 },
    });
    expect((await list()).json.items.map((a: any) => a.campaign_lead_id)).toEqual([
      byRow[1].campaign_lead_id,
    ]);
    // Another user's campaign does not exist for them.
    const other = await newUser();
    const foreign = await call("GET", `/api/v1/campaigns/${campaignId}/approvals`, { key: other.key });
    expect(foreign.status).toBe(404);
  });
});
