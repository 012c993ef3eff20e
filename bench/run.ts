/**
 * `npm run bench [-- name ...]`: runs every benchmark module `bench/<name>.ts` (each exports
 * `run(): Promise<BenchResult[]>`) one after another in this process, prints one table, and writes
 * `bench/results/latest.json`. Figures are seconds measured in one run on this machine, with ratios to
 * the peer libraries' timings (REFERENCES.md) or to the stated goal.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { closeSite, type BenchResult } from "./support.js";

const NOT_BENCHMARKS = new Set(["run", "support"]);
const wanted = process.argv.slice(2);
const modules = readdirSync("bench")
  .filter((file) => file.endsWith(".ts"))
  .map((file) => basename(file, ".ts"))
  .filter((name) => !NOT_BENCHMARKS.has(name) && (wanted.length === 0 || wanted.includes(name)))
  .sort();

if (modules.length === 0) {
  console.error(`bench: no benchmark matches ${JSON.stringify(wanted)}`);
  process.exit(2);
}

console.log(`bench: ${modules.join(", ")} on ${cpus().length} cores (load ${loadavg()[0].toFixed(2)}), node ${process.version}`);
const all: (BenchResult & { module: string })[] = [];
let failed = 0;
for (const name of modules) {
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(`bench/${name}.ts`).href)) as { run?: () => Promise<BenchResult[]> };
    if (typeof module.run !== "function") throw new Error(`bench/${name}.ts exports no run()`);
    for (const result of await module.run()) all.push({ module: name, ...result });
    console.log(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed++;
    console.error(`bench: ${name} failed: ${(error as Error).stack ?? error}`);
  }
}
await closeSite();

const rows = all.map((r) => ({
  benchmark: `${r.module}: ${r.name}`,
  seconds: r.seconds < 0.01 ? r.seconds.toExponential(2) : r.seconds.toFixed(3),
  ratio: r.ratio ? `${r.ratio.value.toFixed(3)} × ${r.ratio.to}` : "",
  "peak RSS MB": r.peakRssMB === undefined ? "" : r.peakRssMB.toFixed(0),
  note: r.note ?? "",
}));
console.table(rows);
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/latest.json", JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, loadAverage: loadavg()[0], results: all }, null, 2));
console.log(`bench: ${all.length} figures from ${modules.length - failed} modules written to bench/results/latest.json${failed ? `; ${failed} module(s) failed` : ""}`);
process.exitCode = failed ? 1 : 0;
