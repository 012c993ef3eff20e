/**
 * Benchmark of the ingest pipeline (`src/data/`) in native DuckDB.
 *
 * 1. The generated CSV of bench/recipes/ingestLog.ts (1,000,000 rows, seeded; 50,000 customers over 2
 *    years; 3 % returns; 0.1 % rows with a missing id and 0.1 % with a bad date), in a temp dir. Timed: sniff the first 64 KB + stage + validate +
 *    quality report (`ingestTransactions`) + the per-customer calibration/holdout summary
 *    (`customerSummaryFromSql`, weeks), in a fresh in-memory DuckDB per run. Goal from issue 4: < 2 s.
 * 2. The same rows written the European way (`;`, decimal comma, `DD/MM/YYYY`): the slow parse paths.
 * 3. `cvw validate <file> --json` on file 1 as a child process (start-up included: the CLI bundle when
 *    it is fresh, see scripts/build-cli.mjs).
 * 4. The CDNOW sample (6,919 rows) ingest + summary, as a ratio to the closest peer timing measured on
 *    this machine (REFERENCES "Other timings": lifetimes `summary_data_from_transaction_data`, 0.013 s).
 * 5. Before / after the columnar fetch: benchmark 1 with the summary read as one object per row (`query`,
 *    the path before `NodeDuckDB.queryColumns`), and the summary step alone (GROUP BY + fetch of the
 *    ~50,000 customer rows) both ways on one ingested table, 7 interleaved runs each (median); ratios
 *    are columnar ÷ rows, wall and CPU (`process.cpuUsage()`, all threads).
 *
 * Peak RSS is the process maximum (`process.resourceUsage().maxRSS`); the CSV is generated in 50k-row
 * chunks so it is dominated by DuckDB. Median of 3 runs after one warm-up.
 * Run standalone: `npx tsx bench/ingest.ts`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ingestTransactions } from "../src/data/ingest.js";
import { customerSummaryFromSql } from "../src/data/customerSummarySql.js";
import { readSample } from "../src/cli/commands/validate.js";
import { NodeDuckDB } from "../src/node/duckdb.js";
import type { SqlRunner } from "../src/sql/runner.js";
import type { BenchResult } from "./support.js";
import { INGEST_LOG_ROWS, INGEST_LOG_SPAN_DAYS, INGEST_LOG_START_DAY, writeIngestLog } from "./recipes/ingestLog.js";

const ROWS = INGEST_LOG_ROWS;
const GOAL_SECONDS = 2;
const LIFETIMES_SUMMARY_SECONDS = 0.013;
const START_DAY = INGEST_LOG_START_DAY;
const SPAN_DAYS = INGEST_LOG_SPAN_DAYS;

const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Median wall seconds of `runs` runs after a warm-up, with the CPU seconds (all threads) of that run. */
async function time(fn: () => Promise<unknown>, runs = 3): Promise<{ seconds: number; cpuSeconds: number }> {
  await fn();
  const times: { seconds: number; cpuSeconds: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await fn();
    const used = process.cpuUsage(cpu);
    times.push({ seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 });
  }
  times.sort((a, b) => a.seconds - b.seconds);
  return times[Math.floor(runs / 2)];
}

/** Load average at the time of measurement: the machine is shared, so say how busy it was. */
function load(): string {
  try {
    const [one] = readFileSync("/proc/loadavg", "utf8").split(" ");
    return `load average ${one} on ${availableParallelism()} cores`;
  } catch {
    return "";
  }
}

/** The runner without its columnar fetch: the summary then reads one object per row (the path before `queryColumns`). */
function rowsOnly(db: NodeDuckDB): SqlRunner {
  return { query: db.query.bind(db), exec: db.exec.bind(db) };
}

