import { describe, expect, it } from "vitest";
import { fitParetoNbd, pnbdLogLikelihood } from "../../src/models/pnbd.js";
import { simulateParetoNbdSummary } from "../../src/models/simulate.js";

describe("fitParetoNbd time budget", () => {
  const data = simulateParetoNbdSummary({ r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 }, { customers: 3000, T: 39, seed: 3 });

  it("stops at the budget with the best parameters found, marked not converged, never NaN", () => {
    const fit = fitParetoNbd(data, { maxSeconds: 1e-6 });
    expect(fit.diagnostics.converged).toBe(false);
    expect(fit.diagnostics.message).toMatch(/^stopped after 0.000001 s \(time budget\) at s = /);
    expect(fit.warnings.some((w) => w.includes("did not converge within"))).toBe(true);
    expect(fit.standardErrors).toBeNull();
    for (const value of Object.values(fit.params)) expect(Number.isFinite(value) && value > 0).toBe(true);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });

  it("a budget spent within a warm start's subsample fit gives the subsample's best point with its likelihood on all customers", () => {
    const fit = fitParetoNbd(data, { maxSeconds: 1e-6, warmStartAbove: 1000 });
    expect(fit.diagnostics.converged).toBe(false);
    expect(fit.diagnostics.message).toMatch(/time budget/);
    for (const value of Object.values(fit.params)) expect(Number.isFinite(value) && value > 0).toBe(true);
    expect(fit.logLikelihood).toBeCloseTo(pnbdLogLikelihood(fit.params, data), 6);
  });

  it("does not change a fit that finishes within the budget", () => {
    const quick = fitParetoNbd(data, { standardErrors: false });
    const budgeted = fitParetoNbd(data, { standardErrors: false, maxSeconds: 600 });
    expect(budgeted.params).toEqual(quick.params);
    expect(budgeted.diagnostics.converged).toBe(true);
  });

  it("rejects a non-positive budget", () => {
    expect(() => fitParetoNbd(data, { maxSeconds: 0 })).toThrow("invalid maxSeconds: 0");
  });
});
