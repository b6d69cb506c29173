import { exports } from "cloudflare:workers";
import { type FixtureValues, fillFixture } from "@cadence/inbound";
import { expect } from "vitest";
import { draftCampaign, driveUntil, launchAt } from "./campaign-fixtures";
import { smtpMessages, smtpPeer, uniqueAddress } from "./delivery-fixtures";
import { call, seedTemplate } from "./helpers";

/** The INBOUND_DOMAIN the `inbound` test project binds. */
export const INBOUND_DOMAIN = "inbound.cadence.test";
export const PLAIN_INBOUND = `replies@${INBOUND_DOMAIN}`;
export const ALIAS_EMAIL = "sam@acme.test";
export const ALIAS_FORWARD_TO = "sam.inbox@acme.test";
export const DAY = 86_400_000;

const emls = import.meta.glob("../../../packages/inbound/fixtures/*.eml", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;
const expectations = import.meta.glob("../../../packages/inbound/fixtures/*.expected.json", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

export interface FixtureExpectation {
  description: string;
  envelope_to: "reply_to" | "bounce_to" | "tampered_reply_to" | "plain_inbound";
  classification: string;
  match: "tag" | "returned_message_id" | "in_reply_to" | "references" | "none";
  details?: Record<string, string>;
  new_text?: string;
}

/** Every fixture message of `packages/inbound/fixtures`, by name, with its expectation. */
export const FIXTURES = Object.entries(emls)
  .map(([path, eml]) => {
    const name = path.slice(path.lastIndexOf("/") + 1).replace(/\.eml$/, "");
    const expected = Object.entries(expectations).find(([p]) => p.endsWith(`/${name}.expected.json`))?.[1];
    if (!expected) throw new Error(`fixture ${name} has no .expected.json`);
    return { name, eml, expected };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

/** A real send's addresses, as the SMTP peer received them. */
export interface SentLead {
  email: string;
  leadId: string;
  rowIndex: number;
  replyTo: string;
  bounceTo: string;
  messageId: string;
}

/** The fixture filled for one sent lead, and the envelope recipient its expectation names. */
export function fixtureFor(f: (typeof FIXTURES)[number], lead: SentLead) {
  const token = lead.replyTo.slice(2, lead.replyTo.indexOf("@"));
  // One character of the token changed: still base32, no longer signed.
  const tampered = `r+${token[0] === "a" ? "b" : "a"}${token.slice(1)}@${INBOUND_DOMAIN}`;
  const values: FixtureValues = {
    lead: lead.email,
    alias: ALIAS_EMAIL,
    reply_to: lead.replyTo,
    bounce_to: lead.bounceTo,
    tampered_reply_to: tampered,
    plain_inbound: PLAIN_INBOUND,
    message_id: lead.messageId,
  };
  const expected = JSON.parse(fillFixture(f.expected, values)) as FixtureExpectation;
  return { raw: fillFixture(f.eml, values), to: values[expected.envelope_to], expected };
}

/** What a ForwardableEmailMessage was asked to do. */
export interface EmailCalls {
  forwarded: { to: string; headers: Record<string, string> }[];
  rejected: string[];
}

/**
 * A ForwardableEmailMessage as Email Routing hands it over: the raw bytes as a stream, the parsed
 * top-level headers, and `forward` / `setReject` that record what the Worker asked for. A plain
 * object, so it crosses the RPC boundary into the Worker (its functions become stubs). Like the
 * platform, `forward` accepts only X- headers.
 */
export function inboundEmail(from: string, to: string, raw: string) {
  const bytes = new TextEncoder().encode(raw);
  const calls: EmailCalls = { forwarded: [], rejected: [] };
  const headerBlock = raw.slice(0, raw.search(/\r?\n\r?\n/));
  const headers = new Headers();
  for (const line of headerBlock.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const message = {
    from,
    to,
    headers,
    rawSize: bytes.length,
    raw: new Response(bytes).body!,
    setReject(reason: string) {
      calls.rejected.push(reason);
    },
    async forward(rcptTo: string, extra?: Headers) {
      const added: Record<string, string> = {};
      for (const [name, value] of extra?.entries() ?? []) {
        if (!/^x-/i.test(name)) throw new Error(`forward: only X- headers may be added, got ${name}`);
        added[name.toLowerCase()] = value;
      }
      calls.forwarded.push({ to: rcptTo, headers: added });
      return { messageId: `<fwd-${crypto.randomUUID()}@email.test>` };
    },
    async reply() {
      throw new Error("Cadence never auto-replies to inbound mail");
    },
  };
  return { message, calls };
}

/** Hands a message to the Worker's real `email()` entry point, as Email Routing would. */
export async function deliverEmail(from: string, to: string, raw: string): Promise<EmailCalls> {
  const { message, calls } = inboundEmail(from, to, raw);
  await (exports.default as unknown as { email(m: unknown): Promise<void> }).email(message);
  return calls;
}

/**
 * A campaign whose first step went out over real SMTP on loopback to `count` leads (two steps, the
 * second two days later), from an alias with a `forward_to`. Returns each lead's real Reply-To,
 * envelope sender and Message-ID as the SMTP peer received them.
 */
export async function sentCampaign(
  count: number,
  opts: {
    forwardTo?: string | null;
    /** The leads' addresses (default: `count` unique ones at one domain). */
    emails?: string[];
    /** More campaign fields set before launch (e.g. `stop_on_reply_scope`). */
    campaign?: Record<string, unknown>;
    /** Step 1's variants (default: one variant "A" of the campaign's template). */
    firstStepVariants?: (c: { templateId: string; userId: string }) => Promise<unknown[]>;
    /** More step fields (e.g. `auto_winner`), by step. */
    stepExtra?: (step: number) => Record<string, unknown>;
    /** Drive only until this many first emails went out (the rest are sent by driving further). */
    sendFirst?: number;
  } = {},
) {
  const emails = opts.emails ?? Array.from({ length: count }, (_, i) => uniqueAddress(`lead${i + 1}`));
  const c = await draftCampaign({
    rows: emails.map((email, i) => ({ email, first_name: `Lead${i + 1}`, company: "Engines" })),
    subject: "Hello {{first_name}}",
  });
  const followUp = await seedTemplate(c.userId, { subject: "", body: "Any thoughts? {{unsubscribe_url}}" });
  const alias = await call("POST", "/api/v1/aliases/", {
    key: c.key,
    body: {
      email: ALIAS_EMAIL,
      display_name: "Sam Sender",
      daily_limit: 1000,
      forward_to: opts.forwardTo === undefined ? ALIAS_FORWARD_TO : opts.forwardTo,
      transport: {
        kind: "smtp",
        host: smtpPeer.host,
        port: smtpPeer.port,
        security: "plain",
        username: smtpPeer.username,
        password: smtpPeer.password,
      },
    },
  });
  expect(alias.status, alias.text).toBe(201);
  const firstVariants = await opts.firstStepVariants?.(c);
  const step = (n: number, templateId: string) => ({
    step: n,
    delay_days: n === 1 ? 0 : 2,
    channel: "email",
    variants: (n === 1 ? firstVariants : undefined) ?? [
      { label: "A", weight: 1, type: "TEMPLATE", template_id: templateId },
    ],
    ...opts.stepExtra?.(n),
  });
  const patched = await call("PATCH", `/api/v1/campaigns/${c.campaignId}`, {
    key: c.key,
    body: {
      alias_ids: [alias.json.alias_id],
      steps: [step(1, c.templateId), step(2, followUp)],
      ...opts.campaign,
    },
  });
  expect(patched.status, patched.text).toBe(200);
  // The campaign's clock starts at the real time, so sends and replies (stamped when they arrive) line up.
  const start = Date.now();
  const stub = await launchAt(c, start);
  // One email a minute (min_interval_seconds: 60): the n-th goes out (n - 1) minutes after the start.
  await driveUntil(
    stub,
    opts.sendFirst ? start + (opts.sendFirst - 1) * 60_000 + 30_000 : start + emails.length * 61_000,
  );
  const sent = await sentLeads(c, emails.slice(0, opts.sendFirst ?? emails.length));
  return { ...c, stub, start, aliasId: alias.json.alias_id as string, leads: sent, emails };
}

/** The leads at these addresses, with the addresses their first email carried (it must have gone out). */
export async function sentLeads(
  c: { key: string; campaignId: string },
  emails: string[],
): Promise<SentLead[]> {
  const leads = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads?limit=200`, { key: c.key })).json
    .items as any[];
  const sent: SentLead[] = [];
  for (const email of emails) {
    const [msg] = await smtpMessages(email);
    expect(msg, `first step to ${email}`).toBeDefined();
    const lead = leads.find((l) => l.email === email);
    sent.push({
      email,
      leadId: lead.campaign_lead_id,
      rowIndex: lead.row_index,
      replyTo: /<([^<>]+)>$/.exec(msg!.headers["reply-to"]!)![1]!,
      bounceTo: msg!.envelope.from,
      messageId: msg!.message_id!,
    });
  }
  return sent;
}

/** One lead as the API shows it. */
export async function leadView(c: { key: string; campaignId: string }, leadId: string) {
  const items = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads?limit=200`, { key: c.key })).json
    .items as any[];
  return items.find((l) => l.campaign_lead_id === leadId);
}

export async function inbox(key: string, query = "") {
  const res = await call("GET", `/api/v1/inbox${query}`, { key });
  expect(res.status, res.text).toBe(200);
  return res.json as { items: any[]; total: number; offset: number; limit: number };
}
