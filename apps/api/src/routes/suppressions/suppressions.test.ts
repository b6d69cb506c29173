import { describe, expect, it } from "vitest";
import { draftCampaign } from "../../../test/campaign-fixtures";
import { call, newUser } from "../../../test/helpers";

async function add(key: string, body: Record<string, unknown>) {
  return call("POST", "/api/v1/suppressions/", { key, body });
}

async function list(key: string, query = "") {
  const res = await call("GET", `/api/v1/suppressions/${query}`, { key });
  expect(res.status).toBe(200);
  return res.json as { items: any[]; total: number; offset: number; limit: number };
}

describe("suppressions: add, list, remove", () => {
  it("adds an address and a domain, lower-cased and trimmed, with their kind", async () => {
    const u = await newUser();
    const email = await add(u.key, { value: "  Ada@Example.COM " });
    expect(email.status).toBe(201);
    expect(Object.keys(email.json).sort()).toEqual(["created_at", "kind", "suppression_id", "value"]);
    expect(email.json).toMatchObject({ value: "ada@example.com", kind: "email" });
    expect(email.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const domain = await add(u.key, { value: "Banned-Corp.co.UK" });
    expect(domain.status).toBe(201);
    expect(domain.json).toMatchObject({ value: "banned-corp.co.uk", kind: "domain" });
  });

  it("adding an existing value answers 200 with the existing entry, not a duplicate", async () => {
    const u = await newUser();
    const first = await add(u.key, { value: "ada@example.com" });
    const again = await add(u.key, { value: "ADA@example.com" });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect((await list(u.key)).total).toBe(1);
  });

  it("lists newest first with pagination and a case-insensitive substring filter", async () => {
    const u = await newUser();
    const values = ["ada@example.com", "example.org", "grace@navy.mil", "bob_100%@example.com"];
    for (const value of values) expect((await add(u.key, { value })).status).toBe(201);
    const all = await list(u.key);
    expect(all).toMatchObject({ total: 4, offset: 0, limit: 50 });
    expect(all.items.map((s) => s.value)).toEqual([...values].reverse());
    const page = await list(u.key, "?offset=1&limit=2");
    expect(page).toMatchObject({ total: 4, offset: 1, limit: 2 });
    expect(page.items.map((s) => s.value)).toEqual(["grace@navy.mil", "example.org"]);
    expect((await list(u.key, "?q=EXAMPLE")).items.map((s) => s.value)).toEqual([
      "bob_100%@example.com",
      "example.org",
      "ada@example.com",
    ]);
    // The filter is a plain substring: % and _ are not wildcards.
    expect((await list(u.key, `?q=${encodeURIComponent("_100%")}`)).total).toBe(1);
    expect((await list(u.key, "?q=nothing-like-it")).total).toBe(0);
    const noSlash = await call("GET", "/api/v1/suppressions?q=navy", { key: u.key });
    expect(noSlash.json.items.map((s: any) => s.value)).toEqual(["grace@navy.mil"]);
  });

  it("removes with 204; removing again is 404", async () => {
    const u = await newUser();
    const keep = (await add(u.key, { value: "keep@example.com" })).json;
    const drop = (await add(u.key, { value: "drop@example.com" })).json;
    const path = `/api/v1/suppressions/${drop.suppression_id}`;
    expect((await call("DELETE", path, { key: u.key })).status).toBe(204);
    expect((await call("DELETE", path, { key: u.key })).status).toBe(404);
    expect((await list(u.key)).items.map((s) => s.suppression_id)).toEqual([keep.suppression_id]);
    // The value can be suppressed again afterwards.
    expect((await add(u.key, { value: "drop@example.com" })).status).toBe(201);
  });

  it("rejects what is neither an address nor a domain with 422", async () => {
    const u = await newUser();
    const bad = [
      "",
      "   ",
      "not an email",
      "ada@",
      "@example.com",
      "ada@@example.com",
      "ada@example",
      "example",
      "exa_mple.com",
      "-example.com",
      "example-.com",
      "example.c",
      "example.c0m",
      "example..com",
      "http://example.com",
      `${"a".repeat(64)}.${"b".repeat(64)}.com`,
    ];
    for (const value of bad) {
      const res = await add(u.key, { value });
      expect(res.status, value).toBe(422);
      expect(res.json.detail).toBe("VALIDATION_ERROR");
      expect(res.json.errors[0].loc).toEqual(["body", "value"]);
    }
    expect((await add(u.key, {})).status).toBe(422);
    expect((await add(u.key, { value: "a@example.com", values: ["b@example.com"] })).status).toBe(422);
    expect((await add(u.key, { value: 42 })).status).toBe(422);
    expect((await list(u.key)).total).toBe(0);
  });
});

describe("suppressions: bulk add", () => {
  it("adds distinct values in request order and counts created and existing", async () => {
    const u = await newUser();
    await add(u.key, { value: "old@example.com" });
    const res = await add(u.key, {
      values: ["New@Example.com", "old@example.com", "spam.test", "new@example.com ", "other@example.com"],
    });
    expect(res.status).toBe(201);
    expect(res.json.created).toBe(3);
    expect(res.json.existing).toBe(1);
    expect(res.json.items.map((s: any) => [s.value, s.kind])).toEqual([
      ["new@example.com", "email"],
      ["old@example.com", "email"],
      ["spam.test", "domain"],
      ["other@example.com", "email"],
    ]);
    expect((await list(u.key)).total).toBe(4);
    const again = await add(u.key, { values: ["spam.test", "OLD@example.com"] });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: 0, existing: 2 });
  });

  it("rejects the whole request when any value is invalid, naming each one", async () => {
    const u = await newUser();
    const res = await add(u.key, { values: ["ok@example.com", "nope", "fine.test", "bad@"] });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.loc)).toEqual([
      ["body", "values", 1],
      ["body", "values", 3],
    ]);
    expect((await list(u.key)).total).toBe(0);
  });

  it("takes up to 1000 values in one request, and no more", async () => {
    const u = await newUser();
    const values = Array.from({ length: 1000 }, (_, i) => `lead${i}@example.com`);
    const res = await add(u.key, { values });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ created: 1000, existing: 0 });
    expect((await list(u.key, "?limit=1")).total).toBe(1000);
    const tooMany = await add(u.key, { values: [...values, "one-more@example.com"] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.errors[0].loc).toEqual(["body", "values"]);
  });
});

