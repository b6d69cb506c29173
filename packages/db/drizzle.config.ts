import { defineConfig } from "drizzle-kit";

// One migrations folder serves drizzle-kit (out), wrangler (migrations_dir) and the tests.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/schema/index.ts",
  out: "./migrations",
});
