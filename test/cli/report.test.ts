import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { HANDMADE_CUSTOMERS, HANDMADE_TX } from "../reports/handmadeLog.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), "cvw-report-"));

function writeHandmade(): { tx: string; customers: string } {
  const tx = join(dir, "handmade.csv");
  writeFileSync(tx, ["customer_id,date,amount,margin,category", ...HANDMADE_TX.map(([c, d, a, m, k]) => `${c},${d},${a},${m ?? ""},${k ?? ""}`)].join("\n") + "\n");
  const customers = join(dir, "handmade-customers.csv");
  writeFileSync(
    customers,
    ["customer_id,acquisition_date,acquisition_cost,is_key_account,churn_date,referred_by", ...HANDMADE_CUSTOMERS.map((r) => r.map((v) => (v === null ? "" : String(v))).join(","))].join("\n") + "\n",
  );
  return { tx, customers };
}

describe("cvw report", () => {
  it("writes the hand-made log's quarterly report as CSV files with the hand-computed figures", async () => {
    const { tx, customers } = writeHandmade();
    const out = join(dir, "report.csv");
    const { io, err } = capture();
    const code = await main(["report", tx, "--customers", customers, "--period", "quarter", "--lapse-days", "90", "--as-of", "2023-09-30", "--out", out], io);
    expect(err.join("")).toBe(
      "warning: 2 rows have a negative amount (returns / credits, total -70.00); kept as returns\n" +
        "warning: 1 customers have only returns (negative amounts): they count in revenue, not as customers\n" +
        "warning: 1 customers of customers have no transactions: they count only in referrals\n",
    );
    expect(code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    const header = lines[0].split(",");
    const col = (name: string) => lines.slice(1).map((l) => l.split(",")[header.indexOf(name)]);
    // Figures computed by hand in test/reports/periodReport.test.ts.
    expect(col("period")).toEqual(["2023-Q1", "2023-Q2", "2023-Q3"]);
    expect(col("activeEnd")).toEqual(["5", "4", "3"]);
    expect(col("deserters")).toEqual(["0", "3", "3"]);
    expect(col("acquisitionCostPerNew")).toEqual(["25", "50", "60"]);
    expect(col("keyAccountsActiveEnd")).toEqual(["2", "2", "2"]);
    expect(col("referrals")).toEqual(["2", "1", "1"]);
    for (const sibling of ["bridge", "cohorts", "cross-sell", "movers"]) expect(existsSync(join(dir, `report.${sibling}.csv`))).toBe(true);
    expect(readFileSync(join(dir, "report.bridge.csv"), "utf8")).toContain("2023-Q3,490,500,120,0,220,110,780");
  });

  it("reproduces CDNOW's published totals: 2,357 customers all new in 1997-Q1, $244,091.94", async () => {
    const out = join(dir, "cdnow.json");
    const { io } = capture();
    expect(await main(["report", "data/cdnow/cdnow_sample.csv", "--period", "quarter", "--out", out], io)).toBe(0);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.columns.transactions).toMatchObject({ customer: "masterid", date: "date", amount: "sales" });
    expect(report.periods.map((p: { period: string }) => p.period)).toEqual(["1997-Q1", "1997-Q2", "1997-Q3", "1997-Q4", "1998-Q1", "1998-Q2"]);
    expect(report.periods.map((p: { newCustomers: number }) => p.newCustomers)).toEqual([2357, 0, 0, 0, 0, 0]);
    const revenue = report.periods.reduce((s: number, p: { revenue: number }) => s + p.revenue, 0);
    expect(revenue).toBeCloseTo(244091.94, 6);
    expect(report.reconciliation).toEqual([]);
    expect(report.asOf).toBe("1998-06-30");
    expect(report.definitions.deserters.label).toBe("Deserters");
  });

  it("runs on the demo company with every identity holding", async () => {
    const out = join(dir, "demo.json");
    const { io } = capture();
    const code = await main(["report", "data/demo/transactions.csv", "--customers", "data/demo/customers.csv", "--period", "month", "--out", out], io);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.reconciliation).toEqual([]);
    expect(report.columns.customers).toMatchObject({ acquisition_epoch_day: "acquisition_date", is_key_account: "is_key_account", churn_epoch_day: "churn_date", referred_by: "referred_by" });
    // Independent check: distinct buying customers in the CSV = Σ new customers; Σ amounts = Σ revenue.
    const rows = readFileSync("data/demo/transactions.csv", "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const header = readFileSync("data/demo/transactions.csv", "utf8").split("\n")[0].split(",");
    const [ci, ai] = [header.indexOf("customer_id"), header.indexOf("amount")];
    const buyers = new Set(rows.filter((r) => Number(r[ai]) >= 0).map((r) => r[ci]));
    expect(report.periods.reduce((s: number, p: { newCustomers: number }) => s + p.newCustomers, 0)).toBe(buyers.size);
    const total = rows.reduce((s, r) => s + Number(r[ai]), 0);
    expect(report.periods.reduce((s: number, p: { revenue: number }) => s + p.revenue, 0)).toBeCloseTo(total, 4);
    expect(report.periods.some((p: { keyAccountsWon: number }) => p.keyAccountsWon > 0)).toBe(true);
  });

  it("prints a summary table without --out", async () => {
    const { tx } = writeHandmade();
    const { io, out } = capture();
    expect(await main(["report", tx, "--period", "quarter", "--lapse-days", "90", "--as-of", "2023-09-30"], io)).toBe(0);
    const text = out.join("");
    expect(text.split("\n")[0]).toMatch(/^period\s+active\s+new\s+recovered\s+deserters/);
    expect(text).toMatch(/2023-Q2\s+5\s+2\s+0\s+2\s+60\.0%/); // without churn dates D stays active in Q2
  });

  it("leaves unparseable rows out with a warning; --strict stops at the first, naming file, row, column and value", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "customer_id,date,amount\nA,2023-01-05,10\nB,2023-13-45,20\nC,2023-02-01,abc\n");
    const { io, err } = capture();
    expect(await main(["report", bad, "--strict"], io)).toBe(1);
    expect(err.join("")).toContain(`${bad}: row 2 (line 3): column "date" value "2023-13-45": date is empty or not a valid date (--strict; 2 of 3 rows rejected: 1 unparseable_date, 1 non_numeric_amount`);
    for (const extra of [[], ["--skip-invalid"]]) {
      const skipped = capture();
      expect(await main(["report", bad, ...extra], skipped.io)).toBe(0);
      expect(skipped.err.join("")).toContain(`${bad}: 2 of 3 rows rejected (1 unparseable_date, 1 non_numeric_amount); first: row 2 (line 3)`);
      expect(skipped.out.join("")).toMatch(/2023-01\*?\s+1\s+1\s/); // A alone: 1 active, 1 new
    }
  });

  it("rejects bad options with usage (exit 2)", async () => {
    for (const [args, message] of [
      [["report", "x.csv", "--period", "week"], 'invalid --period: "week" (month or quarter)'],
      [["report", "x.csv", "--lapse-days", "0"], "invalid --lapse-days: 0"],
      [["report", "x.csv", "--as-of", "2023-02-30"], 'invalid --as-of: "2023-02-30" is not a calendar date'],
      [["report", "x.csv", "--out", "r.txt"], 'invalid --out: "r.txt" (name a .json or .csv file)'],
      [["report"], "missing <file>"],
    ] as const) {
      const { io, err } = capture();
      expect(await main([...args], io)).toBe(2);
      expect(err.join("")).toContain(message);
    }
    const { io, err } = capture();
    expect(await main(["report", "data/none.csv"], io)).toBe(1);
    expect(err.join("")).toContain("data/none.csv: no such file");
  });
});
