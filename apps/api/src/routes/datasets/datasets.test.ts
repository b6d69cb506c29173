import { env } from "cloudflare:workers";
import { LIVE_STATUSES } from "@cadence/contract";
import { describe, expect, it } from "vitest";
import { campaignBody } from "../../../test/fixtures";
import { call, newUser } from "../../../test/helpers";
import { ABANDONED_IMPORT_MS } from "../../datasets/store";

const RESPONSE_FIELDS = ["columns", "created_at", "dataset_id", "name", "row_count"];

function postCsv(key: string, csv: BodyInit, opts: { name?: string; headers?: Record<string, string> } = {}) {
  const query = opts.name === undefined ? "" : `?name=${encodeURIComponent(opts.name)}`;
  return call("POST", `/api/v1/datasets/${query}`, {
    key,
    rawBody: csv,
    headers: { "content-type": "text/csv", ...opts.headers },
  });
}

/** Every dataset of the user in D1, whatever its status (an import left half-done would show here). */
async function datasetsInD1(userId: string) {
  const r = await env.DB.prepare("SELECT id, status FROM datasets WHERE user_id = ?").bind(userId).all();
  return r.results;
}

/** dataset_rows whose data contains `marker`, whichever dataset id they were written under. */
async function rowsInD1(marker: string) {
  const r = await env.DB.prepare("SELECT count(*) AS n FROM dataset_rows WHERE data LIKE ?")
    .bind(`%${marker}%`)
    .first<{ n: number }>();
  return r!.n;
}

async function expectNothingLeft(userId: string, marker: string) {
  expect(await datasetsInD1(userId)).toEqual([]);
  expect(await rowsInD1(marker)).toBe(0);
}

