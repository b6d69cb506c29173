// The one place that turns the OpenAPI document into TypeScript types, used by `generate.mjs` (which
// writes them) and by the sync test (which regenerates them in memory and compares).
import openapiTS, { astToString } from "openapi-typescript";

const HEADER = `// Generated from packages/sdk/openapi.json by openapi-typescript. Do not edit:
// after changing a route, run \`pnpm --filter @cadence/sdk generate\`.

`;

/** The contents of src/generated/openapi.d.ts for `doc` (a parsed OpenAPI 3.1 document). */
export async function renderTypes(doc) {
  // A property with a default stays optional: the same schemas type request bodies, where the server
  // fills the default in (a variant's `weight`, a step's `delay_days`).
  return HEADER + astToString(await openapiTS(doc, { defaultNonNullable: false }));
}
