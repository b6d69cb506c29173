import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import type { OutboundEmail, OutboundLinkedIn } from "../src/channels/types";
import type {
  EmailProviderFault,
  LinkedInProviderFault,
  ReceivedMessage,
  SmtpFault,
} from "./peers/peer-types";

export const smtpPeer = inject("smtp");
export const emailProvider = inject("emailProvider");
export const linkedInProvider = inject("linkedInProvider");
const peerUrl = inject("peerUrl");

/** A recipient no other test uses, so peers' records and faults never cross between tests. */
export const uniqueAddress = (tag: string) => `${tag}-${crypto.randomUUID().slice(0, 8)}@leads.test`;
export const uniqueProfile = (tag: string) => `${tag}-${crypto.randomUUID().slice(0, 8)}`;

export async function smtpMessages(to: string): Promise<ReceivedMessage[]> {
  const res = await fetch(`${peerUrl}/smtp/messages?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { messages: ReceivedMessage[] }).messages;
}

export async function smtpFault(to: string, fault: SmtpFault, times = 1) {
  const res = await fetch(`${peerUrl}/smtp/faults`, {
    method: "POST",
    body: JSON.stringify({ to, fault, times }),
  });
  expect(res.status).toBe(204);
}

export async function providerEmails(to: string): Promise<any[]> {
  return (
    (await (await fetch(`${emailProvider.url}/__peer/emails?to=${encodeURIComponent(to)}`)).json()) as any
  ).emails;
}

export async function providerRequests(to: string): Promise<any[]> {
  return (
    (await (await fetch(`${emailProvider.url}/__peer/requests?to=${encodeURIComponent(to)}`)).json()) as any
  ).requests;
}

export async function providerFault(to: string, fault: EmailProviderFault, times = 1) {
  const res = await fetch(`${emailProvider.url}/__peer/faults`, {
    method: "POST",
    body: JSON.stringify({ to, fault, times }),
  });
  expect(res.status).toBe(204);
}

export async function linkedInActions(identifier: string): Promise<any[]> {
  const url = `${linkedInProvider.url}/__peer/actions?identifier=${encodeURIComponent(identifier)}`;
  return ((await (await fetch(url)).json()) as any).actions;
}

export async function linkedInRequests(identifier: string): Promise<any[]> {
  const url = `${linkedInProvider.url}/__peer/requests?identifier=${encodeURIComponent(identifier)}`;
  return ((await (await fetch(url)).json()) as any).requests;
}

export async function linkedInFault(identifier: string, fault: LinkedInProviderFault, times = 1) {
  const res = await fetch(`${linkedInProvider.url}/__peer/faults`, {
    method: "POST",
    body: JSON.stringify({ identifier, fault, times }),
  });
  expect(res.status).toBe(204);
}

/** SMTP settings for the loopback peer (plain text + AUTH, as it offers no STARTTLS). */
export const smtpSettings = (overrides: Partial<{ password: string; port: number; security: any }> = {}) => ({
  host: smtpPeer.host,
  port: overrides.port ?? smtpPeer.port,
  security: overrides.security ?? ("plain" as const),
  username: smtpPeer.username,
  password: overrides.password ?? smtpPeer.password,
});

export function anEmail(to: string, overrides: Partial<OutboundEmail> = {}): OutboundEmail {
  const key = `${crypto.randomUUID()}:1:2`;
  return {
    kind: "email",
    key,
    from: { email: "sam@acme.test", name: "Sam Sender" },
    to,
    subject: "Quick question",
    text: "Hi Ada,\nshall we talk?\n.\nA line that starts with a dot, above.",
    html: "<p>Hi Ada,</p><p>shall we talk?</p>",
    headers: {
      "Message-ID": `<${key.replaceAll(":", ".")}@acme.test>`,
      "In-Reply-To": "<first.1@acme.test>",
      References: "<first.1@acme.test>",
      "List-Unsubscribe": "<https://cadence.test/u/token123>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    ...overrides,
  };
}

export function aLinkedInAction(
  identifier: string,
  actionType: OutboundLinkedIn["actionType"],
  overrides: Partial<OutboundLinkedIn> = {},
): OutboundLinkedIn {
  return {
    kind: "linkedin",
    key: `${crypto.randomUUID()}:3:1`,
    actionType,
    profileUrl: `https://www.linkedin.com/in/${identifier}/`,
    text: actionType === "profile_visit" ? null : "Hi Ada, loved your note on engines.",
    subject: actionType === "inmail" ? "Engines" : null,
    ...overrides,
  };
}

/** Inserts a campaign row in the given status straight into D1 (the campaign routes are tested on their own). */
export async function seedCampaignUsing(
  userId: string,
  opts: { status: string; aliasIds?: string[]; connectedAccountId?: string | null },
): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO campaigns (id, user_id, dataset_id, name, type, status, launch_type, daily_limit,
       sending_window_start, sending_window_end, min_interval_seconds, timezone, send_days, steps_config,
       alias_ids, connected_account_id, unreviewed_launch_policy, created_at, updated_at)
     VALUES (?, ?, ?, 'c', 'email', ?, 'immediate', 50, '09:00:00', '17:00:00', 300, 'UTC', '["mon"]', '[]', ?, ?, 'launch_default', ?, ?)`,
  )
    .bind(
      id,
      userId,
      crypto.randomUUID(),
      opts.status,
      JSON.stringify(opts.aliasIds ?? []),
      opts.connectedAccountId ?? null,
      Date.now(),
      Date.now(),
    )
    .run();
  return id;
}

/** The raw text of a response must never carry a secret or anything that looks like its ciphertext. */
export function expectNoSecrets(text: string, secrets: string[]) {
  expect(text.length).toBeGreaterThan(0);
  for (const s of secrets) expect(text).not.toContain(s);
  // Stored secrets look like v1.<iv>.<ciphertext>.
  expect(text).not.toContain("v1.");
}
