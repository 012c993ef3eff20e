import { describe, expect, it } from "vitest";
import { cdnowSummary as s } from "../support/cdnowSummary.js";
import { bgnbdTransactionModel, pnbdTransactionModel } from "../../src/clv/adapters.js";
import { discountedClv } from "../../src/clv/discountedClv.js";
import { simpleClv, simpleClvRetentionElasticity } from "../../src/clv/simpleClv.js";
import { bgnbdExpectedPurchases } from "../../src/models/bgnbd.js";
import { conditionalExpectedSpend } from "../../src/models/gammagamma.js";
import { pnbdProbabilityAlive } from "../../src/models/pnbd.js";
import { fitSbg, sbgDiscountedExpectedResidualLifetime, sbgRetentionElasticity, survivalCountsFromPercent } from "../../src/models/sbg.js";
import { NO_CHANGE, leverElasticities, scenarioRetentionElasticity, runScenario, survivalBaseline, transactionBaseline, type ScenarioSettings } from "../../src/scenarios/index.js";

// Published CDNOW parameters (REFERENCES.md §2, §3, §5).
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PNBD = { r: 0.5533971, alpha: 10.5801985, s: 0.6060625, beta: 11.6562237 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const spend = Array.from(s.x, (x, i) => conditionalExpectedSpend(GG, x, s.monetary[i]));
const settings: ScenarioSettings = { horizonYears: 3, discountRatePerYear: 0.1, newCustomersPerYear: 500, acquisitionCostPerCustomer: 15 };
const cdnow = (model = bgnbdTransactionModel(BG, "week"), knotYears?: number) =>
  transactionBaseline({ model, unit: "week", customerIds: s.customerIds, x: s.x, tx: s.tx, T: s.T, spendPerPurchase: spend, marginRate: 0.3, settings, knotYears });
const bg = cdnow();

describe("runScenario on a transaction-model baseline (CDNOW, BG/NBD)", () => {
  it("zero-change scenario equals the baseline, and current value equals discountedClv × margin", () => {
    const base = runScenario(bg, NO_CHANGE);
    const clv = discountedClv(bgnbdTransactionModel(BG, "week"), s, GG, { horizon: 3, horizonUnit: "year", discountRate: 0.1, discountPer: "year" });
    expect(base.currentValue).toBeCloseTo(0.3 * clv.total, 6);
    const sum = base.customerValue!.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(base.currentValue, 6);
    const again = runScenario(bg, { ...NO_CHANGE, churnPct: 0, removeIds: [] });
    expect(again.equity).toBe(base.equity);
    expect(Array.from(again.profitByYear)).toEqual(Array.from(base.profitByYear));
    // equity = Σ discounted profit; cohort of one year by hand: N (1 + E[X(1 y)]) · spend · margin
    const year = 365.25 / 7;
    const newMargin1 = (1 + bgnbdExpectedPurchases(BG, year)) * bg.newCustomer.spendPerPurchase * bg.newCustomer.marginRate;
    expect(base.cohortProfitByYear[0]).toBeCloseTo(500 * newMargin1, 6);
    expect(base.acquisitionSpend).toBeCloseTo(500 * 15 * (1 / 1.1 + 1 / 1.1 ** 2 + 1 / 1.1 ** 3), 6);
    expect(base.equity).toBeCloseTo(base.currentValue + base.referralValue + base.cohortValue - base.acquisitionSpend, 6);
  });

  it("equity rises monotonically as churn falls and retention rises", () => {
    let previous = -Infinity;
    for (let churn = 60; churn >= -90; churn -= 5) {
      const e = runScenario(bg, { churnPct: churn }, { perCustomer: false }).equity;
      expect(e).toBeGreaterThan(previous);
      previous = e;
    }
    previous = -Infinity;
    for (let points = -20; points <= 20; points += 2) {
      const e = runScenario(bg, { retentionPoints: points }, { perCustomer: false }).equity;
      expect(e).toBeGreaterThan(previous);
      previous = e;
    }
  });

  it("churn -5% on Pareto/NBD matches the closed form E[λ/(mμ)(1 − e^{−mμt})] given alive", () => {
    const m = 0.95;
    const year = 365.25 / 7;
    let exact = 0;
    for (let i = 0; i < s.n; i++) {
      const B = PNBD.beta + s.T[i];
      const G = (t: number) => ((PNBD.r + s.x[i]) / (PNBD.alpha + s.T[i]) / m) * (B / (PNBD.s - 1)) * (1 - (B / (B + m * t)) ** (PNBD.s - 1));
      const pa = pnbdProbabilityAlive(PNBD, s.x[i], s.tx[i], s.T[i]);
      for (let y = 1; y <= 3; y++) exact += (pa * (G(y * year) - G((y - 1) * year)) * spend[i] * 0.3) / 1.1 ** y;
    }
    // quarterly grid: linear interpolation error
    expect(Math.abs(runScenario(cdnow(pnbdTransactionModel(PNBD, "week")), { churnPct: -5 }).currentValue / exact - 1)).toBeLessThan(5e-4);
    // a grid with 0.95·y on its knots is exact
    expect(runScenario(cdnow(pnbdTransactionModel(PNBD, "week"), 0.05), { churnPct: -5 }).currentValue).toBeCloseTo(exact, 6);
  });

  it("reported elasticities equal finite differences of the engine", () => {
    const el = leverElasticities(bg);
    const base = runScenario(bg, NO_CHANGE).equity;
    for (const lever of ["churnPct", "spendPct", "marginPoints", "frequencyPct"] as const) {
      const reported = el.find((e) => e.lever === lever)!.elasticity;
      const secant = ((runScenario(bg, { [lever]: 0.5 }).equity - runScenario(bg, { [lever]: -0.5 }).equity) / 1 / base) * 100;
      // piecewise-linear curves: the slope depends slightly on the step
      expect(Math.abs(reported - secant)).toBeLessThan(1e-3 * Math.abs(secant));
    }
    // spend scales every margin but not the acquisition spend: elasticity = margins ÷ equity
    const r = runScenario(bg, NO_CHANGE);
    expect(el.find((e) => e.lever === "spendPct")!.elasticity).toBeCloseTo((r.currentValue + r.referralValue + r.cohortValue) / r.equity, 8);
    expect(el.find((e) => e.lever === "churnPct")!.elasticity).toBeLessThan(0);
  });

  it("rejects invalid levers, naming the value", () => {
    expect(() => runScenario(bg, { churnPct: -120 })).toThrow("invalid churnPct: -120");
    expect(() => runScenario(bg, { discountRatePoints: -20 })).toThrow("invalid discount rate after the lever");
    expect(runScenario(bg, { removeIds: ["nobody"] }).warnings).toContain("unknown customer id to remove: nobody");
  });
});

describe("retention-model baselines", () => {
  it("sBG high end: value = DERL (F&H 2010, 7.530 after 7 renewals at d = 0.1) and the retention elasticity matches the closed form", () => {
    const pct = [100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1];
    const fit = fitSbg(survivalCountsFromPercent(pct, 1000));
    expect(fit.params.alpha).toBeCloseTo(0.668, 3);
    const n = 491;
    const ones = new Float64Array(n).fill(1);
    const baseline = survivalBaseline({
      customerIds: Array.from({ length: n }, (_, i) => `c${i}`),
      spendPerPurchase: ones,
      purchasesPerYear: ones,
      retention: { model: "sbg", params: fit.params, renewals: new Float64Array(n).fill(7) },
      settings: { horizonYears: 200, discountRatePerYear: 0.1, newCustomersPerYear: 0, acquisitionCostPerCustomer: 0 },
    });
    const value = runScenario(baseline, NO_CHANGE).currentValue / n;
    // payments at the end of each year retained: value = DERL / (1 + d)
    expect(value).toBeCloseTo(sbgDiscountedExpectedResidualLifetime(fit.params, 7, 0.1) / 1.1, 6);
    expect(Math.abs(value * 1.1 - 7.53)).toBeLessThan(0.001);
    const closed = sbgRetentionElasticity(fit.params, 7, 0.1);
    expect(Math.abs(scenarioRetentionElasticity(baseline) / closed - 1)).toBeLessThan(1e-6);
  });

  it("simple model: churn -5% maps r → 1 − 0.95(1 − r) and the retention elasticity is (1 + d)/(1 + d − r)", () => {
    const settingsSimple = { horizonYears: 200, discountRatePerYear: 0.1, newCustomersPerYear: 0, acquisitionCostPerCustomer: 0 };
    const make = (r: number) =>
      survivalBaseline({ customerIds: ["a", "b"], spendPerPurchase: [100, 50], purchasesPerYear: [1, 2], marginRate: 0.5, retention: { model: "simple", retentionRatePerYear: r }, settings: settingsSimple });
    const base = make(0.8);
    const churned = runScenario(base, { churnPct: -5 }).currentValue;
    expect(churned).toBeCloseTo(2 * simpleClv({ marginPerPeriod: 50, retentionRate: 0.81, discountRatePerPeriod: 0.1, horizonPeriods: 200 }), 8);
    expect(runScenario(base, NO_CHANGE).currentValue).toBeCloseTo(2 * simpleClv({ marginPerPeriod: 50, retentionRate: 0.8, discountRatePerPeriod: 0.1, horizonPeriods: 200 }), 8);
    expect(scenarioRetentionElasticity(base)).toBeCloseTo(simpleClvRetentionElasticity(0.8, 0.1), 5);
    let previous = -Infinity;
    for (let r = 0.1; r <= 0.95; r += 0.05) {
      const v = runScenario(make(r), NO_CHANGE).currentValue;
      expect(v).toBeGreaterThan(previous);
      previous = v;
    }
  });
});

describe("removing customers", () => {
  it("removes exactly the removed customers' value (top-N by baseline value or by id)", () => {
    const base = runScenario(bg, NO_CHANGE);
    const top = bg.rank[0];
    const lost = runScenario(bg, { removeTopN: 1 });
    expect(base.equity - lost.equity).toBeCloseTo(base.customerValue![top] + base.customerReferralValue![top], 6);
    expect(runScenario(bg, { removeIds: [bg.customerIds[top]] }).equity).toBe(lost.equity);
    expect(lost.tierCounts.removed).toBe(1);
    const ten = runScenario(bg, { removeTopN: 10 });
    let value = 0;
    for (let k = 0; k < 10; k++) value += bg.value[bg.rank[k]];
    expect(base.equity - ten.equity).toBeCloseTo(value, 6);
    expect(base.customerValue![top]).toBe(Math.max(...base.customerValue!));
  });

  it("baseline tier counts follow the pyramid cut-offs (top 5 / 20 / 50 %)", () => {
    const t = runScenario(bg, NO_CHANGE).tierCounts;
    expect(t.platinum + t.gold + t.silver + t.bronze).toBe(s.n);
    expect(t.platinum).toBeLessThanOrEqual(Math.ceil(0.05 * s.n));
    expect(t.platinum + t.gold).toBeLessThanOrEqual(Math.ceil(0.2 * s.n));
    const better = runScenario(bg, { spendPct: 20 }).tierCounts;
    expect(better.platinum).toBeGreaterThan(t.platinum);
  });
});

describe("property: lower churn never lowers equity, whatever the other levers", () => {
  it("holds on 200 random lever sets (seeded)", () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 200; k++) {
      const others = { spendPct: rand() * 40 - 20, frequencyPct: rand() * 40 - 20, marginPoints: rand() * 10 - 5, discountRatePoints: rand() * 10 - 5, acquisitionVolumePct: rand() * 100 - 50, removeTopN: Math.floor(rand() * 5) };
      const c1 = rand() * 150 - 90;
      const c2 = c1 + 0.5 + rand() * 50;
      const e1 = runScenario(bg, { ...others, churnPct: c1 }, { perCustomer: false });
      const e2 = runScenario(bg, { ...others, churnPct: c2 }, { perCustomer: false });
      expect(e1.equity).toBeGreaterThan(e2.equity);
      expect(e1.currentValue).toBeGreaterThanOrEqual(e2.currentValue);
    }
  });
});