describe("datasets: happy path", () => {
  it("imports a CSV, gets, lists, pages its rows and deletes it", async () => {
    const u = await newUser();
    const csv =
      "email,first_name,company\nada@example.com,Ada,Analytical\ngrace@example.com,Grace,Navy\nalan@example.com,Alan,Bletchley\n";
    const created = await postCsv(u.key, csv, { name: "Q4 leads" });
    expect(created.status).toBe(201);
    expect(Object.keys(created.json).sort()).toEqual(RESPONSE_FIELDS);
    expect(created.json).toMatchObject({
      name: "Q4 leads",
      row_count: 3,
      columns: [
        { header: "email", key: "email" },
        { header: "first_name", key: "first_name" },
        { header: "company", key: "company" },
      ],
    });
    expect(created.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const id = created.json.dataset_id;

    const got = await call("GET", `/api/v1/datasets/${id}`, { key: u.key });
    expect(got.status).toBe(200);
    expect(got.json).toEqual(created.json);

    // Newest first: a later millisecond for the second import.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = (
      await call("POST", "/api/v1/datasets", { key: u.key, body: { name: "B", rows: [{ a: "1" }] } })
    ).json;
    const list = await call("GET", "/api/v1/datasets/", { key: u.key });
    expect(list.json).toMatchObject({ total: 2, offset: 0, limit: 50 });
    expect(list.json.items.map((d: any) => d.dataset_id)).toEqual([second.dataset_id, id]);
    const page = await call("GET", "/api/v1/datasets?offset=1&limit=1", { key: u.key });
    expect(page.json).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(page.json.items).toEqual([created.json]);

    const rows = await call("GET", `/api/v1/datasets/${id}/rows?offset=1&limit=2`, { key: u.key });
    expect(rows.status).toBe(200);
    expect(rows.json).toEqual({
      items: [
        { row_index: 2, data: { email: "grace@example.com", first_name: "Grace", company: "Navy" } },
        { row_index: 3, data: { email: "alan@example.com", first_name: "Alan", company: "Bletchley" } },
      ],
      total: 3,
      offset: 1,
      limit: 2,
    });
    const firstPage = await call("GET", `/api/v1/datasets/${id}/rows`, { key: u.key });
    expect(firstPage.json.items.map((r: any) => r.row_index)).toEqual([1, 2, 3]);
    expect(firstPage.json.limit).toBe(50);

    expect((await call("DELETE", `/api/v1/datasets/${id}`, { key: u.key })).status).toBe(204);
    expect((await call("GET", `/api/v1/datasets/${id}`, { key: u.key })).status).toBe(404);
    expect((await call("GET", `/api/v1/datasets/${id}/rows`, { key: u.key })).status).toBe(404);
    expect((await call("DELETE", `/api/v1/datasets/${id}`, { key: u.key })).status).toBe(404);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM dataset_rows WHERE dataset_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(left!.n).toBe(0);
  });

  it("maps well-known headers case- and punctuation-insensitively and keeps the rest as merge fields", async () => {
    const u = await newUser();
    const csv =
      "E-mail,FIRST NAME,last-name,Company,Title,Job Title,LinkedIn URL,Time Zone,Plan (tier),Prénom\n" +
      "ada@example.com,Ada,Lovelace,Analytical,Countess,Programmer,https://linkedin.com/in/ada,Europe/London,pro,Ada\n";
    const res = await postCsv(u.key, csv, { name: "mapped" });
    expect(res.status).toBe(201);
    expect(res.json.columns).toEqual([
      { header: "E-mail", key: "email" },
      { header: "FIRST NAME", key: "first_name" },
      { header: "last-name", key: "last_name" },
      { header: "Company", key: "company" },
      { header: "Title", key: "title" },
      // "Job Title" means `title` only when no column is called that; here it stays a merge field.
      { header: "Job Title", key: "job_title" },
      { header: "LinkedIn URL", key: "linkedin_url" },
      { header: "Time Zone", key: "timezone" },
      { header: "Plan (tier)", key: "plan_tier" },
      { header: "Prénom", key: "prénom" },
    ]);
    const rows = await call("GET", `/api/v1/datasets/${res.json.dataset_id}/rows`, { key: u.key });
    expect(rows.json.items[0].data).toEqual({
      email: "ada@example.com",
      first_name: "Ada",
      last_name: "Lovelace",
      company: "Analytical",
      title: "Countess",
      job_title: "Programmer",
      linkedin_url: "https://linkedin.com/in/ada",
      timezone: "Europe/London",
      plan_tier: "pro",
      prénom: "Ada",
    });

    const synonyms = await postCsv(u.key, "EMAIL,first-name,Email Address ,Job Title,LinkedIn\na,b,c,d,e\n", {
      name: "synonyms",
    });
    expect(synonyms.status).toBe(201);
    expect(synonyms.json.columns.map((c: any) => c.key)).toEqual([
      "email",
      "first_name",
      "email_address",
      "title",
      "linkedin_url",
    ]);
  });

  it("parses quotes, embedded newlines, CRLF and a BOM", async () => {
    const u = await newUser();
    const csv =
      '\uFEFFEmail,Name,Note\r\n"ada@example.com","Lovelace, Ada","said ""hi""\r\nthen left"\r\n' +
      "\r\n" +
      "grace@example.com,Grace Hopper,\r\n" +
      'zoë@example.com,"Zoë 🚀","one\ntwo"\r\n';
    const res = await postCsv(u.key, csv, { name: "tricky" });
    expect(res.status).toBe(201);
    expect(res.json.columns[0]).toEqual({ header: "Email", key: "email" });
    expect(res.json.row_count).toBe(3);
    const rows = await call("GET", `/api/v1/datasets/${res.json.dataset_id}/rows`, { key: u.key });
    expect(rows.json.items).toEqual([
      {
        row_index: 1,
        data: { email: "ada@example.com", name: "Lovelace, Ada", note: 'said "hi"\r\nthen left' },
      },
      { row_index: 2, data: { email: "grace@example.com", name: "Grace Hopper", note: "" } },
      { row_index: 3, data: { email: "zoë@example.com", name: "Zoë 🚀", note: "one\ntwo" } },
    ]);
  });

  it("imports a body streamed without Content-Length", async () => {
    const u = await newUser();
    const parts = [
      "email,first",
      "_name\r\nada@exa",
      'mple.com,"Ada\r\n',
      'Byron"\r\ngrace@example.com,Grace\r\n',
    ];
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const part = parts.shift();
        if (part === undefined) controller.close();
        else controller.enqueue(encoder.encode(part));
      },
    });
    const res = await postCsv(u.key, body, { name: "streamed" });
    expect(res.status).toBe(201);
    const rows = await call("GET", `/api/v1/datasets/${res.json.dataset_id}/rows`, { key: u.key });
    expect(rows.json.items.map((r: any) => r.data)).toEqual([
      { email: "ada@example.com", first_name: "Ada\r\nByron" },
      { email: "grace@example.com", first_name: "Grace" },
    ]);
  });

  it("imports 10,000 rows", async () => {
    const u = await newUser();
    const lines = ["email,first_name,company,score"];
    for (let i = 1; i <= 10_000; i++)
      lines.push(`user${i}@example.com,Name ${i},"Company, ${i % 97}",${i * 3}`);
    const res = await postCsv(u.key, lines.join("\n"), { name: "ten thousand" });
    expect(res.status).toBe(201);
    expect(res.json.row_count).toBe(10_000);
    const id = res.json.dataset_id;
    for (const index of [1, 4_321, 10_000]) {
      const page = await call("GET", `/api/v1/datasets/${id}/rows?offset=${index - 1}&limit=1`, {
        key: u.key,
      });
      expect(page.json.total).toBe(10_000);
      expect(page.json.items).toEqual([
        {
          row_index: index,
          data: {
            email: `user${index}@example.com`,
            first_name: `Name ${index}`,
            company: `Company, ${index % 97}`,
            score: String(index * 3),
          },
        },
      ]);
    }
    const stored = await env.DB.prepare(
      "SELECT count(*) AS n, min(row_index) AS lo, max(row_index) AS hi FROM dataset_rows WHERE dataset_id = ?",
    )
      .bind(id)
      .first();
    expect(stored).toEqual({ n: 10_000, lo: 1, hi: 10_000 });
  });

  it("imports JSON rows: values become strings, a missing key becomes empty", async () => {
    const u = await newUser();
    const res = await call("POST", "/api/v1/datasets/", {
      key: u.key,
      body: {
        name: "from json",
        rows: [
          { "E-mail": "ada@example.com", "First Name": "Ada", Score: 9.5, VIP: true },
          { "E-mail": "grace@example.com", Score: null, Notes: "late key" },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      name: "from json",
      row_count: 2,
      columns: [
        { header: "E-mail", key: "email" },
        { header: "First Name", key: "first_name" },
        { header: "Score", key: "score" },
        { header: "VIP", key: "vip" },
        { header: "Notes", key: "notes" },
      ],
    });
    const rows = await call("GET", `/api/v1/datasets/${res.json.dataset_id}/rows`, { key: u.key });
    expect(rows.json.items.map((r: any) => r.data)).toEqual([
      { email: "ada@example.com", first_name: "Ada", score: "9.5", vip: "true", notes: "" },
      { email: "grace@example.com", first_name: "", score: "", vip: "", notes: "late key" },
    ]);
  });
});

