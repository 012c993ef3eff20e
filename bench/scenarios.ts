/**
 * Benchmarks of the scenario engine (issue 8), in Node:
 * - recomputing one scenario for 100,000 customers (goal: under 50 ms in the browser; the browser
 *   figure is bench/browser-scenarios.ts), and the one-off baseline precompute for them;
 * - the baseline precompute on CDNOW (2,357 customers, BG/NBD at the published parameters, 3 years of
 *   yearly discounted margin) against lifetimes' `customer_lifetime_value` for 36 months on the same
 *   customers (0.095 s, REFERENCES.md §8), the nearest peer computation.
 *
 * Run standalone: `npx tsx bench/scenarios.ts`.
 */
import { loadavg } from "node:os";
import { bgnbdTransactionModel } from "../src/clv/adapters.js";
import { conditionalExpectedSpend } from "../src/models/gammagamma.js";
import { runScenario } from "../src/scenarios/engine.js";
import { transactionBaseline } from "../src/scenarios/transactionBaseline.js";
import { cdnowSummary } from "../test/support/cdnowSummary.js";
import { scenarioBench } from "./browser-scenarios/entry.js";
import type { BenchResult } from "./support.js";

const GOAL_SECONDS = 0.05;
const LIFETIMES_CLV_36_MONTHS = 0.095;

function median(fn: () => unknown, runs = 9): number {
  fn();
  const t: number[] = [];
  for (let k = 0; k < runs; k++) {
    const s = performance.now();
    fn();
    t.push((performance.now() - s) / 1000);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export async function run(): Promise<BenchResult[]> {
  const load = () => `1-min load average ${loadavg()[0].toFixed(1)} on 2 cores`;
  const big = scenarioBench();
  const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
  const s = cdnowSummary;
  const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
  const spend = Array.from(s.x, (x, i) => conditionalExpectedSpend(GG, x, s.monetary[i]));
  const build = () =>
    transactionBaseline({
      model: bgnbdTransactionModel(BG, "week"),
      unit: "week",
      customerIds: s.customerIds,
      x: s.x,
      tx: s.tx,
      T: s.T,
      spendPerPurchase: spend,
      marginRate: 0.3,
      settings: { horizonYears: 3, discountRatePerYear: 0.1, newCustomersPerYear: 0, acquisitionCostPerCustomer: 0 },
    });
  const cdnowBaseline = median(build);
  const baseline = build();
  const cdnowRecompute = median(() => runScenario(baseline, { churnPct: -5 }), 31);
  return [
    { name: `scenario recompute, ${big.customers.toLocaleString("en-US")} customers, 5 years (Node)`, seconds: big.recomputeSeconds, ratio: { to: "goal 50 ms", value: big.recomputeSeconds / GOAL_SECONDS }, peakRssMB: rss, note: `median of 15; churn −5 % / spend +10 % alternating; ${load()}` },
    { name: `scenario baseline precompute, ${big.customers.toLocaleString("en-US")} customers (${big.curves.toLocaleString("en-US")} distinct histories × 41 grid points)`, seconds: big.baselineSeconds, note: "once per dataset and horizon" },
    { name: "scenario baseline precompute, CDNOW 2,357 customers, BG/NBD, 3 years", seconds: cdnowBaseline, ratio: { to: "lifetimes customer_lifetime_value 36 months (0.095 s)", value: cdnowBaseline / LIFETIMES_CLV_36_MONTHS }, note: `median of 9; ${load()}` },
    { name: "scenario recompute, CDNOW 2,357 customers", seconds: cdnowRecompute, ratio: { to: "goal 50 ms", value: cdnowRecompute / GOAL_SECONDS }, note: "median of 31" },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) {
    console.log(`${r.name.padEnd(100)} ${(r.seconds * 1000).toFixed(2)} ms  ${r.ratio ? `×${r.ratio.value.toFixed(3)} ${r.ratio.to}` : ""}  ${r.peakRssMB ?? ""} ${r.note ?? ""}`);
  }
}
