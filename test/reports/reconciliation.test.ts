import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { buildReport, cohortMatrixSql, customerMoversSql, periodReportSql, reconcileReport, resolveReportInputs, type PeriodReportRow, type Report } from "../../src/reports/index.js";
import { day } from "./handmadeLog.js";
import { bruteForceFlows, generateLog, loadGenerated, type GeneratedLog } from "./generatedLog.js";

// 1,500 generated customers, 2022-06-15 .. 2024-09-20 (a leap February, a partial last quarter),
// purchases, returns, churn dates (some followed by purchases), key accounts and referrals.
let db: NodeDuckDB;
let log: GeneratedLog;
beforeAll(async () => {
  db = await NodeDuckDB.open();
  log = generateLog(1500, day("2022-06-15"), day("2024-09-20"));
  await loadGenerated(db, log);
});
afterAll(() => db.close());

const cases = [
  { period: "month", lapseDays: 30 },
  { period: "month", lapseDays: 180 },
  { period: "quarter", lapseDays: 45 },
  { period: "quarter", lapseDays: 365 },
] as const;

describe.each(cases)("generated log, $period, lapseDays $lapseDays", ({ period, lapseDays }) => {
  let report: Report;
  beforeAll(async () => {
    report = await buildReport(db, { period, lapseDays, customersTable: "customers" });
  });

  it("active(t) = active(t−1) + new + recovered − deserters in every period", () => {
    const rows = report.periods;
    expect(rows.length).toBeGreaterThan(period === "month" ? 25 : 8);
    let previous = 0;
    for (const row of rows) {
      expect(row.activeStart, row.period).toBe(previous);
      expect(row.activeEnd, row.period).toBe(row.activeStart + row.newCustomers + row.recovered - row.deserters);
      expect(row.keyAccountsActiveEnd, row.period).toBe(row.keyAccountsActiveStart! + row.keyAccountsWon! - row.keyAccountsLost!);
      previous = row.activeEnd;
    }
    // Every buying customer is new exactly once.
    expect(rows.reduce((s, r) => s + r.newCustomers, 0)).toBe(log.customers.filter((c) => log.tx.some((t) => t.customer === c.customer && t.amount >= 0)).length);
    expect(reconcileReport(report.periods, report.bridge)).toEqual([]);
  });

  it("matches a brute-force walk through the definitions", () => {
    const brute = bruteForceFlows(log, period, lapseDays);
    const pick = (r: PeriodReportRow) => ({ period: r.periodIndex, activeStart: r.activeStart, newCustomers: r.newCustomers, recovered: r.recovered,
      deserters: r.deserters, activeEnd: r.activeEnd, retained: r.retained, keyActiveEnd: r.keyAccountsActiveEnd });
    expect(report.periods.map(pick)).toEqual(brute.map(({ revenue: _revenue, ...rest }) => rest));
    report.periods.forEach((r, i) => expect(r.revenue).toBeCloseTo(brute[i].revenue, 6));
    // The log exercises every flow: recoveries, lapses and explicit churn.
    const total = (key: keyof PeriodReportRow) => report.periods.reduce((s, r) => s + (r[key] as number), 0);
    expect(total("recovered")).toBeGreaterThan(0);
    expect(total("desertersLapsed")).toBeGreaterThan(0);
    expect(total("desertersChurned")).toBeGreaterThan(0);
  });

  it("bridge reconciles to each period's revenue and cohorts add up", () => {
    report.bridge.forEach((b, i) => {
      const sum = b.revenueStart + b.newRevenue + b.recoveredRevenue + b.expansion - b.contraction - b.lostRevenue;
      expect(sum).toBeCloseTo(b.revenueEnd, 6);
      expect(b.revenueEnd).toBe(report.periods[i].revenue); // both exact DECIMAL sums
      if (i > 0) expect(b.revenueStart).toBe(report.bridge[i - 1].revenueEnd);
    });
    // Cohort sizes are the new customers of their period; the active cells of period t sum to active(t).
    for (const row of report.periods) {
      const cohort = report.cohorts.find((c) => c.cohortIndex === row.periodIndex && c.periodsSince === 0);
      expect(cohort?.cohortSize ?? 0).toBe(row.newCustomers);
      const active = report.cohorts.filter((c) => c.period === row.period).reduce((s, c) => s + c.active, 0);
      expect(active, row.period).toBe(row.activeEnd);
      const buyers = report.cohorts.filter((c) => c.period === row.period).reduce((s, c) => s + c.purchasers, 0);
      expect(buyers, row.period).toBe(row.buyers);
    }
  });

  it("gives the same tables from the stand-alone SQL builders as from the stored base tables", async () => {
    const options = await resolveReportInputs(db, { period, lapseDays, customersTable: "customers" });
    expect(await db.query(periodReportSql(options))).toEqual(report.periods);
    expect(await db.query(cohortMatrixSql(options))).toEqual(report.cohorts);
    expect(await db.query(customerMoversSql(options))).toEqual(report.movers);
  });

  it("flags the partial last period and the returns-only id", () => {
    expect(report.periods[report.periods.length - 1].partial).toBe(true);
    expect(report.warnings).toContain("1 customers have only returns (negative amounts): they count in revenue, not as customers");
  });
});

describe("reconcileReport", () => {
  it("names the period and the figures that break an identity", () => {
    const base = { periodIndex: 0, period: "2024-01", activeStart: 0, newCustomers: 3, recovered: 0, deserters: 1, desertersLapsed: 1, desertersChurned: 0, activeEnd: 2, retained: 0, revenue: 10,
      keyAccountsActiveStart: null, keyAccountsWon: null, keyAccountsLost: null, keyAccountsActiveEnd: null } as unknown as PeriodReportRow;
    expect(reconcileReport([base])).toEqual([]);
    expect(reconcileReport([{ ...base, activeEnd: 3 }])).toEqual(["2024-01: active 3 ≠ 0 + 3 + 0 − 1"]);
    const bridge = { periodIndex: 0, period: "2024-01", revenueStart: 0, newRevenue: 12, recoveredRevenue: 0, expansion: 0, contraction: 0, lostRevenue: 0, revenueEnd: 10 } as never;
    expect(reconcileReport([base], [bridge])).toEqual(["2024-01: bridge sums to 12, revenue is 10"]);
  });
});
