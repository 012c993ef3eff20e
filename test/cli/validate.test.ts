import { afterAll, describe, expect, it } from "vitest";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { parseCsvSample } from "../../src/data/csvSample.js";
import { zooDir } from "../data/ingestHelpers.js";

const dir = zooDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe("cvw validate", () => {
  it("prints the issue's JSON keys for the CDNOW sample: 6,919 read, 0 rejected", async () => {
    const { io, out } = capture();
    expect(await main(["validate", "data/cdnow/cdnow_sample.csv", "--json"], io)).toBe(0);
    const r = JSON.parse(out.join(""));
    expect(r).toMatchObject({
      rowsRead: 6919,
      rowsUsed: 6919,
      rowsRejected: 0,
      rejectedByReason: {},
      returns: { rows: 0, amount: 0 },
      customers: 2357,
      totalAmount: 244091.94,
      duplicatesKept: 21,
      mapping: { version: 1, table: "transactions", columns: { customerId: "masterid", date: "date", amount: "sales" }, dateFormat: "%Y%m%d" },
    });
  });

  it("writes rejected rows with row number, reason and raw values, and names the first bad row", async () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, 'customer;date;amount;note\nA;31/01/2024;12,50;ok\n;01/02/2024;3,00;no id\nB;30/02/2024;1,00;bad date\nC;02/02/2024;zwölf;"bad; amount"\nD;03/02/2024;-2,50;return\n');
    const rejected = join(dir, "rejected.csv");
    const { io, out } = capture();
    expect(await main(["validate", file, "--json", "--rejected", rejected], io)).toBe(0);
    const r = JSON.parse(out.join(""));
    expect(r).toMatchObject({ rowsRead: 5, rowsUsed: 2, rowsRejected: 3, rejectedByReason: { missing_customer_id: 1, unparseable_date: 1, non_numeric_amount: 1 }, returns: { rows: 1, amount: -2.5 }, customers: 2 });
    const csv = parseCsvSample(readFileSync(rejected, "utf8"), { delimiter: ",", quote: '"' });
    expect(csv[0]).toEqual(["row_number", "line", "reason", "reason_label", "column_name", "value", "customer", "date", "amount", "note", "raw_line"]);
    expect(csv.slice(1).map((row) => [row[0], row[2], row[4], row[5], row[9]])).toEqual([
      ["2", "missing_customer_id", "customer", "", "no id"],
      ["3", "unparseable_date", "date", "30/02/2024", "bad date"],
      ["4", "non_numeric_amount", "amount", "zwölf", "bad; amount"],
    ]);
    const text = capture();
    expect(await main(["validate", file], text.io)).toBe(0);
    expect(text.out.join("")).toContain(`1 × unparseable_date (date is empty or not a valid date); first: ${file} row 3, column "date": "30/02/2024"`);
  });

  it("uses and saves a mapping file", async () => {
    const file = join(dir, "plain.csv");
    writeFileSync(file, "a,b,c\nx,01/02/2024,1\ny,03/04/2024,2\n");
    const saved = join(dir, "saved.json");
    const first = capture();
    expect(await main(["validate", file, "--json", "--save-mapping", saved], first.io)).toBe(0);
    expect(JSON.parse(first.out.join("")).dateFormat).toMatchObject({ ambiguous: true });
    const m = JSON.parse(readFileSync(saved, "utf8"));
    m.dateFormat = "%m/%d/%Y";
    writeFileSync(saved, JSON.stringify(m));
    const second = capture();
    expect(await main(["validate", file, "--json", "--mapping", saved], second.io)).toBe(0);
    expect(JSON.parse(second.out.join(""))).toMatchObject({ dateRange: { first: "2024-01-02", last: "2024-03-04" }, dateFormat: { format: "%m/%d/%Y", ambiguous: false, source: "mapping" } });
  });

  it("applies --today and --window", async () => {
    const file = join(dir, "dates.csv");
    writeFileSync(file, "customer,date,amount\na,2019-06-01,1\nb,2024-06-01,1\nc,2031-01-01,1\n");
    const { io, out } = capture();
    expect(await main(["validate", file, "--json", "--today", "2025-01-01", "--window-start", "2020-01-01"], io)).toBe(0);
    expect(JSON.parse(out.join("")).rejectedByReason).toEqual({ date_outside_window: 1, future_date: 1 });
  });

  it("exits 1 with a message naming the file for empty, binary and missing files and bad mappings", async () => {
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    const binary = join(dir, "blob.csv");
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8]));
    const badMapping = join(dir, "bad-mapping.json");
    writeFileSync(badMapping, '{"version": 1, "table": "transactions", "columns": {"customerId": "nope", "date": "date", "amount": "sales"}}');
    const cases: [string[], RegExp][] = [
      [["validate", empty], /empty\.csv: the file is empty/],
      [["validate", binary], /blob\.csv: not a text file/],
      [["validate", join(dir, "none.csv")], /none\.csv: no such file/],
      [["validate", "data/cdnow/cdnow_sample.csv", "--mapping", badMapping], /cdnow_sample\.csv: column "nope" \(customerId\) is not in header/],
      [["validate", "data/cdnow/cdnow_sample.csv", "--mapping", empty], /empty\.csv: not valid JSON/],
    ];
    for (const [args, message] of cases) {
      const { io, err } = capture();
      expect(await main(args, io), args.join(" ")).toBe(1);
      expect(err.join("")).toMatch(message);
    }
  });

  it("rejects bad options with usage (exit 2)", async () => {
    for (const args of [["validate"], ["validate", "x.csv", "--duplicates", "maybe"], ["validate", "x.csv", "--today", "2024-02-30"]]) {
      const { io } = capture();
      expect(await main(args, io), args.join(" ")).toBe(2);
    }
  });
});

describe("cvw summary --mapping", () => {
  it("takes its columns from a mapping saved by cvw validate", async () => {
    const file = join(dir, "renamed.csv");
    writeFileSync(file, "who,when,how_much\na,2024-01-01,1.5\nb,2024-01-03,2\n");
    const saved = join(dir, "renamed.json");
    writeFileSync(saved, JSON.stringify({ version: 1, table: "transactions", columns: { customerId: "who", date: "when", amount: "how_much" } }));
    const { io, out } = capture();
    expect(await main(["summary", file, "--json", "--mapping", saved], io)).toBe(0);
    expect(JSON.parse(out.join(""))).toMatchObject({ rows: 2, customers: 2, firstDate: "2024-01-01", lastDate: "2024-01-03", totalAmount: 3.5, columns: { customer: "who", date: "when", amount: "how_much" } });
  });
});
