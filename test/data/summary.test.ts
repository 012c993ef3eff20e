import { describe, expect, it } from "vitest";
import { summarizeColumns, summarizeTransactions, summaryRows } from "../../src/data/summary.js";
import { CDNOW_CAL_END, CDNOW_HOLDOUT_END, epochDayOf, readCdnow, readNumericCsv } from "../support/readCdnow.js";

const log = readCdnow("data/cdnow/cdnow_sample.csv", "sampleid");
const summary = summarizeTransactions(log, { unit: "week", calibrationEndEpochDay: CDNOW_CAL_END, holdoutEndEpochDay: CDNOW_HOLDOUT_END });

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

describe("summarizeTransactions on the CDNOW sample (REFERENCES §1)", () => {
  it("has 2,357 customers, 946 repeaters, Σx = 2,457 and holdout Σ = 1,882", () => {
    expect(log.length).toBe(6919);
    expect(summary.n).toBe(2357);
    expect(Array.from(summary.x).filter((v) => v > 0).length).toBe(946);
    expect(sum(summary.x)).toBe(2457);
    expect(sum(summary.xHoldout!)).toBe(1882);
    expect(summary.excludedCustomers).toBe(0);
    expect(summary.holdoutLength).toBeCloseTo(39, 12);
  });

  it("T for a customer first buying 1997-01-01 is 272 / 7 = 38.857 weeks", () => {
    const i = Array.from(summary.firstEpochDay).indexOf(epochDayOf("19970101"));
    expect(summary.T[i]).toBeCloseTo(272 / 7, 12);
  });

  it("reproduces CLVTools' counts: 4,814 calibration purchase days (first included), total spend 244,091.94, 1,411 zero-repeaters", () => {
    expect(sum(summary.x) + summary.n).toBe(4814);
    expect(sum(summary.totalSpend) + sum(summary.holdoutSpend!)).toBeCloseTo(244091.94, 6);
    expect(Array.from(summary.x).filter((v) => v === 0).length).toBe(1411);
  });

  it("repeat spend of the 946 repeaters: mean 35.0778, std 30.2835, min 2.99, median 27.50, max 299.63", () => {
    const m = Array.from(summary.monetary).filter((_, i) => summary.x[i] > 0).sort((a, b) => a - b);
    expect(m.length).toBe(946);
    const mean = sum(m) / m.length;
    const std = Math.sqrt(m.reduce((s, v) => s + (v - mean) ** 2, 0) / (m.length - 1));
    expect(mean).toBeCloseTo(35.0778, 4);
    expect(std).toBeCloseTo(30.2835, 4);
    expect(m[0]).toBeCloseTo(2.99, 10);
    expect((m[472] + m[473]) / 2).toBeCloseTo(27.4975, 10); // 27.50 rounded
    expect(m[945]).toBeCloseTo(299.63, 2);
  });

  it("matches lifetimes' cdnow_customers_summary.csv: frequency identical, |Δrecency|, |ΔT| ≤ 0.0043", () => {
    const ref = readNumericCsv("data/cdnow/cdnow_customers_summary.csv");
    const byId = new Map(summary.customerIds.map((id, i) => [Number(id), i]));
    expect(ref.ID.length).toBe(2357);
    let maxRec = 0;
    let maxT = 0;
    ref.ID.forEach((id, k) => {
      const i = byId.get(id)!;
      expect(summary.x[i]).toBe(ref.frequency[k]);
      maxRec = Math.max(maxRec, Math.abs(summary.tx[i] - ref.recency[k]));
      maxT = Math.max(maxT, Math.abs(summary.T[i] - ref.T[k]));
    });
    expect(maxRec).toBeLessThanOrEqual(0.0043);
    expect(maxT).toBeLessThanOrEqual(0.0043);
  });

  it("matches BTYD's full-precision cdnowSummary$cbs (x, t.x, T.cal, x.star, m.x)", () => {
    const ref = readNumericCsv("data/cdnow/cdnowSummary_cbs.csv");
    const byId = new Map(summary.customerIds.map((id, i) => [Number(id), i]));
    ref.id.forEach((id, k) => {
      const i = byId.get(id)!;
      expect(summary.x[i]).toBe(ref.x[k]);
      expect(Math.abs(summary.tx[i] - ref["t.x"][k])).toBeLessThan(1e-12);
      expect(Math.abs(summary.T[i] - ref["T.cal"][k])).toBeLessThan(1e-12);
      expect(summary.xHoldout![i]).toBe(ref["x.star"][k]);
      expect(Math.abs(summary.monetary[i] - ref["m.x"][k])).toBeLessThan(1e-9);
    });
  });
});

