import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe("cvw summary", () => {
  it("reports the CDNOW sample's published headline numbers", async () => {
    const { io, out } = capture();
    const code = await main(["summary", "data/cdnow/cdnow_sample.csv", "--json"], io);
    expect(code).toBe(0);
    const result = JSON.parse(out.join(""));
    expect(result).toMatchObject({
      rows: 6919,
      customers: 2357,
      firstDate: "1997-01-01",
      lastDate: "1998-06-30",
      totalAmount: 244091.94,
      columns: { customer: "masterid", date: "date", amount: "sales" },
    });
  });

  it("reads through the shared reader: rejected rows counted and warned about, --strict stops, --mapping names columns", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cvw-summary-"));
    const file = join(dir, "log.csv");
    writeFileSync(file, "client,day,total,net\na,2024-01-01,10,9\nb,2024-01-02,x,1\na,2024-02-01,-4,-4\n");
    const mapping = join(dir, "m.json");
    writeFileSync(mapping, JSON.stringify({ version: 1, table: "transactions", columns: { customerId: "client", date: "day", amount: "net" } }));
    const { io, out, err } = capture();
    expect(await main(["summary", file, "--amount", "total", "--json"], io)).toBe(0);
    expect(JSON.parse(out.join(""))).toMatchObject({ rows: 2, rowsRejected: 1, customers: 1, totalAmount: 6, columns: { amount: "total" } });
    expect(err.join("")).toContain(`${file}: 1 of 3 rows rejected (1 non_numeric_amount); first: row 2 (line 3): column "total" value "x"`);
    const strict = capture();
    expect(await main(["summary", file, "--amount", "total", "--strict"], strict.io)).toBe(1);
    expect(strict.err.join("")).toContain(`${file}: row 2 (line 3): column "total" value "x": amount is empty or not a number (--strict`);
    const mapped = capture();
    expect(await main(["summary", file, "--mapping", mapping, "--json"], mapped.io)).toBe(0);
    expect(JSON.parse(mapped.out.join(""))).toMatchObject({ rows: 3, rowsRejected: 0, customers: 2, totalAmount: 6, columns: { customer: "client", date: "day", amount: "net" } });
  });

  it("names the missing file", async () => {
    const { io, err } = capture();
    expect(await main(["summary", "data/none.csv"], io)).toBe(1);
    expect(err.join("")).toContain("data/none.csv: no such file");
  });

  it("rejects an unknown option with usage", async () => {
    const { io, err } = capture();
    expect(await main(["summary", "x.csv", "--bogus"], io)).toBe(2);
    expect(err.join("")).toContain("unknown option: --bogus");
  });
});
