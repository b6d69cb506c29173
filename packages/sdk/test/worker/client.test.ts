// The typed client against the real Worker: pagination, typed errors, streamed CSV imports.
import { describe, expect, it } from "vitest";
import { CadenceApiError } from "../../src/index";
import { clientFor, newUser, workerFetch } from "./worker";

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ Email: `lead${i + 1}@example.com`, "First Name": `Lead ${i + 1}` }));

describe("paginate", () => {
  it("iterates every item of a 250-row collection across offset/limit pages", async () => {
    const { key } = await newUser();
    const pages: string[] = [];
    const cadence = clientFor(key, {
      fetch: (request) => {
        const url = new URL(request.url);
        if (url.pathname.endsWith("/rows"))
          pages.push(`${url.searchParams.get("offset")}+${url.searchParams.get("limit")}`);
        return workerFetch(request);
      },
    });
    const dataset = await cadence.post("/api/v1/datasets/", { body: { name: "250 leads", rows: rows(250) } });
    expect(dataset.row_count).toBe(250);

    const seen: number[] = [];
    for await (const row of cadence.paginate("/api/v1/datasets/{dataset_id}/rows", {
      params: { path: { dataset_id: dataset.dataset_id }, query: { limit: 100 } },
    })) {
      seen.push(row.row_index);
      expect(row.data.email).toBe(`lead${row.row_index}@example.com`);
    }

    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(pages).toEqual(["0+100", "100+100", "200+100"]);
  });

  it("ends at once on an empty collection", async () => {
    const { key } = await newUser();
    const cadence = clientFor(key);
    const all = [];
    for await (const campaign of cadence.paginate("/api/v1/campaigns/")) all.push(campaign);
    expect(all).toEqual([]);
  });
});

describe("CadenceApiError", () => {
  it("carries a 422's status, code, message, request id and errors[].loc", async () => {
    const { key } = await newUser();
    let requestId: string | null = null;
    const cadence = clientFor(key, {
      fetch: async (request) => {
        const res = await workerFetch(request);
        requestId = res.headers.get("x-request-id");
        return res;
      },
    });
    const error = await cadence
      .post("/api/v1/campaigns/", {
        body: {
          name: "Broken",
          dataset_id: crypto.randomUUID(),
          alias_ids: [crypto.randomUUID()],
          steps: [{ step: 1, delay_days: -1, variants: [{ label: "A", type: "TEMPLATE" }] }],
        },
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CadenceApiError);
    const apiError = error as CadenceApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.detail).toBe("VALIDATION_ERROR");
    expect(apiError.message).toBe("The request failed validation");
    expect(apiError.request_id).toBe(requestId);
    expect(apiError.request_id).toMatch(/^[0-9a-f-]{36}$/);
    const locs = apiError.errors.map((issue) => issue.loc);
    expect(locs).toContainEqual(["body", "steps", 0, "delay_days"]);
    expect(apiError.errors.every((issue) => issue.msg && issue.type)).toBe(true);
  });

  it("carries a 404's code for another user's campaign", async () => {
    const { key } = await newUser();
    const error = await clientFor(key)
      .get("/api/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: crypto.randomUUID() } } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, detail: "NOT_FOUND", errors: [] });
  });
});

describe("importCsv", () => {
  const csv = `Email,First Name,Company\n${rows(40)
    .map((r, i) => `${r.Email},"${r["First Name"]}","Acme, ${i}"`)
    .join("\n")}\n`;

  it("streams a CSV body and reports progress up to its size", async () => {
    const { key } = await newUser();
    const progress: [number, number | null][] = [];
    const dataset = await clientFor(key).importCsv({
      name: "from csv",
      csv: () => new Blob([csv]).stream(),
      size: csv.length,
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    expect(dataset.row_count).toBe(40);
    expect(dataset.columns.map((c) => c.key)).toEqual(["email", "first_name", "company"]);
    expect(progress.at(-1)).toEqual([csv.length, csv.length]);
    expect(progress.map(([sent]) => sent)).toEqual([...progress.map(([sent]) => sent)].sort((a, b) => a - b));
  });

  it("replays the import after a lost response instead of importing twice", async () => {
    const { key } = await newUser();
    let posts = 0;
    const cadence = clientFor(key, {
      retry: { baseDelayMs: 1 },
      fetch: async (request) => {
        const res = await workerFetch(request);
        if (request.method === "POST" && ++posts === 1) {
          await res.arrayBuffer();
          throw new TypeError("fetch failed");
        }
        return res;
      },
    });
    const dataset = await cadence.importCsv({ name: "twice?", csv });
    expect(posts).toBe(2);
    expect(dataset.row_count).toBe(40);
    const list = await cadence.get("/api/v1/datasets/");
    expect(list.total).toBe(1);
  });

  it("throws INVALID_CSV with the line in errors[].loc", async () => {
    const { key } = await newUser();
    const error = await clientFor(key)
      .importCsv({ name: "bad", csv: 'Email,Name\na@example.com,"unterminated\n' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CadenceApiError);
    expect(error).toMatchObject({ status: 422, detail: "INVALID_CSV" });
    expect((error as CadenceApiError).errors[0]!.loc.slice(0, 2)).toEqual(["body", "line"]);
  });
});