describe("datasets: invalid CSV leaves nothing behind", () => {
  const cases: { what: string; csv: string | Uint8Array; line: number; type: string }[] = [
    {
      what: "an unclosed quote",
      csv: 'email,note\n{m}a@x.test,ok\n{m}b@x.test,"never closed\nc@x.test,fine\n',
      line: 3,
      type: "unclosed_quote",
    },
    {
      what: "a stray quote after a quoted field",
      csv: 'email,note\n{m}a@x.test,ok\n{m}b@x.test,"quoted"tail\n',
      line: 3,
      type: "invalid_quote",
    },
    {
      // Line 8, not record 4: the quoted field on line 3 spans three lines and line 7 is blank.
      what: "a ragged row",
      csv: 'email,note\n{m}a@x.test,ok\n{m}b@x.test,"one\ntwo\nthree"\n{m}c@x.test,ok\n\n{m}d@x.test,ok,extra\n',
      line: 8,
      type: "ragged_row",
    },
    {
      what: "a row with too few fields",
      csv: "email,note\n{m}a@x.test,ok\n{m}b@x.test\n",
      line: 3,
      type: "ragged_row",
    },
    {
      what: "invalid UTF-8",
      csv: new Uint8Array([
        ...new TextEncoder().encode("email,note\n{m}a@x.test,ok\n{m}b@x.test,ok\n{m}c@x.test,caf"),
        0xe9, // Latin-1 "é"
        0x0a,
      ]),
      line: 4,
      type: "invalid_utf8",
    },
    { what: "an empty file", csv: "", line: 1, type: "empty_file" },
    { what: "only blank lines", csv: "\r\n\n\r\n", line: 1, type: "no_header" },
    { what: "a header without rows", csv: "\n\nemail,name\n\n", line: 4, type: "no_rows" },
    {
      what: "duplicate headers",
      csv: "Email,name,E-mail\n{m}a@x.test,b,c\n",
      line: 1,
      type: "duplicate_header",
    },
    {
      what: "headers that normalise alike",
      csv: "\nNotes,notes\n{m}a,b\n",
      line: 2,
      type: "duplicate_header",
    },
    { what: "an empty header", csv: "email,,name\n{m}a@x.test,b,c\n", line: 1, type: "empty_header" },
    {
      what: "a header of punctuation only",
      csv: "email,---\n{m}a@x.test,b\n",
      line: 1,
      type: "empty_header",
    },
    {
      what: "101 columns",
      csv: `${Array.from({ length: 101 }, (_, i) => `c${i}`).join(",")}\n${"{m},".repeat(100)}x\n`,
      line: 1,
      type: "too_many_columns",
    },
  ];

  it.each(cases)("$what: 422 INVALID_CSV at line $line ($type)", async ({ csv, line, type }) => {
    const u = await newUser();
    const marker = crypto.randomUUID();
    const body = typeof csv === "string" ? csv.replaceAll("{m}", marker) : replaceMarker(csv, marker);
    const res = await postCsv(u.key, body, { name: "bad" });
    expect(res.status).toBe(422);
    expect(res.json.detail).toBe("INVALID_CSV");
    expect(res.json.errors).toHaveLength(1);
    expect(res.json.errors[0]).toMatchObject({ loc: ["body", "line", line], type });
    expect(res.json.message).toContain(`line ${line}`);
    await expectNothingLeft(u.userId, marker);
  });

  it("deletes the rows already written when a late row is bad", async () => {
    const u = await newUser();
    const marker = crypto.randomUUID();
    const lines = ["email,first_name"];
    // Well past one write batch, so rows are in D1 before the bad line is read.
    for (let i = 1; i <= 30_000; i++) lines.push(`${marker}-${i}@example.com,N${i}`);
    lines.push(`${marker}-x@example.com,N,extra`);
    const res = await postCsv(u.key, `${lines.join("\n")}\n`, { name: "late failure" });
    expect(res.status).toBe(422);
    expect(res.json.errors[0]).toMatchObject({ loc: ["body", "line", 30_002], type: "ragged_row" });
    await expectNothingLeft(u.userId, marker);
  });
});

