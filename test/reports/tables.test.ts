import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { revenueBridgeSql, type RevenueBridgeRow } from "../../src/reports/bridge.js";
import { cohortMatrixSql, type CohortCell } from "../../src/reports/cohorts.js";
import { crossSellByCategorySql, type CrossSellCategoryRow } from "../../src/reports/crossSell.js";
import { customerMoversSql, type MoverRow } from "../../src/reports/movers.js";
import { resolveReportOptions } from "../../src/reports/options.js";
import { day, loadHandmade } from "./handmadeLog.js";

// Hand-made log (handmadeLog.ts), quarters, lapseDays = 90, as-of 2023-09-30; see periodReport.test.ts
// for the status of each customer in each quarter.
const options = resolveReportOptions({ period: "quarter", lapseDays: 90, asOfEpochDay: day("2023-09-30"), customersTable: "customers" });

let db: NodeDuckDB;
beforeAll(async () => {
  db = await NodeDuckDB.open();
  await loadHandmade(db);
});
afterAll(() => db.close());

describe("revenueBridgeSql", () => {
  it("reproduces the hand-computed bridge", async () => {
    /*
     * Net revenue per customer: Q1 A150 B150 C120 D100 H40 J−20 (540) · Q2 A80 D40 E300 F10 H60 (490) ·
     * Q3 A60 C120 E100 G500 (780).
     * Q1: all six new (J has no purchase before Q1) → 540.
     * Q2: new E F 310; expansion H 40→60 = 20; contraction A 70 + D 60 = 130; lost B 150 + C 120 + J −20 = 250:
     *     540 + 310 + 20 − 130 − 250 = 490.
     * Q3: new G 500; recovered C 120 (bought in Q1); contraction A 20 + E 200 = 220; lost D 40 + F 10 + H 60 = 110:
     *     490 + 500 + 120 − 220 − 110 = 780.
     */
    const rows = await db.query<RevenueBridgeRow>(revenueBridgeSql(options));
    expect(rows).toEqual([
      { periodIndex: 2023 * 4, period: "2023-Q1", revenueStart: 0, newRevenue: 540, recoveredRevenue: 0, expansion: 0, contraction: 0, lostRevenue: 0, revenueEnd: 540,
        newCustomers: 6, recoveredCustomers: 0, expandedCustomers: 0, contractedCustomers: 0, lostCustomers: 0 },
      { periodIndex: 2023 * 4 + 1, period: "2023-Q2", revenueStart: 540, newRevenue: 310, recoveredRevenue: 0, expansion: 20, contraction: 130, lostRevenue: 250, revenueEnd: 490,
        newCustomers: 2, recoveredCustomers: 0, expandedCustomers: 1, contractedCustomers: 2, lostCustomers: 3 },
      { periodIndex: 2023 * 4 + 2, period: "2023-Q3", revenueStart: 490, newRevenue: 500, recoveredRevenue: 120, expansion: 0, contraction: 220, lostRevenue: 110, revenueEnd: 780,
        newCustomers: 1, recoveredCustomers: 1, expandedCustomers: 0, contractedCustomers: 2, lostCustomers: 3 },
    ]);
  });
});

describe("cohortMatrixSql", () => {
  it("reproduces the hand-computed cohort matrix", async () => {
    /*
     * Cohort Q1 = A B C D H (5): Q1 5 buy, 5 active; Q2 A D H buy (3), A H active (2); Q3 A C buy, A C active.
     * Cohort Q2 = E F (2): Q2 2 / 2; Q3 E buys and is active. Cohort Q3 = G: buys, churned → 0 active.
     * Revenue: Q1 cohort 560 | 80 + 40 + 60 = 180 | 60 + 120 = 180; Q2 cohort 310 | 100; Q3 cohort 500.
     */
    const cells = await db.query<CohortCell>(cohortMatrixSql(options));
    expect(cells.map((c) => [c.cohort, c.periodsSince, c.period, c.cohortSize, c.purchasers, c.active, c.revenue])).toEqual([
      ["2023-Q1", 0, "2023-Q1", 5, 5, 5, 560],
      ["2023-Q1", 1, "2023-Q2", 5, 3, 2, 180],
      ["2023-Q1", 2, "2023-Q3", 5, 2, 2, 180],
      ["2023-Q2", 0, "2023-Q2", 2, 2, 2, 310],
      ["2023-Q2", 1, "2023-Q3", 2, 1, 1, 100],
      ["2023-Q3", 0, "2023-Q3", 1, 1, 0, 500],
    ]);
    expect(cells[1]).toMatchObject({ purchasingShare: 0.6, activeShare: 0.4 });
  });
});

