/**
 * Issue 8 in the browser: recomputing one scenario for 100,000 customers, as the Scenarios page does
 * on every lever change. Goal: under 50 ms in the browser. The workload is bench/browser-scenarios/
 * entry.ts (100,000 simulated BG/NBD customers, 5 years), bundled with esbuild into one script and
 * run in headless Chromium (test/support/browser.ts) on an empty page: no server, no network. The
 * same workload in Node (this process) is reported alongside.
 *
 * Run standalone: `npx tsx bench/browser-scenarios.ts`.
 */
import { loadavg } from "node:os";
import { runInBrowser, type BenchResult } from "./support.js";
import type { ScenarioBenchTimings } from "./browser-scenarios/entry.js";

const GOAL_SECONDS = 0.05;

export async function run(): Promise<BenchResult[]> {
  const { result: timings, version } = await runInBrowser<ScenarioBenchTimings>("./bench/browser-scenarios/entry.ts", "scenarioBench");
  const load = `1-min load average ${loadavg()[0].toFixed(1)} on 2 cores`;
  return [
    { name: `browser (Chromium ${version}): scenario recompute, ${timings.customers.toLocaleString("en-US")} customers, 5 years`, seconds: timings.recomputeSeconds, ratio: { to: "goal 50 ms", value: timings.recomputeSeconds / GOAL_SECONDS }, note: `median of 15; churn −5 % / spend +10 % alternating, per-customer values included; ${load}` },
    { name: `browser (Chromium ${version}): scenario baseline precompute, ${timings.customers.toLocaleString("en-US")} customers (${timings.curves.toLocaleString("en-US")} distinct histories)`, seconds: timings.baselineSeconds, note: "once per dataset and horizon" },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) {
    console.log(`${r.name.padEnd(100)} ${(r.seconds * 1000).toFixed(2)} ms  ${r.ratio ? `×${r.ratio.value.toFixed(3)} ${r.ratio.to}` : ""}  ${r.note ?? ""}`);
  }
}