function replaceMarker(bytes: Uint8Array, marker: string) {
  const text = new TextDecoder("latin1").decode(bytes).replaceAll("{m}", marker);
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

describe("datasets: request validation and limits", () => {
  it("a CSV import needs ?name=; names are 1..255 characters", async () => {
    const u = await newUser();
    const missing = await postCsv(u.key, "email\na@x.test\n");
    expect(missing.status).toBe(422);
    expect(missing.json.detail).toBe("VALIDATION_ERROR");
    expect(missing.json.errors[0].loc).toEqual(["query", "name"]);
    const long = await postCsv(u.key, "email\na@x.test\n", { name: "n".repeat(256) });
    expect(long.status).toBe(422);
    expect(long.json.errors[0].loc).toEqual(["query", "name"]);
    const json = await call("POST", "/api/v1/datasets/", {
      key: u.key,
      body: { name: "", rows: [{ a: "b" }] },
    });
    expect(json.status).toBe(422);
    expect(json.json.errors[0].loc).toEqual(["body", "name"]);
    expect(await datasetsInD1(u.userId)).toEqual([]);
  });

  it("rejects bad JSON shapes with VALIDATION_ERROR and malformed JSON with INVALID_JSON", async () => {
    const u = await newUser();
    const post = (body: unknown) => call("POST", "/api/v1/datasets/", { key: u.key, body });
    const noRows = await post({ name: "x" });
    expect(noRows.status).toBe(422);
    expect(noRows.json.errors.map((e: any) => e.loc)).toEqual([["body", "rows"]]);
    const empty = await post({ name: "x", rows: [] });
    expect(empty.json.errors[0].loc).toEqual(["body", "rows"]);
    const nested = await post({ name: "x", rows: [{ a: "1" }, { a: { deep: true } }] });
    expect(nested.status).toBe(422);
    expect(nested.json.errors[0].loc).toEqual(["body", "rows", 1, "a"]);
    const unknown = await post({ name: "x", rows: [{ a: "1" }], extra: 1 });
    expect(unknown.status).toBe(422);
    const dup = await post({ name: "x", rows: [{ Email: "a" }, { "E-MAIL": "b" }] });
    expect(dup.status).toBe(422);
    expect(dup.json.detail).toBe("VALIDATION_ERROR");
    expect(dup.json.errors[0]).toMatchObject({
      loc: ["body", "rows", 1, "E-MAIL"],
      type: "duplicate_header",
    });
    const wide = await post({
      name: "x",
      rows: [Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`c${i}`, "v"]))],
    });
    expect(wide.status).toBe(422);
    expect(wide.json.errors[0]).toMatchObject({ type: "too_many_columns" });
    expect(wide.json.message + wide.json.errors[0].msg).toContain("100");
    const malformed = await call("POST", "/api/v1/datasets/", {
      key: u.key,
      rawBody: '{"name": "x", "rows": [',
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.detail).toBe("INVALID_JSON");
    const noBody = await call("POST", "/api/v1/datasets/", { key: u.key });
    expect(noBody.status).toBe(422);
    expect(await datasetsInD1(u.userId)).toEqual([]);
  });

  it("only UTF-8 CSV and the two media types are accepted (415)", async () => {
    const u = await newUser();
    const latin1 = await postCsv(u.key, "email\na@x.test\n", {
      name: "x",
      headers: { "content-type": "text/csv; charset=iso-8859-1" },
    });
    expect(latin1.status).toBe(415);
    expect(latin1.json.detail).toBe("UNSUPPORTED_MEDIA_TYPE");
    const utf8 = await postCsv(u.key, "email\na@x.test\n", {
      name: "x",
      headers: { "content-type": "text/csv; charset=UTF-8" },
    });
    expect(utf8.status).toBe(201);
    const text = await postCsv(u.key, "email\na@x.test\n", {
      name: "x",
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);
  });

  it("a CSV body over 100 MB is 413 PAYLOAD_TOO_LARGE naming the limit", async () => {
    const u = await newUser();
    const size = 100 * 1024 * 1024 + 1;
    // A stream of declared length (Content-Length is sent) written as it is read, so the test never
    // holds 100 MB; the Worker answers from the length alone and the writes after that fail quietly.
    const { readable, writable } = new FixedLengthStream(size);
    const writer = writable.getWriter();
    const piece = new TextEncoder().encode("a@x.test\n".repeat(7282));
    (async () => {
      for (let sent = 0; sent < size; sent += piece.length) {
        await writer.write(piece.subarray(0, Math.min(piece.length, size - sent)));
      }
      await writer.close();
    })().catch(() => {});
    const res = await postCsv(u.key, readable, { name: "huge" });
    expect(res.status).toBe(413);
    expect(res.json.detail).toBe("PAYLOAD_TOO_LARGE");
    expect(res.json.message).toContain(String(100 * 1024 * 1024));
    expect(await datasetsInD1(u.userId)).toEqual([]);
  });
});

