import { describe, expect, it } from "vitest";
import {
  aLinkedInAction,
  linkedInActions,
  linkedInFault,
  linkedInProvider,
  linkedInRequests,
  uniqueProfile,
} from "../../test/delivery-fixtures";
import { DEFAULT_LINKEDIN_COOLDOWN_MS, LinkedInChannel, profileIdentifier } from "./linkedin";

const channel = (opts: { timeoutMs?: number; apiKey?: string; cooldownMs?: number } = {}) =>
  new LinkedInChannel(
    {
      provider: "unipile",
      baseUrl: linkedInProvider.url,
      apiKey: opts.apiKey ?? linkedInProvider.apiKey,
      accountId: linkedInProvider.accountId,
    },
    { timeoutMs: opts.timeoutMs ?? 5_000, ...(opts.cooldownMs ? { cooldownMs: opts.cooldownMs } : {}) },
  );

describe("LinkedIn channel: each action", () => {
  it("connection_request: looks the profile up, invites with the note under the action key", async () => {
    const who = uniqueProfile("ada");
    const action = aLinkedInAction(who, "connection_request");
    const outcome = await channel().send(action);
    const [done, ...rest] = await linkedInActions(who);
    expect(rest).toEqual([]);
    expect(outcome).toEqual({ kind: "sent", providerId: done.id });
    expect(done).toMatchObject({
      type: "connection_request",
      account_id: linkedInProvider.accountId,
      idempotency_key: action.key,
      text: action.text,
    });
    expect((await linkedInRequests(who)).map((r) => `${r.method} ${r.path} ${r.outcome}`)).toEqual([
      `GET /api/v1/users/${who} looked_up`,
      "POST /api/v1/users/invite performed",
    ]);
  });

  it("connection_request without a note, and a note of exactly 300 characters, are sent", async () => {
    const bare = uniqueProfile("bare");
    expect((await channel().send(aLinkedInAction(bare, "connection_request", { text: null }))).kind).toBe(
      "sent",
    );
    expect((await linkedInActions(bare))[0].text).toBeNull();
    const full = uniqueProfile("full");
    expect(
      (await channel().send(aLinkedInAction(full, "connection_request", { text: "é".repeat(300) }))).kind,
    ).toBe("sent");
  });

  it("message and inmail start a chat; inmail carries the subject and the InMail flag", async () => {
    const who = uniqueProfile("grace");
    const message = aLinkedInAction(who, "message");
    const inmail = aLinkedInAction(who, "inmail");
    expect(await channel().send(message)).toMatchObject({ kind: "sent" });
    expect(await channel().send(inmail)).toMatchObject({ kind: "sent" });
    const done = await linkedInActions(who);
    expect(done.map((a) => [a.type, a.idempotency_key, a.text, a.subject])).toEqual([
      ["message", message.key, message.text, null],
      ["inmail", inmail.key, inmail.text, "Engines"],
    ]);
  });

  it("profile_visit: the lookup under the action key is the visit", async () => {
    const who = uniqueProfile("visit");
    const action = aLinkedInAction(who, "profile_visit");
    const outcome = await channel().send(action);
    const [visit] = await linkedInActions(who);
    expect(visit).toMatchObject({
      type: "profile_visit",
      idempotency_key: action.key,
      account_id: linkedInProvider.accountId,
    });
    expect(outcome).toEqual({ kind: "sent", providerId: visit.provider_id });
  });
});

