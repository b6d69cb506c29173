import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { driveUntil } from "../../test/campaign-fixtures";
import { smtpMessages } from "../../test/delivery-fixtures";
import { call } from "../../test/helpers";
import {
  ALIAS_FORWARD_TO,
  DAY,
  deliverEmail,
  FIXTURES,
  type FixtureExpectation,
  fixtureFor,
  inbox,
  leadView,
  sentCampaign,
} from "../../test/inbound-fixtures";

/** What each classification does to its lead, its address and the forwarding. */
const EFFECT: Record<string, { status: "stopped" | "active"; suppressed: boolean; forwarded: boolean }> = {
  reply: { status: "stopped", suppressed: false, forwarded: true },
  unsubscribe_request: { status: "stopped", suppressed: true, forwarded: true },
  auto_reply: { status: "active", suppressed: false, forwarded: false },
  hard_bounce: { status: "stopped", suppressed: true, forwarded: false },
  soft_bounce: { status: "active", suppressed: false, forwarded: false },
  complaint: { status: "stopped", suppressed: true, forwarded: false },
};

const suppressed = async (key: string) =>
  ((await call("GET", "/api/v1/suppressions/?limit=200", { key })).json.items as any[]).map((s) => s.value);

describe("email(): every fixture through the Worker's real entry point", () => {
  it("is classified and matched as its expected file says, and has its effect on the lead", async () => {
    // One lead per fixture, each sent its first step over real SMTP on loopback.
    const c = await sentCampaign(FIXTURES.length);
    const seen: Record<string, unknown>[] = [];
    for (const [i, f] of FIXTURES.entries()) {
      const lead = c.leads[i]!;
      const { raw, to, expected } = fixtureFor(f, lead);
      const calls = await deliverEmail(lead.email, to, raw);
      const matched = expected.match !== "none";
      const rows = (await inbox(c.key, `?campaign_lead_id=${lead.leadId}`)).items;
      const view = await leadView(c, lead.leadId);
      seen.push({
        fixture: f.name,
        classification: rows[0]?.classification,
        matched_by: rows[0]?.matched_by,
      });
      if (!matched) {
        // Nothing of this user's is touched: the message is stored without a user and refused.
        expect(rows, f.name).toEqual([]);
        expect(calls.rejected, f.name).toEqual([
          "This reply address is not valid (its signature does not match)",
        ]);
        expect(calls.forwarded).toEqual([]);
        expect(view.status, f.name).toBe("active");
        const stored = await env.DB.prepare(
          "SELECT user_id, classification, details FROM inbound_messages WHERE to_address = ?",
        )
          .bind(to.toLowerCase())
          .first<{ user_id: string | null; classification: string; details: string }>();
        expect(stored).toMatchObject({ user_id: null, classification: expected.classification });
        expect(JSON.parse(stored!.details)).toMatchObject({ tampered_tag: "true" });
        continue;
      }
      expect(rows, f.name).toHaveLength(1);
      const row = rows[0]!;
      expect(row, f.name).toMatchObject({
        classification: expected.classification,
        matched_by: expected.match,
        campaign_id: c.campaignId,
        campaign_lead_id: lead.leadId,
        step: 1,
        to: to.toLowerCase(),
      });
      if (expected.details) expect(row.details, f.name).toMatchObject(expected.details);
      if (expected.new_text) expect(row.text, f.name).toBe(expected.new_text);
      const effect = EFFECT[expected.classification]!;
      expect(view.status, f.name).toBe(effect.status);
      expect((await suppressed(c.key)).includes(lead.email), f.name).toBe(effect.suppressed);
      expect(calls.rejected, f.name).toEqual([]);
      expect(calls.forwarded, f.name).toEqual(
        effect.forwarded
          ? [
              {
                to: ALIAS_FORWARD_TO,
                headers: {
                  "x-cadence-classification": expected.classification,
                  "x-cadence-campaign-id": c.campaignId,
                  "x-cadence-campaign-lead-id": lead.leadId,
                },
              },
            ]
          : [],
      );
      expect(row.forwarded_to, f.name).toBe(effect.forwarded ? ALIAS_FORWARD_TO : null);
    }
    // The fixture list is what the package's own tests check, one by one, above.
    expect(seen.length).toBe(FIXTURES.length);

    // Days later: only leads that were not stopped get their follow-up, and an out-of-office's lead
    // only after the return date it stated (every auto-reply fixture says back on 2027-03-15).
    const waitsForReturn = (e: FixtureExpectation) => e.match !== "none" && Boolean(e.details?.return_date);
    await driveUntil(c.stub, c.start + 3 * DAY);
    for (const [i, f] of FIXTURES.entries()) {
      const { expected } = fixtureFor(f, c.leads[i]!);
      const keepsGoing = expected.match === "none" || EFFECT[expected.classification]!.status === "active";
      const sent = keepsGoing && !waitsForReturn(expected) ? 2 : 1;
      expect((await smtpMessages(c.leads[i]!.email)).length, f.name).toBe(sent);
      if (waitsForReturn(expected))
        expect((await leadView(c, c.leads[i]!.leadId)).next_due_at, f.name).toBe("2027-03-16T00:00:00Z");
    }
    await driveUntil(c.stub, Date.parse("2027-03-16T12:00:00Z"));
    for (const [i, f] of FIXTURES.entries()) {
      const { expected } = fixtureFor(f, c.leads[i]!);
      if (waitsForReturn(expected)) expect((await smtpMessages(c.leads[i]!.email)).length, f.name).toBe(2);
    }
  });
});