describe("datasets: ownership, visibility and deletion", () => {
  it("another user's dataset is 404 everywhere and stays intact", async () => {
    const owner = await newUser();
    const other = await newUser();
    const id = (await postCsv(owner.key, "email\na@x.test\n", { name: "mine" })).json.dataset_id;
    for (const [method, path] of [
      ["GET", `/api/v1/datasets/${id}`],
      ["GET", `/api/v1/datasets/${id}/rows`],
      ["DELETE", `/api/v1/datasets/${id}`],
    ] as const) {
      const res = await call(method, path, { key: other.key });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.detail).toBe("NOT_FOUND");
    }
    expect((await call("GET", "/api/v1/datasets/", { key: other.key })).json.total).toBe(0);
    expect((await call("GET", `/api/v1/datasets/${id}/rows`, { key: owner.key })).json.total).toBe(1);
  });

  it("an import still running is neither listed nor readable", async () => {
    const u = await newUser();
    const id = crypto.randomUUID();
    await env.DB.prepare(
      "INSERT INTO datasets (id, user_id, name, columns, row_count, status, created_at) VALUES (?, ?, 'busy', '[]', 0, 'importing', ?)",
    )
      .bind(id, u.userId, Date.now())
      .run();
    expect((await call("GET", `/api/v1/datasets/${id}`, { key: u.key })).status).toBe(404);
    expect((await call("DELETE", `/api/v1/datasets/${id}`, { key: u.key })).status).toBe(404);
    expect((await call("GET", "/api/v1/datasets/", { key: u.key })).json.total).toBe(0);
  });

  it("an import that died mid-way is removed by the user's next import", async () => {
    const u = await newUser();
    const insert = async (ageMs: number) => {
      const id = crypto.randomUUID();
      await env.DB.batch([
        env.DB.prepare(
          "INSERT INTO datasets (id, user_id, name, columns, row_count, status, created_at) VALUES (?, ?, 'died', '[]', 0, 'importing', ?)",
        ).bind(id, u.userId, Date.now() - ageMs),
        env.DB.prepare("INSERT INTO dataset_rows (dataset_id, row_index, data) VALUES (?, 1, '{}')").bind(id),
      ]);
      return id;
    };
    const dead = await insert(ABANDONED_IMPORT_MS + 60_000);
    const running = await insert(60_000);
    expect((await postCsv(u.key, "email\na@x.test\n", { name: "next" })).status).toBe(201);
    const ids = (await datasetsInD1(u.userId)).map((d: any) => d.id);
    expect(ids).not.toContain(dead);
    expect(ids).toContain(running);
    const deadRows = await env.DB.prepare("SELECT count(*) AS n FROM dataset_rows WHERE dataset_id = ?")
      .bind(dead)
      .first<{ n: number }>();
    expect(deadRows!.n).toBe(0);
  });

  it("delete is 409 RESOURCE_IN_USE while a live campaign uses the dataset, and works once it completes", async () => {
    const u = await newUser();
    const id = (await postCsv(u.key, "email\na@x.test\nb@x.test\n", { name: "in use" })).json.dataset_id;
    const campaign = await call("POST", "/api/v1/campaigns/", {
      key: u.key,
      body: await campaignBody(u.userId, { dataset_id: id }),
    });
    expect(campaign.status).toBe(201);
    const setStatus = (status: string) =>
      env.DB.prepare("UPDATE campaigns SET status = ? WHERE id = ?")
        .bind(status, campaign.json.campaign_id)
        .run();
    for (const status of LIVE_STATUSES) {
      await setStatus(status);
      const res = await call("DELETE", `/api/v1/datasets/${id}`, { key: u.key });
      expect(res.status, status).toBe(409);
      expect(res.json.detail).toBe("RESOURCE_IN_USE");
      expect(res.json.message).toContain(campaign.json.campaign_id);
    }
    const rows = await call("GET", `/api/v1/datasets/${id}/rows`, { key: u.key });
    expect(rows.json.total).toBe(2);
    expect(rows.json.items).toHaveLength(2);
    await setStatus("completed");
    expect((await call("DELETE", `/api/v1/datasets/${id}`, { key: u.key })).status).toBe(204);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM dataset_rows WHERE dataset_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(left!.n).toBe(0);
  });
});

