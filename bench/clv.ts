/**
 * Benchmarks of the spend, BG/BB and CLV code against the peers' timings measured on this machine
 * (REFERENCES §8 and "Other timings"): lifetimes Gamma-Gamma fit on the 946 CDNOW repeaters 0.025 s,
 * BG/BB fit on the donation data 0.070 s, `customer_lifetime_value` (BG/NBD + GG, 2,357 customers)
 * 12 months 0.020 s and 36 months 0.095 s. Median of 5 runs after one warm-up (CLV: after 25 calls, whose
 * mean CPU time per call is in the note).
 *
 * Run standalone: `npx tsx bench/clv.ts`.
 */
import { readFileSync } from "node:fs";
import { bgnbdTransactionModel } from "../src/clv/adapters.js";
import { discountedClv } from "../src/clv/discountedClv.js";
import { fitBgbb, type BgbbPattern } from "../src/models/bgbb.js";
import { fitGammaGamma, type SpendHistory } from "../src/models/gammagamma.js";
import { medianSeconds as time, type BenchResult } from "./support.js";
import { lifetimesCdnowCustomers } from "../test/support/readCdnow.js";


function readCsv(path: string): string[][] {
  return readFileSync(path, "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(","));
}

function result(name: string, seconds: number, peer: string, peerSeconds: number, note?: string): BenchResult {
  return {
    name,
    seconds,
    ratio: { to: peer, value: seconds / peerSeconds },
    peakRssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    ...(note ? { note } : {}),
  };
}

/** CPU time per call (user + system) over 20 calls after 5 warm-up calls: steadier than wall time under load. */
function cpuMilliseconds(fn: () => unknown): string {
  for (let i = 0; i < 5; i++) fn();
  const start = process.cpuUsage();
  for (let i = 0; i < 20; i++) fn();
  const used = process.cpuUsage(start);
  return `warm CPU ${((used.user + used.system) / 1000 / 20).toFixed(2)} ms per run`;
}

export async function run(): Promise<BenchResult[]> {
  const cbs = readCsv("data/cdnow/cdnowSummary_cbs.csv");
  const spend: SpendHistory[] = cbs.map((r) => ({ customerId: r[0], x: Number(r[1]), monetary: Number(r[5]) }));
  const donations: BgbbPattern[] = readCsv("data/donations/donations.csv").map((r) => {
    const [x, tx, n, weight] = r.map(Number);
    return { x, tx, n, weight };
  });
  const customers = lifetimesCdnowCustomers();
  const model = bgnbdTransactionModel({ r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 }, "week");
  const gg = { p: 6.248802, q: 3.744588, gamma: 15.447748 };
  const clvOptions = { horizonUnit: "month", discountRate: 0.01, discountPer: "month", monthConvention: "lifetimes" } as const;

  const out: BenchResult[] = [];
  let ggFit = fitGammaGamma(spend);
  out.push(result("gamma-gamma fit, CDNOW 946 repeaters", time(() => (ggFit = fitGammaGamma(spend))), "lifetimes", 0.025, `LL ${ggFit.logLikelihood.toFixed(4)}, ${ggFit.diagnostics.evaluations} evaluations`));
  let bgbb = fitBgbb(donations);
  out.push(result("bg/bb fit, donations 22 patterns / 11,104 donors", time(() => (bgbb = fitBgbb(donations))), "lifetimes", 0.07, `LL ${bgbb.logLikelihood.toFixed(4)}, ${bgbb.diagnostics.evaluations} evaluations`));
  let total12 = 0;
  const clv12 = () => (total12 = discountedClv(model, customers, gg, { ...clvOptions, horizon: 12 }).total);
  // CPU first: its 25 calls also warm the JIT, so the wall-time median is the steady state (the very first
  // call, compiling, takes ~80 ms CPU)
  const cpu12 = cpuMilliseconds(clv12);
  out.push(result("clv bg/nbd+gg 2,357 customers, 12 months", time(clv12), "lifetimes", 0.02, `Σ ${total12.toFixed(2)}; ${cpu12}`));
  let total36 = 0;
  const clv36 = () => (total36 = discountedClv(model, customers, gg, { ...clvOptions, horizon: 36 }).total);
  const cpu36 = cpuMilliseconds(clv36);
  out.push(result("clv bg/nbd+gg 2,357 customers, 36 months", time(clv36), "lifetimes", 0.095, `Σ ${total36.toFixed(2)}; ${cpu36}`));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) {
    console.log(`${r.name.padEnd(48)} ${r.seconds.toFixed(4)} s  ×${r.ratio?.value.toFixed(2)} ${r.ratio?.to}  ${r.peakRssMB} MB  ${r.note ?? ""}`);
  }
}
