import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  fitSbg,
  sbgChurnProbability,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedExpectedResidualLifetime,
  sbgLogLikelihood,
  sbgRetentionElasticity,
  sbgRetentionRate,
  sbgSurvival,
  survivalCountsFromPercent,
} from "../../src/models/sbg.js";

/** data/sbg/sbg_survival_pct.csv: % alive at the start of years 0..12 (Fader & Hardie 2007). */
function readSurvival(): { highEnd: number[]; regular: number[] } {
  const lines = readFileSync("data/sbg/sbg_survival_pct.csv", "utf8").trim().split(/\r?\n/).slice(1);
  const rows = lines.map((line) => line.split(",").map(Number));
  return { highEnd: rows.map((r) => r[1]), regular: rows.map((r) => r[2]) };
}

const { highEnd, regular } = readSurvival();
// F&H (2007) fit on years 0..7 of a cohort of 1000.
const highEndData = survivalCountsFromPercent(highEnd.slice(0, 8), 1000);
const regularData = survivalCountsFromPercent(regular.slice(0, 8), 1000);

/**
 * E over θ ~ Beta(α, β + n) of g(1 − θ), by Simpson's rule; for α < 1 after the substitution
 * θ = u^{1/α}, which removes the θ^{α−1} singularity. Independent of the library's special functions.
 */
function posteriorMean(alpha: number, betaN: number, g: (c: number) => number): number {
  const steps = 40000;
  const h = 1 / steps;
  let num = 0;
  let den = 0;
  for (let i = 0; i <= steps; i++) {
    const u = i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 ? 4 : 2;
    const theta = alpha < 1 ? u ** (1 / alpha) : u;
    const density = (alpha < 1 ? 1 : theta ** (alpha - 1)) * (1 - theta) ** (betaN - 1);
    num += w * density * g(1 - theta);
    den += w * density;
  }
  return num / den;
}

/**
 * DERL with every renewal probability multiplied by (1 + ε), as the plain sum
 * Σ_k (1+ε)^{k+1} E[c^{k+1}] z^k with E[c^{j}] = Π_{i<j} (β+n+i)/(α+β+n+i) (moments of the Beta posterior).
 */
function derlSum(alpha: number, beta: number, n: number, d: number, eps: number): number {
  const z = 1 / (1 + d);
  let moment = 1;
  let total = 0;
  for (let k = 0; k < 20000; k++) {
    moment *= (beta + n + k) / (alpha + beta + n + k); // E[c^{k+1}]
    total += (1 + eps) ** (k + 1) * moment * z ** k;
  }
  return total;
}

