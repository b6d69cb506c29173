import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  allMessages,
  campaignObject,
  draftCampaign,
  driveUntil,
  leadRows,
  MONDAY,
} from "../../../test/campaign-fixtures";
import { call } from "../../../test/helpers";
import type { RequestDuringLoad } from "../../../test/objects";
import { LOAD_PAGE_ROWS } from "./lead-loading";

/** More leads than one page of rows, so that a request can land between two pages of one loading wake. */
const ROWS = LOAD_PAGE_ROWS + 1;

/** Launches, with `request` served by the loading wake between its first two pages of rows. */
async function launchLoading(request: RequestDuringLoad) {
  const c = await draftCampaign({ rows: leadRows(ROWS) });
  const stub = campaignObject(c.campaignId);
  await stub.testSetClock(MONDAY);
  // Set before the launch: its loading alarm may fire at once.
  await stub.testRequestDuringLoad(request);
  const res = await call("POST", `/api/v1/campaigns/${c.campaignId}/launch`, { key: c.key });
  expect(res.status, res.text).toBe(200);
  return { c, stub };
}

async function loadAll(stub: ReturnType<typeof campaignObject>) {
  for (let i = 0; i < 20 && (await stub.state()).totalLeads < ROWS; i++) await runDurableObjectAlarm(stub);
}

describe("requests that land while leads load", () => {
  it("a pause holds once loading ends, and resume then starts sending", async () => {
    const { c, stub } = await launchLoading({ pause: "checking the list" });
    await loadAll(stub);
    expect(await stub.state()).toMatchObject({
      status: "paused",
      pausedReason: "checking the list",
      totalLeads: ROWS,
    });
    expect(await stub.testNextWakeAt()).toBeNull();
    expect(await allMessages(c)).toHaveLength(0);

    const resumed = await call("POST", `/api/v1/campaigns/${c.campaignId}/resume`, { key: c.key });
    expect(resumed.json).toMatchObject({ status: "active", paused_reason: null });
    await driveUntil(stub, MONDAY + 60_000);
    expect(await allMessages(c)).toHaveLength(2);
  });

  it("a start_date set while loading holds: the campaign waits for it", async () => {
    const start = MONDAY + 3_600_000;
    const { c, stub } = await launchLoading({ pacing: { launchType: "scheduled", startDate: start } });
    await loadAll(stub);
    expect(await stub.state()).toMatchObject({ status: "scheduled", totalLeads: ROWS });
    await driveUntil(stub, start - 1);
    expect(await allMessages(c)).toHaveLength(0);
    await driveUntil(stub, start);
    expect(await allMessages(c)).toHaveLength(1);
  });
});
