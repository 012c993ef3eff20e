import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { buildReport, reconcileReport, resolveReportInputs, resolveReportOptions, toCsv } from "../../src/reports/index.js";
import { day, loadHandmade } from "./handmadeLog.js";

let db: NodeDuckDB;
beforeAll(async () => {
  db = await NodeDuckDB.open();
  await loadHandmade(db);
});
afterAll(() => db.close());

describe("resolveReportOptions", () => {
  it("applies defaults and rejects bad values with the value", () => {
    expect(resolveReportOptions()).toMatchObject({ period: "month", lapseDays: 180, transactionsTable: "tx_clean", dayColumn: "epoch_day" });
    expect(() => resolveReportOptions({ lapseDays: 0 })).toThrow("invalid lapseDays: 0");
    expect(() => resolveReportOptions({ lapseDays: 1.5 })).toThrow("invalid lapseDays: 1.5");
    expect(() => resolveReportOptions({ period: "week" as never })).toThrow('invalid period: "week"');
    expect(() => resolveReportOptions({ asOfEpochDay: 3.2 })).toThrow("invalid asOfEpochDay: 3.2");
  });
});

describe("buildReport", () => {
  it("returns every table of the hand-made log with no identity broken", async () => {
    const report = await buildReport(db, { period: "quarter", lapseDays: 90, asOfEpochDay: day("2023-09-30"), customersTable: "customers" });
    expect(report.periods.map((p) => p.activeEnd)).toEqual([5, 4, 3]);
    expect(report.bridge.map((b) => b.revenueEnd)).toEqual([540, 490, 780]);
    expect(report.cohorts).toHaveLength(6);
    expect(report.crossSellByCategory).toHaveLength(4);
    expect(report.options.asOfEpochDay).toBe(day("2023-09-30"));
    expect(reconcileReport(report.periods, report.bridge)).toEqual([]);
    expect(report.warnings).toEqual([
      "1 customers have only returns (negative amounts): they count in revenue, not as customers",
      "1 customers of customers have no transactions: they count only in referrals",
    ]);
  });

  it("reads a DATE day column and warns about missing optional columns", async () => {
    await db.exec(`CREATE OR REPLACE VIEW tx_dates AS SELECT customer_id, DATE '1970-01-01' + epoch_day AS purchase_date, amount FROM tx_clean`);
    await db.exec(`CREATE OR REPLACE VIEW customers_dates AS SELECT customer_id, DATE '1970-01-01' + churn_epoch_day AS churn_epoch_day FROM customers`);
    const options = { transactionsTable: "tx_dates", dayColumn: "purchase_date", customersTable: "customers_dates", period: "quarter" as const, lapseDays: 90, asOfEpochDay: day("2023-09-30") };
    const resolved = await resolveReportInputs(db, options);
    expect(resolved).toMatchObject({ dayColumnType: "date", customerDayType: "date", transactionFields: [], customerFields: ["churn_epoch_day"] });
    const report = await buildReport(db, options);
    // Same flows as with epoch days (D still churns in Q2, G in Q3).
    expect(report.periods.map((p) => [p.activeEnd, p.desertersChurned])).toEqual([[5, 0], [4, 1], [3, 1]]);
    expect(report.periods[0]).toMatchObject({ margin: null, newMargin: null, crossSellEvents: 0, referrals: null, keyAccountsWon: null });
    expect(report.warnings).toEqual(expect.arrayContaining([
      "tx_dates has no margin column: margin figures are empty",
      "tx_dates has no category column: cross-selling is empty",
      "customers_dates has no is_key_account column: key-account figures are empty",
      "customers_dates has no referred_by column: referrals are empty",
    ]));
  });

  it("names a missing required column", async () => {
    await db.exec(`CREATE OR REPLACE VIEW tx_bad AS SELECT customer_id, epoch_day FROM tx_clean`);
    await expect(buildReport(db, { transactionsTable: "tx_bad" })).rejects.toThrow("missing column amount in tx_bad");
  });

  it("returns no periods and a warning for an empty log", async () => {
    await db.exec(`CREATE OR REPLACE TABLE tx_empty AS SELECT * FROM tx_clean WHERE false`);
    const report = await buildReport(db, { transactionsTable: "tx_empty" });
    expect(report.periods).toEqual([]);
    expect(report.bridge).toEqual([]);
    expect(report.options.asOfEpochDay).toBeNull();
    expect(report.warnings).toContain("tx_empty is empty: the report has no periods");
  });

  it("ignores rows after the as-of day and says so", async () => {
    const report = await buildReport(db, { period: "quarter", lapseDays: 90, asOfEpochDay: day("2023-06-30") });
    expect(report.periods.map((p) => p.period)).toEqual(["2023-Q1", "2023-Q2"]);
    // After Jun 30: A Aug 1, C Jul 15 ×2, E Sep 10, G Aug 20 → 5 rows.
    expect(report.warnings).toContain("5 rows of tx_clean fall after the as-of day and were ignored");
  });
});

describe("toCsv", () => {
  it("quotes what needs quoting and leaves nulls empty", () => {
    expect(toCsv([{ period: "2024-Q1", category: 'big, "red"', rate: null, n: 0.5 }])).toBe('period,category,rate,n\n2024-Q1,"big, ""red""",,0.5\n');
    expect(toCsv([], ["a", "b"])).toBe("a,b\n");
  });
});
