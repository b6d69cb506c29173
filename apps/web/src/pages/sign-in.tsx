import { useEffect, useState } from "preact/hooks";
import { controlProps, Field } from "../components/field";
import { ProblemNotice } from "../components/problem";
import { connect, type Problem, toProblem } from "../lib/api";
import { storeKey } from "../lib/session";

/** Checks the key against `GET /auth/me` before keeping it (in this tab's session storage only). */
export function SignInPage({ onSignedIn, expired }: { onSignedIn: (key: string) => void; expired: boolean }) {
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    document.title = "Sign in · Cadence";
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const trimmed = key.trim();
    try {
      await connect(trimmed).get("/api/v1/auth/me");
      storeKey(trimmed);
      onSignedIn(trimmed);
    } catch (error) {
      const p = toProblem(error);
      setProblem(
        p.status === 401 ? { ...p, message: "That key was not accepted: check it and try again." } : p,
      );
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1>Sign in to Cadence</h1>
      <p>
        Paste an API key. <code>pnpm dev</code> prints one when it starts; <code>pnpm --silent api-key</code>{" "}
        makes another. The key stays in this tab only and is forgotten when you close it.
      </p>
      <form onSubmit={submit} class="card">
        {expired && !problem && (
          <p class="notice notice--error" role="alert">
            The API no longer accepts the key this tab used: sign in again.
          </p>
        )}
        {problem && <ProblemNotice problem={problem} title="Could not sign in." />}
        <Field name="api_key" label="API key">
          <input
            {...controlProps("api_key")}
            type="password"
            autoComplete="off"
            spellcheck={false}
            required
            placeholder="cad_..."
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button" disabled={busy}>
          {busy ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
