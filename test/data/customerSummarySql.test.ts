import { describe, expect, it } from "vitest";
import { customerSummaryFromSql, perCustomerSummarySql } from "../../src/data/customerSummarySql.js";
import { summarizeTransactions } from "../../src/data/summary.js";
import { CDNOW_CAL_END, CDNOW_HOLDOUT_END, readCdnow } from "../support/readCdnow.js";
import { ingestPath } from "./ingestHelpers.js";

const mapping = { version: 1 as const, table: "transactions" as const, columns: { customerId: "sampleid", date: "date", amount: "sales" } };

describe("perCustomerSummarySql", () => {
  it("agrees with the JS summary (summary.ts) on CDNOW to 1e-9, customer by customer", async () => {
    const js = summarizeTransactions(readCdnow("data/cdnow/cdnow_sample.csv", "sampleid"), { unit: "week", calibrationEndEpochDay: CDNOW_CAL_END, holdoutEndEpochDay: CDNOW_HOLDOUT_END });
    await ingestPath("data/cdnow/cdnow_sample.csv", { mapping }, async (db) => {
      const sql = await customerSummaryFromSql(db, { unit: "week", calibrationEndEpochDay: CDNOW_CAL_END, holdoutEndEpochDay: CDNOW_HOLDOUT_END });
      expect(sql.n).toBe(js.n);
      expect(sql.customerIds).toEqual(js.customerIds);
      expect(sql.excludedCustomers).toBe(js.excludedCustomers);
      expect(sql.holdoutLength).toBe(js.holdoutLength);
      for (const key of ["x", "tx", "T", "monetary", "totalSpend", "xHoldout", "holdoutSpend"] as const) {
        const a = sql[key]!;
        const b = js[key]!;
        let worst = 0;
        for (let i = 0; i < js.n; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
        expect(worst, key).toBeLessThan(1e-9);
      }
      expect(Array.from(sql.firstEpochDay)).toEqual(Array.from(js.firstEpochDay));
      expect(Array.from(sql.lastEpochDay)).toEqual(Array.from(js.lastEpochDay));
      expect(Array.from(sql.transactions)).toEqual(Array.from(js.transactions));
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
