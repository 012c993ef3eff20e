import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { resolveReportOptions, type ReportOptions } from "../../src/reports/options.js";
import { periodReportSql, type PeriodReportRow } from "../../src/reports/periodReport.js";
import { day, loadHandmade } from "./handmadeLog.js";

/*
 * Hand computation for the hand-made log (handmadeLog.ts), lapseDays = 90, as-of 2023-09-30.
 * A customer is active on status day S when S − (last purchase) < 90 and no churn date lies in
 * [last purchase, S]. Purchase days (day of year 2023): A 10, 46, 140, 213 · B 20 (+ return on 41) ·
 * C 36, 196 · D 89, 92 (churn 166 = Jun 15) · E 115, 253 · F 181 · G 232 (churn 248 = Sep 5) ·
 * H 5, 94 · J only a return (never a customer). Quarter ends: Mar 31 = 90, Jun 30 = 181, Sep 30 = 273.
 *
 * Q1: buyers A B C D H (5); all new; active at 90: A(44 d) B(70) C(54) D(1) H(85) → 5.
 *     revenue 150 + 150 + 120 + 100 + 40 − 20 (J) = 540; margin 60 + 37.5 + 60 + 30 + 10 − 5 = 192.5.
 *     new revenue 560, new margin 197.5 → per new 112 / 39.5. Acquisition cost known for A 30, B 40,
 *     C 20, H 10 (D unknown) → 100 / 4 = 25. Cross-sell: A buys Y (Feb 15) after X (Jan 10): 1 event,
 *     50; D buys X and Z the same day: a basket, no cross-sell. Referrals: C and D (by A) first bought
 *     in Q1 → 2. Key accounts A, D won → 2 active.
 * Q2: active at start 5. Buyers A D E F H. At 181: A(41) active, B(161) lapsed, C(145) lapsed, D churned
 *     on 166 ≥ 92, E(66) active, F(0) active, H(87) active → active A E F H = 4. New E, F; recovered 0;
 *     deserters B C (lapsed) + D (churned) = 3; 5 + 2 + 0 − 3 = 4. Retained A H → 2/5 = 0.4.
 *     Revenue 80 + 40 + 300 + 10 + 60 = 490; margin 30 + 15 + 100 + 2 + 15 = 162. New revenue 310,
 *     margin 102 → 155 / 51. Cost: E 50 (F unknown) → 50 / 1. Cross-sell: D buys Y (Apr 2) after X, Z:
 *     40. Referrals: I (never bought, acquired May 5) → 1. Key accounts: start A D; won E; lost D;
 *     retained A → end A E = 2, rates 0.5 / 0.5.
 * Q3: active at start 4 (A E F H). Buyers A C E G. At 273: A(60) active, C(77) active (recovered),
 *     E(20) active, F(92) lapsed, G churned on 248 ≥ 232 (new and lost in one quarter), H(179) lapsed →
 *     active A C E = 3. New G; recovered C; deserters F H (lapsed) + G (churned) = 3; 4 + 1 + 1 − 3 = 3.
 *     Retained A E → 2/4. Revenue 60 + 120 + 100 + 500 = 780; margin 25 + 55 + 30 + 150 = 260.
 *     New G 500 / 150, cost 60. Cross-sell: C buys Z with Y on Jul 15 (had Y since Feb) → 30; E buys Y
 *     (Sep 10) after X → 100: 2 customers, 2 orders, 130, average 65. Referrals: G (by E) → 1.
 *     Key accounts: start A E, both retained → 2, retention 1, dropout 0.
 */
