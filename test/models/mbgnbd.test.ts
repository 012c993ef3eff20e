import { describe, expect, it } from "vitest";
import {
  fitMbgNbd,
  mbgnbdConditionalExpectedPurchases,
  mbgnbdExpectedPurchases,
  mbgnbdLogLikelihood,
  mbgnbdLogLikelihoodGradient,
  mbgnbdProbabilityAlive,
  mbgnbdProbabilityOfNPurchases,
} from "../../src/models/mbgnbd.js";
import { cdnowSummary as s } from "../support/cdnowSummary.js";
import { readNumericCsv } from "../support/readCdnow.js";
import { expectGradientMatchesDifferences } from "./gradientCheck.js";

describe("MBG/NBD on CDNOW (REFERENCES §4)", () => {
  it("on lifetimes' rounded summary: r, α, a, b = 0.525, 6.183, 0.891, 1.614 (decimal=3), LL −9582.1327", () => {
    const ref = readNumericCsv("data/cdnow/cdnow_customers_summary.csv");
    const fit = fitMbgNbd({ x: ref.frequency, tx: ref.recency, T: ref.T });
    expect(fit.diagnostics.converged).toBe(true);
    const expected = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    for (const k of ["r", "alpha", "a", "b"] as const) expect(Math.abs(fit.params[k] - expected[k])).toBeLessThan(1.5e-3);
    // lifetimes 0.11.3 measured: 0.524838, 6.182988, 0.891356, 1.614000; LL −9582.1327
    expect(Math.abs(fit.logLikelihood - -9582.1327)).toBeLessThan(1e-3);
  });

  it("on the raw log's summary: within decimal=2 of the same values; P(alive | x=0) < 1", () => {
    const fit = fitMbgNbd(s);
    const expected = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    for (const k of ["r", "alpha", "a", "b"] as const) expect(Math.abs(fit.params[k] - expected[k])).toBeLessThan(1.5e-2);
    expect(Math.abs(fit.logLikelihood - mbgnbdLogLikelihood(fit.params, s))).toBeLessThan(1e-9);
    expect(mbgnbdProbabilityAlive(fit.params, 0, 0, 38.86)).toBeLessThan(1);
    let total = 0;
    for (let i = 0; i < s.n; i++) total += mbgnbdConditionalExpectedPurchases(fit.params, 39, s.x[i], s.tx[i], s.T[i]);
    // MBG/NBD predicts slightly fewer holdout purchases than BG/NBD (1653.4); actual 1,882
    expect(total).toBeGreaterThan(1500);
    expect(total).toBeLessThan(1700);
  });

  it("P(X(t)=n) sums to 1 and its mean is E[X(t)] (property)", () => {
    const p = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const q = mbgnbdProbabilityOfNPurchases(p, 12, n);
      total += q;
      mean += n * q;
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-10);
    expect(Math.abs(mean - mbgnbdExpectedPurchases(p, 12))).toBeLessThan(1e-8);
  });

  it("is never NaN on degenerate input; empty input is an error", () => {
    expect(() => fitMbgNbd([])).toThrow("no customers to fit");
    const none = fitMbgNbd([{ x: 0, tx: 0, T: 10 }, { x: 0, tx: 0, T: 20 }]);
    expect(Number.isFinite(none.logLikelihood)).toBe(true);
    expect(none.warnings.join(" ")).toContain("no customer made a repeat purchase");
  });
});

describe("mbgnbd analytic gradient", () => {
  it("matches central finite differences (property)", () => {
    const rows = [{ x: 0, tx: 0, T: 30 }, { x: 3, tx: 12.5, T: 30 }, { x: 7, tx: 29, T: 35 }, { x: 200, tx: 38, T: 40 }];
    const names = ["r", "alpha", "a", "b"] as const;
    for (const p of [{ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, { r: 2, alpha: 0.5, a: 3, b: 0.4 }]) {
      expectGradientMatchesDifferences(mbgnbdLogLikelihood, mbgnbdLogLikelihoodGradient, p, rows, names);
    }
  });
});
