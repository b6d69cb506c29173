import type { Problem } from "../lib/api";
import { fieldId, issueKey } from "../lib/field-errors";

/** An API error as an alert: its sentence, its code and the request id to quote. */
export function ProblemNotice({ problem, title }: { problem: Problem; title?: string }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>
        <strong>{title ?? "Something went wrong."}</strong> {problem.message}
      </p>
      {(problem.code || problem.requestId) && (
        <p class="muted small">
          {problem.code && <code>{problem.code}</code>}
          {problem.requestId && <> · request {problem.requestId}</>}
        </p>
      )}
    </div>
  );
}

/**
 * The summary of a 422 at the top of a form: every issue, each linked to its field when the form has
 * one (issues no field owns are listed with their location).
 */
export function ValidationSummary({ problem, placedKeys }: { problem: Problem; placedKeys: Set<string> }) {
  return (
    <div class="notice notice--error" role="alert" tabIndex={-1} id="validation-summary">
      <p>
        <strong>
          {problem.issues.length === 1 ? "One field needs attention" : "Some fields need attention"}:
        </strong>
      </p>
      <ul>
        {problem.issues.map((issue) => {
          const key = issueKey(issue);
          const owner = [...placedKeys]
            .filter((k) => key === k || key.startsWith(`${k}.`))
            .sort((a, b) => b.length - a.length)[0];
          return (
            <li key={`${key}:${issue.msg}`}>
              {owner ? (
                <a href={`#${fieldId(owner)}`}>{key || "request"}</a>
              ) : (
                <code>{key || "request"}</code>
              )}
              : {issue.msg}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