describe("datasets: idempotency and the OpenAPI document", () => {
  it("replays a CSV import with the same Idempotency-Key and body", async () => {
    const u = await newUser();
    const headers = { "idempotency-key": "import-1" };
    const csv = "email,first_name\nada@example.com,Ada\n";
    const first = await postCsv(u.key, csv, { name: "once", headers });
    const second = await postCsv(u.key, csv, { name: "once", headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await datasetsInD1(u.userId)).toHaveLength(1);
    const changed = await postCsv(u.key, `${csv}grace@example.com,Grace\n`, { name: "once", headers });
    expect(changed.status).toBe(422);
    expect(changed.json.detail).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("documents both request media types and every route", async () => {
    const doc = (await call("GET", "/openapi.json")).json;
    const create = doc.paths["/api/v1/datasets/"].post;
    expect(Object.keys(create.requestBody.content).sort()).toEqual(["application/json", "text/csv"]);
    expect(create.requestBody.required).toBe(true);
    expect(create.requestBody.content["application/json"].schema.$ref).toBe(
      "#/components/schemas/DatasetImportJson",
    );
    expect(doc.components.schemas.DatasetImportJson.properties).toHaveProperty("rows");
    expect(create.parameters.map((p: any) => p.name)).toContain("name");
    expect(doc.paths["/api/v1/datasets/"].get.responses["200"]).toBeDefined();
    expect(doc.paths["/api/v1/datasets/{dataset_id}"].get).toBeDefined();
    expect(doc.paths["/api/v1/datasets/{dataset_id}"].delete.responses["409"]).toBeDefined();
    expect(doc.paths["/api/v1/datasets/{dataset_id}/rows"].get).toBeDefined();
  });
});