const QUARTERS: Partial<PeriodReportRow>[] = [
  {
    period: "2023-Q1", startEpochDay: day("2023-01-01"), endEpochDay: day("2023-03-31"), statusEpochDay: day("2023-03-31"), partial: false,
    revenue: 540, margin: 192.5, buyers: 5, activeStart: 0, newCustomers: 5, recovered: 0, deserters: 0, desertersLapsed: 0,
    desertersChurned: 0, activeEnd: 5, retained: 0, retentionRate: null, dropoutRate: null, newRevenue: 560, newMargin: 197.5,
    newRevenuePerCustomer: 112, newMarginPerCustomer: 39.5, newWithAcquisitionCost: 4, acquisitionCost: 100, acquisitionCostPerNew: 25,
    crossSellCustomers: 1, crossSellEvents: 1, crossSellOrders: 1, crossSellAmount: 50, avgCrossSellOrderAmount: 50, referrals: 2,
    keyAccountsActiveStart: 0, keyAccountsWon: 2, keyAccountsLost: 0, keyAccountsRetained: 0, keyAccountsActiveEnd: 2,
    keyAccountRetentionRate: null, keyAccountDropoutRate: null,
  },
  {
    period: "2023-Q2", startEpochDay: day("2023-04-01"), endEpochDay: day("2023-06-30"), statusEpochDay: day("2023-06-30"), partial: false,
    revenue: 490, margin: 162, buyers: 5, activeStart: 5, newCustomers: 2, recovered: 0, deserters: 3, desertersLapsed: 2,
    desertersChurned: 1, activeEnd: 4, retained: 2, retentionRate: 0.4, dropoutRate: 0.6, newRevenue: 310, newMargin: 102,
    newRevenuePerCustomer: 155, newMarginPerCustomer: 51, newWithAcquisitionCost: 1, acquisitionCost: 50, acquisitionCostPerNew: 50,
    crossSellCustomers: 1, crossSellEvents: 1, crossSellOrders: 1, crossSellAmount: 40, avgCrossSellOrderAmount: 40, referrals: 1,
    keyAccountsActiveStart: 2, keyAccountsWon: 1, keyAccountsLost: 1, keyAccountsRetained: 1, keyAccountsActiveEnd: 2,
    keyAccountRetentionRate: 0.5, keyAccountDropoutRate: 0.5,
  },
  {
    period: "2023-Q3", startEpochDay: day("2023-07-01"), endEpochDay: day("2023-09-30"), statusEpochDay: day("2023-09-30"), partial: false,
    revenue: 780, margin: 260, buyers: 4, activeStart: 4, newCustomers: 1, recovered: 1, deserters: 3, desertersLapsed: 2,
    desertersChurned: 1, activeEnd: 3, retained: 2, retentionRate: 0.5, dropoutRate: 0.5, newRevenue: 500, newMargin: 150,
    newRevenuePerCustomer: 500, newMarginPerCustomer: 150, newWithAcquisitionCost: 1, acquisitionCost: 60, acquisitionCostPerNew: 60,
    crossSellCustomers: 2, crossSellEvents: 2, crossSellOrders: 2, crossSellAmount: 130, avgCrossSellOrderAmount: 65, referrals: 1,
    keyAccountsActiveStart: 2, keyAccountsWon: 0, keyAccountsLost: 0, keyAccountsRetained: 2, keyAccountsActiveEnd: 2,
    keyAccountRetentionRate: 1, keyAccountDropoutRate: 0,
  },
];

let db: NodeDuckDB;
beforeAll(async () => {
  db = await NodeDuckDB.open();
  await loadHandmade(db);
});
afterAll(() => db.close());

const run = (options: ReportOptions) => db.query<PeriodReportRow>(periodReportSql(resolveReportOptions(options)));
const base: ReportOptions = { lapseDays: 90, asOfEpochDay: day("2023-09-30"), customersTable: "customers" };