describe("sBG (Fader & Hardie 2007)", () => {
  it("rounds the paper's percentages to the cohort counts of pymc-marketing's sbg_paper.csv", () => {
    expect(highEndData.alive).toEqual([1000, 869, 743, 653, 593, 551, 517, 491]);
    expect(regularData.alive).toEqual([1000, 631, 468, 382, 326, 289, 262, 241]);
  });

  it("fits the high-end segment: α 0.668, β 3.806, LL −1611.16 (REFERENCES §7)", () => {
    const fit = fitSbg(highEndData);
    expect(fit.diagnostics.converged).toBe(true);
    expect(fit.params.alpha).toBeCloseTo(0.6681, 3);
    expect(fit.params.beta).toBeCloseTo(3.8061, 2);
    expect(Math.abs(fit.params.beta - 3.806) / 3.806).toBeLessThan(1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-1611.16, 2);
    expect(fit.n).toBe(1000);
    expect(fit.unit).toBe("period");
    expect(fit.standardErrors).not.toBeNull();
    expect(fit.standardErrors!.alpha).toBeGreaterThan(0);
    expect(fit.standardErrors!.beta).toBeGreaterThan(fit.standardErrors!.alpha);
  });

  it("fits the regular segment: α 0.7041, β 1.1820, LL −1680.27 (REFERENCES §7, scipy MLE)", () => {
    const fit = fitSbg(regularData);
    expect(fit.params.alpha).toBeCloseTo(0.7041, 3);
    expect(fit.params.beta).toBeCloseTo(1.182, 3);
    expect(fit.logLikelihood).toBeCloseTo(-1680.27, 2);
    // pymc-marketing's Bayesian reference (posterior mean with priors): α 0.688, β 1.182, rtol 0.1
    expect(Math.abs(fit.params.alpha - 0.688) / 0.688).toBeLessThan(0.1);
  });

  it("projects high-end survival for years 8–12: 46.0, 43.6, 41.4, 39.5, 37.8 %", () => {
    const fit = fitSbg(highEndData);
    const projected = [8, 9, 10, 11, 12].map((t) => sbgSurvival(fit.params, t));
    [0.46, 0.436, 0.414, 0.395, 0.378].forEach((expected, i) => expect(Math.abs(projected[i] - expected)).toBeLessThan(6e-4));
  });

  it("DEL (d = 10 %) of a new customer: high end 5.9223, regular 3.6949", () => {
    expect(sbgDiscountedExpectedLifetime(fitSbg(highEndData).params, 0.1)).toBeCloseTo(5.9223, 3);
    expect(sbgDiscountedExpectedLifetime(fitSbg(regularData).params, 0.1)).toBeCloseTo(3.6949, 3);
  });

  it("DERL (d = 10 %) of a high-end customer after 7 renewals: 7.530", () => {
    const derl = sbgDiscountedExpectedResidualLifetime(fitSbg(highEndData).params, 7, 0.1);
    expect(Math.abs(derl - 7.53)).toBeLessThan(1e-3);
  });

  it("DEL and DERL equal their defining sums Σ S(t)/(1+d)^t", () => {
    const params = { alpha: 0.7041, beta: 1.182 };
    let del = 0;
    for (let t = 0; t < 3000; t++) del += sbgSurvival(params, t) / 1.1 ** t;
    expect(sbgDiscountedExpectedLifetime(params, 0.1)).toBeCloseTo(del, 8);
    const n = 4;
    let derl = 0;
    for (let k = 0; k < 3000; k++) derl += (sbgSurvival(params, n + 1 + k) / sbgSurvival(params, n)) / 1.1 ** k;
    expect(sbgDiscountedExpectedResidualLifetime(params, n, 0.1)).toBeCloseTo(derl, 8);
    // and DERL = E over the posterior Beta(α, β + n) of c / (1 − c z), by quadrature
    const z = 1 / 1.1;
    expect(sbgDiscountedExpectedResidualLifetime(params, n, 0.1)).toBeCloseTo(posteriorMean(params.alpha, params.beta + n, (c) => c / (1 - c * z)), 5);
  });

  it("retention elasticity equals the finite difference of DERL when every renewal probability rises 1 %", () => {
    for (const [params, n, d] of [
      [{ alpha: 0.668, beta: 3.806 }, 7, 0.1],
      [{ alpha: 0.7041, beta: 1.182 }, 0, 0.1],
      [{ alpha: 2.5, beta: 6 }, 3, 0.05],
    ] as const) {
      const eta = sbgRetentionElasticity(params, n, d);
      const h = 1e-5;
      // (a) DERL as an explicit sum over future periods
      const series = (eps: number) => derlSum(params.alpha, params.beta, n, d, eps);
      expect(eta).toBeCloseTo((series(h) - series(-h)) / (2 * h) / series(0), 6);
      expect(sbgDiscountedExpectedResidualLifetime(params, n, d)).toBeCloseTo(series(0), 8);
      // (b) DERL as an integral over the Beta posterior of θ (per-customer c/(1 − c z), c = 1 − θ)
      const z = 1 / (1 + d);
      const integral = (eps: number) => posteriorMean(params.alpha, params.beta + n, (c) => (c * (1 + eps)) / (1 - c * (1 + eps) * z));
      const numeric = (integral(1e-4) - integral(-1e-4)) / 2e-4 / integral(0);
      expect(Math.abs(eta - numeric) / eta).toBeLessThan(2e-3);
    }
  });

  it("retention elasticity approaches the homogeneous (1+d)/(1+d−r) as heterogeneity vanishes", () => {
    // θ ~ Beta(0.2k, 0.8k): mean churn 0.2 (r = 0.8), spread shrinking with k
    const homogeneous = 1.1 / (1.1 - 0.8);
    const gaps = [1, 10, 100].map((k) => sbgRetentionElasticity({ alpha: 0.2 * k, beta: 0.8 * k }, 0, 0.1) - homogeneous);
    expect(gaps[0]).toBeGreaterThan(gaps[1]);
    expect(gaps[1]).toBeGreaterThan(gaps[2]);
    expect(gaps[2]).toBeGreaterThan(0); // heterogeneity raises the elasticity (F&H 2010)
    expect(gaps[2]).toBeLessThan(0.2);
  });

  it("property: S(t) = Π r(k) = 1 − Σ P(T = k), and retention rises over time", () => {
    for (const params of [{ alpha: 0.668, beta: 3.806 }, { alpha: 3, beta: 0.5 }, { alpha: 12, beta: 40 }]) {
      let product = 1;
      let cumulativeChurn = 0;
      for (let t = 1; t <= 30; t++) {
        product *= sbgRetentionRate(params, t);
        cumulativeChurn += sbgChurnProbability(params, t);
        expect(sbgSurvival(params, t)).toBeCloseTo(product, 12);
        expect(sbgSurvival(params, t)).toBeCloseTo(1 - cumulativeChurn, 12);
        if (t > 1) expect(sbgRetentionRate(params, t)).toBeGreaterThan(sbgRetentionRate(params, t - 1));
      }
    }
  });

  it("log-likelihood at the published parameters is the optimum's neighbourhood", () => {
    const ll = sbgLogLikelihood({ alpha: 0.668, beta: 3.806 }, highEndData);
    expect(ll).toBeCloseTo(-1611.16, 1);
  });

  it("rejects invalid input with the bad value", () => {
    expect(() => sbgSurvival({ alpha: -1, beta: 1 }, 2)).toThrow("invalid alpha: -1");
    expect(() => sbgDiscountedExpectedLifetime({ alpha: 1, beta: 1 }, -0.2)).toThrow("invalid discountRatePerPeriod: -0.2");
    expect(() => sbgDiscountedExpectedResidualLifetime({ alpha: 1, beta: 1 }, 1.5, 0.1)).toThrow("invalid renewals: 1.5");
    expect(() => fitSbg({ alive: [100, 90, 95] })).toThrow("invalid alive count at period 2: 95 exceeds 90 at period 1");
    expect(() => survivalCountsFromPercent([100, 120], 10)).toThrow("invalid percent alive at period 1: 120");
  });
});

describe("sBG numerical range", () => {
  it("never returns NaN: very large β + n either evaluates (≈ the homogeneous elasticity) or throws naming the problem", () => {
    let value: number | undefined;
    try {
      value = sbgRetentionElasticity({ alpha: 2000, beta: 8000 }, 0, 0.1);
    } catch (error) {
      expect((error as Error).message).toContain("out of numerical range");
    }
    if (value !== undefined) expect(value).toBeCloseTo(1.1 / (1.1 - 0.8), 1);
  });
});
