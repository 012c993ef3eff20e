/**
 * Tracking curves: expected vs actual repeat purchases of a whole customer base, period by period,
 * cumulative and incremental (Fader, Hardie & Lee 2005, "Counting your customers the easy way",
 * Figure 3; BTYD's `pnbd.ExpectedCumulativeTransactions`; lifetimes' `expected_cumulative_transactions`).
 *
 * Each customer enters at their first purchase ("birth", in model units from a common origin); the
 * model's population curve E[X(t)] is summed over the customers born before each period end:
 *
 *   expected cumulative at the end of period k = Σ_{i: b_i < kL} E[X(kL − b_i)]
 *
 * with L the period length in model units. The actual curve counts repeat purchase days (first
 * purchase excluded, same-day purchases merged) per period.
 */
import { DAYS_PER_UNIT, type TimeUnit } from "../types.js";
import { quoteIdentifier } from "../sql/runner.js";
import type { TransactionModel } from "./transactionModel.js";

/** Options of {@link trackingCurves}. */
export interface TrackingOptions {
  /** Birth of each customer (time of first purchase) in model units from the origin of period 1. */
  birthTimes: ArrayLike<number>;
  /** Length of a tracking period in model units (1 = one model unit, e.g. a week). */
  periodLength: number;
  /** Number of periods to track. */
  periods: number;
  /** Actual repeat purchases in each period (index 0 = period 1), when known. */
  actualIncremental?: ArrayLike<number>;
}

/** Result of {@link trackingCurves}; arrays are indexed by period − 1. */
export interface TrackingCurves {
  /** Period numbers 1..periods. */
  period: number[];
  /** End of each period in model units from the origin. */
  periodEnd: number[];
  expectedCumulative: number[];
  expectedIncremental: number[];
  /** Present when `actualIncremental` was given (over its length, up to `periods`). */
  actualCumulative?: number[];
  actualIncremental?: number[];
}

/**
 * Expected (and actual) cumulative and incremental repeat purchases per period. Births are grouped
 * by value, so a daily-resolution birth list costs one model evaluation per distinct birth and period.
 */
export function trackingCurves(model: TransactionModel, options: TrackingOptions): TrackingCurves {
  const { periodLength, periods } = options;
  if (!(periodLength > 0) || !Number.isFinite(periodLength)) throw new RangeError(`invalid periodLength: ${periodLength}`);
  if (!(periods >= 0) || !Number.isInteger(periods)) throw new RangeError(`invalid periods: ${periods}`);
  const births = new Map<number, number>();
  for (let i = 0; i < options.birthTimes.length; i++) {
    const b = options.birthTimes[i];
    if (!Number.isFinite(b)) throw new RangeError(`invalid birth time at customer ${i + 1}: ${b}`);
    births.set(b, (births.get(b) ?? 0) + 1);
  }
  const cohorts = [...births.entries()].sort((a, b) => a[0] - b[0]);
  const period: number[] = [];
  const periodEnd: number[] = [];
  const expectedCumulative: number[] = [];
  const expectedIncremental: number[] = [];
  let previous = 0;
  for (let k = 1; k <= periods; k++) {
    const end = k * periodLength;
    let sum = 0;
    for (const [birth, count] of cohorts) {
      if (birth >= end) break;
      sum += count * model.expectedPurchases(end - birth);
    }
    period.push(k);
    periodEnd.push(end);
    expectedCumulative.push(sum);
    expectedIncremental.push(sum - previous);
    previous = sum;
  }
  const result: TrackingCurves = { period, periodEnd, expectedCumulative, expectedIncremental };
  if (options.actualIncremental) {
    const m = Math.min(periods, options.actualIncremental.length);
    const actualIncremental: number[] = [];
    const actualCumulative: number[] = [];
    let running = 0;
    for (let k = 0; k < m; k++) {
      const v = options.actualIncremental[k];
      if (!(v >= 0)) throw new RangeError(`invalid actual purchases in period ${k + 1}: ${v}`);
      running += v;
      actualIncremental.push(v);
      actualCumulative.push(running);
    }
    result.actualIncremental = actualIncremental;
    result.actualCumulative = actualCumulative;
  }
  return result;
}

