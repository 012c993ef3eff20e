import { describe, expect, it } from "vitest";
import { fitParetoNbd, pnbdLogLikelihood, pnbdLogLikelihoodGradient } from "../../src/models/pnbd.js";
import { simulateParetoNbdSummary } from "../../src/models/simulate.js";
import { expectGradientMatchesDifferences, smallHistories } from "./gradientCheck.js";

// Pareto/NBD when s and β grow large together (dropout nearly the same for everyone, as in the demo
// company): the likelihood needs 2F1(1, s+1; r+s+x+1; z) with z = 1 − (α+t)/(β+t) within 1e-4 of 1.
const names = ["r", "alpha", "s", "beta"] as const;

describe("Pareto/NBD with a large dropout shape s", () => {
  it("the analytic gradient matches finite differences when z is near 1 (s = 400, β = 64,400)", () => {
    for (const p of [{ r: 1.37, alpha: 11.55, s: 400, beta: 400 / 0.00621 }, { r: 0.4, alpha: 2, s: 5000, beta: 5000 / 0.02 }]) {
      expectGradientMatchesDifferences(pnbdLogLikelihood, pnbdLogLikelihoodGradient, p, smallHistories, names, `at s = ${p.s}`);
    }
  });

  // 2,000 customers with a common dropout rate (s = 10⁶): this seed's maximum likelihood is at s, β → ∞
  const data = simulateParetoNbdSummary({ r: 1.3, alpha: 11, s: 1e6, beta: 1e6 / 0.006 }, { customers: 2000, T: { min: 52, max: 104 }, seed: 2 });

  it("the log-likelihood approaches its limit like 1/s along s/β = const, without numerical noise up to s = 10⁶ (property)", () => {
    const ll = [1e2, 1e3, 1e4, 1e5, 1e6].map((s) => pnbdLogLikelihood({ r: 1.37, alpha: 11.55, s, beta: s / 0.00621 }, data));
    for (let i = 2; i < ll.length; i++) {
      const ratio = (ll[i - 1] - ll[i - 2]) / (ll[i] - ll[i - 1]);
      expect(ratio).toBeGreaterThan(8);
      expect(ratio).toBeLessThan(20);
    }
  });

  it("the fit stops at s = 10⁴ with the mean dropout rate s/β kept, converged, a warning and no standard errors", () => {
    const started = performance.now();
    const fit = fitParetoNbd(data);
    const seconds = (performance.now() - started) / 1000;
    expect(fit.diagnostics.converged).toBe(true);
    expect(fit.diagnostics.message).not.toMatch(/time budget/);
    expect(seconds).toBeLessThan(20); // was: the 30 s budget spent, not converged
    expect(fit.params.s).toBe(1e4);
    expect(Math.abs(fit.params.s / fit.params.beta / 0.006 - 1)).toBeLessThan(0.1);
    expect(fit.standardErrors).toBeNull();
    expect(fit.warnings.some((w) => w.startsWith("dropout heterogeneity is not identified"))).toBe(true);
    // the reported parameters are the ones whose likelihood is reported
    expect(pnbdLogLikelihood(fit.params, data)).toBeCloseTo(fit.logLikelihood, 8);
    // and nothing is lost against larger s on the same ridge
    const farther = pnbdLogLikelihood({ ...fit.params, s: 1e6, beta: (fit.params.beta * 1e6) / 1e4 }, data);
    expect(farther - fit.logLikelihood).toBeLessThan(0.01);
  });
});
