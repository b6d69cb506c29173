import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatBytes } from "../src/progress";
import { bin, cadence, cliEnv, sdk, tempDir, UUID_RE } from "./cli";

/** A CSV of `rows` leads, about 60 bytes a row. */
function writeLeads(rows: number, name = "leads.csv") {
  const file = path.join(tempDir(), name);
  const lines = ["Email,First Name,Company"];
  for (let i = 1; i <= rows; i++) lines.push(`lead${i}@example.com,Lead ${i},"Acme, Inc. #${i}"`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("datasets import", () => {
  it("streams the file with progress over the bytes sent and prints the dataset", async () => {
    // About 600 kB: several reads of the file, so progress moves in steps before it reaches 100%.
    const file = writeLeads(10_000);
    const { code, stdout, stderr } = await cadence(["datasets", "import", file, "--name", "Q4 leads"]);
    expect(code).toBe(0);
    const id = stdout.match(UUID_RE)?.[0];
    expect(stdout).toContain(`Imported dataset ${id} "Q4 leads": 10000 rows.`);
    expect(stdout).toMatch(/Email\s*│\s*\{\{email\}\}/);
    expect(stdout).toMatch(/First Name\s*│\s*\{\{first_name\}\}/);

    // Not a terminal: one plain line per tenth of the file, ending at 100%.
    const progress = stderr.trim().split("\n");
    const size = formatBytes(fs.statSync(file).size);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(`Uploading leads.csv: 100% of ${size}`);
    const percents = progress.map((line) => Number(line.match(/: (\d+)%/)![1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    const dataset = await sdk().get("/api/v1/datasets/{dataset_id}", {
      params: { path: { dataset_id: id! } },
    });
    expect(dataset).toMatchObject({ name: "Q4 leads", row_count: 10_000 });
  });

  it("draws a live bar on a terminal", () => {
    const file = writeLeads(3000);
    // `script` gives the CLI a pseudo-terminal, as a person's shell would.
    const out = execFileSync(
      "script",
      ["-qec", `"${process.execPath}" "${bin}" datasets import "${file}"`, "/dev/null"],
      {
        env: cliEnv(),
        encoding: "utf8",
      },
    );
    expect(out).toMatch(/Uploading leads\.csv \[█+\] 100% \| \d+(\.\d)? kB of \d+(\.\d)? kB/);
    expect(out).toContain("3000 rows");
  });

  it("prints only the dataset as JSON with --json", async () => {
    const { code, stdout, stderr } = await cadence(["datasets", "import", writeLeads(5), "--json"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(JSON.parse(stdout)).toMatchObject({ name: "leads", row_count: 5 });
  });

  it("is a usage error for a missing file", async () => {
    const { code, stderr } = await cadence(["datasets", "import", "/nonexistent/leads.csv"]);
    expect(code).toBe(2);
    expect(stderr).toContain("cannot read /nonexistent/leads.csv");
  });

  it("shows the API's INVALID_CSV with the line, exit 1", async () => {
    const file = path.join(tempDir(), "broken.csv");
    fs.writeFileSync(file, 'Email,Name\nada@example.com,Ada\nbob@example.com,"Bob\n');
    const { code, stderr } = await cadence(["datasets", "import", file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/(^|\n)error: 422 INVALID_CSV: /);
    expect(stderr).toMatch(/\n {2}body\.line\[3\]: /);
  });
});
