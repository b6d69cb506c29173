import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { migrateObjectStorage } from "../lib/object-storage";
import { MIGRATIONS } from "./object/storage";

/** Runs `body` against the SQLite of a fresh campaign object whose storage is rebuilt at `version`. */
async function atVersion(version: number, body: (sql: SqlStorage, migrate: () => void) => void) {
  const stub = env.CAMPAIGN.get(env.CAMPAIGN.idFromName(`storage-test:${crypto.randomUUID()}`));
  await runInDurableObject(stub, (_instance, state: DurableObjectState) => {
    const sql = state.storage.sql;
    const tables = sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
      )
      .toArray();
    for (const { name } of tables) sql.exec(`DROP TABLE ${name}`);
    sql.exec("CREATE TABLE _migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (let v = 1; v <= version; v++) {
      sql.exec(MIGRATIONS[v - 1]!);
      sql.exec("INSERT INTO _migrations (version, applied_at) VALUES (?, 0)", v);
    }
    body(sql, () => migrateObjectStorage(state.storage, MIGRATIONS));
  });
}

describe("campaign object storage migrations", () => {
  it("a campaign stored before migration 4 keeps its actions, events, day counts and state", async () => {
    await atVersion(3, (sql, migrate) => {
      sql.exec(`INSERT INTO actions (action_key, row_index, step, variant, channel, status, attempts, day, claimed_at)
        VALUES ('c:1:1', 1, 1, 'A', 'email', 'sent', 1, '2027-03-01', 10),
               ('c:2:1', 2, 1, 'A', 'email', 'failed', 1, '2027-03-01', 20),
               ('c:3:1', 3, 1, 'A', 'linkedin', 'sent', 1, '2027-03-01', 30),
               ('c:4:1', 4, 1, 'A', 'email', 'claimed', 1, '2027-03-01', 40)`);
      sql.exec(`INSERT INTO events (row_index, type, at, step, data)
        VALUES (1, 'sent', 10, 1, NULL), (1, 'completed', 11, NULL, NULL), (2, 'failed', 20, 1, '{"error":"x"}')`);
      sql.exec("INSERT INTO day_counts (day, count) VALUES ('2027-03-01', 4)");
      sql.exec(`INSERT INTO meta (key, value) VALUES ('status', '"active"'), ('bounces', '1')`);

      migrate();

      expect(sql.exec("SELECT max(version) AS v FROM _migrations").one().v).toBe(MIGRATIONS.length);
      expect(sql.exec("SELECT action_key, status FROM actions ORDER BY action_key").toArray()).toEqual([
        { action_key: "c:1:1", status: "sent" },
        { action_key: "c:2:1", status: "failed" },
        { action_key: "c:3:1", status: "sent" },
        { action_key: "c:4:1", status: "claimed" },
      ]);
      expect(sql.exec("SELECT action_key FROM actions WHERE status = 'claimed'").toArray()).toEqual([
        { action_key: "c:4:1" },
      ]);
      // Migration 6: a send's timeline entry is its action row, so the events copy of it goes.
      expect(sql.exec("SELECT id, type FROM events WHERE row_index = 1 ORDER BY id").toArray()).toEqual([
        { id: 2, type: "completed" },
      ]);
      // New events continue after the copied ones.
      sql.exec("INSERT INTO events (row_index, type, at) VALUES (3, 'sent', 30)");
      expect(sql.exec("SELECT max(id) AS id FROM events").one().id).toBe(4);
      expect(sql.exec("SELECT count FROM day_counts WHERE day = '2027-03-01'").one().count).toBe(4);
      const meta = Object.fromEntries(
        sql
          .exec<{ key: string; value: string }>("SELECT key, value FROM meta")
          .toArray()
          .map((r) => [r.key, JSON.parse(r.value)]),
      );
      // Emails with an outcome (the bounce guardrail's denominator): one sent, one failed.
      expect(meta).toEqual({ status: "active", bounces: 1, email_outcomes: 2 });
    });
  });

  it("a campaign stored before migration 5 keeps its SMTP journal, now in its own table", async () => {
    await atVersion(4, (sql, migrate) => {
      sql.exec(`INSERT INTO meta (key, value) VALUES ('status', '"active"'), ('smtp_committing:c:7:2', '1')`);
      migrate();
      expect(sql.exec("SELECT action_key FROM smtp_journal").toArray()).toEqual([{ action_key: "c:7:2" }]);
      expect(sql.exec("SELECT key FROM meta ORDER BY key").toArray()).toEqual([
        { key: "email_outcomes" },
        { key: "status" },
      ]);
    });
  });

  it("a campaign stored before migration 6 keeps its captured messages, now clustered on their key", async () => {
    await atVersion(5, (sql, migrate) => {
      sql.exec(`INSERT INTO messages (action_key, row_index, step, channel, recipient, subject, text_body, html_body, headers, created_at)
        VALUES ('c:1:1', 1, 1, 'email', 'a@x.test', 'Hi', 'body', NULL, '{}', 10)`);
      migrate();
      expect(sql.exec("SELECT action_key, subject, created_at FROM messages").toArray()).toEqual([
        { action_key: "c:1:1", subject: "Hi", created_at: 10 },
      ]);
      const ddl = sql
        .exec<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'messages'")
        .one().sql;
      expect(ddl).toContain("WITHOUT ROWID");
    });
  });

  it("a fresh object gets every migration once, and migrating again changes nothing", async () => {
    await atVersion(0, (sql, migrate) => {
      migrate();
      migrate();
      expect(sql.exec("SELECT count(*) AS n FROM _migrations").one().n).toBe(MIGRATIONS.length);
      const tables = sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .toArray()
        .map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(["actions", "day_counts", "events", "meta", "leads"]));
      expect(tables.filter((t) => t.endsWith("_v4"))).toEqual([]);
    });
  });
});
