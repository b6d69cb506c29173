import { apiKeys, users } from "@cadence/db";
import { randomBase62, sha256Hex } from "./crypto";
import type { Db } from "./db";

export const API_KEY_PREFIX = "cad_";

/** A new raw key and the row that stores its hash; the raw key exists outside the client only now. */
async function newApiKey(userId: string, name: string) {
  const raw = `${API_KEY_PREFIX}${randomBase62(40)}`;
  const row = {
    id: crypto.randomUUID(),
    userId,
    name,
    keyPrefix: raw.slice(0, 12),
    keyHash: await sha256Hex(raw),
    createdAt: new Date(),
  };
  return { raw, row };
}

/** Creates a key for a user and returns the raw key: the only time it exists outside the client. */
export async function issueApiKey(db: Db, userId: string, name: string) {
  const key = await newApiKey(userId, name);
  await db.insert(apiKeys).values(key.row);
  return key;
}

/**
 * Creates a user with its first key in one batch (both rows or neither): the admin API, the tests.
 * Returns the raw key, shown once.
 */
export async function createUserWithKey(
  db: Db,
  opts: { email?: string | null; name?: string | null; keyName?: string } = {},
) {
  const user = {
    id: crypto.randomUUID(),
    email: opts.email ?? null,
    name: opts.name ?? null,
    createdAt: new Date(),
  };
  const { raw, row } = await newApiKey(user.id, opts.keyName ?? "default");
  await db.batch([db.insert(users).values(user), db.insert(apiKeys).values(row)]);
  return { userId: user.id, key: raw, keyId: row.id, user, keyRow: row };
}
