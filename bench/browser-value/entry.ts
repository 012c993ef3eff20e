/**
 * The work measured by bench/browser-value.ts, runnable in a browser (bundled) and in Node:
 * 100,000 synthetic customers + 10,000 prospects from the demo company, prepared once, then
 * re-scored under alternating profiles. Pure: no Node or DOM APIs (performance.now only).
 * Not a benchmark module itself (exports no `run`; kept in a subfolder so bench/run.ts does not load it).
 */
import { generateDemoCompany } from "../../src/demo/generate.js";
import { createRandom } from "../../src/demo/random.js";
import type { ProspectRecord } from "../../src/types.js";
import { prepareCvi, scoreCvi } from "../../src/value/cvi.js";
import { customerFeatures, type CustomerFeatures } from "../../src/value/features.js";
import { preparePortfolio, scorePortfolio } from "../../src/value/portfolio.js";
import { scoreOi } from "../../src/value/oi.js";
import { assignTiers } from "../../src/value/tiers.js";
import { valueOpportunityMatrixOf } from "../../src/value/matrix.js";
import { summariseTierColumns } from "../../src/value/tierSummary.js";

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
  const company = generateDemoCompany();
  const demo = customerFeatures(company.transactions, company.customers, { asOfEpochDay: company.endEpochDay });
  const rng = createRandom(2024);
  const jitter = (x: number | null) => (x === null ? null : x * rng.logNormal(0, 0.2));
  const features: CustomerFeatures[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const f = demo[i % demo.length];
    features.push({
      ...f,
      customerId: `S${i}`,
      revenueInWindow: jitter(f.revenueInWindow)!,
      revenueToDate: jitter(f.revenueToDate)!,
      marginInWindow: jitter(f.marginInWindow),
      spendPerYear: jitter(f.spendPerYear)!,
      frequencyPerYear: jitter(f.frequencyPerYear)!,
      tenureDays: f.tenureDays === null ? null : Math.round(jitter(f.tenureDays)!),
      recencyDays: f.recencyDays === null ? null : Math.round(jitter(f.recencyDays)!),
      walletPerYear: jitter(f.walletPerYear),
      referrals: f.referrals === null ? null : rng.bernoulli(0.1) ? f.referrals + 1 : f.referrals,
    });
  }
  const prospects: ProspectRecord[] = Array.from({ length: PROSPECTS }, (_, j) => {
    const p = company.prospects[j % company.prospects.length];
    return { ...p, prospectId: `Q${j}`, walletPerYear: jitter(p.walletPerYear ?? null) };
  });
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
