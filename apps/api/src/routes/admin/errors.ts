import { ErrorResponse } from "@cadence/contract";
import { commonErrors } from "../../errors";

const errorContent = { "application/json": { schema: ErrorResponse } };

/** Error responses of every admin route: the common ones, with the operator token's wording. */
export const adminErrors = {
  ...commonErrors,
  401: {
    description: "Missing or wrong admin token (UNAUTHORIZED); a user's API key is refused too",
    content: errorContent,
  },
  403: { description: "ADMIN_TOKEN is not set on this deployment (ADMIN_DISABLED)", content: errorContent },
  429: {
    description:
      "More admin requests a minute from this address than ADMIN_RATE_LIMIT_PER_MINUTE (RATE_LIMITED)",
    content: errorContent,
  },
} as const;

/** The security requirement of admin routes (the scheme is registered in app.ts). */
export const adminSecurity = [{ adminToken: [] }];
