/**
 * The work measured by bench/browser-value.ts, runnable in a browser (bundled) and in Node:
 * 100,000 synthetic customers + 10,000 prospects from the demo company, prepared once, then
 * re-scored under alternating profiles. Pure: no Node or DOM APIs (performance.now only).
 * Not a benchmark module itself (exports no `run`; kept in a subfolder so bench/run.ts does not load it).
 */
import { prepareCvi, scoreCvi } from "../../src/value/cvi.js";
import { preparePortfolio, scorePortfolio } from "../../src/value/portfolio.js";
import { scoreOi } from "../../src/value/oi.js";
import { assignTiers } from "../../src/value/tiers.js";
import { valueOpportunityMatrixOf } from "../../src/value/matrix.js";
import { summariseTierColumns } from "../../src/value/tierSummary.js";
import { syntheticValueBase } from "../recipes/valueBase.js";

const CUSTOMERS = 100_000;
const PROSPECTS = 10_000;
const RUNS = 15;

function median(fn: (run: number) => unknown): number {
  fn(-1);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn(i);
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

/** Build the synthetic base and time prepare (once) and re-scores (median of 15). */
export function benchEntry(): { prepareSeconds: number; scoreSeconds: number; cviSeconds: number; rows: number; cells: number; parts: Record<string, number> } {
  const { features, prospects } = syntheticValueBase(CUSTOMERS, PROSPECTS);
  const futureValue = new Map(features.map((f) => [f.customerId, f.revenueInWindow * 0.8]));
  const start = performance.now();
  const prepared = preparePortfolio({ features, prospects, futureValue, clv: futureValue });
  const prepareSeconds = (performance.now() - start) / 1000;
  const profiles = ["sales", "finance"] as const;
  let cells = 0;
  const scoreSeconds = median((i) => (cells = scorePortfolio(prepared, { cviWeights: profiles[(i + 2) % 2], oiWeights: profiles[(i + 3) % 2] }).matrix.cells.length));
  const cvi = prepareCvi(features);
  let checksum = 0;
  const cviSeconds = median((i) => (checksum += scoreCvi(cvi, profiles[(i + 2) % 2]).scores[0]));
  void checksum;
  // where the re-score time goes (each part timed alone, median of 15)
  const r = scorePortfolio(prepared, { cviWeights: "sales", oiWeights: "finance" });
  const parts = {
    cvi: median((i) => scoreCvi(prepared.cvi, profiles[(i + 2) % 2])),
    oi: median((i) => scoreOi(prepared.oi, profiles[(i + 2) % 2])),
    tiers: median(() => assignTiers(r.cvi, prepared.isLead)),
    matrix: median(() => valueOpportunityMatrixOf(r.cvi, r.oi, {}, { revenue: prepared.columns.revenue, isProspect: prepared.isProspect })),
    tierFigures: median(() => summariseTierColumns(r.tier, prepared.columns)),
  };
  return { prepareSeconds, scoreSeconds, cviSeconds, rows: prepared.oi.rows.length, cells, parts };
}
