/**
 * The workbench's one-call fit (fitCustomerModels), per-customer scores (scoreCustomers) and the
 * Models page's diagnostics (modelDiagnostics) on CDNOW, against the published numbers of
 * REFERENCES §1–§5 and the peers' measured CLV total.
 */
import { describe, expect, it } from "vitest";
import { fitCustomerModels } from "../../src/clv/fitCustomerModels.js";
import { scoreCustomers } from "../../src/clv/customerScores.js";
import { modelDiagnostics } from "../../src/clv/modelDiagnostics.js";
import { birthTimes, repeatPurchasesPerPeriod } from "../../src/clv/tracking.js";
import type { ModelFit } from "../../src/models/types.js";
import type { BgNbdParams } from "../../src/models/bgnbd.js";
import { cdnowSummary } from "../support/cdnowSummary.js";
import { epochDayOf, lifetimesCdnowCustomers, readCdnow } from "../support/readCdnow.js";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const models = fitCustomerModels(cdnowSummary, ["bgnbd", "pnbd", "mbgnbd"]);

describe("fitCustomerModels on CDNOW (weeks, calibration to 1997-09-30)", () => {
  it("reproduces the published BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma parameters", () => {
    const bg = models.fits.bgnbd!.params as unknown as Record<string, number>;
    [0.243, 4.414, 0.793, 2.426].forEach((v, i) => expect(Math.abs(Object.values(bg)[i] - v)).toBeLessThan(0.015)); // lifetimes decimal=2
    expect(rel(models.fits.bgnbd!.logLikelihood, -9582.4)).toBeLessThan(1e-3);
    expect(rel(models.fits.pnbd!.logLikelihood, -9595.0)).toBeLessThan(1e-3);
    const mbg = Object.values(models.fits.mbgnbd!.params as unknown as Record<string, number>);
    [0.525, 6.183, 0.891, 1.614].forEach((v, i) => expect(Math.abs(mbg[i] - v)).toBeLessThan(0.02));
    const gg = models.spend!.params;
    expect(Math.abs(gg.p - 6.25)).toBeLessThan(0.015);
    expect(Math.abs(gg.q - 3.74)).toBeLessThan(0.015);
    expect(Math.abs(gg.gamma - 15.44)).toBeLessThan(0.015);
    expect(models.spendExcluded).toBe(0);
  });

  it("says in plain words that one-time buyers are always alive under BG/NBD (1,411 of them) and offers MBG/NBD", () => {
    const notice = models.notices.find((n) => n.kind === "p-alive-one");
    expect(notice?.model).toBe("bgnbd");
    expect(notice?.text).toContain("1,411 customers");
    expect(notice?.text).toContain("MBG/NBD");
    expect(models.notices.filter((n) => n.kind === "convergence")).toEqual([]);
  });

  it("reports progress before each fit and at the end", () => {
    const steps: string[] = [];
    fitCustomerModels(cdnowSummary, ["bgnbd"], { onProgress: (step, done, total) => steps.push(`${step} ${done}/${total}`) });
    expect(steps).toEqual(["fitting BG/NBD 0/2", "fitting Gamma-Gamma 1/2", "done 2/2"]);
  });
});

describe("scoreCustomers on CDNOW", () => {
  it("gives lifetimes' Σ CLV 71,509.90 (12 months at 1 %/month, lifetimes' month) at lifetimes' parameters", () => {
    const customers = lifetimesCdnowCustomers();
    const fit = { ...models.fits.bgnbd!, params: { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 } } as ModelFit<BgNbdParams>;
    const scores = scoreCustomers(fit, { p: 6.248802, q: 3.744588, gamma: 15.447748 }, customers, { horizon: 12, horizonUnit: "month", discountRate: 0.01, discountPer: "month", monthConvention: "lifetimes" });
    expect(rel(scores.total, 71509.9)).toBeLessThan(1e-6);
    [36.2785, 4.6375, 8.3441].forEach((v, i) => expect(scores.clv[i]).toBeCloseTo(v, 3));
    for (let i = 0; i < customers.x.length; i++) if (customers.x[i] === 0) expect(scores.pAlive[i]).toBe(1); // BG/NBD property
  });

  it("P(alive) ≤ 1 and CLV rises with the horizon (property)", () => {
    const options = { horizonUnit: "month", discountRate: 0.01, discountPer: "month" } as const;
    const short = scoreCustomers(models.fits.pnbd!, models.spend!.params, cdnowSummary, { ...options, horizon: 6 });
    const long = scoreCustomers(models.fits.pnbd!, models.spend!.params, cdnowSummary, { ...options, horizon: 24 });
    for (let i = 0; i < cdnowSummary.n; i++) {
      expect(short.pAlive[i]).toBeLessThanOrEqual(1);
      expect(long.clv[i]).toBeGreaterThan(short.clv[i]);
    }
  });

  it("without a spend model gives NaN CLV and says so", () => {
    const scores = scoreCustomers(models.fits.bgnbd!, null, cdnowSummary, { horizon: 12, horizonUnit: "month", discountRate: 0.01, discountPer: "month" });
    expect(Number.isNaN(scores.clv[0])).toBe(true);
    expect(scores.warnings).toContain("no spend model: expected spend and CLV are not available");
  });
});

describe("modelDiagnostics on CDNOW (Pareto/NBD)", () => {
  const log = readCdnow("data/cdnow/cdnow_sample.csv", "sampleid");
  const origin = epochDayOf("1997-01-01");
  const ids = new Map<string, number>();
  const customer = log.map((t) => ids.get(t.customerId) ?? (ids.set(t.customerId, ids.size), ids.size - 1));
  const actual = repeatPurchasesPerPeriod({ customer, epochDay: log.map((t) => t.epochDay) }, { originEpochDay: origin, periodDays: 7, periods: 78 });
  const d = modelDiagnostics(models.fits.pnbd!, { ...cdnowSummary, birthTimes: birthTimes(cdnowSummary, origin, "week") }, { trackingPeriods: 78, actualIncremental: actual, matrixHorizon: 39 });

  it("holdout: actual 1,882 repeat transactions, predicted ≈ 1,665.5 (BTYD / CLVTools)", () => {
    expect(d.holdout!.total.actual).toBe(1882);
    expect(Math.abs(d.holdout!.total.predicted - 1665.6)).toBeLessThan(1);
  });

  it("tracking: actual cumulative 2,457 at week 39 and 4,339 at week 78; model weeks 20-25 as in the BTYD walkthrough (±1)", () => {
    expect(d.tracking.actualCumulative![38]).toBe(2457);
    expect(d.tracking.actualCumulative![77]).toBe(4339);
    [1309, 1385, 1460, 1533, 1604, 1674].forEach((v, k) => expect(Math.abs(d.tracking.expectedCumulative[19 + k] - v)).toBeLessThan(1.5));
  });

  it("calibration frequency: actual 1,411 zero-repeaters; expected bins sum to the 2,357 customers", () => {
    expect(d.frequency.bins[0].actual).toBe(1411);
    expect(d.frequency.bins.reduce((s, b) => s + b.expected, 0)).toBeCloseTo(2357, 6);
    expect(Math.abs(d.frequency.bins[0].expected - 1411) / 1411).toBeLessThan(0.05);
  });

  it("matrices and heterogeneity curves cover the data", () => {
    expect(d.aliveMatrix.cells.filter((c) => c.x === 0)).toHaveLength(1);
    expect(d.expectedMatrix.horizon).toBe(39);
    expect(d.heterogeneity.map((h) => h.quantity)).toEqual(["purchase rate", "dropout rate"]);
  });
});
