import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/models/bgnbd.js";
import { fitMbgNbd } from "../../src/models/mbgnbd.js";
import { collapsePatterns, subsamplePatterns } from "../../src/models/patterns.js";
import { fitParetoNbd } from "../../src/models/pnbd.js";
import { simulateParetoNbdSummary } from "../../src/models/simulate.js";
import type { ModelFit } from "../../src/models/types.js";
import { cdnowSummary } from "../support/cdnowSummary.js";

/**
 * A warm-started fit must reach the cold fit's optimum to within the optimiser's own tolerance: its
 * predicted-decrease criterion stops when −½ gᵀHg ≤ 1e-11 · |LL|, so both LLs lie within ~1e-11 · |LL| of
 * the maximum and each parameter within √(2 · 1e-11 · |LL|) standard errors of it.
 */
function expectSameOptimum<P extends object>(warm: ModelFit<P>, cold: ModelFit<P>): void {
  expect(warm.diagnostics.converged).toBe(true);
  expect(cold.diagnostics.converged).toBe(true);
  expect(warm.diagnostics.message).toMatch(/started from a fit on 1 pattern in \d+/);
  const ll = Math.abs(cold.logLikelihood);
  expect(Math.abs(warm.logLikelihood - cold.logLikelihood)).toBeLessThanOrEqual(2e-11 * ll);
  const se = cold.standardErrors as Record<string, number>;
  const allowed = Math.sqrt(2 * 1e-11 * ll);
  for (const [k, v] of Object.entries(cold.params as Record<string, number>)) {
    const w = (warm.params as Record<string, number>)[k];
    expect(Math.abs(w - v) / se[k], k).toBeLessThan(allowed);
  }
}

describe("subsamplePatterns", () => {
  const rows = [
    { x: 0, tx: 0, T: 10, weight: 7 },
    { x: 1, tx: 2, T: 10 },
    { x: 2, tx: 3, T: 11 },
    { x: 1, tx: 4, T: 12 },
    { x: 3, tx: 5, T: 12 },
    { x: 0, tx: 0, T: 13, weight: 2 },
    { x: 4, tx: 6, T: 14 },
  ];
  const pat = collapsePatterns(rows);

  it("keeps every pattern of weight ≥ k and every k-th of the others with weight × k", () => {
    const sample = subsamplePatterns(pat, 3);
    // heavy: (0, 0, 10) weight 7; light in order: (1,2,10) (2,3,11) (1,4,12) (3,5,12) (0,0,13) (4,6,14) → 1st and 4th
    expect(Array.from(sample.x)).toEqual([0, 1, 3]);
    expect(Array.from(sample.weight)).toEqual([7, 3, 3]);
    expect(sample.n).toBe(13);
    expect(sample.sumX).toBe(3 * 1 + 3 * 3);
    expect(sample.sumT).toBe(7 * 10 + 3 * 10 + 3 * 12);
    expect(sample.repeaters).toBe(6);
  });

  it("gives the sample its own lookup tables (only its values, each pattern's indexes pointing at its own)", () => {
    const sample = subsamplePatterns(pat, 3);
    expect(Array.from(sample.xValues).sort()).toEqual([0, 1, 3]);
    expect(Array.from(sample.times).sort((a, b) => a - b)).toEqual([0, 2, 5, 10, 12]);
    for (let i = 0; i < sample.size; i++) {
      expect(sample.xValues[sample.xIndex[i]]).toBe(sample.x[i]);
      expect(sample.times[sample.txIndex[i]]).toBe(sample.tx[i]);
      expect(sample.times[sample.TIndex[i]]).toBe(sample.T[i]);
    }
  });

  it("k = 1 is the whole; an invalid k is named", () => {
    const whole = subsamplePatterns(pat, 1);
    expect(Array.from(whole.weight)).toEqual(Array.from(pat.weight));
    expect(whole.n).toBe(pat.n);
    expect(() => subsamplePatterns(pat, 0)).toThrow("invalid subsample step k: 0");
    expect(() => subsamplePatterns(pat, 2.5)).toThrow("invalid subsample step k: 2.5");
  });
});

describe("warm start from a subsample (warmStartAbove)", () => {
  it("CDNOW (1,016 patterns) with the threshold lowered to 500: BG/NBD, MBG/NBD and Pareto/NBD reach the cold fit's optimum", () => {
    const s = cdnowSummary;
    expectSameOptimum(fitBgNbd(s, { warmStartAbove: 500 }), fitBgNbd(s, { warmStartAbove: Infinity }));
    expectSameOptimum(fitMbgNbd(s, { warmStartAbove: 500 }), fitMbgNbd(s, { warmStartAbove: Infinity }));
    expectSameOptimum(fitParetoNbd(s, { warmStartAbove: 500 }), fitParetoNbd(s, { warmStartAbove: Infinity }));
  });

  it("no warm start at or below the threshold (the default is 200,000 patterns); an invalid threshold is named", () => {
    const fit = fitBgNbd(cdnowSummary, { warmStartAbove: 1016 });
    expect(fit.diagnostics.message).not.toMatch(/started from/);
    expect(() => fitBgNbd(cdnowSummary, { warmStartAbove: 0 })).toThrow("invalid warmStartAbove: 0");
  });

  it("250,000 distinct Pareto/NBD customers (continuous times) at the default threshold: the cold fit's optimum with fewer full evaluations", () => {
    const data = simulateParetoNbdSummary({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, { customers: 250_000, T: { min: 66, max: 78 }, seed: 5 });
    const cold = fitParetoNbd(data, { warmStartAbove: Infinity });
    const warm = fitParetoNbd(data, { standardErrors: false });
    expect(collapsePatterns(data).size).toBeGreaterThan(200_000);
    expectSameOptimum(warm, cold);
    expect(warm.diagnostics.evaluations).toBeLessThan(cold.diagnostics.evaluations);
  }, 60_000);
});
