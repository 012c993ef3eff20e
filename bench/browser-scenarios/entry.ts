/**
 * Workload shared by bench/scenarios.ts (Node) and bench/browser-scenarios.ts (Chromium): 100,000
 * simulated BG/NBD customers (CDNOW's published parameters, ages uniform in 30-78 weeks, seeded),
 * Gamma-Gamma spend, margin 30 %, referrals, complaints and categories drawn from a seeded PRNG;
 * a 5-year baseline at 10 % per year with 5,000 new customers a year at cost 25. Times the baseline
 * precompute once and a scenario recompute (churn −5 %, then spend +10 %, alternating, per-customer
 * arrays included as the page needs them) as the median of 15 after one warm-up.
 */
import { bgnbdTransactionModel } from "../../src/clv/adapters.js";
import { conditionalExpectedSpend } from "../../src/models/gammagamma.js";
import { simulateBgNbdSummary } from "../../src/models/simulate.js";
import { mulberry32 } from "../../src/math/random.js";
import { runScenario } from "../../src/scenarios/engine.js";
import { transactionBaseline } from "../../src/scenarios/transactionBaseline.js";

export interface ScenarioBenchTimings {
  customers: number;
  curves: number;
  baselineSeconds: number;
  recomputeSeconds: number;
  equity: number;
}

export function scenarioBench(customers = 100_000): ScenarioBenchTimings {
  const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
  const s = simulateBgNbdSummary(BG, { customers, T: { min: 30, max: 78 }, seed: 7 });
  const random = mulberry32(11);
  // day-level histories, as a summary of a real log would be
  const x = s.x;
  const tx = Float64Array.from(s.tx, (v) => Math.round(v * 7) / 7);
  const T = Float64Array.from(s.T, (v) => Math.round(v * 7) / 7);
  const spend = Float64Array.from(x, (xi) => conditionalExpectedSpend(GG, xi, 20 + 30 * random()));
  const ids = Array.from({ length: customers }, (_, i) => `C${i}`);
  const referrals = Float64Array.from(x, () => (random() < 0.1 ? 1 + Math.floor(random() * 3) : 0));
  const purchases = Float64Array.from(x, (xi) => xi + 1);
  const complaints = Float64Array.from(x, () => (random() < 0.15 ? 1 : 0));
  const categories = Float64Array.from(x, () => 1 + Math.floor(random() * 7));
  const t0 = performance.now();
  const baseline = transactionBaseline({
    model: bgnbdTransactionModel(BG, "week"),
    unit: "week",
    customerIds: ids,
    x,
    tx: Float64Array.from(tx, (v, i) => Math.min(v, T[i])),
    T,
    spendPerPurchase: spend,
    marginRate: 0.3,
    referrals,
    purchasesToDate: purchases,
    complaints,
    categoriesBought: categories,
    categoriesTotal: 7,
    settings: { horizonYears: 5, discountRatePerYear: 0.1, newCustomersPerYear: 5000, acquisitionCostPerCustomer: 25 },
  });
  const baselineSeconds = (performance.now() - t0) / 1000;
  const levers = [{ churnPct: -5 }, { spendPct: 10 }];
  let equity = runScenario(baseline, levers[0]).equity;
  const times: number[] = [];
  for (let k = 0; k < 15; k++) {
    const start = performance.now();
    equity = runScenario(baseline, levers[k % 2]).equity;
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  const curves = baseline.curves.kind === "transaction" ? baseline.curves.values.length / baseline.curves.knots : 0;
  return { customers, curves, baselineSeconds, recomputeSeconds: times[7], equity };
}
