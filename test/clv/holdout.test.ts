import { describe, expect, it } from "vitest";
import { holdoutValidation } from "../../src/clv/holdout.js";
import { repeatPurchasesPerPeriod, trackingCurves } from "../../src/clv/tracking.js";
import type { TransactionModel } from "../../src/clv/transactionModel.js";

/** Buys at rate λ per week forever, and conditionally at λ·(x+1)/(T+1) (a toy that depends on history). */
const toy: TransactionModel = {
  model: "toy",
  unit: "week",
  expectedPurchases: (t) => 0.1 * t,
  conditionalExpectedPurchases: (t, x, _tx, T) => (t * (x + 1)) / (T + 1),
  probabilityAlive: () => 1,
};

describe("holdoutValidation", () => {
  it("bins customers by calibration frequency 0..7+ and compares predicted with actual", () => {
    const x = [0, 0, 1, 2, 7, 9, 12];
    const customers = { unit: "week" as const, holdoutLength: 10, x, tx: x.map((v) => v), T: x.map(() => 19), xHoldout: [0, 1, 1, 0, 3, 5, 4] };
    const result = holdoutValidation(toy, customers);
    expect(result.bins.map((b) => b.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(result.bins.map((b) => b.customers)).toEqual([2, 1, 1, 0, 0, 0, 0, 3]);
    expect(result.bins[0].actualMean).toBe(0.5);
    expect(result.bins[0].predictedMean).toBeCloseTo(0.5, 12); // 10·1/20
    expect(result.bins[7].actualTotal).toBe(12);
    expect(result.bins[7].predictedTotal).toBeCloseTo((10 * (8 + 10 + 13)) / 20, 12);
    expect(Number.isNaN(result.bins[3].actualMean)).toBe(true);
    expect(result.total.actual).toBe(14);
    expect(result.total.predicted).toBeCloseTo(result.bins.reduce((s, b) => s + b.predictedTotal, 0), 12);
    expect(result.total.relativeError).toBeCloseTo((result.total.predicted - 14) / 14, 12);
  });

  it("refuses customers without a holdout or in another unit", () => {
    const base = { unit: "week" as const, holdoutLength: 10, x: [0], tx: [0], T: [5], xHoldout: [0] };
    expect(() => holdoutValidation(toy, { ...base, holdoutLength: null, xHoldout: null })).toThrow("no holdout period");
    expect(() => holdoutValidation(toy, { ...base, unit: "day" })).toThrow('invalid customers unit: "day"');
  });
});

describe("trackingCurves", () => {
  it("sums the population curve over customers born before each period end", () => {
    const curves = trackingCurves(toy, { birthTimes: [0, 0, 1.5, 3], periodLength: 1, periods: 4, actualIncremental: [0, 1, 0, 2] });
    // end 1: 2 customers × 0.1; end 2: 2×0.2 + 0.05; end 3: 2×0.3 + 0.15 (born at 3 not yet counted); end 4: 2×0.4 + 0.25 + 0.1
    expect(curves.expectedCumulative[0]).toBeCloseTo(0.2, 12);
    expect(curves.expectedCumulative[1]).toBeCloseTo(0.45, 12);
    expect(curves.expectedCumulative[2]).toBeCloseTo(0.75, 12);
    expect(curves.expectedCumulative[3]).toBeCloseTo(1.15, 12);
    expect(curves.expectedIncremental[3]).toBeCloseTo(0.4, 12);
    expect(curves.actualCumulative).toEqual([0, 1, 1, 3]);
  });

  it("counts repeat purchase days per period (same-day rows merged, first purchase excluded)", () => {
    // customer 0: days 0 (first), 0 (same day), 3, 9; customer 1: days 5 (first), 6, 6, 14 (outside 2 weeks)
    const log = { customer: [0, 0, 0, 0, 1, 1, 1, 1], epochDay: [0, 0, 3, 9, 5, 6, 6, 14] };
    expect(repeatPurchasesPerPeriod(log, { originEpochDay: 0, periodDays: 7, periods: 2 })).toEqual([2, 1]);
  });
});