describe("periodReportSql on the hand-made log", () => {
  it("reproduces every hand-computed quarterly figure", async () => {
    const rows = await run({ ...base, period: "quarter" });
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => expect(row).toEqual(expect.objectContaining(QUARTERS[i])));
  });

  it("reproduces the hand-computed monthly customer flows", async () => {
    /*
     * Month ends (day of year): Jan 31, Feb 59, Mar 90, Apr 120, May 151, Jun 181, Jul 212, Aug 243, Sep 273.
     * Jan: A B H new, active 3. Feb: C new → 4. Mar: D new → 5. Apr: E new; B lapses (100 d) → 5.
     * May: C lapses (115 d) → 4. Jun: F new; D churned (Jun 15) → 4. Jul: C recovered; E (97 d) and
     * H (118 d) lapse → 3. Aug: G new → 4. Sep: E recovered; F lapses (92 d), G churned (Sep 5) → 3.
     */
    const rows = await run({ ...base, period: "month" });
    expect(rows.map((r) => r.period)).toEqual(["2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09"]);
    expect(rows.map((r) => r.activeEnd)).toEqual([3, 4, 5, 5, 4, 4, 3, 4, 3]);
    expect(rows.map((r) => r.newCustomers)).toEqual([3, 1, 1, 1, 0, 1, 0, 1, 0]);
    expect(rows.map((r) => r.recovered)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect(rows.map((r) => r.deserters)).toEqual([0, 0, 0, 1, 1, 1, 2, 0, 2]);
    expect(rows.map((r) => r.desertersChurned)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 1]);
    // Revenue per month: Jan A100 B200 H40; Feb A50 B−50 C120; Mar D100 J−20; Apr D40 E300 H60; May A80;
    // Jun F10; Jul C120; Aug A60 G500; Sep E100.
    expect(rows.map((r) => r.revenue)).toEqual([340, 120, 80, 400, 80, 10, 120, 560, 100]);
    // Cross-sell by month: A·Y in Feb, D·Y in Apr, C·Z in Jul, E·Y in Sep.
    expect(rows.map((r) => r.crossSellEvents)).toEqual([0, 1, 0, 1, 0, 0, 1, 0, 1]);
  });

  it("judges the partial last period on the last transaction day by default", async () => {
    // Without as-of the data ends on Sep 10 (E's purchase): at day 253 F (72 d) is still active and
    // G is churned (Sep 5 ≤ Sep 10); H (159 d) lapsed → active A C E F = 4, deserters G H = 2.
    const rows = await run({ lapseDays: 90, customersTable: "customers", period: "quarter" });
    const q3 = rows[2];
    expect(q3).toMatchObject({ period: "2023-Q3", statusEpochDay: day("2023-09-10"), partial: true, activeEnd: 4, deserters: 2, desertersChurned: 1 });
    expect(rows[1].partial).toBe(false);
  });

  it("drops every customer-table figure to null without a customers table", async () => {
    const [q1] = await run({ lapseDays: 90, asOfEpochDay: day("2023-09-30"), period: "quarter" });
    expect(q1).toMatchObject({ activeEnd: 5, referrals: null, acquisitionCost: null, acquisitionCostPerNew: null, keyAccountsActiveEnd: null, keyAccountRetentionRate: null });
    // Without churn dates, D deserts only by lapsing: at Jun 30, 89 days after Apr 2 → still active.
    const rows = await run({ lapseDays: 90, asOfEpochDay: day("2023-09-30"), period: "quarter" });
    expect(rows[1]).toMatchObject({ activeEnd: 5, deserters: 2, desertersChurned: 0 });
  });
});

describe("lapse window edges", () => {
  // One customer buying on 2024-01-01 (leap year). Feb 29 is 59 days later, Mar 31 is 90 days later.
  let edge: NodeDuckDB;
  beforeAll(async () => {
    edge = await NodeDuckDB.open();
    await edge.exec(`CREATE TABLE tx_clean AS SELECT 'K' AS customer_id, ${day("2024-01-01")} AS epoch_day, 10.0 AS amount, NULL::DOUBLE AS margin, NULL::VARCHAR AS category`);
  });
  afterAll(() => edge.close());
  const flows = async (lapseDays: number) => {
    const rows = await edge.query<PeriodReportRow>(periodReportSql(resolveReportOptions({ lapseDays, period: "month", asOfEpochDay: day("2024-04-30") })));
    return rows.map((r) => [r.period, r.activeEnd, r.deserters]);
  };

  it("counts a customer as lapsed exactly lapseDays after the last purchase", async () => {
    expect(await flows(59)).toEqual([["2024-01", 1, 0], ["2024-02", 0, 1], ["2024-03", 0, 0], ["2024-04", 0, 0]]);
    expect(await flows(60)).toEqual([["2024-01", 1, 0], ["2024-02", 1, 0], ["2024-03", 0, 1], ["2024-04", 0, 0]]);
    expect(await flows(90)).toEqual([["2024-01", 1, 0], ["2024-02", 1, 0], ["2024-03", 0, 1], ["2024-04", 0, 0]]);
    expect(await flows(91)).toEqual([["2024-01", 1, 0], ["2024-02", 1, 0], ["2024-03", 1, 0], ["2024-04", 0, 1]]);
  });

  it("counts a new customer who lapses within the same period as new and deserter", async () => {
    const rows = await edge.query<PeriodReportRow>(periodReportSql(resolveReportOptions({ lapseDays: 10, period: "quarter", asOfEpochDay: day("2024-03-31") })));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ newCustomers: 1, deserters: 1, activeEnd: 0, desertersLapsed: 1 });
  });
});
