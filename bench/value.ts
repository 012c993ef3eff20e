/**
 * Benchmarks of the value / opportunity indices (issue 6): re-scoring 100,000 customers after a
 * weight change. Goal: under 50 ms in the browser; measured here in Node (the browser measure comes
 * with the pages). No peer library computes these indices, so ratios are to the 50 ms goal.
 *
 * The 100,000 customers and 10,000 prospects are bench/recipes/valueBase.ts (the demo company's
 * customers replicated with seeded noise). Median of 15 runs after one warm-up; each run alternates the weights between
 * the sales and finance profiles, as a slider would.
 *
 * Run standalone: `npx tsx bench/value.ts`.
 */
import { loadavg } from "node:os";
import { prepareCvi, scoreCvi } from "../src/value/cvi.js";
import { preparePortfolio, scorePortfolio } from "../src/value/portfolio.js";
import { syntheticValueBase } from "./recipes/valueBase.js";

type BenchResult = { name: string; seconds: number; ratio?: { to: string; value: number }; peakRssMB?: number; note?: string };

const GOAL_SECONDS = 0.05;

function time(fn: (run: number) => unknown, runs = 15): number {
  fn(-1);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

function result(name: string, seconds: number, note?: string): BenchResult {
  return { name, seconds, ratio: { to: "goal 50 ms", value: seconds / GOAL_SECONDS }, peakRssMB: Math.round(process.memoryUsage().rss / 2 ** 20), ...(note ? { note } : {}) };
}

export async function run(): Promise<BenchResult[]> {
  const { features, prospects, demoSeconds } = syntheticValueBase(100_000, 10_000);
  const out: BenchResult[] = [];
  out.push({ name: "demo company: generate + features (3,000 customers, 27,617 lines)", seconds: demoSeconds, peakRssMB: Math.round(process.memoryUsage().rss / 2 ** 20), note: "one run, cold" });

  let cvi = prepareCvi(features);
  out.push(result("cvi prepare (normalise 8 components), 100k customers", time(() => (cvi = prepareCvi(features)), 5), "once per data set, not per weight change"));

  let checksum = 0;
  const profiles = ["sales", "finance"] as const;
  out.push(result("cvi re-score after weight change, 100k customers", time((i) => (checksum += scoreCvi(cvi, profiles[(i + 2) % 2]).scores[0])), "weighted sum over precomputed scores"));

  let prepared = preparePortfolio({ features, prospects });
  out.push(result("portfolio prepare (cvi + oi + cross-sell), 100k + 10k prospects", time(() => (prepared = preparePortfolio({ features, prospects })), 3), "once per data set"));
  let cells = 0;
  out.push(
    result(
      "portfolio re-score after weight change (cvi + oi + tiers + 3x3 matrix + tier figures), 110k rows",
      time((i) => (cells = scorePortfolio(prepared, { cviWeights: profiles[(i + 2) % 2], oiWeights: profiles[(i + 3) % 2] }).matrix.cells.length)),
      `${cells} cells; 1-min load average ${loadavg()[0].toFixed(1)} on 2 cores during the run`,
    ),
  );
  void checksum;
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) {
    console.log(`${r.name.padEnd(96)} ${(r.seconds * 1000).toFixed(2)} ms  ${r.ratio ? `×${r.ratio.value.toFixed(3)} ${r.ratio.to}` : ""}  ${r.peakRssMB} MB  ${r.note ?? ""}`);
  }
}
