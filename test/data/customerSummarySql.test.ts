import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { customerSummaryFromSql, perCustomerSummarySql } from "../../src/data/customerSummarySql.js";
import { summarizeTransactions, type CustomerSummary } from "../../src/data/summary.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import type { Transaction } from "../../src/types.js";
import { CDNOW_CAL_END, CDNOW_HOLDOUT_END, readCdnow } from "../support/readCdnow.js";
import { ingestPath } from "./ingestHelpers.js";

/** Same customers in the same order, float columns within 1e-9 (relative, floor 1), integer columns exact. */
function expectSameSummary(sql: CustomerSummary, js: CustomerSummary): void {
  expect(sql.n).toBe(js.n);
  expect(sql.customerIds).toEqual(js.customerIds);
  expect(sql.excludedCustomers).toBe(js.excludedCustomers);
  for (const key of ["x", "tx", "T", "monetary", "totalSpend", "xHoldout", "holdoutSpend"] as const) {
    const a = sql[key];
    const b = js[key];
    if (a === null || b === null) {
      expect(a, key).toBe(b);
      continue;
    }
    let worst = 0;
    for (let i = 0; i < js.n; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
    expect(worst, key).toBeLessThan(1e-9);
  }
  expect(Array.from(sql.firstEpochDay)).toEqual(Array.from(js.firstEpochDay));
  expect(Array.from(sql.lastEpochDay)).toEqual(Array.from(js.lastEpochDay));
  expect(Array.from(sql.transactions)).toEqual(Array.from(js.transactions));
}

/** The demo company's log (ISO dates, plain numbers, no quoted fields): customer_id, date, amount. */
function readDemo(): Transaction[] {
  const lines = readFileSync("data/demo/transactions.csv", "utf8").trim().split("\n");
  const header = lines[0].split(",");
  const [ci, di, ai] = ["customer_id", "date", "amount"].map((name) => header.indexOf(name));
  return lines.slice(1).map((line) => {
    const f = line.split(",");
    return { customerId: f[ci], epochDay: Date.parse(f[di] + "T00:00:00Z") / 86_400_000, amount: Number(f[ai]) };
  });
}

const mapping = { version: 1 as const, table: "transactions" as const, columns: { customerId: "sampleid", date: "date", amount: "sales" } };

describe("perCustomerSummarySql", () => {
  it("agrees with the JS summary (summary.ts) on CDNOW to 1e-9, customer by customer", async () => {
    const js = summarizeTransactions(readCdnow("data/cdnow/cdnow_sample.csv", "sampleid"), { unit: "week", calibrationEndEpochDay: CDNOW_CAL_END, holdoutEndEpochDay: CDNOW_HOLDOUT_END });
    await ingestPath("data/cdnow/cdnow_sample.csv", { mapping }, async (db) => {
      const sql = await customerSummaryFromSql(db, { unit: "week", calibrationEndEpochDay: CDNOW_CAL_END, holdoutEndEpochDay: CDNOW_HOLDOUT_END });
      expectSameSummary(sql, js);
      expect(sql.holdoutLength).toBe(js.holdoutLength);
    });
  });

  it("reproduces the published CDNOW calibration / holdout numbers (REFERENCES.md §1)", async () => {
    await ingestPath("data/cdnow/cdnow_sample.csv", { mapping }, async (db) => {
      const s = await customerSummaryFromSql(db, { unit: "week", calibrationEndEpochDay: CDNOW_CAL_END, holdoutEndEpochDay: CDNOW_HOLDOUT_END });
      const sum = (a: Float64Array) => a.reduce((t, v) => t + v, 0);
      expect(s.n).toBe(2357);
      expect(s.x.filter((v) => v > 0).length).toBe(946);
      expect(sum(s.x)).toBe(2457);
      expect(sum(s.xHoldout!)).toBe(1882);
      const i = s.firstEpochDay.indexOf(CDNOW_CAL_END - 272); // 1997-01-01
      expect(s.T[i]).toBeCloseTo(38.857, 3);
      const repeatSpend = Array.from(s.monetary).filter((_, k) => s.x[k] > 0);
      expect(repeatSpend.reduce((t, v) => t + v, 0) / repeatSpend.length).toBeCloseTo(35.0778, 4);
      expect(Math.min(...repeatSpend)).toBeCloseTo(2.99, 2); // published rounded to 2 dp
      expect(Math.max(...repeatSpend)).toBeCloseTo(299.63, 2);
    });
  });

  it("agrees with the JS summary on a log with returns (same-day, return-only days, before the first purchase, returns only)", async () => {
    const log: Transaction[] = [
      { customerId: "d", epochDay: 0, amount: 50 },
      { customerId: "d", epochDay: 0, amount: -10 },
      { customerId: "e", epochDay: 3, amount: -7 },
      { customerId: "d", epochDay: 7, amount: -20 },
      { customerId: "r", epochDay: 8, amount: -4 },
      { customerId: "e", epochDay: 10, amount: 25 },
      { customerId: "e", epochDay: 12, amount: 5 },
      { customerId: "d", epochDay: 14, amount: 30 },
      { customerId: "d", epochDay: 14, amount: 10 },
      { customerId: "d", epochDay: 14, amount: -5 },
      { customerId: "d", epochDay: 21, amount: 0 },
      { customerId: "f", epochDay: 29, amount: 3 },
      { customerId: "d", epochDay: 30, amount: -8 },
      { customerId: "d", epochDay: 33, amount: 12 },
    ];
    const options = { unit: "week" as const, calibrationEndEpochDay: 28, holdoutEndEpochDay: 35 };
    const js = summarizeTransactions(log, options);
    const db = await NodeDuckDB.open();
    try {
      const values = log.map((t, k) => `('${t.customerId}', ${t.epochDay}, ${t.amount}::DOUBLE, ${k + 1})`).join(", ");
      await db.exec(`CREATE TABLE t AS SELECT * FROM (VALUES ${values}) v(customer_id, epoch_day, amount, row_number)`);
      const sql = await customerSummaryFromSql(db, { ...options, table: "t" });
      expectSameSummary(sql, js);
      // hand values (see summary.test.ts): d has monetary (30 + 10 + 0) / 2 and net spend 55; r and f are left out
      expect(sql.customerIds).toEqual(["d", "e"]);
      expect(Array.from(sql.monetary)).toEqual([20, 5]);
      expect(Array.from(sql.totalSpend)).toEqual([55, 23]);
      expect(Array.from(sql.xHoldout!)).toEqual([1, 0]);
      expect(sql.excludedCustomers).toBe(2);
      // nobody bought by the calibration end: no rows, and the excluded count comes from its own query
      const none = await customerSummaryFromSql(db, { unit: "week", calibrationEndEpochDay: -1, table: "t" });
      expect(none.n).toBe(0);
      expect(none.excludedCustomers).toBe(4);
    } finally {
      db.close();
    }
  });

  it("agrees with the JS summary on the demo company (returns as negative lines) and its spend is never negative", async () => {
    const demoMapping = { version: 1 as const, table: "transactions" as const, columns: { customerId: "customer_id", date: "date", amount: "amount" } };
    const log = readDemo();
    expect(log.some((t) => t.amount < 0)).toBe(true);
    const options = { unit: "week" as const, calibrationEndEpochDay: Date.UTC(2025, 5, 30) / 86_400_000 };
    const js = summarizeTransactions(log, options);
    await ingestPath("data/demo/transactions.csv", { mapping: demoMapping }, async (db) => {
      const sql = await customerSummaryFromSql(db, options);
      expectSameSummary(sql, js);
      const repeaters = Array.from(sql.monetary).filter((_, k) => sql.x[k] > 0);
      expect(repeaters.length).toBeGreaterThan(100);
      expect(Math.min(...repeaters)).toBeGreaterThan(0); // demo purchase lines are never zero
      const i = sql.customerIds.indexOf("C00828"); // once "invalid mean spend: -17.53"
      expect(sql.x[i]).toBeGreaterThan(0);
      expect(sql.monetary[i]).toBeGreaterThan(0);
    });
  });

  it("gives the same summary through the columnar fetch (queryColumns) and through row objects (query)", async () => {
    await ingestPath("data/cdnow/cdnow_sample.csv", { mapping }, async (db) => {
      const options = { unit: "week" as const, calibrationEndEpochDay: CDNOW_CAL_END, holdoutEndEpochDay: CDNOW_HOLDOUT_END };
      const rowsOnly = { query: db.query.bind(db), exec: db.exec.bind(db) }; // a runner without queryColumns
      const columnar = await customerSummaryFromSql(db, options);
      const byRows = await customerSummaryFromSql(rowsOnly, options);
      expectSameSummary(columnar, byRows); // DuckDB's parallel sums may differ in the last bits between runs
      expect(columnar.holdoutLength).toBe(byRows.holdoutLength);
      expect(columnar.x).toBeInstanceOf(Float64Array);
      expect(columnar.firstEpochDay).toBeInstanceOf(Int32Array);
    });
  });

  it("leaves holdout columns NULL without a holdout and checks its options", async () => {
    expect(() => perCustomerSummarySql({ unit: "week", calibrationEndEpochDay: 1.5 })).toThrow("invalid calibrationEndEpochDay: 1.5");
    expect(() => perCustomerSummarySql({ unit: "week", calibrationEndEpochDay: 10, holdoutEndEpochDay: 5 })).toThrow("invalid holdoutEndEpochDay: 5");
    expect(() => perCustomerSummarySql({ unit: "year" as never, calibrationEndEpochDay: 10 })).toThrow('invalid unit: "year"');
    await ingestPath("data/cdnow/cdnow_sample.csv", { mapping }, async (db) => {
      const rows = await db.query<{ x_holdout: number | null }>(perCustomerSummarySql({ unit: "day", calibrationEndEpochDay: CDNOW_CAL_END }));
      expect(rows.length).toBe(2357);
      expect(rows.every((r) => r.x_holdout === null)).toBe(true);
    });
  });
});