describe("suppressions: effect and isolation", () => {
  it("an added domain suppresses the campaign's leads at that domain in preflight", async () => {
    const c = await draftCampaign({
      rows: [
        { email: "ada@example.com", first_name: "Ada", company: "X" },
        { email: "bob@Blocked.test", first_name: "Bob", company: "Y" },
      ],
    });
    expect((await add(c.key, { value: "BLOCKED.test" })).status).toBe(201);
    const res = await call("POST", `/api/v1/campaigns/${c.campaignId}/preflight`, { key: c.key });
    expect(res.json.summary).toMatchObject({ total_rows: 2, launchable_rows: 1 });
    expect(res.json.warnings).toContainEqual(expect.objectContaining({ code: "SUPPRESSED", row_index: 2 }));
  });

  it("another user cannot see or remove a suppression, and keeps a separate list", async () => {
    const owner = await newUser();
    const intruder = await newUser();
    const s = (await add(owner.key, { value: "ada@example.com" })).json;
    expect(
      (await call("DELETE", `/api/v1/suppressions/${s.suppression_id}`, { key: intruder.key })).status,
    ).toBe(404);
    expect(await list(intruder.key)).toMatchObject({ items: [], total: 0 });
    const theirs = await add(intruder.key, { value: "ada@example.com" });
    expect(theirs.status).toBe(201);
    expect(theirs.json.suppression_id).not.toBe(s.suppression_id);
    expect((await list(owner.key)).items.map((x) => x.suppression_id)).toEqual([s.suppression_id]);
  });

  it("requires a key", async () => {
    expect((await call("POST", "/api/v1/suppressions/", { body: { value: "a@example.com" } })).status).toBe(
      401,
    );
  });
});
