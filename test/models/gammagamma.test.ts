import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  conditionalExpectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  populationMeanSpend,
  spendFrequencyCorrelation,
  type SpendHistory,
} from "../../src/models/gammagamma.js";
import { summarizeTransactions, summaryRows } from "../../src/data/summary.js";
import { CDNOW_CAL_END, readCdnow } from "../support/readCdnow.js";

function readCsv(path: string): string[][] {
  return readFileSync(path, "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(","));
}

/** lifetimes' file: ID,x,t_x,T,zbar (zbar rounded to 2 dp). */
const rounded: SpendHistory[] = readCsv("data/cdnow/cdnow_customers_summary_with_transactions.csv").map((r) => ({ customerId: r[0], x: Number(r[1]), monetary: Number(r[4]) }));
/** BTYD's cdnowSummary$cbs: id,x,t.x,T.cal,x.star,m.x (full precision). */
const full: SpendHistory[] = readCsv("data/cdnow/cdnowSummary_cbs.csv").map((r) => ({ customerId: r[0], x: Number(r[1]), monetary: Number(r[5]) }));

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("Gamma-Gamma (Fader, Hardie & Lee 2005; Fader & Hardie 2013)", () => {
  it("the CDNOW repeaters' mean spend matches the published summary (946; mean 35.08, max 299.63)", () => {
    const repeaters = full.filter((h) => h.x > 0);
    expect(repeaters.length).toBe(946);
    const mean = repeaters.reduce((a, h) => a + h.monetary, 0) / repeaters.length;
    expect(mean).toBeCloseTo(35.0778, 3);
  });

  it("fits full-precision CDNOW spend like BTYD/CLVTools: p 6.249349, q 3.744256, γ 15.444307, LL −4055.9177 (rel 1e-3)", () => {
    const fit = fitGammaGamma(full);
    expect(fit.diagnostics.converged).toBe(true);
    expect(fit.n).toBe(946);
    expect(rel(fit.params.p, 6.249349)).toBeLessThan(1e-3);
    expect(rel(fit.params.q, 3.744256)).toBeLessThan(1e-3);
    expect(rel(fit.params.gamma, 15.444307)).toBeLessThan(1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-4055.9177, 3);
    expect(fit.warnings).toEqual([]);
    expect(fit.standardErrors).not.toBeNull();
    for (const key of ["p", "q", "gamma"] as const) expect(fit.standardErrors![key]).toBeGreaterThan(0);
  });

  it("fits the raw CDNOW log summarised by src/data/summary (same-day orders merged) like CLVTools: LL −4055.9177", () => {
    const summary = summarizeTransactions(readCdnow(), { unit: "week", calibrationEndEpochDay: CDNOW_CAL_END });
    const fit = fitGammaGamma(summaryRows(summary));
    expect(fit.n).toBe(946);
    expect(rel(fit.params.p, 6.249349)).toBeLessThan(1e-3);
    expect(rel(fit.params.q, 3.744256)).toBeLessThan(1e-3);
    expect(rel(fit.params.gamma, 15.444307)).toBeLessThan(1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-4055.9177, 3);
  });

  it("fits lifetimes' rounded file: 6.25, 3.74, 15.44 (decimal 2), LL −4055.9232, with and without the q constraint", () => {
    for (const qConstraint of [false, true]) {
      const fit = fitGammaGamma(rounded, { qConstraint });
      expect(Math.abs(fit.params.p - 6.25)).toBeLessThan(0.015);
      expect(Math.abs(fit.params.q - 3.74)).toBeLessThan(0.015);
      expect(Math.abs(fit.params.gamma - 15.44)).toBeLessThan(0.015);
      expect(fit.logLikelihood).toBeCloseTo(-4055.9232, 3);
    }
  });

  it("E[M | x, m̄] of the first 10 customers matches Hardie's spreadsheet (atol 0.1), population mean 35.171", () => {
    const fit = fitGammaGamma(rounded);
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    rounded.slice(0, 10).forEach((h, i) => expect(Math.abs(conditionalExpectedSpend(fit.params, h.x, h.monetary) - expected[i])).toBeLessThan(0.1));
    expect(populationMeanSpend(fitGammaGamma(full).params)).toBeCloseTo(35.171, 2);
  });

  it("property: E[M | x, m̄] lies between the population mean and m̄, and tends to m̄ as x grows", () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    const pop = populationMeanSpend(params);
    for (const m of [3, 20, 35, 80, 300]) {
      let previousGap = Infinity;
      for (const x of [1, 2, 5, 10, 50, 500]) {
        const e = conditionalExpectedSpend(params, x, m);
        expect(e).toBeGreaterThanOrEqual(Math.min(pop, m) - 1e-9);
        expect(e).toBeLessThanOrEqual(Math.max(pop, m) + 1e-9);
        const gap = Math.abs(e - m);
        expect(gap).toBeLessThanOrEqual(previousGap + 1e-12);
        previousGap = gap;
      }
    }
  });

  it("log-likelihood is the sum of per-customer terms and ignores non-repeaters", () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    const a = gammaGammaLogLikelihood(params, full.slice(0, 100));
    const b = gammaGammaLogLikelihood(params, full.slice(100));
    expect(a + b).toBeCloseTo(gammaGammaLogLikelihood(params, full), 8);
    expect(gammaGammaLogLikelihood(params, [{ x: 0, monetary: -5 }, { x: 1, monetary: 10 }])).toBeCloseTo(gammaGammaLogLikelihood(params, [{ x: 1, monetary: 10 }]), 12);
  });

  it("warns when spend is correlated with frequency", () => {
    const data: SpendHistory[] = [];
    for (let i = 0; i < 200; i++) {
      const x = 1 + (i % 10);
      data.push({ customerId: String(i), x, monetary: 5 * x + 3 + ((i * 7919) % 13) });
    }
    expect(spendFrequencyCorrelation(data)).toBeGreaterThan(0.9);
    const fit = fitGammaGamma(data);
    expect(fit.warnings.some((w) => w.startsWith("spend is correlated with frequency (ρ = 0.9"))).toBe(true);
    // CDNOW's correlation is small (0.11), no warning
    expect(Math.abs(spendFrequencyCorrelation(full))).toBeLessThan(0.3);
  });

  it("rejects zero or negative spend of a repeater, naming the customer", () => {
    expect(() => fitGammaGamma([{ customerId: "A17", x: 2, monetary: 0 }])).toThrow('invalid mean spend for customer "A17": 0');
    expect(() => fitGammaGamma([{ x: 1, monetary: 10 }, { x: 3, monetary: -4 }])).toThrow("invalid mean spend for row 2: -4");
    expect(() => fitGammaGamma([{ x: 0, monetary: 0 }])).toThrow("no customer with x > 0");
    expect(() => populationMeanSpend({ p: 1, q: 0.9, gamma: 1 })).toThrow("q");
  });
});
