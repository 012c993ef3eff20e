import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bgbbConditionalExpectedTransactions,
  bgbbDiscountedExpectedResidualTransactions,
  bgbbExpectedCustomersWithTransactions,
  bgbbExpectedTransactions,
  bgbbHistoryLogLikelihood,
  bgbbLogLikelihood,
  bgbbProbabilityAlive,
  bgbbProbabilityOfTransactions,
  fitBgbb,
  type BgbbPattern,
} from "../../src/models/bgbb.js";

/** data/donations/donations.csv: frequency,recency,periods,weights (11,104 donors, 6 opportunities). */
const patterns: BgbbPattern[] = readFileSync("data/donations/donations.csv", "utf8")
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [x, tx, n, weight] = line.split(",").map(Number);
    return { x, tx, n, weight };
  });

/** lifetimes' fit on the same data (REFERENCES §8). */
const lifetimesParams = { alpha: 1.203522, beta: 0.749716, gamma: 0.656718, delta: 2.783442 };

describe("BG/BB (Fader, Hardie & Shang 2010) on the donation data", () => {
  it("has 22 patterns and 11,104 donors", () => {
    expect(patterns.length).toBe(22);
    expect(patterns.reduce((s, p) => s + (p.weight ?? 1), 0)).toBe(11104);
  });

  it("fits α 1.204, β 0.750, γ 0.657, δ 2.783 (decimal 2) with LL −33,225.58", () => {
    const fit = fitBgbb(patterns);
    expect(fit.diagnostics.converged).toBe(true);
    expect(Math.abs(fit.params.alpha - 1.204)).toBeLessThan(0.015);
    expect(Math.abs(fit.params.beta - 0.75)).toBeLessThan(0.015);
    expect(Math.abs(fit.params.gamma - 0.657)).toBeLessThan(0.015);
    expect(Math.abs(fit.params.delta - 2.783)).toBeLessThan(0.015);
    // lifetimes and BTYD agree on the LL to 4 dp
    expect(fit.logLikelihood).toBeCloseTo(-33225.5813, 3);
    expect(fit.n).toBe(11104);
    expect(fit.standardErrors).not.toBeNull();
  });

  it("P(alive in 2002) for (x, t_x) = (0,0), (2,4), (6,6): 0.11, 0.59, 0.93 (paper Table 6, one period ahead)", () => {
    const fit = fitBgbb(patterns);
    const cases: [number, number, number][] = [[0, 0, 0.11], [2, 4, 0.59], [6, 6, 0.93]];
    for (const [x, tx, expected] of cases) {
      expect(Math.abs(bgbbProbabilityAlive(fit.params, { x, tx, n: 6 }, 1) - expected)).toBeLessThan(0.015);
    }
  });

  it("Σ E[X in the next 5 years | history] = 12,884.2 (Hardie's BG/BB sheet, decimal 0)", () => {
    const fit = fitBgbb(patterns);
    const total = patterns.reduce((s, p) => s + (p.weight ?? 1) * bgbbConditionalExpectedTransactions(fit.params, p, 5), 0);
    expect(Math.abs(total - 12884.2)).toBeLessThan(1.5);
  });

  it("expected donors with 0 / 6 repeat transactions in years 1–6: 3,454.9 / 1,253.1 (decimal 0)", () => {
    const fit = fitBgbb(patterns);
    expect(Math.abs(bgbbExpectedCustomersWithTransactions(fit.params, 0, 6, 11104) - 3454.9)).toBeLessThan(1.5);
    expect(Math.abs(bgbbExpectedCustomersWithTransactions(fit.params, 6, 6, 11104) - 1253.1)).toBeLessThan(1.5);
  });

  it("property: P(X(n) = x) sums to 1 over x and its mean is E[X(n)]", () => {
    for (const n of [1, 3, 6, 11]) {
      let total = 0;
      let mean = 0;
      for (let x = 0; x <= n; x++) {
        const p = bgbbProbabilityOfTransactions(lifetimesParams, x, n);
        total += p;
        mean += x * p;
      }
      expect(total).toBeCloseTo(1, 12);
      expect(mean).toBeCloseTo(bgbbExpectedTransactions(lifetimesParams, n), 10);
    }
  });

  it("property: the likelihoods of all histories over n opportunities sum to 1", () => {
    // enumerate (x, t_x) with multiplicity C(t_x − 1, x − 1) (the orders of x transactions ending at t_x)
    const n = 6;
    const choose = (m: number, k: number) => {
      let c = 1;
      for (let i = 0; i < k; i++) c = (c * (m - i)) / (i + 1);
      return c;
    };
    let total = Math.exp(bgbbHistoryLogLikelihood(lifetimesParams, { x: 0, tx: 0, n }));
    for (let tx = 1; tx <= n; tx++) {
      for (let x = 1; x <= tx; x++) total += choose(tx - 1, x - 1) * Math.exp(bgbbHistoryLogLikelihood(lifetimesParams, { x, tx, n }));
    }
    expect(total).toBeCloseTo(1, 12);
  });

  it("property: P(alive) ∈ (0, 1], falls with the horizon, and is 1 for x = t_x = n only in the limit", () => {
    for (const p of patterns) {
      const now = bgbbProbabilityAlive(lifetimesParams, p, 0);
      const next = bgbbProbabilityAlive(lifetimesParams, p, 1);
      expect(now).toBeGreaterThan(0);
      expect(now).toBeLessThanOrEqual(1);
      expect(next).toBeLessThan(now);
    }
  });

  it("conditional expectations equal the sum of per-opportunity transaction probabilities (also at γ = 1)", () => {
    for (const params of [lifetimesParams, { ...lifetimesParams, gamma: 1 }]) {
      for (const h of [{ x: 0, tx: 0, n: 6 }, { x: 2, tx: 4, n: 6 }, { x: 6, tx: 6, n: 6 }]) {
        // E[transaction at n+k] = P(alive at n+k) · E[p | history, alive]; E[p | alive] = (α+x)/(α+β+n)
        let sum = 0;
        for (let k = 1; k <= 5; k++) sum += bgbbProbabilityAlive(params, h, k) * ((params.alpha + h.x) / (params.alpha + params.beta + h.n));
        expect(bgbbConditionalExpectedTransactions(params, h, 5)).toBeCloseTo(sum, 10);
        // DERT (eq. 14) = the discounted infinite sum
        let dert = 0;
        for (let k = 1; k <= 2000; k++) dert += (bgbbProbabilityAlive(params, h, k) * ((params.alpha + h.x) / (params.alpha + params.beta + h.n))) / 1.1 ** k;
        expect(bgbbDiscountedExpectedResidualTransactions(params, h, 0.1)).toBeCloseTo(dert, 8);
      }
    }
  });

  it("log-likelihood at lifetimes' parameters is −33,225.58", () => {
    expect(bgbbLogLikelihood(lifetimesParams, patterns)).toBeCloseTo(-33225.5813, 2);
  });

  it("rejects impossible histories with the bad value", () => {
    expect(() => bgbbLogLikelihood(lifetimesParams, [{ x: 3, tx: 2, n: 6 }])).toThrow("invalid tx at pattern 1: 2 (x = 3, n = 6)");
    expect(() => bgbbLogLikelihood(lifetimesParams, [{ x: 1, tx: 1, n: 6, weight: -2 }])).toThrow("invalid weight at pattern 1: -2");
    expect(() => bgbbProbabilityAlive({ ...lifetimesParams, delta: 0 }, { x: 0, tx: 0, n: 6 })).toThrow("invalid delta: 0");
    expect(() => bgbbDiscountedExpectedResidualTransactions(lifetimesParams, { x: 0, tx: 0, n: 6 }, 0)).toThrow("invalid discountRatePerPeriod: 0");
  });
});
