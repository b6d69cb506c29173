// `pnpm -s api-key`: create a user in the local D1 and print a ready API key on stdout, nothing else.
import { createLocalUserKey, migrateLocal } from "./local.mjs";

try {
  migrateLocal();
  const { key } = createLocalUserKey();
  process.stdout.write(`${key}\n`);
} catch (err) {
  process.stderr.write(`could not create a local API key: ${err.stderr ?? err.message}\n`);
  process.exit(1);
}
