import { describe, expect, it } from "vitest";
import { summarizeColumns } from "../../src/data/summary.js";
import { bgnbdProbabilityAlive, fitBgNbd, type BgNbdParams } from "../../src/models/bgnbd.js";
import { fitParetoNbd, pnbdExpectedPurchases, pnbdLogLikelihood, type ParetoNbdParams } from "../../src/models/pnbd.js";
import { simulateBgNbdSummary, simulateParetoNbdSummary, simulateTransactionLog } from "../../src/models/simulate.js";

const bg: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const pn: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

describe("simulateBgNbdSummary / simulateParetoNbdSummary", () => {
  it("are reproducible from the seed", () => {
    const a = simulateBgNbdSummary(bg, { customers: 100, T: 39, seed: 42 });
    const b = simulateBgNbdSummary(bg, { customers: 100, T: 39, seed: 42 });
    const c = simulateBgNbdSummary(bg, { customers: 100, T: 39, seed: 43 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.tx)).not.toEqual(Array.from(c.tx));
  });

  it("BG/NBD fit recovers the true parameters within 3 standard errors (20,000 customers)", () => {
    const sim = simulateBgNbdSummary(bg, { customers: 20_000, T: { min: 26, max: 52 }, seed: 7 });
    const fit = fitBgNbd(sim);
    expect(fit.diagnostics.converged).toBe(true);
    for (const k of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(fit.params[k] - bg[k])).toBeLessThan(3 * fit.standardErrors![k]);
    }
    // P(alive) is calibrated: mean P(alive) ≈ share actually alive (within 2 points)
    let predicted = 0;
    let actual = 0;
    for (let i = 0; i < sim.x.length; i++) {
      predicted += bgnbdProbabilityAlive(fit.params, sim.x[i], sim.tx[i], sim.T[i]);
      actual += sim.alive[i];
    }
    expect(Math.abs(predicted - actual) / sim.x.length).toBeLessThan(0.02);
  });

  it("Pareto/NBD fit recovers the truth: likelihood-ratio test and r, α within 3 standard errors (20,000 customers)", () => {
    const sim = simulateParetoNbdSummary(pn, { customers: 20_000, T: { min: 26, max: 52 }, seed: 11 });
    const fit = fitParetoNbd(sim);
    expect(fit.diagnostics.converged).toBe(true);
    // The MLE beats the truth, but not by more than χ²₄(0.999)/2 = 9.23 log-likelihood units.
    const gain = fit.logLikelihood - pnbdLogLikelihood(pn, sim);
    expect(gain).toBeGreaterThanOrEqual(0);
    expect(2 * gain).toBeLessThan(18.47);
    for (const k of ["r", "alpha"] as const) {
      expect(Math.abs(fit.params[k] - pn[k])).toBeLessThan(3 * fit.standardErrors![k]);
    }
    // s and β are strongly correlated; their ratio (mean dropout rate) is well identified
    expect(Math.abs(fit.params.s / fit.params.beta / (pn.s / pn.beta) - 1)).toBeLessThan(0.3);
    // mean repeat purchases over 39 weeks ≈ E[X(39)] (sampling error ~1 %)
    const sim39 = simulateParetoNbdSummary(pn, { customers: 20_000, T: 39, seed: 12 });
    const mean = sim39.x.reduce((s, v) => s + v, 0) / sim39.x.length;
    expect(Math.abs(mean / pnbdExpectedPurchases(pn, 39) - 1)).toBeLessThan(0.05);
  });
});

describe("simulateTransactionLog", () => {
  it("produces a log whose summary fits back near the truth (BG/NBD, 10,000 customers, daily dates)", () => {
    const log = simulateTransactionLog("bgnbd", bg, { customers: 10_000, unit: "week", startEpochDay: 9862, acquisitionDays: 84, endEpochDay: 10407, seed: 3 });
    expect(log.customerIds.length).toBe(10_000);
    const summary = summarizeColumns(log, { unit: "week", calibrationEndEpochDay: 10134, holdoutEndEpochDay: 10407 });
    expect(summary.n).toBe(10_000);
    const fit = fitBgNbd(summary);
    for (const k of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(fit.params[k] - bg[k])).toBeLessThan(3 * fit.standardErrors![k]);
    }
    expect(Array.from(log.amount).every((v) => v > 0)).toBe(true);
  });

  it("rejects invalid options", () => {
    expect(() => simulateTransactionLog("pnbd", pn, { customers: -1, unit: "week", startEpochDay: 0, acquisitionDays: 1, endEpochDay: 10 })).toThrow("invalid customers: -1");
    expect(() => simulateBgNbdSummary(bg, { customers: 3, T: -1 })).toThrow("invalid T");
  });
});