describe("LinkedIn channel: failures", () => {
  it("a note over 300 characters is permanent and nothing is called", async () => {
    const who = uniqueProfile("long");
    const outcome = await channel().send(
      aLinkedInAction(who, "connection_request", { text: "x".repeat(301) }),
    );
    expect(outcome).toEqual({
      kind: "permanent",
      error: "A connection note is at most 300 characters (this one has 301)",
    });
    expect(await linkedInRequests(who)).toEqual([]);
  });

  it("an empty message and a URL that is not a LinkedIn profile are permanent", async () => {
    expect(await channel().send(aLinkedInAction(uniqueProfile("e"), "message", { text: "  " }))).toEqual({
      kind: "permanent",
      error: "The message text is empty",
    });
    const outcome = await channel().send(
      aLinkedInAction("x", "message", { profileUrl: "https://example.com/in/ada" }),
    );
    expect(outcome).toEqual({
      kind: "permanent",
      error: "Not a LinkedIn profile URL: https://example.com/in/ada",
    });
  });

  it("429 is transient with the provider's Retry-After, or the cooldown when it gives none", async () => {
    const who = uniqueProfile("throttled");
    await linkedInFault(who, "rate_limit");
    expect(await channel().send(aLinkedInAction(who, "message"))).toEqual({
      kind: "transient",
      error: "429: Account is rate limited",
      retryAfterMs: 90_000,
      throttled: true,
    });
    await linkedInFault(who, "rate_limit_bare");
    expect(await channel().send(aLinkedInAction(who, "connection_request"))).toMatchObject({
      kind: "transient",
      retryAfterMs: DEFAULT_LINKEDIN_COOLDOWN_MS,
      throttled: true,
    });
    await linkedInFault(who, "rate_limit_bare");
    expect(await channel({ cooldownMs: 5_000 }).send(aLinkedInAction(who, "profile_visit"))).toMatchObject({
      kind: "transient",
      retryAfterMs: 5_000,
    });
    expect(await linkedInActions(who)).toEqual([]);
  });

  it("500 and a timeout are transient", async () => {
    const who = uniqueProfile("down");
    await linkedInFault(who, "server_error");
    expect(await channel().send(aLinkedInAction(who, "message"))).toEqual({
      kind: "transient",
      error: "500: Provider down",
    });
    await linkedInFault(who, "timeout");
    const outcome = await channel({ timeoutMs: 300 }).send(aLinkedInAction(who, "message"));
    expect(outcome).toMatchObject({ kind: "transient" });
    expect(outcome.kind === "transient" && outcome.error).toMatch(/within 300 ms/);
  });

  it("an unknown profile and a wrong API key are permanent with the provider's words", async () => {
    const who = uniqueProfile("ghost");
    await linkedInFault(who, "not_found");
    expect(await channel().send(aLinkedInAction(who, "message"))).toEqual({
      kind: "permanent",
      error: "404: User not found",
    });
    expect(await channel({ apiKey: "wrong" }).send(aLinkedInAction(uniqueProfile("k"), "message"))).toEqual({
      kind: "permanent",
      error: "401: Invalid API key",
    });
  });

  it("performed but the answer lost: reconcile repeats it under the key and gets 'sent', performed once", async () => {
    const who = uniqueProfile("lost");
    await linkedInFault(who, "lose_response");
    const action = aLinkedInAction(who, "connection_request");
    expect((await channel().send(action)).kind).toBe("transient");
    expect(await channel().reconcile(action.key, action)).toBe("sent");
    expect(await linkedInActions(who)).toHaveLength(1);
    expect((await linkedInRequests(who)).map((r) => r.outcome)).toEqual([
      "looked_up",
      "performed_then_dropped",
      "looked_up",
      "replayed",
    ]);
  });

  it("reconcile: unknown without the action, not_sent for an action refused before any call", async () => {
    const action = aLinkedInAction(uniqueProfile("r"), "message");
    expect(await channel().reconcile(action.key)).toBe("unknown");
    const long = aLinkedInAction(uniqueProfile("r"), "connection_request", { text: "x".repeat(400) });
    expect(await channel().reconcile(long.key, long)).toBe("not_sent");
  });
});

describe("profileIdentifier", () => {
  it("reads public identifiers from profile URLs", () => {
    expect(profileIdentifier("https://www.linkedin.com/in/ada-lovelace/")).toBe("ada-lovelace");
    expect(profileIdentifier("linkedin.com/in/ada%C3%A9?trk=x")).toBe("adaé");
    expect(profileIdentifier("ACoAAB12cd")).toBe("ACoAAB12cd");
    expect(profileIdentifier("https://www.linkedin.com/company/acme")).toBeNull();
    expect(profileIdentifier("https://evil.test/in/ada")).toBeNull();
    expect(profileIdentifier("")).toBeNull();
  });
});