describe("summary definitions on a hand-made log", () => {
  // Customer a: day 0 twice (merged), day 7, day 21; holdout day 30 twice, day 40 after holdout.
  const small = [
    { customerId: "a", epochDay: 7, amount: 10 },
    { customerId: "a", epochDay: 0, amount: 5 },
    { customerId: "a", epochDay: 0, amount: 1 },
    { customerId: "a", epochDay: 21, amount: 20 },
    { customerId: "a", epochDay: 30, amount: 3 },
    { customerId: "a", epochDay: 30, amount: 4 },
    { customerId: "a", epochDay: 40, amount: 100 },
    { customerId: "b", epochDay: 14, amount: 2 },
    { customerId: "c", epochDay: 29, amount: 9 }, // first purchase after calibration end: excluded
    { customerId: "r", epochDay: 3, amount: -4 }, // returns only: excluded
  ];
  const s = summarizeTransactions(small, { unit: "week", calibrationEndEpochDay: 28, holdoutEndEpochDay: 35 });
  it("merges same-day rows, excludes the first purchase, splits the holdout", () => {
    expect(s.n).toBe(2);
    expect(s.excludedCustomers).toBe(2);
    expect(summaryRows(s)).toEqual([
      { customerId: "a", x: 2, tx: 3, T: 4, monetary: 15, totalSpend: 36, firstEpochDay: 0, lastEpochDay: 21, transactions: 4, xHoldout: 1, holdoutSpend: 7 },
      { customerId: "b", x: 0, tx: 0, T: 2, monetary: 0, totalSpend: 2, firstEpochDay: 14, lastEpochDay: 14, transactions: 1, xHoldout: 0, holdoutSpend: 0 },
    ]);
  });
  it("returns (amount < 0) count in net spend but never make a purchase day or enter the spend model", () => {
    // d: same-day return on day 0, a return-only day 7, a zero-amount purchase on day 21 (a purchase, as
    // in CDNOW), a return-only holdout day 30. e: a return booked before the first purchase.
    const withReturns = [
      { customerId: "d", epochDay: 0, amount: 50 },
      { customerId: "d", epochDay: 0, amount: -10 },
      { customerId: "d", epochDay: 7, amount: -20 },
      { customerId: "d", epochDay: 14, amount: 30 },
      { customerId: "d", epochDay: 14, amount: 10 },
      { customerId: "d", epochDay: 14, amount: -5 },
      { customerId: "d", epochDay: 21, amount: 0 },
      { customerId: "d", epochDay: 30, amount: -8 },
      { customerId: "d", epochDay: 33, amount: 12 },
      { customerId: "e", epochDay: 3, amount: -7 },
      { customerId: "e", epochDay: 10, amount: 25 },
      { customerId: "e", epochDay: 12, amount: 5 },
    ];
    const r = summarizeTransactions(withReturns, { unit: "week", calibrationEndEpochDay: 28, holdoutEndEpochDay: 35 });
    expect(r.excludedCustomers).toBe(0);
    expect(summaryRows(r)).toEqual([
      // purchase days 0, 14, 21; monetary = (30 + 10 + 0) / 2 (day 14's −5 excluded); net 50−10−20+30+10−5+0
      { customerId: "d", x: 2, tx: 3, T: 4, monetary: 20, totalSpend: 55, firstEpochDay: 0, lastEpochDay: 21, transactions: 7, xHoldout: 1, holdoutSpend: 4 },
      { customerId: "e", x: 1, tx: 2 / 7, T: 18 / 7, monetary: 5, totalSpend: 23, firstEpochDay: 10, lastEpochDay: 12, transactions: 3, xHoldout: 0, holdoutSpend: 0 },
    ]);
  });
  it("uses the unit: days and months", () => {
    const days = summarizeTransactions(small, { unit: "day", calibrationEndEpochDay: 28 });
    expect(days.T[0]).toBe(28);
    expect(days.xHoldout).toBeNull();
    const months = summarizeTransactions(small, { unit: "month", calibrationEndEpochDay: 28 });
    expect(months.T[0]).toBeCloseTo(28 / (365.25 / 12), 14);
  });
  it("columnar input gives the same result", () => {
    const c = summarizeColumns(
      { customerIds: ["a", "b"], customer: [0, 0, 1, 0, 0], epochDay: [0, 21, 14, 7, 21], amount: [6, 20, 2, 10, -3] },
      { unit: "week", calibrationEndEpochDay: 28 },
    );
    expect(Array.from(c.x)).toEqual([2, 0]);
    expect(Array.from(c.monetary)).toEqual([15, 0]);
    expect(Array.from(c.totalSpend)).toEqual([33, 2]);
  });
  it("errors clearly on a calibration end before the first purchase and on bad options", () => {
    expect(() => summarizeTransactions(small, { unit: "week", calibrationEndEpochDay: -1 })).toThrow(
      "calibration end 1969-12-31 is before the first purchase 1970-01-01",
    );
    expect(() => summarizeTransactions(small, { unit: "week", calibrationEndEpochDay: 28, holdoutEndEpochDay: 20 })).toThrow("invalid holdoutEndEpochDay");
    expect(() => summarizeTransactions(small, { unit: "year" as never, calibrationEndEpochDay: 28 })).toThrow('invalid unit: "year"');
    expect(() => summarizeTransactions([{ customerId: "z", epochDay: 1, amount: NaN }], { unit: "day", calibrationEndEpochDay: 5 })).toThrow(
      'invalid amount at transaction 0 (customer "z"): NaN',
    );
  });
  it("errors clearly on a log of returns only", () => {
    expect(() => summarizeTransactions([{ customerId: "z", epochDay: 1, amount: -5 }], { unit: "day", calibrationEndEpochDay: 5 })).toThrow(
      "no purchase lines (amount >= 0) among 1 rows: returns only",
    );
  });
  it("gives an empty summary for an empty log", () => {
    const e = summarizeTransactions([], { unit: "week", calibrationEndEpochDay: 28 });
    expect(e.n).toBe(0);
  });
});
