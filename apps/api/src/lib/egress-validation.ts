import type { BaseEnv } from "../base-env";
import { validationError } from "../errors";
import { egressProblem } from "./egress";

/**
 * 422 VALIDATION_ERROR on `loc` when a deployment may not reach `target` (a URL, or an SMTP host with
 * `kind: "host"`): the egress policy of egress.ts. Local development reaches anything. For every
 * tenant-configured destination: webhook URLs, provider base URLs, SMTP hosts, an AI provider's base
 * URL. (Kept apart from egress.ts so that Durable Objects can use the policy without the HTTP errors.)
 */
export function assertEgressAllowed(
  env: Pick<BaseEnv, "ENVIRONMENT">,
  target: string,
  loc: (string | number)[],
  kind: "url" | "host" = "url",
): void {
  const problem = egressProblem(env, target, kind);
  if (problem) throw validationError([{ loc, msg: `must be a public host: ${problem}`, type: "egress" }]);
}
