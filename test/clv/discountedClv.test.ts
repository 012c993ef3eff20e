import { describe, expect, it } from "vitest";
import { discountedClv, type ClvCustomers } from "../../src/clv/discountedClv.js";
import { continuousRatePerModelUnit, periodInModelUnits } from "../../src/clv/periods.js";
import type { TransactionModel } from "../../src/clv/transactionModel.js";
import { bgnbdTransactionModel, pnbdTransactionModel } from "../../src/clv/adapters.js";

/** A customer who buys at rate λ per week forever: E[X(t)] = λ t whatever the history. */
function poisson(lambdaPerUnit: number, unit: TransactionModel["unit"] = "week"): TransactionModel {
  return {
    model: "poisson",
    unit,
    expectedPurchases: (t) => lambdaPerUnit * t,
    conditionalExpectedPurchases: (t) => lambdaPerUnit * t,
    probabilityAlive: () => 1,
    discountedExpectedResidualPurchases: (delta) => lambdaPerUnit / delta,
  };
}

const customers: ClvCustomers = { unit: "week", customerIds: ["a", "b"], x: [0, 3], tx: [0, 20], T: [30, 30], monetary: [0, 50] };
const spend = (x: number, m: number) => (x > 0 ? m : 20);

describe("discountedClv", () => {
  it("sums discounted expected purchases per period: a level annuity for a constant rate", () => {
    const lambda = 0.5;
    const result = discountedClv(poisson(lambda), customers, spend, { horizon: 12, horizonUnit: "month", discountRate: 0.01, discountPer: "month" });
    const L = 365.25 / 12 / 7; // weeks per calendar month
    const annuity = (1 - 1.01 ** -12) / 0.01;
    expect(result.discountPeriods).toBeCloseTo(12, 12);
    expect(result.horizonInModelUnits).toBeCloseTo(12 * L, 12);
    expect(result.clv[0]).toBeCloseTo(20 * lambda * L * annuity, 10);
    expect(result.clv[1]).toBeCloseTo(50 * lambda * L * annuity, 10);
    expect(result.expectedPurchases[1]).toBeCloseTo(lambda * 12 * L, 10);
    expect(result.total).toBeCloseTo(result.clv[0] + result.clv[1], 10);
    expect(Array.from(result.expectedSpend)).toEqual([20, 50]);
  });

  it("uses lifetimes' month (4.345 weeks) on request", () => {
    const result = discountedClv(poisson(1), customers, spend, { horizon: 12, horizonUnit: "month", discountRate: 0, discountPer: "month", monthConvention: "lifetimes" });
    expect(result.expectedPurchases[0]).toBeCloseTo(12 * 4.345, 10);
    expect(result.warnings).toEqual(["discount rate is 0: values are undiscounted"]);
    expect(periodInModelUnits("month", "day", "lifetimes")).toBe(30);
    expect(periodInModelUnits("year", "week", "lifetimes")).toBeCloseTo(52.14, 10);
    expect(periodInModelUnits("year", "month")).toBe(12);
    expect(periodInModelUnits("week", "day")).toBe(7);
  });

  it("converts a yearly horizon and a monthly rate explicitly, and a partial last period", () => {
    const a = discountedClv(poisson(1), customers, spend, { horizon: 1, horizonUnit: "year", discountRate: 0.01, discountPer: "month" });
    const b = discountedClv(poisson(1), customers, spend, { horizon: 12, horizonUnit: "month", discountRate: 0.01, discountPer: "month" });
    expect(a.clv[1]).toBeCloseTo(b.clv[1], 10);
    // 2.5 months: 2 full months + half a month discounted at (1.01)^2.5
    const c = discountedClv(poisson(1), customers, spend, { horizon: 2.5, horizonUnit: "month", discountRate: 0.01, discountPer: "month" });
    const L = 365.25 / 12 / 7;
    expect(c.clv[1]).toBeCloseTo(50 * L * (1 / 1.01 + 1 / 1.01 ** 2 + 0.5 / 1.01 ** 2.5), 10);
  });

  it("continuous compounding: a force of interest ln(1+d) equals discrete d", () => {
    const discrete = discountedClv(poisson(1), customers, spend, { horizon: 3, horizonUnit: "year", discountRate: 0.1, discountPer: "year" });
    const continuous = discountedClv(poisson(1), customers, spend, { horizon: 3, horizonUnit: "year", discountRate: Math.log(1.1), discountPer: "year", compounding: "continuous" });
    expect(continuous.clv[1]).toBeCloseTo(discrete.clv[1], 10);
    expect(continuousRatePerModelUnit(0.1, "week", "week")).toBeCloseTo(Math.log(1.1), 14);
    expect(continuousRatePerModelUnit(0.12, "year", "week")).toBeCloseTo((Math.log(1.12) * 7) / 365.25, 14);
  });

  it("dert method: spend × closed-form DERT with the continuous rate per model unit", () => {
    const result = discountedClv(poisson(0.5), customers, spend, { horizon: Infinity, horizonUnit: "week", discountRate: Math.log(1.1), discountPer: "week", compounding: "continuous", method: "dert" });
    expect(result.expectedPurchases[0]).toBeCloseTo(0.5 / Math.log(1.1), 12);
    expect(result.clv[1]).toBeCloseTo((50 * 0.5) / Math.log(1.1), 10);
    // and the periods method with a long horizon and continuous discounting per week approaches it from below
    const long = discountedClv(poisson(0.5), customers, spend, { horizon: 2000, horizonUnit: "week", discountRate: Math.log(1.1), discountPer: "week", compounding: "continuous" });
    expect(long.clv[1]).toBeLessThan(result.clv[1]);
    expect(long.clv[1] / result.clv[1]).toBeGreaterThan(0.95);
  });

  it("property: CLV rises with the horizon and falls with the discount rate", () => {
    let previous = 0;
    for (const horizon of [1, 3, 6, 12, 24]) {
      const value = discountedClv(poisson(0.3), customers, spend, { horizon, horizonUnit: "month", discountRate: 0.01, discountPer: "month" }).total;
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
    previous = Infinity;
    for (const rate of [0, 0.005, 0.01, 0.05, 0.2]) {
      const value = discountedClv(poisson(0.3), customers, spend, { horizon: 12, horizonUnit: "month", discountRate: rate, discountPer: "month" }).total;
      expect(value).toBeLessThan(previous);
      previous = value;
    }
  });

  it("refuses a unit mismatch and other invalid options, naming the value", () => {
    const base = { horizon: 12, horizonUnit: "month", discountRate: 0.01, discountPer: "month" } as const;
    expect(() => discountedClv(poisson(1, "day"), customers, spend, base)).toThrow('invalid customers unit: "week" differs from the poisson model\'s unit "day"');
    expect(() => discountedClv(poisson(1), customers, spend, { ...base, discountRate: -0.2 })).toThrow("invalid discountRate: -0.2");
    expect(() => discountedClv(poisson(1), customers, spend, { ...base, horizonUnit: "fortnight" as never })).toThrow('invalid horizonUnit: "fortnight"');
    expect(() => discountedClv(poisson(1), customers, spend, { ...base, method: "dert" })).toThrow('invalid horizon for method "dert": 12');
    expect(() => discountedClv(poisson(1), customers, spend, { ...base, horizon: Infinity })).toThrow('invalid horizon for method "periods": Infinity');
    const noDert = { ...poisson(1), discountedExpectedResidualPurchases: undefined };
    expect(() => discountedClv(noDert, customers, spend, { ...base, horizon: Infinity, method: "dert" })).toThrow("does not provide");
  });

  it("names the customer when the Gamma-Gamma spend is undefined (non-positive mean spend)", () => {
    const bad: ClvCustomers = { ...customers, monetary: [0, -5] };
    expect(() => discountedClv(poisson(1), bad, { p: 6.25, q: 3.74, gamma: 15.44 }, { horizon: 12, horizonUnit: "month", discountRate: 0.01, discountPer: "month" })).toThrow('customer "b": invalid mean spend: -5');
  });

  it("gives the same CLV bit for bit with and without the model's curve fast path (BG/NBD and Pareto/NBD, 36 months)", () => {
    const histories: ClvCustomers = {
      unit: "week",
      customerIds: ["a", "b", "c", "d", "e", "f"],
      x: [0, 2, 2, 0, 26, 2],
      tx: [0, 30.43, 30.43, 0, 30.86, 30.43],
      T: [38.86, 38.86, 38.86, 1, 31, 38.86],
      monetary: [0, 40, 40, 0, 25, 55],
    };
    for (const model of [bgnbdTransactionModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, "week"), pnbdTransactionModel({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, "week")]) {
      expect(model.conditionalExpectedPurchasesCurve).toBeDefined();
      const { conditionalExpectedPurchasesCurve: _, ...slow } = model;
      const options = { horizon: 36, horizonUnit: "month", discountRate: 0.01, discountPer: "month", monthConvention: "lifetimes" } as const;
      const fast = discountedClv(model, histories, spend, options);
      const plain = discountedClv(slow, histories, spend, options);
      expect(Array.from(fast.clv)).toEqual(Array.from(plain.clv));
      expect(Array.from(fast.expectedPurchases)).toEqual(Array.from(plain.expectedPurchases));
      // customers with the same history get the same value; different spend scales it
      expect(fast.expectedPurchases[1]).toBe(fast.expectedPurchases[2]);
      expect(fast.expectedPurchases[5]).toBe(fast.expectedPurchases[1]);
      expect(fast.clv[5] / fast.clv[1]).toBeCloseTo(55 / 40, 12);
      expect(fast.expectedPurchases[0]).not.toBe(fast.expectedPurchases[3]);
    }
  });
});

