import { describe, expect, it } from "vitest";
import { campaignBody } from "../../../test/fixtures";
import { call, newUser } from "../../../test/helpers";

const PROFILE_FIELDS = [
  "id",
  "profile_name",
  "sender_data",
  "description",
  "is_default",
  "usage_count",
  "created_at",
  "updated_at",
];

async function create(key: string, body: Record<string, unknown>) {
  return call("POST", "/api/v1/sender-profiles/", { key, body });
}

async function newProfile(key: string, name: string, extra: Record<string, unknown> = {}) {
  const res = await create(key, { profile_name: name, sender_data: { name }, ...extra });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id as string;
}

async function list(key: string) {
  const res = await call("GET", "/api/v1/sender-profiles/", { key });
  expect(res.status).toBe(200);
  return res.json as { items: any[]; total: number; offset: number; limit: number };
}

/** Names of the default profiles, which must always be exactly one while any exist. */
async function defaults(key: string) {
  return (await list(key)).items.filter((p) => p.is_default).map((p) => p.profile_name);
}

describe("sender profiles: CRUD", () => {
  it("creates (the first is the default), gets, lists oldest first, patches and deletes", async () => {
    const u = await newUser();
    const first = await create(u.key, {
      profile_name: "Sam",
      sender_data: { name: "Sam Sender", title: "AE", signature: { lines: ["Sam", "Acme"] } },
      description: "main",
    });
    expect(first.status).toBe(201);
    expect(Object.keys(first.json).sort()).toEqual([...PROFILE_FIELDS].sort());
    expect(first.json).toMatchObject({
      profile_name: "Sam",
      sender_data: { name: "Sam Sender", title: "AE", signature: { lines: ["Sam", "Acme"] } },
      description: "main",
      is_default: true,
      usage_count: 0,
    });
    const second = await create(u.key, { profile_name: "Alex" });
    expect(second.status).toBe(201);
    expect(second.json).toMatchObject({ is_default: false, sender_data: {}, description: null });

    const got = await call("GET", `/api/v1/sender-profiles/${first.json.id}`, { key: u.key });
    expect(got.status).toBe(200);
    expect(got.json).toEqual(first.json);
    const all = await list(u.key);
    expect(all).toMatchObject({ total: 2, offset: 0, limit: 50 });
    expect(all.items.map((p) => p.id)).toEqual([first.json.id, second.json.id]);
    const page = await call("GET", "/api/v1/sender-profiles?offset=1&limit=1", { key: u.key });
    expect(page.json).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(page.json.items.map((p: any) => p.id)).toEqual([second.json.id]);

    const patched = await call("PATCH", `/api/v1/sender-profiles/${first.json.id}`, {
      key: u.key,
      body: { sender_data: { name: "Samantha" }, description: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      profile_name: "Sam",
      sender_data: { name: "Samantha" },
      description: null,
      is_default: true,
    });
    const renamed = await call("PATCH", `/api/v1/sender-profiles/${first.json.id}`, {
      key: u.key,
      body: { profile_name: "Samantha" },
    });
    expect(renamed.json).toMatchObject({ profile_name: "Samantha", sender_data: { name: "Samantha" } });

    expect((await call("DELETE", `/api/v1/sender-profiles/${second.json.id}`, { key: u.key })).status).toBe(
      204,
    );
    expect((await call("GET", `/api/v1/sender-profiles/${second.json.id}`, { key: u.key })).status).toBe(404);
    expect((await call("DELETE", `/api/v1/sender-profiles/${second.json.id}`, { key: u.key })).status).toBe(
      404,
    );
    expect(await defaults(u.key)).toEqual(["Samantha"]);
  });

  it("validates the body", async () => {
    const u = await newUser();
    const noName = await create(u.key, { sender_data: {} });
    expect(noName.status).toBe(422);
    expect(noName.json.errors[0].loc).toEqual(["body", "profile_name"]);
    const notObject = await create(u.key, { profile_name: "x", sender_data: ["a"] });
    expect(notObject.status).toBe(422);
    expect(notObject.json.errors[0].loc).toEqual(["body", "sender_data"]);
    const huge = await create(u.key, { profile_name: "x", sender_data: { blob: "x".repeat(20_000) } });
    expect(huge.status).toBe(422);
    const id = await newProfile(u.key, "ok");
    const unknown = await call("PATCH", `/api/v1/sender-profiles/${id}`, { key: u.key, body: { name: "y" } });
    expect(unknown.status).toBe(422);
    expect((await list(u.key)).total).toBe(1);
  });
});

describe("sender profiles: limit and default", () => {
  it("allows at most 5 per user: the 6th is 409 LIMIT_REACHED and changes nothing", async () => {
    const u = await newUser();
    for (let i = 1; i <= 5; i++) await newProfile(u.key, `p${i}`);
    const sixth = await create(u.key, { profile_name: "p6", is_default: true });
    expect(sixth.status).toBe(409);
    expect(sixth.json.detail).toBe("LIMIT_REACHED");
    const all = await list(u.key);
    expect(all.total).toBe(5);
    // The refused default request must not have taken the default away from p1.
    expect(await defaults(u.key)).toEqual(["p1"]);
    // Deleting one makes room again.
    await call("DELETE", `/api/v1/sender-profiles/${all.items[4].id}`, { key: u.key });
    expect((await create(u.key, { profile_name: "p6" })).status).toBe(201);
  });

  it("racing creates never exceed the limit and leave exactly one default", async () => {
    const u = await newUser();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => create(u.key, { profile_name: `r${i}` })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    expect((await list(u.key)).total).toBe(5);
    expect(await defaults(u.key)).toHaveLength(1);
  });

  it("is_default: true moves the default, on create and on patch", async () => {
    const u = await newUser();
    const a = await newProfile(u.key, "a");
    const b = await newProfile(u.key, "b", { is_default: true });
    expect(await defaults(u.key)).toEqual(["b"]);
    const c = await newProfile(u.key, "c", { is_default: false });
    expect(await defaults(u.key)).toEqual(["b"]);
    const moved = await call("PATCH", `/api/v1/sender-profiles/${c}`, {
      key: u.key,
      body: { is_default: true },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.is_default).toBe(true);
    expect(await defaults(u.key)).toEqual(["c"]);
    const again = await call("PATCH", `/api/v1/sender-profiles/${a}`, {
      key: u.key,
      body: { is_default: true },
    });
    expect(again.json.is_default).toBe(true);
    expect(await defaults(u.key)).toEqual(["a"]);
    // Setting false on a non-default is a no-op; on the default it is refused.
    const noop = await call("PATCH", `/api/v1/sender-profiles/${b}`, {
      key: u.key,
      body: { is_default: false },
    });
    expect(noop.status).toBe(200);
    const refused = await call("PATCH", `/api/v1/sender-profiles/${a}`, {
      key: u.key,
      body: { is_default: false },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.errors[0].loc).toEqual(["body", "is_default"]);
    expect(await defaults(u.key)).toEqual(["a"]);
  });

  it("the first profile is the default even when created with is_default: false", async () => {
    const u = await newUser();
    const res = await create(u.key, { profile_name: "only", is_default: false });
    expect(res.json.is_default).toBe(true);
  });

  it("deleting the default promotes the oldest remaining profile; deleting another keeps it", async () => {
    const u = await newUser();
    const a = await newProfile(u.key, "a");
    await newProfile(u.key, "b");
    const c = await newProfile(u.key, "c");
    await newProfile(u.key, "d", { is_default: true });
    const d = (await list(u.key)).items[3].id;
    expect((await call("DELETE", `/api/v1/sender-profiles/${c}`, { key: u.key })).status).toBe(204);
    expect(await defaults(u.key)).toEqual(["d"]);
    expect((await call("DELETE", `/api/v1/sender-profiles/${d}`, { key: u.key })).status).toBe(204);
    expect(await defaults(u.key)).toEqual(["a"]);
    expect((await call("DELETE", `/api/v1/sender-profiles/${a}`, { key: u.key })).status).toBe(204);
    expect(await defaults(u.key)).toEqual(["b"]);
  });
});

describe("sender profiles: usage_count", () => {
  it("counts the user's campaigns whose variants use the profile, each campaign once", async () => {
    const u = await newUser();
    const p = await newProfile(u.key, "used");
    const q = await newProfile(u.key, "unused");
    const variant = (label: string, profile: string | null) => ({
      label,
      weight: 1,
      type: "TEMPLATE",
      template_id: crypto.randomUUID(),
      sender_profile_id: profile,
    });
    // One campaign uses p in two variants and two steps; another in one variant; a third not at all.
    const twice = await campaignBody(u.userId, {
      steps: [
        { step: 1, channel: "email", variants: [variant("A", p), variant("B", p)] },
        { step: 2, channel: "email", delay_days: 2, variants: [variant("A", p)] },
      ],
    });
    const once = await campaignBody(u.userId, {
      steps: [{ step: 1, channel: "email", variants: [variant("A", null), variant("B", p)] }],
    });
    const none = await campaignBody(u.userId);
    for (const body of [twice, once, none]) {
      expect((await call("POST", "/api/v1/campaigns/", { key: u.key, body })).status).toBe(201);
    }
    // Another user's campaign naming the same id does not count.
    const other = await newUser();
    const foreign = await campaignBody(other.userId, {
      steps: [{ step: 1, channel: "email", variants: [variant("A", p)] }],
    });
    expect((await call("POST", "/api/v1/campaigns/", { key: other.key, body: foreign })).status).toBe(201);

    expect((await call("GET", `/api/v1/sender-profiles/${p}`, { key: u.key })).json.usage_count).toBe(2);
    const counts = Object.fromEntries((await list(u.key)).items.map((x) => [x.id, x.usage_count]));
    expect(counts).toEqual({ [p]: 2, [q]: 0 });
    const patched = await call("PATCH", `/api/v1/sender-profiles/${p}`, {
      key: u.key,
      body: { description: "x" },
    });
    expect(patched.json.usage_count).toBe(2);
  });
});

describe("sender profiles: isolation", () => {
  it("another user gets 404 for get, patch and delete, sees nothing, and has their own limit", async () => {
    const owner = await newUser();
    const intruder = await newUser();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await newProfile(owner.key, `o${i}`));
    const path = `/api/v1/sender-profiles/${ids[0]}`;
    expect((await call("GET", path, { key: intruder.key })).status).toBe(404);
    expect((await call("PATCH", path, { key: intruder.key, body: { is_default: true } })).status).toBe(404);
    expect((await call("DELETE", path, { key: intruder.key })).status).toBe(404);
    expect(await list(intruder.key)).toMatchObject({ items: [], total: 0 });
    const theirs = await create(intruder.key, { profile_name: "mine" });
    expect(theirs.status).toBe(201);
    expect(theirs.json.is_default).toBe(true);
    expect(await defaults(owner.key)).toEqual(["o0"]);
    expect((await list(owner.key)).total).toBe(5);
  });
});
