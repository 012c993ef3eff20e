import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { customerRecordsFromRows, prospectRecordsFromRows, transactionsFromColumns } from "../../src/value/records.js";

/** A small CSV reader for the demo files (no quoted commas in them). */
function readText(path: string): { header: string[]; rows: Record<string, string>[] } {
  const [head, ...lines] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const header = head.split(",");
  return { header, rows: lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i], v]))) };
}

describe("customerRecordsFromRows", () => {
  it("reads the demo company's customers table: 3,000 records, 71 key accounts, names, retention costs", () => {
    const { header, rows } = readText("data/demo/customers.csv");
    const t = customerRecordsFromRows(header, rows, "customers.csv");
    expect(t.customers).toHaveLength(3000);
    expect(t.customers.filter((c) => c.isKeyAccount).length).toBe(71); // data/demo/README.md
    expect(t.customers[0]).toEqual({
      customerId: "C00001", segment: "professional services", acquisitionEpochDay: 19359, acquisitionCost: 81.02,
      referrals: 2, complaints: 0, walletPerYear: 5131, isKeyAccount: false, churnEpochDay: null, costToServePerYear: 60,
    });
    expect(t.names.get("C00001")).toBe("Orchard Partners");
    expect(t.retentionCostPerYear.get("C00001")).toBe(40);
    expect(t.futureValue.size).toBe(0);
    // referrals made equal the rows naming the referrer (README): 379 referred customers
    expect(t.customers.reduce((s, c) => s + (c.referrals ?? 0), 0)).toBe(379);
  });

  it("finds columns by alias regardless of case and separators; missing columns are null", () => {
    const t = customerRecordsFromRows(["Customer ID", "Key-Account", "CLV"], [{ "Customer ID": " x1 ", "Key-Account": "yes", CLV: "12.5" }]);
    expect(t.customers[0]).toMatchObject({ customerId: "x1", isKeyAccount: true, referrals: null, segment: null });
    expect(t.futureValue.get("x1")).toBe(12.5);
    expect(t.columns.referrals).toBeUndefined();
  });

  it("errors name the file, line, column and value", () => {
    const header = ["customer_id", "referrals", "acquisition_date", "is_key_account"];
    expect(() => customerRecordsFromRows(header, [{ customer_id: "a", referrals: "two" }], "c.csv")).toThrow('c.csv: line 2: column referrals: non-numeric value "two"');
    expect(() => customerRecordsFromRows(header, [{ customer_id: "a", acquisition_date: "2024-02-30" }], "c.csv")).toThrow('c.csv: line 2: column acquisition_date: unparseable date (expected YYYY-MM-DD) "2024-02-30"');
    expect(() => customerRecordsFromRows(header, [{ customer_id: "a", is_key_account: "maybe" }], "c.csv")).toThrow('column is_key_account: not a yes/no value "maybe"');
    expect(() => customerRecordsFromRows(header, [{ customer_id: "a" }, { customer_id: "a" }], "c.csv")).toThrow('c.csv: line 3: column customer_id: duplicate customer id "a"');
    expect(() => customerRecordsFromRows(["who"], [], "c.csv")).toThrow("c.csv: no customer id column in header [who]");
  });
});

describe("prospectRecordsFromRows", () => {
  it("reads the demo prospects: 400 with wallet and fit in [0, 1]", () => {
    const { header, rows } = readText("data/demo/prospects.csv");
    const t = prospectRecordsFromRows(header, rows, "prospects.csv");
    expect(t.prospects).toHaveLength(400);
    expect(t.prospects[0]).toEqual({ prospectId: "P0001", segment: "education", walletPerYear: 14753, fit: 0.309 });
    expect(t.names.get("P0001")).toBe("Keystone Academy");
  });

  it("rejects a fit outside 0..1 with its line", () => {
    expect(() => prospectRecordsFromRows(["prospect_id", "fit"], [{ prospect_id: "p", fit: "1.5" }], "p.csv")).toThrow("p.csv: line 2: column fit: fit 1.5 is outside 0..1");
  });
});

describe("transactionsFromColumns", () => {
  it("keeps margin and category when present, null otherwise", () => {
    const t = transactionsFromColumns({ customer_id: ["a", "b"], epoch_day: Float64Array.of(1, 2), amount: Float64Array.of(10, -3), margin: [2, null], category: ["x", null] });
    expect(t).toEqual([
      { customerId: "a", epochDay: 1, amount: 10, margin: 2, category: "x" },
      { customerId: "b", epochDay: 2, amount: -3, margin: null, category: null },
    ]);
    expect(transactionsFromColumns({ customer_id: ["a"], epoch_day: [1], amount: [5] })[0]).toEqual({ customerId: "a", epochDay: 1, amount: 5, margin: null, category: null });
    expect(() => transactionsFromColumns({ customer_id: ["a"], epoch_day: [1, 2], amount: [5] })).toThrow("invalid epoch_day length: 2");
  });
});
