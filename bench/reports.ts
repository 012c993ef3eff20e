/**
 * Benchmark of the report query family (`src/reports/`) in native DuckDB.
 *
 * 1. A generated log of 1,000,000 rows (100,000 customers × 10 lines over ~4 years, 3 % returns,
 *    8 categories) plus a 100,000-row customers table (key accounts, churn dates, referrals, costs),
 *    built deterministically in SQL from hashes. Full `buildReport` monthly and quarterly (period table,
 *    cross-sell by category, bridge, cohort matrix, top-10 movers), lapse 180 days.
 *    No peer library computes these reports, so the ratio is to a floor measured in the same run: one
 *    `GROUP BY customer, month` over the same table (the scan any report has to pay).
 * 2. The CDNOW sample (6,919 rows) monthly report, as a ratio to the closest peer timing measured on
 *    this machine over the same rows (REFERENCES "Other timings": lifetimes
 *    `summary_data_from_transaction_data`, 0.013 s): not the same work, a scale for "one pass over the log".
 *
 * Median of 3 runs after one warm-up. Run standalone: `npx tsx bench/reports.ts`.
 */
import { NodeDuckDB } from "../src/node/duckdb.js";
import { buildReport, reconcileReport, type ReportOptions } from "../src/reports/index.js";
import type { BenchResult } from "./support.js";


const ROWS = 1_000_000;
const CUSTOMERS = 100_000;
const LIFETIMES_SUMMARY_SECONDS = 0.013;

async function time(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Create the generated `tx_clean` and `customers` tables (deterministic: hashes, no RNG). */
async function generate(db: NodeDuckDB): Promise<void> {
  const start = 19_000; // 2022-01-08
  await db.exec(`CREATE OR REPLACE TABLE tx_clean AS
SELECT 'c' || (i % ${CUSTOMERS}) AS customer_id,
  (${start} + hash(i % ${CUSTOMERS}) % 730 + hash(i * 7 + 1) % 730)::INTEGER AS epoch_day,
  CASE WHEN hash(i * 11 + 3) % 100 < 3 THEN -((hash(i * 5) % 5000) / 100.0 + 1) ELSE (hash(i * 5) % 30000) / 100.0 + 1 END AS amount,
  NULL::DOUBLE AS margin,
  'k' || (hash(i * 13 + 5) % 8) AS category
FROM range(${ROWS}) t(i)`);
  await db.exec(`UPDATE tx_clean SET margin = round(amount * 0.3, 2)`);
  await db.exec(`CREATE OR REPLACE TABLE customers AS
SELECT 'c' || i AS customer_id, NULL::INTEGER AS acquisition_epoch_day, (hash(i * 3) % 200)::DOUBLE AS acquisition_cost,
  hash(i * 17) % 100 < 5 AS is_key_account,
  CASE WHEN hash(i * 19) % 100 < 10 THEN (${start} + hash(i) % 730 + hash(i * 23) % 730)::INTEGER END AS churn_epoch_day,
  CASE WHEN hash(i * 29) % 100 < 15 THEN 'c' || (hash(i * 31) % ${CUSTOMERS}) END AS referred_by
FROM range(${CUSTOMERS}) t(i)`);
}

export async function run(): Promise<BenchResult[]> {
  const db = await NodeDuckDB.open();
  try {
    const results: BenchResult[] = [];
    await generate(db);
    const [{ rows }] = await db.query<{ rows: number }>("SELECT count(*)::INTEGER AS rows FROM tx_clean");
    const floor = await time(() =>
      db.query("SELECT count(*) FROM (SELECT customer_id, year(DATE '1970-01-01' + epoch_day) * 12 + month(DATE '1970-01-01' + epoch_day) AS m, sum(amount) FROM tx_clean GROUP BY ALL)"),
    );
    for (const period of ["month", "quarter"] as const) {
      const options: ReportOptions = { period, lapseDays: 180, customersTable: "customers" };
      const report = await buildReport(db, options);
      const problems = reconcileReport(report.periods, report.bridge);
      if (problems.length > 0) throw new Error(`report does not reconcile: ${problems[0]}`);
      const seconds = await time(() => buildReport(db, options));
      results.push({
        name: `reports: full ${period}ly report, ${rows.toLocaleString("en")} rows / ${CUSTOMERS.toLocaleString("en")} customers`,
        seconds,
        ratio: { to: "GROUP BY customer × month on the same table, same run", value: seconds / floor },
        peakRssMB: peakRssMB(),
        note: `${report.periods.length} periods, ${report.cohorts.length} cohort cells; floor ${floor.toFixed(3)} s; identities hold`,
      });
    }

    await db.exec(`CREATE OR REPLACE TABLE cdnow AS
SELECT masterid AS customer_id, (strptime(date, '%Y%m%d')::DATE - DATE '1970-01-01')::INTEGER AS epoch_day, sales::DOUBLE AS amount
FROM read_csv('data/cdnow/cdnow_sample.csv', header = true, all_varchar = true)`);
    const cdnow: ReportOptions = { period: "month", lapseDays: 180, transactionsTable: "cdnow" };
    const seconds = await time(() => buildReport(db, cdnow), 5);
    results.push({
      name: "reports: CDNOW sample monthly report (6,919 rows)",
      seconds,
      ratio: { to: "lifetimes summary_data_from_transaction_data, same rows (0.013 s)", value: seconds / LIFETIMES_SUMMARY_SECONDS },
      peakRssMB: peakRssMB(),
      note: "different work: five report queries vs one summary pass; shows the fixed cost per query",
    });
    return results;
  } finally {
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await run()) console.log(JSON.stringify(result));
}
