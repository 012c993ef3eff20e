/**
 * Benchmarks of the transaction models against the peers' timings on this machine (REFERENCES §8):
 * lifetimes 0.11.3 fits CDNOW BG/NBD in 0.055 s, Pareto/NBD in 0.320 s, MBG/NBD in 0.052 s and
 * Gamma-Gamma in 0.025 s (median of 5). Here: median of 5 runs after one warm-up, standard errors
 * included (lifetimes also computes its Hessian). `ratio.value` = our seconds / peer seconds
 * (below 1 = faster).
 *
 * Scale: seeded logs of 100,000 and 1,000,000 customers drawn from BG/NBD and Pareto/NBD (first
 * purchases over 12 weeks, 78-week calibration, CDNOW's estimates as the truth), each twice:
 * - with day-level dates (the realistic input, the default summary merging same-day purchases): simulate,
 *   summarise, fit, timed against the 10 s goal. Merging several purchases on one day into one biases α
 *   (BG/NBD +4.5 %, Pareto/NBD +2.4 % at 1M, many standard errors): the model has no such merging.
 * - with exact purchase times (`exactTimes`, summarised with `mergeWithin: "exact"`): the model's own
 *   continuous-time data, where recovery is the test of the fitting code. Every customer is a distinct
 *   (x, t_x, T) row then (nothing to collapse). Above 200,000 distinct patterns (both 1M logs) the fits
 *   start from a fit on 1 pattern in k (`warmStartAbove`): 4–7 evaluations on all patterns instead of
 *   19–24, then 8 gradient evaluations for the Hessian (SEs), now the largest part of the Pareto/NBD fit.
 *   The Pareto/NBD fit keeps a 300 s budget (default 30 s) so that a slow machine reports its time
 *   rather than a stopped fit.
 * Each row's note gives wall-clock and CPU seconds of the summary and the fit and the 1-minute load
 * average at the end of the row: the machine is shared, and CPU seconds are what load inflates least.
 * For each parameter the note gives the relative error, the Hessian standard error relative to the truth,
 * and z = error / SE. With 100,000 customers the SEs of BG/NBD's a and b (≈ 2.1 % and 2.9 %) and
 * Pareto/NBD's β (≈ 4.3 %) exceed 2 %, so 2 % recovery at that size is a matter of luck, not of the
 * code; the 1,000,000-customer logs (SEs ≈ 0.2–1.4 %) are the 2 % test. Peak RSS is the process's
 * maximum resident set so far.
 *
 * Run standalone: `npx tsx bench/models.ts`.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { summarizeColumns, summarizeTransactions, type CustomerSummary } from "../src/data/summary.js";
import { fitBgNbd, type BgNbdParams } from "../src/models/bgnbd.js";
import { fitMbgNbd } from "../src/models/mbgnbd.js";
import { fitParetoNbd, type ParetoNbdParams } from "../src/models/pnbd.js";
import { simulateTransactionLog } from "../src/models/simulate.js";
import type { ModelFit } from "../src/models/types.js";
import type { Transaction } from "../src/types.js";
import { medianSeconds as time, type BenchResult } from "./support.js";


function epochDay(yyyymmdd: string): number {
  return Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))) / 86_400_000;
}

function readCdnow(): Transaction[] {
  const lines = readFileSync("data/cdnow/cdnow_sample.csv", "utf8").trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const f = line.split(",");
    return { customerId: f[0], epochDay: epochDay(f[2]), amount: Number(f[4]) };
  });
}

function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** One call's wall-clock and CPU seconds (user + system of this process: the figure that load does not inflate). */
function once<T>(fn: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** Per-parameter relative error, its standard error (Hessian, relative to the truth) and z = error / SE. */
function recovery<P extends object>(fit: ModelFit<P>, truth: P): string {
  const est = fit.params as Record<string, number>;
  const se = fit.standardErrors as Record<string, number> | null;
  const parts: string[] = [];
  const missed: string[] = [];
  let worst = 0;
  for (const [k, v] of Object.entries(truth as Record<string, number>)) {
    const error = est[k] / v - 1;
    worst = Math.max(worst, Math.abs(error));
    const pct = (e: number) => `${e >= 0 ? "+" : ""}${(e * 100).toFixed(2)}%`;
    const rse = se ? se[k] / v : NaN;
    parts.push(se ? `${k} ${pct(error)} (SE ${(rse * 100).toFixed(2)}%, z ${(error / rse).toFixed(2)})` : `${k} ${pct(error)} (no SE)`);
    if (Math.abs(error) > 0.02) {
      const z = Math.abs(error / rse);
      missed.push(se ? `${k} (|z| ${z.toFixed(1)}: ${z <= 2 ? "sampling error" : "more than sampling error"})` : k);
    }
  }
  const verdict = missed.length === 0 ? "all within 2%" : `NOT within 2%: ${missed.join(", ")}`;
  return `${parts.join(", ")}; max |error| ${(worst * 100).toFixed(2)}%, ${verdict}; converged ${fit.diagnostics.converged}`;
}

async function gammaGamma(): Promise<((s: CustomerSummary) => unknown) | undefined> {
  try {
    const mod = (await import("../src/models/gammagamma.js")) as { fitGammaGamma?: (d: { x: number; monetary: number }[]) => unknown };
    if (!mod.fitGammaGamma) return undefined;
    const fit = mod.fitGammaGamma;
    return (s) => {
      const data: { x: number; monetary: number }[] = [];
      for (let i = 0; i < s.n; i++) if (s.x[i] > 0) data.push({ x: s.x[i], monetary: s.monetary[i] });
      return fit(data);
    };
  } catch {
    return undefined;
  }
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const log = readCdnow();
  const options = { unit: "week" as const, calibrationEndEpochDay: epochDay("19970930"), holdoutEndEpochDay: epochDay("19980630") };
  const summary = summarizeTransactions(log, options);
  const summaryTime = time(() => summarizeTransactions(log, options));
  results.push({ name: "CDNOW summary (6,919 rows, calibration + holdout)", seconds: summaryTime, ratio: { to: "lifetimes calibration_and_holdout_data 0.086 s", value: summaryTime / 0.086 }, peakRssMB: peakRssMB() });

  const bg = time(() => fitBgNbd(summary));
  results.push({ name: "CDNOW BG/NBD fit (with SEs)", seconds: bg, ratio: { to: "lifetimes 0.055 s", value: bg / 0.055 }, peakRssMB: peakRssMB() });
  const pn = time(() => fitParetoNbd(summary));
  results.push({ name: "CDNOW Pareto/NBD fit (with SEs)", seconds: pn, ratio: { to: "lifetimes 0.320 s", value: pn / 0.32 }, peakRssMB: peakRssMB() });
  const mbg = time(() => fitMbgNbd(summary));
  results.push({ name: "CDNOW MBG/NBD fit (with SEs)", seconds: mbg, ratio: { to: "lifetimes 0.052 s", value: mbg / 0.052 }, peakRssMB: peakRssMB() });
  const bgNoSe = time(() => fitBgNbd(summary, { standardErrors: false }));
  const pnNoSe = time(() => fitParetoNbd(summary, { standardErrors: false }));
  results.push({ name: "CDNOW BG/NBD fit (no SEs)", seconds: bgNoSe, ratio: { to: "lifetimes 0.055 s", value: bgNoSe / 0.055 } });
  results.push({ name: "CDNOW Pareto/NBD fit (no SEs)", seconds: pnNoSe, ratio: { to: "lifetimes 0.320 s", value: pnNoSe / 0.32 } });
  const gg = await gammaGamma();
  if (gg) {
    const ggTime = time(() => gg(summary));
    results.push({ name: "CDNOW Gamma-Gamma fit", seconds: ggTime, ratio: { to: "lifetimes 0.025 s", value: ggTime / 0.025 } });
    const both = time(() => {
      fitBgNbd(summary);
      gg(summary);
    });
    results.push({ name: "CDNOW BG/NBD + Gamma-Gamma fits", seconds: both, ratio: { to: "lifetimes 0.055 + 0.025 s", value: both / 0.08 }, note: both <= 0.016 ? "goal ≥ 5× faster: met" : "goal ≥ 5× faster: not met" });
  }

  const bgTruth: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const pnTruth: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
  const start = epochDay("19970101");
  const calEnd = start + 84 + 7 * 78 - 1;
  for (const customers of [100_000, 1_000_000]) {
    for (const model of ["bgnbd", "pnbd"] as const) {
      for (const exactTimes of [false, true]) {
        const truth = model === "bgnbd" ? bgTruth : pnTruth;
        const sim = once(() => simulateTransactionLog(model, truth, { customers, unit: "week", startEpochDay: start, acquisitionDays: 84, endEpochDay: calEnd, seed: 2024, exactTimes }));
        const rows = sim.value.customer.length;
        const summarized = once(() => summarizeColumns(sim.value, { unit: "week", calibrationEndEpochDay: calEnd, mergeWithin: exactTimes ? "exact" : "day" }));
        const fitted = once(() => (model === "bgnbd" ? fitBgNbd(summarized.value) : fitParetoNbd(summarized.value, { maxSeconds: exactTimes ? 300 : 30 })) as ModelFit<object>);
        const total = summarized.seconds + fitted.seconds;
        const dates = exactTimes ? "exact purchase times" : "day-level dates";
        results.push({
          name: `${customers.toLocaleString("en-US")} simulated ${model === "bgnbd" ? "BG/NBD" : "Pareto/NBD"} customers, ${dates} (${rows.toLocaleString("en-US")} rows): summarise + fit`,
          seconds: total,
          ratio: { to: exactTimes ? "goal 10 s (set for day-level logs)" : "goal 10 s", value: total / 10 },
          peakRssMB: peakRssMB(),
          note: `summary ${summarized.seconds.toFixed(3)} s (CPU ${summarized.cpuSeconds.toFixed(3)} s), fit ${fitted.seconds.toFixed(3)} s (CPU ${fitted.cpuSeconds.toFixed(3)} s; with SEs; ${fitted.value.diagnostics.evaluations} full-data evaluations${/started from/.test(fitted.value.diagnostics.message) ? ", warm-started from a subsample" : ""}), load ${loadavg()[0].toFixed(2)}, simulation ${sim.seconds.toFixed(2)} s; recovery ${recovery(fitted.value, truth)}`,
        });
      }
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) {
    const ratio = r.ratio ? `  ${r.ratio.value.toFixed(3)}× ${r.ratio.to}` : "";
    console.log(`${r.name}: ${r.seconds.toFixed(4)} s${ratio}${r.peakRssMB ? `  peak RSS ${r.peakRssMB} MB` : ""}${r.note ? `\n    ${r.note}` : ""}`);
  }
}