async function ingestAndSummarize(path: string, calibrationEndEpochDay: number, holdoutEndEpochDay: number, columnar = true): Promise<{ rowsUsed: number; rowsRejected: number; customers: number }> {
  const db = await NodeDuckDB.open();
  try {
    const sample = readSample(path);
    const { report } = await ingestTransactions(db, { fileName: path, sampleText: sample.text, truncated: sample.truncated }, { todayEpochDay: START_DAY + 3650 });
    if (report.rowsRead !== ROWS && path.includes("gen")) throw new Error(`rows read ${report.rowsRead} ≠ ${ROWS}`);
    const summary = await customerSummaryFromSql(columnar ? db : rowsOnly(db), { unit: "week", calibrationEndEpochDay, holdoutEndEpochDay });
    return { rowsUsed: report.rowsUsed, rowsRejected: report.rowsRejected, customers: summary.n };
  } finally {
    db.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "cvw-bench-ingest-"));
  const results: BenchResult[] = [];
  try {
    const plain = join(dir, "gen-1m.csv");
    const european = join(dir, "gen-1m-eu.csv");
    await writeIngestLog(plain, false);
    await writeIngestLog(european, true);
    const cal = START_DAY + 547;
    const hold = START_DAY + SPAN_DAYS;
    let last = { rowsUsed: 0, rowsRejected: 0, customers: 0 };
    const plainTime = await time(async () => (last = await ingestAndSummarize(plain, cal, hold)));
    results.push({
      name: `ingest + validate + per-customer summary, 1,000,000-row CSV (native DuckDB)`,
      seconds: plainTime.seconds,
      ratio: { to: `issue 4 goal (${GOAL_SECONDS} s)`, value: plainTime.seconds / GOAL_SECONDS },
      peakRssMB: peakRssMB(),
      note: `${last.rowsUsed} used, ${last.rowsRejected} rejected, ${last.customers} customers; CPU ${plainTime.cpuSeconds.toFixed(2)} s; ${load()}`,
    });
    const rowsTime = await time(async () => (last = await ingestAndSummarize(plain, cal, hold, false)));
    results.push({
      name: `same, summary read as row objects (before queryColumns)`,
      seconds: rowsTime.seconds,
      ratio: { to: `issue 4 goal (${GOAL_SECONDS} s)`, value: rowsTime.seconds / GOAL_SECONDS },
      note: `columnar ÷ rows: wall ${(plainTime.seconds / rowsTime.seconds).toFixed(3)}, CPU ${(plainTime.cpuSeconds / rowsTime.cpuSeconds).toFixed(3)}; CPU ${rowsTime.cpuSeconds.toFixed(2)} s; ${load()}`,
    });
    {
      const db = await NodeDuckDB.open();
      try {
        const sample = readSample(plain);
        await ingestTransactions(db, { fileName: plain, sampleText: sample.text, truncated: sample.truncated }, { todayEpochDay: START_DAY + 3650 });
        const options = { unit: "week" as const, calibrationEndEpochDay: cal, holdoutEndEpochDay: hold };
        // interleaved runs, so both ways see the same load on the shared machine
        const runs: Record<"columnar" | "rows", { seconds: number; cpuSeconds: number }[]> = { columnar: [], rows: [] };
        const ways = { columnar: db as SqlRunner, rows: rowsOnly(db) };
        for (let k = 0; k < 8; k++) {
          for (const way of ["columnar", "rows"] as const) {
            const cpu = process.cpuUsage();
            const start = performance.now();
            await customerSummaryFromSql(ways[way], options);
            const used = process.cpuUsage(cpu);
            if (k > 0) runs[way].push({ seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 });
          }
        }
        const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const pick = (way: "columnar" | "rows") => ({ seconds: median(runs[way].map((r) => r.seconds)), cpuSeconds: median(runs[way].map((r) => r.cpuSeconds)) });
        const columnar = pick("columnar");
        const rows = pick("rows");
        results.push({
          name: "per-customer summary step alone (GROUP BY + fetch, ~50,000 customers): columnar fetch",
          seconds: columnar.seconds,
          ratio: { to: "same step with row objects", value: columnar.seconds / rows.seconds },
          note: `rows path ${rows.seconds.toFixed(3)} s (CPU ${rows.cpuSeconds.toFixed(2)} s), columnar CPU ${columnar.cpuSeconds.toFixed(2)} s, CPU ratio ${(columnar.cpuSeconds / rows.cpuSeconds).toFixed(3)}; ${load()}`,
        });
      } finally {
        db.close();
      }
    }
    const euTime = await time(async () => (last = await ingestAndSummarize(european, cal, hold)));
    results.push({
      name: `same, European CSV (; decimal comma, DD/MM/YYYY)`,
      seconds: euTime.seconds,
      ratio: { to: `issue 4 goal (${GOAL_SECONDS} s)`, value: euTime.seconds / GOAL_SECONDS },
      peakRssMB: peakRssMB(),
      note: `${last.rowsUsed} used, ${last.rowsRejected} rejected; CPU ${euTime.cpuSeconds.toFixed(2)} s; ${load()}`,
    });
    const root = fileURLToPath(new URL("..", import.meta.url));
    let ran = "";
    const cli = () => {
      const start = performance.now();
      const child = spawnSync(process.execPath, [join(root, "bin/cvw.mjs"), "validate", plain, "--json"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 24, env: { ...process.env, CVW_CLI_TRACE: "1" } });
      if (child.status !== 0) throw new Error(`cvw validate failed: ${child.stderr}`);
      ran = /^cvw: running (.*)$/m.exec(child.stderr)?.[1] ?? "?";
      return (performance.now() - start) / 1000;
    };
    cli();
    const cliTimes = [cli(), cli(), cli()].sort((a, b) => a - b);
    results.push({ name: "cvw validate --json, 1,000,000-row CSV (child process, start-up included)", seconds: cliTimes[1], ratio: { to: `issue 4 goal (${GOAL_SECONDS} s)`, value: cliTimes[1] / GOAL_SECONDS }, note: `ran ${ran}; ${load()}` });
    const cdnow = (await time(() => ingestAndSummarize("data/cdnow/cdnow_sample.csv", 10134, 10407))).seconds;
    results.push({
      name: "ingest + validate + summary, CDNOW sample (6,919 rows)",
      seconds: cdnow,
      ratio: { to: "lifetimes summary_data_from_transaction_data (0.013 s)", value: cdnow / LIFETIMES_SUMMARY_SECONDS },
      note: "the peer only summarizes an already-parsed DataFrame; this includes sniffing, staging and validation",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
