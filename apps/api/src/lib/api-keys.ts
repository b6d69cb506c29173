import { apiKeys, users } from "@cadence/db";
import { randomBase62, sha256Hex } from "./crypto";
import type { Db } from "./db";

export const API_KEY_PREFIX = "cad_";

/** Creates a key for a user and returns the raw key: the only time it exists outside the client. */
export async function issueApiKey(db: Db, userId: string, name: string) {
  const raw = `${API_KEY_PREFIX}${randomBase62(40)}`;
  const row = {
    id: crypto.randomUUID(),
    userId,
    name,
    keyPrefix: raw.slice(0, 12),
    keyHash: await sha256Hex(raw),
    createdAt: new Date(),
  };
  await db.insert(apiKeys).values(row);
  return { raw, row };
}

/** Creates a user with one key (used by the local `api-key` command and the tests). */
export async function createUserWithKey(db: Db, opts: { email?: string | null; name?: string | null } = {}) {
  const userId = crypto.randomUUID();
  await db.insert(users).values({
    id: userId,
    email: opts.email ?? null,
    name: opts.name ?? null,
    createdAt: new Date(),
  });
  const { raw, row } = await issueApiKey(db, userId, "default");
  return { userId, key: raw, keyId: row.id };
}
