import { describe, expect, it } from "vitest";
import { summarizeColumns } from "../../src/data/summary.js";
import { fitBgNbd, type BgNbdParams } from "../../src/models/bgnbd.js";
import { fitParetoNbd, type ParetoNbdParams } from "../../src/models/pnbd.js";
import { simulateTransactionLog } from "../../src/models/simulate.js";
import type { ModelFit } from "../../src/models/types.js";

// CDNOW's published estimates as the truth; 12 weeks of acquisition, 78 weeks of calibration.
const bg: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const pn: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const start = 9862;
const end = start + 84 + 7 * 78 - 1;
const logOptions = { customers: 30_000, unit: "week" as const, startEpochDay: start, acquisitionDays: 84, endEpochDay: end, seed: 1 };

/** Largest |estimate − truth| / SE over the parameters (the SE from the fit's Hessian). */
function worstZ<P extends object>(fit: ModelFit<P>, truth: P): number {
  const se = fit.standardErrors as Record<string, number> | null;
  expect(se).not.toBeNull();
  let worst = 0;
  for (const [k, v] of Object.entries(truth as Record<string, number>)) {
    const z = Math.abs((fit.params as Record<string, number>)[k] - v) / se![k];
    worst = Math.max(worst, z);
  }
  return worst;
}

describe("simulateTransactionLog with exact times + summarizeColumns mergeWithin \"exact\"", () => {
  it("writes fractional epoch days inside the log's window, one row per purchase, none merged", () => {
    const log = simulateTransactionLog("bgnbd", bg, { ...logOptions, customers: 2_000, exactTimes: true });
    expect(log.epochDay).toBeInstanceOf(Float64Array);
    let fractional = 0;
    for (let k = 0; k < log.epochDay.length; k++) {
      const t = log.epochDay[k];
      expect(t >= start && t < end + 1).toBe(true);
      if (t !== Math.floor(t)) fractional++;
    }
    expect(fractional).toBe(log.epochDay.length);
    const s = summarizeColumns(log, { unit: "week", calibrationEndEpochDay: end, mergeWithin: "exact" });
    // every row is a distinct purchase: x = rows − customers
    let x = 0;
    for (let i = 0; i < s.n; i++) x += s.x[i];
    expect(x).toBe(log.customer.length - s.n);
    // T runs from the first purchase to the end of the last day, in weeks
    const firsts = new Float64Array(s.n).fill(Infinity);
    for (let k = 0; k < log.customer.length; k++) firsts[log.customer[k]] = Math.min(firsts[log.customer[k]], log.epochDay[k]);
    for (let i = 0; i < s.n; i++) expect(s.T[i]).toBeCloseTo((end + 1 - firsts[i]) / 7, 10);
  });

  it("the default log keeps whole days (Int32Array) and same-day purchases merge in the default summary", () => {
    const log = simulateTransactionLog("bgnbd", bg, { ...logOptions, customers: 2_000, exactTimes: true });
    const days = simulateTransactionLog("bgnbd", bg, { ...logOptions, customers: 2_000, exactTimes: false });
    const plain = simulateTransactionLog("bgnbd", bg, { ...logOptions, customers: 2_000, exactTimes: undefined });
    expect(days.epochDay).toBeInstanceOf(Int32Array);
    expect(Array.from(days.epochDay)).toEqual(Array.from(plain.epochDay));
    expect(Array.from(days.amount)).toEqual(Array.from(plain.amount));
    // the same seed draws the same first purchase instant: its whole day is the day-level log's first day
    expect(days.epochDay[0]).toBe(Math.floor(log.epochDay[0]));
    const s = summarizeColumns(days, { unit: "week", calibrationEndEpochDay: end });
    let x = 0;
    for (let i = 0; i < s.n; i++) x += s.x[i];
    expect(x).toBeLessThan(days.customer.length - s.n); // some purchases share a day and merge
  });

  it("BG/NBD: 30,000 customers recover every true parameter within 4 standard errors", () => {
    const log = simulateTransactionLog("bgnbd", bg, { ...logOptions, exactTimes: true });
    const fit = fitBgNbd(summarizeColumns(log, { unit: "week", calibrationEndEpochDay: end, mergeWithin: "exact" }));
    expect(fit.diagnostics.converged).toBe(true);
    expect(worstZ(fit, bg)).toBeLessThan(4);
  });

  it("Pareto/NBD: 30,000 customers recover every true parameter within 4 standard errors", () => {
    const log = simulateTransactionLog("pnbd", pn, { ...logOptions, exactTimes: true });
    const fit = fitParetoNbd(summarizeColumns(log, { unit: "week", calibrationEndEpochDay: end, mergeWithin: "exact" }));
    expect(fit.diagnostics.converged).toBe(true);
    expect(worstZ(fit, pn)).toBeLessThan(4);
  });
});
