import type { Alias } from "@cadence/sdk";
import { useState } from "preact/hooks";
import { controlProps, Field } from "../components/field";
import { Loading, Page, TableScroll } from "../components/page";
import { ProblemNotice } from "../components/problem";
import { type Problem, toProblem, useClient } from "../lib/api";
import { placeErrors } from "../lib/field-errors";
import { useResource } from "../lib/use-resource";

type Kind = "capture" | "smtp" | "http";
const FIELDS = [
  "email",
  "display_name",
  "daily_limit",
  "transport",
  "transport.kind",
  "transport.host",
  "transport.port",
  "transport.security",
  "transport.username",
  "transport.password",
  "transport.base_url",
  "transport.api_key",
];

function describeTransport(alias: Alias): string {
  const t = alias.transport;
  if (t.kind === "smtp") return `SMTP ${t.host}:${t.port} (${t.security})`;
  if (t.kind === "http") return `HTTP API ${t.base_url}`;
  return "Capture (kept for inspection, nothing leaves)";
}

function VerifyButton({ aliasId }: { aliasId: string }) {
  const client = useClient();
  const [result, setResult] = useState<string | null>(null);
  const verify = async () => {
    setResult("Checking…");
    try {
      const r = await client.post("/api/v1/aliases/{alias_id}/verify", {
        params: { path: { alias_id: aliasId } },
      });
      setResult(r.ok ? "Works" : `Failed: ${r.error ?? "unknown"}`);
    } catch (error) {
      setResult(`Failed: ${toProblem(error).message}`);
    }
  };
  return (
    <span>
      <button type="button" class="button button--small button--quiet" onClick={verify}>
        Verify
      </button>{" "}
      <span role="status">{result}</span>
    </span>
  );
}

function AliasForm({ onCreated }: { onCreated: () => void }) {
  const client = useClient();
  const [kind, setKind] = useState<Kind>("capture");
  const [form, setForm] = useState<Record<string, string>>({
    daily_limit: "200",
    port: "587",
    security: "starttls",
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: string) => (e: { currentTarget: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.currentTarget.value }));
  const v = (key: string) => form[key] ?? "";
  const optional = (key: string) => (v(key).trim() ? v(key).trim() : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const transport =
      kind === "smtp"
        ? {
            kind,
            host: v("host"),
            port: Number(v("port")),
            security: v("security") as "tls" | "starttls" | "plain",
            username: optional("username"),
            password: optional("password"),
          }
        : kind === "http"
          ? { kind, base_url: optional("base_url"), api_key: optional("api_key") }
          : { kind };
    try {
      await client.post("/api/v1/aliases/", {
        body: {
          email: v("email"),
          display_name: optional("display_name"),
          daily_limit: Number(v("daily_limit")),
          // The API validates the transport; its 422 `loc` points back at these fields.
          transport: transport as never,
        },
      });
      setForm({ daily_limit: "200", port: "587", security: "starttls" });
      onCreated();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const errors = placeErrors(problem?.issues ?? [], FIELDS).byField;
  const text = (key: string, label: string, type = "text", hint?: string) => (
    <Field name={key} label={label} errors={errors.get(key)} hint={hint}>
      <input
        {...controlProps(key, errors.get(key), Boolean(hint))}
        type={type}
        value={v(key.replace("transport.", ""))}
        onInput={set(key.replace("transport.", ""))}
      />
    </Field>
  );
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-sender">
      <h2 id="new-sender">Add a sending mailbox</h2>
      {problem && <ProblemNotice problem={problem} title="Not added." />}
      <div class="grid-3">
        {text("email", "From address", "email")}
        {text("display_name", "Display name")}
        {text("daily_limit", "Daily limit", "number")}
      </div>
      <fieldset>
        <legend>Send through</legend>
        {(
          [
            ["capture", "Capture: keep messages for inspection (local testing)"],
            ["smtp", "SMTP server"],
            ["http", "Resend-compatible HTTP API"],
          ] as const
        ).map(([value, label]) => (
          <label class="choice" key={value}>
            <input
              type="radio"
              name="transport_kind"
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      {kind === "smtp" && (
        <div class="grid-3">
          {text("transport.host", "Host")}
          {text("transport.port", "Port", "number")}
          <Field name="transport.security" label="Security" errors={errors.get("transport.security")}>
            <select
              {...controlProps("transport.security", errors.get("transport.security"))}
              value={v("security")}
              onChange={set("security")}
            >
              <option value="starttls">STARTTLS</option>
              <option value="tls">TLS</option>
              <option value="plain">none (plain)</option>
            </select>
          </Field>
          {text("transport.username", "Username")}
          {text("transport.password", "Password", "password", "Stored encrypted, never shown again.")}
        </div>
      )}
      {kind === "http" && (
        <div class="grid-2">
          {text("transport.base_url", "Base URL", "url", "Default https://api.resend.com")}
          {text("transport.api_key", "API key", "password", "Stored encrypted, never shown again.")}
        </div>
      )}
      <button type="submit" class="button" disabled={busy}>
        Add mailbox
      </button>
    </form>
  );
}

/** Sending mailboxes (aliases): what campaigns send email from. */
export function SendersPage() {
  const list = useResource(
    (client) => client.get("/api/v1/aliases/", { params: { query: { limit: 200 } } }),
    [],
  );
  return (
    <Page title="Senders">
      {list.problem && <ProblemNotice problem={list.problem} title="Could not load the mailboxes." />}
      {list.data?.items.length === 0 && <p class="muted">No sending mailbox yet: add one below.</p>}
      {list.data && list.data.items.length > 0 && (
        <TableScroll label="Sending mailboxes">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Sends through</th>
                <th scope="col">Daily limit</th>
                <th scope="col">Check</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.alias_id}>
                  <th scope="row">{a.display_name ? `${a.display_name} <${a.email}>` : a.email}</th>
                  <td>{describeTransport(a)}</td>
                  <td>{a.daily_limit}</td>
                  <td>
                    <VerifyButton aliasId={a.alias_id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {!list.data && !list.problem && <Loading what="mailboxes" />}
      <AliasForm onCreated={list.reload} />
    </Page>
  );
}
