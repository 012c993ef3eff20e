/**
 * The synthetic customer base of the value benchmarks (bench/value.ts in Node, bench/browser-value in
 * Chromium): the demo company's customers' features replicated to `customers` rows with seeded
 * multiplicative noise (log-normal, σ 0.2) on the money, count and day fields, so values are not tied
 * copies, plus `prospects` prospects. Pure (no Node or DOM APIs) so the browser bundle can import it;
 * in a subfolder so bench/run.ts does not load it as a benchmark.
 */
import { generateDemoCompany } from "../../src/demo/generate.js";
import { createRandom } from "../../src/demo/random.js";
import type { ProspectRecord } from "../../src/types.js";
import { customerFeatures, type CustomerFeatures } from "../../src/value/features.js";

/** Features of `customers` synthetic customers and `prospects` prospects; `demoSeconds` = time to generate the demo company and its features. */
export function syntheticValueBase(customers = 100_000, prospectCount = 10_000): { features: CustomerFeatures[]; prospects: ProspectRecord[]; demoSeconds: number } {
  const start = performance.now();
  const company = generateDemoCompany();
  const demo = customerFeatures(company.transactions, company.customers, { asOfEpochDay: company.endEpochDay });
  const demoSeconds = (performance.now() - start) / 1000;
  const rng = createRandom(2024);
  const jitter = (x: number | null) => (x === null ? null : x * rng.logNormal(0, 0.2));
  const features: CustomerFeatures[] = [];
  for (let i = 0; i < customers; i++) {
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
  const prospects: ProspectRecord[] = Array.from({ length: prospectCount }, (_, j) => {
    const p = company.prospects[j % company.prospects.length];
    return { ...p, prospectId: `Q${j}`, walletPerYear: jitter(p.walletPerYear ?? null) };
  });
  return { features, prospects, demoSeconds };
}