describe("crossSellByCategorySql", () => {
  it("lists each period's cross-sold categories", async () => {
    // Q1 A·Y 50; Q2 D·Y 40; Q3 E·Y 100 and C·Z 30.
    const rows = await db.query<CrossSellCategoryRow>(crossSellByCategorySql(options));
    expect(rows.map((r) => [r.period, r.category, r.customers, r.amount])).toEqual([
      ["2023-Q1", "Y", 1, 50],
      ["2023-Q2", "Y", 1, 40],
      ["2023-Q3", "Y", 1, 100],
      ["2023-Q3", "Z", 1, 30],
    ]);
  });
});

describe("customerMoversSql", () => {
  it("lists who we won and who we lost, most valuable first", async () => {
    /*
     * Q2 won: E (300), F (10). Q2 lost by revenue to date: B 150 (lapsed), D 140 (churned), C 120 (lapsed).
     * Q3 won: G new 500, C recovered 120. Q3 lost: G 500 (churned), H 100, F 10 (lapsed).
     */
    const rows = await db.query<MoverRow>(customerMoversSql(options, { limit: 3 }));
    const q = (period: string) => rows.filter((r) => r.period === period).map((r) => [r.kind, r.rank, r.customerId, r.reason]);
    expect(q("2023-Q2")).toEqual([
      ["new", 1, "E", null], ["new", 2, "F", null],
      ["lost", 1, "B", "lapsed"], ["lost", 2, "D", "churned"], ["lost", 3, "C", "lapsed"],
    ]);
    expect(q("2023-Q3")).toEqual([
      ["new", 1, "G", null], ["recovered", 2, "C", null],
      ["lost", 1, "G", "churned"], ["lost", 2, "H", "lapsed"], ["lost", 3, "F", "lapsed"],
    ]);
    const d = rows.find((r) => r.customerId === "D" && r.kind === "lost");
    expect(d).toMatchObject({ revenueToDate: 140, marginToDate: 45, isKeyAccount: true, firstPurchaseEpochDay: day("2023-03-30"), lastPurchaseEpochDay: day("2023-04-02") });
  });

  it("ranks by margin or by a CLV table when asked", async () => {
    // Q2 lost by margin to date: C 60, D 45, B 37.5.
    const byMargin = await db.query<MoverRow>(customerMoversSql(options, { limit: 3, rankBy: "margin" }));
    expect(byMargin.filter((r) => r.period === "2023-Q2" && r.kind === "lost").map((r) => r.customerId)).toEqual(["C", "D", "B"]);
    await db.exec(`CREATE OR REPLACE TABLE clv AS SELECT * FROM (VALUES ('B', 5.0), ('C', 1.0), ('D', 900.0)) t(customer_id, clv)`);
    const withClv = resolveReportOptions({ ...options, asOfEpochDay: day("2023-09-30"), clvTable: "clv" });
    const byClv = await db.query<MoverRow>(customerMoversSql(withClv, { limit: 1, rankBy: "clv" }));
    expect(byClv.filter((r) => r.period === "2023-Q2" && r.kind === "lost").map((r) => [r.customerId, r.clv])).toEqual([["D", 900]]);
    expect(() => customerMoversSql(options, { rankBy: "clv" })).toThrow('invalid rankBy: "clv" needs a clvTable');
    expect(() => customerMoversSql(options, { limit: 0 })).toThrow("invalid limit: 0");
  });
});