/**
 * Actual repeat purchase days per period from a transaction log in columns: rows of the same
 * customer on the same epoch day count once; each customer's first purchase day is not counted.
 * Period k (1-based) covers epoch days [origin + (k−1)·periodDays, origin + k·periodDays).
 */
export function repeatPurchasesPerPeriod(
  log: { customer: ArrayLike<number>; epochDay: ArrayLike<number> },
  options: { originEpochDay: number; periodDays: number; periods: number },
): number[] {
  const { originEpochDay, periodDays, periods } = options;
  if (!(periodDays > 0)) throw new RangeError(`invalid periodDays: ${periodDays}`);
  if (!(periods >= 0) || !Number.isInteger(periods)) throw new RangeError(`invalid periods: ${periods}`);
  const n = log.customer.length;
  if (log.epochDay.length !== n) throw new RangeError(`invalid log: ${n} customers but ${log.epochDay.length} days`);
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => log.customer[a] - log.customer[b] || log.epochDay[a] - log.epochDay[b]);
  const counts = new Array<number>(periods).fill(0);
  for (let j = 0; j < n; j++) {
    const k = order[j];
    if (j === 0 || log.customer[order[j - 1]] !== log.customer[k]) continue; // first purchase day
    if (log.epochDay[order[j - 1]] === log.epochDay[k]) continue; // same day
    const p = Math.floor((log.epochDay[k] - originEpochDay) / periodDays);
    if (p >= 0 && p < periods) counts[p]++;
  }
  return counts;
}

/**
 * Birth times for {@link trackingCurves}: each customer's first purchase day as time since
 * `originEpochDay` in `unit` (e.g. weeks since 1997-01-01). Works on a `CustomerSummary`.
 */
export function birthTimes(summary: { firstEpochDay: ArrayLike<number> }, originEpochDay: number, unit: TimeUnit): Float64Array {
  if (!(unit in DAYS_PER_UNIT)) throw new RangeError(`invalid unit: ${JSON.stringify(unit)}`);
  const d = DAYS_PER_UNIT[unit];
  return Float64Array.from({ length: summary.firstEpochDay.length }, (_, i) => (summary.firstEpochDay[i] - originEpochDay) / d);
}

/**
 * SQL version of {@link repeatPurchasesPerPeriod} over a table with `customer_id` and `epoch_day`
 * (default `tx_clean`, as written by the ingest pipeline): one row per period, `period` (1-based) and
 * `repeat_purchases`, for periods 1..`periods` (zero rows included).
 */
export function repeatPurchasesPerPeriodSql(options: { originEpochDay: number; periodDays: number; periods: number; table?: string }): string {
  const { originEpochDay, periodDays, periods } = options;
  if (!Number.isInteger(originEpochDay)) throw new RangeError(`invalid originEpochDay: ${originEpochDay}`);
  if (!(periodDays > 0) || !Number.isInteger(periodDays)) throw new RangeError(`invalid periodDays: ${periodDays}`);
  if (!(periods >= 1) || !Number.isInteger(periods)) throw new RangeError(`invalid periods: ${periods}`);
  const table = quoteIdentifier(options.table ?? "tx_clean");
  return `WITH days AS (
  SELECT DISTINCT customer_id, epoch_day FROM ${table}
), repeats AS (
  SELECT epoch_day FROM (SELECT epoch_day, row_number() OVER (PARTITION BY customer_id ORDER BY epoch_day) AS k FROM days) WHERE k > 1
), counted AS (
  SELECT floor((epoch_day - ${originEpochDay}) / ${periodDays})::BIGINT + 1 AS period, count(*) AS n FROM repeats GROUP BY ALL
)
SELECT p.period::INTEGER AS period, coalesce(c.n, 0)::INTEGER AS repeat_purchases
FROM range(1, ${periods + 1}) AS p(period) LEFT JOIN counted c ON c.period = p.period
ORDER BY p.period`;
}
