import { describe, expect, it } from "vitest";
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdCustomerLogLikelihood,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodGradient,
  bgnbdProbabilityAlive,
  bgnbdProbabilityOfNPurchases,
  fitBgNbd,
} from "../../src/models/bgnbd.js";
import { cdnowSummary as s } from "../support/cdnowSummary.js";
import { meanRelativeDifference } from "../support/tolerance.js";
import { expectGradientMatchesDifferences } from "./gradientCheck.js";

const paper = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const fit = fitBgNbd(s);

describe("BG/NBD on CDNOW (REFERENCES §2)", () => {
  it("fits r, α, a, b = 0.243, 4.414, 0.793, 2.426 (CLVTools rel 1e-3) and LL −9582.4", () => {
    expect(fit.diagnostics.converged).toBe(true);
    const names = ["r", "alpha", "a", "b"] as const;
    // CLVTools: expect_equal(tolerance = 1e-3) = mean relative difference; lifetimes: decimal = 2
    expect(meanRelativeDifference(names.map((k) => fit.params[k]), names.map((k) => paper[k]))).toBeLessThan(1e-3);
    for (const k of names) expect(Math.abs(fit.params[k] - paper[k])).toBeLessThan(1.5e-2);
    // BTYD / CLVTools on the full-precision summary: −9582.4292
    expect(Math.abs(fit.logLikelihood - -9582.4292)).toBeLessThan(1e-3);
    // CLVTools' and BTYD's optima (same data): 0.242595, 4.413602, 0.792920, 2.425888
    const clv = { r: 0.242595, alpha: 4.413602, a: 0.79292, b: 2.425888 };
    for (const k of ["r", "alpha", "a", "b"] as const) expect(Math.abs(fit.params[k] / clv[k] - 1)).toBeLessThan(2e-4);
    expect(fit.n).toBe(2357);
    expect(fit.unit).toBe("week");
    expect(fit.standardErrors).not.toBeNull();
    expect(fit.warnings).toContain("P(alive) = 1 for customers with no repeat purchase under BG/NBD; consider MBG/NBD");
  });

  it("E[X(39) | x=2, t_x=30.43, T=38.86] = 1.226 (|Δ| < 0.001)", () => {
    expect(Math.abs(bgnbdConditionalExpectedPurchases(paper, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(0.001);
  });

  it("E[X(t)] at t = 0.1429, 1, 3, 31.8571, 32, 78 at the fitted parameters (lifetimes decimal=3)", () => {
    const t = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    t.forEach((ti, i) => expect(Math.abs(bgnbdExpectedPurchases(fit.params, ti) - expected[i])).toBeLessThan(1.5e-3));
    // all but t = 78 agree to the 4 published decimals
    t.slice(0, 5).forEach((ti, i) => expect(Math.abs(bgnbdExpectedPurchases(fit.params, ti) - expected[i])).toBeLessThan(1e-4));
  });

  it("P(X(2)=10) = 1.07869e-07, P(X(39)=0) = 0.5737864, P(X(30)=n) for n = 11..20", () => {
    expect(Math.abs(bgnbdProbabilityOfNPurchases(paper, 2, 10) - 1.07869e-7)).toBeLessThan(1e-11);
    expect(Math.abs(bgnbdProbabilityOfNPurchases(paper, 39, 0) - 0.5737864)).toBeLessThan(1e-7);
    const expected = [0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.000222226];
    expected.forEach((v, i) => expect(Math.abs(bgnbdProbabilityOfNPurchases(paper, 30, 11 + i) - v)).toBeLessThan(1e-9));
  });

  it("P(X(t)=n) sums to 1 and its mean is E[X(t)] (property)", () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const p = bgnbdProbabilityOfNPurchases(paper, 10, n);
      total += p;
      mean += n * p;
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-10);
    expect(Math.abs(mean - bgnbdExpectedPurchases(paper, 10))).toBeLessThan(1e-8);
  });

  it("P(alive | x = 0) = 1 exactly, and P(alive) ∈ (0, 1] (property)", () => {
    expect(bgnbdProbabilityAlive(paper, 0, 0, 38.86)).toBe(1);
    for (let x = 1; x < 30; x += 3) for (const tx of [0.5, 10, 38]) {
      const p = bgnbdProbabilityAlive(paper, x, tx, 38.86);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });

  it("single-customer log-likelihoods (Hardie note 027 stability case): −0.59947382 and 100.7957", () => {
    const p = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    expect(Math.abs(bgnbdCustomerLogLikelihood(p, 0, 0, 40) - -0.59947382)).toBeLessThan(1.5e-5);
    expect(Math.abs(bgnbdCustomerLogLikelihood(p, 200, 38, 40) - 100.7957)).toBeLessThan(1.5e-4);
  });

  it("Σ E[X(39) | data] over 2,357 customers = 1653.4 (BTYD 1653.39, lifetimes 1653.42); actual 1,882", () => {
    let total = 0;
    let alive = 0;
    for (let i = 0; i < s.n; i++) {
      total += bgnbdConditionalExpectedPurchases(fit.params, 39, s.x[i], s.tx[i], s.T[i]);
      alive += bgnbdProbabilityAlive(fit.params, s.x[i], s.tx[i], s.T[i]);
    }
    expect(Math.abs(total - 1653.4)).toBeLessThan(0.1);
    const meanAlive = alive / s.n;
    expect(meanAlive).toBeGreaterThan(0.5);
    expect(meanAlive).toBeLessThan(1);
  });

  it("the log-likelihood at the fit equals bgnbdLogLikelihood and the gradient vanishes", () => {
    expect(Math.abs(bgnbdLogLikelihood(fit.params, s) - fit.logLikelihood)).toBeLessThan(1e-9);
    expect(fit.diagnostics.gradientNorm).toBeLessThan(1e-3);
  });
});

describe("BG/NBD degenerate input", () => {
  it("empty input is an error", () => {
    expect(() => fitBgNbd([])).toThrow("no customers to fit");
  });
  it("one customer and all one-time buyers give warnings, never NaN", () => {
    const one = fitBgNbd([{ x: 2, tx: 5, T: 10 }]);
    expect(Number.isNaN(one.logLikelihood)).toBe(false);
    expect(one.warnings.join(" ")).toContain("only one customer");
    const none = fitBgNbd([{ x: 0, tx: 0, T: 10 }, { x: 0, tx: 0, T: 20 }]);
    expect(Number.isNaN(none.logLikelihood)).toBe(false);
    expect(Object.values(none.params).every(Number.isFinite)).toBe(true);
    expect(none.warnings.join(" ")).toContain("no customer made a repeat purchase");
  });
  it("invalid rows are named", () => {
    expect(() => fitBgNbd([{ x: 1, tx: 12, T: 10 }])).toThrow("invalid tx at customer 0: 12 (greater than T = 10)");
    expect(() => bgnbdExpectedPurchases({ ...paper, r: -1 }, 1)).toThrow("invalid r: -1");
  });
});

describe("bgnbd analytic gradient", () => {
  it("matches central finite differences (property)", () => {
    const rows = [{ x: 0, tx: 0, T: 30 }, { x: 3, tx: 12.5, T: 30 }, { x: 7, tx: 29, T: 35 }, { x: 200, tx: 38, T: 40 }];
    const names = ["r", "alpha", "a", "b"] as const;
    for (const p of [{ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { r: 2, alpha: 0.5, a: 3, b: 0.4 }]) {
      expectGradientMatchesDifferences(bgnbdLogLikelihood, bgnbdLogLikelihoodGradient, p, rows, names);
    }
  });
});
