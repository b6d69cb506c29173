/** Exit codes: scripts can tell a bad invocation (2) from an API or network failure (1). */
export const EXIT = { ok: 0, apiError: 1, usage: 2, interrupted: 130 } as const;

/** The command line itself is wrong (a missing file, an invalid campaign file, no API key): exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    /** Lines printed under the message (e.g. one per invalid field). */
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** `steps[0].variants[1].template_id` from `["steps", 0, "variants", 1, "template_id"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}
