/**
 * Per-customer recency / frequency / monetary summary of a transaction log, with a calibration /
 * holdout split, in an explicit time unit: the input of BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma.
 *
 * Exact definitions (the SQL GROUP BY version must agree with these; `d` = days per unit from
 * `DAYS_PER_UNIT`: day 1, week 7, month 365.25/12; all dates are epoch days, `calEnd` and
 * `holdoutEnd` inclusive). A **purchase line** is a row with amount ≥ 0 (zero-amount purchases count,
 * as in CDNOW); a **return** is a row with amount < 0. This is the reports library's definition:
 * returns count in revenue but never make a customer new, active or a repeat buyer.
 * - A **purchase day** is a distinct (customer, epoch day) pair with at least one purchase line; a
 *   day with only returns is not a purchase day.
 * - `firstEpochDay` = the customer's earliest purchase day in the whole log. Customers with
 *   `firstEpochDay > calEnd`, or with no purchase line at all (returns only), are left out of the
 *   summary and counted in `excludedCustomers`.
 * - `x` = (number of purchase days ≤ calEnd) − 1: repeat purchase days, first purchase excluded.
 * - `tx` = (lastEpochDay − firstEpochDay) / d, where `lastEpochDay` = last purchase day ≤ calEnd
 *   (0 when x = 0).
 * - `T` = (calEnd − firstEpochDay) / d.
 * - `monetary` (the Gamma-Gamma spend) = mean over the x repeat purchase days of that day's purchase
 *   amount (sum of its purchase lines; returns excluded, so it is never negative); 0 when x = 0.
 *   Returns are left out of the spend model because Gamma-Gamma needs positive spend per transaction and
 *   a return usually refers to an earlier purchase, not to the day it is booked on.
 * - `totalSpend` = net revenue: sum of the amounts of all rows ≤ calEnd, returns included (also
 *   returns booked before the first purchase); `transactions` = rows ≤ calEnd, purchase and return
 *   lines (before merging).
 * - With a holdout end: `xHoldout` = number of purchase days in (calEnd, holdoutEnd] and
 *   `holdoutSpend` = net sum of the amounts of rows in that window; rows after holdoutEnd are ignored.
 *
 * CDNOW check (weeks, calEnd 1997-09-30): a customer first buying 1997-01-01 has T = 272 / 7 = 38.857.
 *
 * **Merge period** (`mergeWithin`, like lifetimes' `freq`): what counts as "the same purchase". The
 * default `"day"` is everything above (epoch days must be whole days). With `"hour"`, `"minute"` or
 * `"second"` the log's `epochDay` may carry the time of day as a fraction (epoch day + seconds since
 * midnight UTC / 86,400), each time is floored to the start of its period (days: ⌊t·k + 10⁻⁷⌋ / k with
 * k = 24, 1,440 or 86,400 periods per day; the 10⁻⁷ period absorbs binary rounding of exact period
 * starts), and "purchase day" above reads "purchase period"; `"exact"` keeps the times as they are and
 * merges only lines with identical times. A row is in calibration when its calendar day ⌊t⌋ ≤ calEnd
 * (in the holdout when calEnd < ⌊t⌋ ≤ holdoutEnd). In days, with s(t) the start of t's period:
 * `tx` = (s(last) − s(first)) / d and `T` = (s(end) − s(first)) / d, where s(end) is the start of the
 * last period of the calendar day calEnd (calEnd + 23/24 for hours; calEnd + 1, the end of the day,
 * for `"exact"`; calEnd for days, as above). So with `"exact"` a purchase at 15:00 on the first day and
 * calEnd one day later give T = (1 + 9/24) / d. `firstEpochDay` and `lastEpochDay` stay calendar days
 * (⌊t⌋). Seeded logs of `simulateTransactionLog` (src/models/simulate.ts) with `exactTimes` need
 * `"exact"` to reproduce the model's continuous-time (x, t_x, T) (day merging biases α, see
 * bench/models.ts). The DuckDB summary (customerSummarySql.ts) is day-level only.
 * Implementation: counting sort of rows by customer into typed arrays, one sweep per customer; no
 * per-row object allocation after the input.
 */
import { DAYS_PER_UNIT, type TimeUnit, type Transaction } from "../types.js";

/**
 * The period within which one customer's purchases merge into one transaction (see the module header):
 * a UTC calendar day (default, whole epoch days), an hour, a minute, a second, or `"exact"` (only
 * identical times merge).
 */
export type MergePeriod = "day" | "hour" | "minute" | "second" | "exact";

/** Periods per day of each {@link MergePeriod} (`"exact"`: infinitely many, times kept as they are). */
export const PERIODS_PER_DAY: Readonly<Record<MergePeriod, number>> = {
  day: 1,
  hour: 24,
  minute: 1440,
  second: 86_400,
  exact: Infinity,
};

/** Options of {@link summarizeTransactions}. */
export interface SummaryOptions {
  /** Time unit of `tx`, `T` (and of every model parameter fitted on the summary). */
  unit: TimeUnit;
  /**
   * Purchases of one customer within the same period count once (default `"day"`: epoch days must be
   * whole days). Finer periods read `epochDay` as fractional days (time of day / 24 h, UTC).
   */
  mergeWithin?: MergePeriod;
  /** Last day of the calibration period (epoch day, inclusive). */
  calibrationEndEpochDay: number;
  /** Last day of the holdout period (epoch day, inclusive); omit for no holdout. */
  holdoutEndEpochDay?: number;
}

/** Columnar per-customer summary; index i is one customer (in order of first appearance in the log). */
export interface CustomerSummary {
  unit: TimeUnit;
  calibrationEndEpochDay: number;
  holdoutEndEpochDay: number | null;
  /** Length of the holdout period in `unit` ((holdoutEnd − calEnd) / d), null without holdout. */
  holdoutLength: number | null;
  /** Number of customers in the summary. */
  n: number;
  customerIds: string[];
  /** Repeat purchase days in calibration. */
  x: Float64Array;
  /** Recency: time from first to last calibration purchase, in `unit`. */
  tx: Float64Array;
  /** Age: time from first purchase to calibration end, in `unit`. */
  T: Float64Array;
  /** Mean purchase amount (lines with amount ≥ 0) of the repeat purchase days (0 when x = 0). */
  monetary: Float64Array;
  /** Net revenue in calibration: sum of all amounts, returns and first purchase included. */
  totalSpend: Float64Array;
  firstEpochDay: Int32Array;
  /** Last purchase day in calibration (epoch day). */
  lastEpochDay: Int32Array;
  /** Raw rows in calibration, purchase and return lines (before same-day merging). */
  transactions: Int32Array;
  /** Purchase days (with a line of amount ≥ 0) in (calEnd, holdoutEnd]; null without holdout. */
  xHoldout: Float64Array | null;
  /** Net sum of holdout amounts (returns included); null without holdout. */
  holdoutSpend: Float64Array | null;
  /** Customers whose first purchase is after the calibration end, or who only have returns (left out). */
  excludedCustomers: number;
}

/** One customer of a {@link CustomerSummary} as a plain object (see {@link summaryRows}). */
export interface CustomerSummaryRow {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  monetary: number;
  totalSpend: number;
  firstEpochDay: number;
  lastEpochDay: number;
  transactions: number;
  xHoldout: number | null;
  holdoutSpend: number | null;
}

/**
 * Columnar transaction input: `customer[k]` is an index into `customerIds` for row k. Optional
 * `rows[k]` = number of raw rows that entry stands for (when same-day rows were merged upstream,
 * e.g. by SQL); default 1. Merge purchases and returns separately: an entry with amount < 0 is a return.
 */
export interface TransactionColumnsInput {
  customerIds: string[];
  customer: ArrayLike<number>;
  epochDay: ArrayLike<number>;
  amount: ArrayLike<number>;
  rows?: ArrayLike<number>;
}

function isoDate(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

function checkOptions(options: SummaryOptions): void {
  if (!(options.unit in DAYS_PER_UNIT)) throw new RangeError(`invalid unit: ${JSON.stringify(options.unit)}`);
  const merge = options.mergeWithin;
  if (merge !== undefined && !Object.hasOwn(PERIODS_PER_DAY, merge)) throw new RangeError(`invalid mergeWithin: ${JSON.stringify(merge)}`);
  const cal = options.calibrationEndEpochDay;
  if (!Number.isInteger(cal)) throw new RangeError(`invalid calibrationEndEpochDay: ${cal}`);
  const hold = options.holdoutEndEpochDay;
  if (hold !== undefined && hold !== null) {
    if (!Number.isInteger(hold)) throw new RangeError(`invalid holdoutEndEpochDay: ${hold}`);
    if (hold <= cal) throw new RangeError(`invalid holdoutEndEpochDay: ${isoDate(hold)} is not after the calibration end ${isoDate(cal)}`);
  }
}

/**
 * Summarise a transaction log per customer (see the module header for the exact definitions).
 * Throws when the calibration end is before every customer's first purchase, and on a non-integer
 * epoch day or non-finite amount (naming the row). Empty input gives an empty summary (n = 0).
 *
 * @example summarizeTransactions(log, { unit: "week", calibrationEndEpochDay: 10134 }) // 1997-09-30
 */
export function summarizeTransactions(transactions: readonly Transaction[], options: SummaryOptions): CustomerSummary {
  checkOptions(options);
  const wholeDays = (options.mergeWithin ?? "day") === "day";
  const n = transactions.length;
  const index = new Map<string, number>();
  const customerIds: string[] = [];
  const customer = new Int32Array(n);
  const epochDay = wholeDays ? new Int32Array(n) : new Float64Array(n);
  const amount = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = transactions[k];
    let c = index.get(t.customerId);
    if (c === undefined) {
      c = customerIds.length;
      index.set(t.customerId, c);
      customerIds.push(t.customerId);
    }
    customer[k] = c;
    const day = t.epochDay;
    if (wholeDays ? !Number.isInteger(day) : !Number.isFinite(day)) throw new RangeError(`invalid epochDay at transaction ${k} (customer ${JSON.stringify(t.customerId)}): ${day}`);
    epochDay[k] = day;
    if (!Number.isFinite(t.amount)) throw new RangeError(`invalid amount at transaction ${k} (customer ${JSON.stringify(t.customerId)}): ${t.amount}`);
    amount[k] = t.amount;
  }
  return summarizeColumns({ customerIds, customer, epochDay, amount }, options);
}

/**
 * {@link summarizeTransactions} on columnar input (no per-row objects): the fast path for large logs
 * read from DuckDB or generated by the simulators. With a `mergeWithin` finer than a day, `epochDay`
 * holds fractional epoch days (a Float64Array; an Int32Array would have lost the time of day).
 */
export function summarizeColumns(input: TransactionColumnsInput, options: SummaryOptions): CustomerSummary {
  checkOptions(options);
  const { customerIds, customer, epochDay, amount } = input;
  const rowsIn = input.rows;
  const nRows = customer.length;
  if (epochDay.length !== nRows || amount.length !== nRows) throw new RangeError(`invalid columns: lengths ${nRows}, ${epochDay.length}, ${amount.length} differ`);
  const nCustomers = customerIds.length;
  const cal = options.calibrationEndEpochDay;
  const hasHoldout = options.holdoutEndEpochDay !== undefined && options.holdoutEndEpochDay !== null;
  const hold = hasHoldout ? (options.holdoutEndEpochDay as number) : cal;
  const d = DAYS_PER_UNIT[options.unit];
  const perDay = PERIODS_PER_DAY[options.mergeWithin ?? "day"];
  const wholeDays = perDay === 1;
  const exact = perDay === Infinity;
  // Period of time t as an integer count of periods since the epoch (the time itself on whole days and
  // for "exact"); `keysPerDay` converts key differences to days without rounding the period starts.
  const keysPerDay = exact ? 1 : perDay;
  const keyed = !wholeDays && !exact; // times floored to hour / minute / second keys
  // Whole days: day ≤ calEnd (unchanged); finer: calendar day ⌊t⌋ ≤ calEnd, i.e. t < calEnd + 1. The
  // tests below are written out in the loops (no closures: the whole-day path stays as fast as before).
  const calLimit = wholeDays ? cal : cal + 1;
  const holdLimit = wholeDays ? hold : hold + 1;
  // Key of s(end), the last period of the calendar day calEnd.
  const calEndKey = wholeDays ? cal : exact ? cal + 1 : (cal + 1) * perDay - 1;
  const keysPerUnit = keysPerDay * d;

  // Counting sort of row indexes by customer.
  const start = new Int32Array(nCustomers + 1);
  for (let k = 0; k < nRows; k++) {
    const c = customer[k];
    if (!(c >= 0 && c < nCustomers) || c !== Math.floor(c)) throw new RangeError(`invalid customer index at row ${k}: ${c}`);
    start[c + 1]++;
  }
  for (let c = 0; c < nCustomers; c++) start[c + 1] += start[c];
  const fill = start.slice(0, nCustomers);
  const order = new Int32Array(nRows);
  for (let k = 0; k < nRows; k++) order[fill[customer[k]]++] = k;

  const x = new Float64Array(nCustomers);
  const tx = new Float64Array(nCustomers);
  const T = new Float64Array(nCustomers);
  const monetary = new Float64Array(nCustomers);
  const totalSpend = new Float64Array(nCustomers);
  const firstDay = new Int32Array(nCustomers);
  const lastDay = new Int32Array(nCustomers);
  const transactions = new Int32Array(nCustomers);
  const xHoldout = hasHoldout ? new Float64Array(nCustomers) : null;
  const holdoutSpend = hasHoldout ? new Float64Array(nCustomers) : null;
  const keep = new Uint8Array(nCustomers);
  let kept = 0;
  let earliest = Infinity;

  for (let c = 0; c < nCustomers; c++) {
    const lo = start[c];
    const hi = start[c + 1];
    if (lo === hi) continue; // an id with no rows
    // Insertion sort of this customer's rows by day (logs are usually nearly sorted).
    for (let i = lo + 1; i < hi; i++) {
      const k = order[i];
      const day = epochDay[k];
      let j = i - 1;
      while (j >= lo && epochDay[order[j]] > day) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = k;
    }
    // First purchase day: the earliest row with amount ≥ 0 (returns before it do not start a customer).
    let firstIndex = lo;
    while (firstIndex < hi && !(amount[order[firstIndex]] >= 0)) firstIndex++;
    if (firstIndex === hi) continue; // returns only: excluded
    const firstTime = epochDay[order[firstIndex]];
    if (wholeDays ? !Number.isInteger(firstTime) : !Number.isFinite(firstTime)) throw new RangeError(`invalid epochDay at row ${order[firstIndex]}: ${firstTime}`);
    if (firstTime < earliest) earliest = firstTime;
    if (wholeDays ? firstTime > calLimit : firstTime >= calLimit) continue;
    const first = keyed ? Math.floor(firstTime * perDay + 1e-7) : firstTime;
    keep[c] = 1;
    kept++;
    let days = 0;
    let prevDay = NaN; // last purchase day seen
    let repeatSpend = 0;
    let spend = 0;
    let rows = 0;
    let last = first;
    let holdDays = 0;
    let holdSpend = 0;
    for (let i = lo; i < hi; i++) {
      const k = order[i];
      const time = epochDay[k];
      const day = keyed ? Math.floor(time * perDay + 1e-7) : time;
      const value = amount[k];
      const purchase = value >= 0;
      if (wholeDays ? time <= calLimit : time < calLimit) {
        if (purchase) {
          if (day !== prevDay) {
            days++;
            prevDay = day;
            last = day;
          }
          if (day > first) repeatSpend += value;
        }
        spend += value;
        rows += rowsIn ? rowsIn[k] : 1;
      } else if (wholeDays ? time <= holdLimit : time < holdLimit) {
        if (purchase && day !== prevDay) {
          holdDays++;
          prevDay = day;
        }
        holdSpend += value;
      } else {
        break;
      }
    }
    const repeats = days - 1;
    x[c] = repeats;
    tx[c] = wholeDays ? (last - first) / d : (last - first) / keysPerUnit;
    T[c] = wholeDays ? (cal - first) / d : (calEndKey - first) / keysPerUnit;
    monetary[c] = repeats > 0 ? repeatSpend / repeats : 0;
    totalSpend[c] = spend;
    firstDay[c] = wholeDays ? first : Math.floor(first / keysPerDay);
    lastDay[c] = wholeDays ? last : Math.floor(last / keysPerDay);
    transactions[c] = rows;
    if (xHoldout) {
      xHoldout[c] = holdDays;
      holdoutSpend![c] = holdSpend;
    }
  }
  if (nRows > 0 && kept === 0) {
    if (earliest === Infinity) throw new RangeError(`no purchase lines (amount >= 0) among ${nRows} rows: returns only`);
    throw new RangeError(`calibration end ${isoDate(cal)} is before the first purchase ${isoDate(Math.floor(earliest))}`);
  }
  const excluded = nCustomers - kept - countEmpty(start, nCustomers);
  const summary: CustomerSummary = {
    unit: options.unit,
    calibrationEndEpochDay: cal,
    holdoutEndEpochDay: hasHoldout ? hold : null,
    holdoutLength: hasHoldout ? (hold - cal) / d : null,
    n: kept,
    customerIds,
    x,
    tx,
    T,
    monetary,
    totalSpend,
    firstEpochDay: firstDay,
    lastEpochDay: lastDay,
    transactions,
    xHoldout,
    holdoutSpend,
    excludedCustomers: excluded,
  };
  return kept === nCustomers ? summary : compact(summary, keep);
}

function countEmpty(start: Int32Array, nCustomers: number): number {
  let empty = 0;
  for (let c = 0; c < nCustomers; c++) if (start[c] === start[c + 1]) empty++;
  return empty;
}

/** Keep only the flagged customers (order preserved). */
function compact(s: CustomerSummary, keep: Uint8Array): CustomerSummary {
  const idx: number[] = [];
  for (let c = 0; c < keep.length; c++) if (keep[c]) idx.push(c);
  const pickF = (a: Float64Array) => Float64Array.from(idx, (c) => a[c]);
  const pickI = (a: Int32Array) => Int32Array.from(idx, (c) => a[c]);
  return {
    ...s,
    n: idx.length,
    customerIds: idx.map((c) => s.customerIds[c]),
    x: pickF(s.x),
    tx: pickF(s.tx),
    T: pickF(s.T),
    monetary: pickF(s.monetary),
    totalSpend: pickF(s.totalSpend),
    firstEpochDay: pickI(s.firstEpochDay),
    lastEpochDay: pickI(s.lastEpochDay),
    transactions: pickI(s.transactions),
    xHoldout: s.xHoldout ? pickF(s.xHoldout) : null,
    holdoutSpend: s.holdoutSpend ? pickF(s.holdoutSpend) : null,
  };
}

/** The summary as one plain object per customer (for tables and CSV export; allocates). */
export function summaryRows(summary: CustomerSummary): CustomerSummaryRow[] {
  const out: CustomerSummaryRow[] = new Array(summary.n);
  for (let i = 0; i < summary.n; i++) {
    out[i] = {
      customerId: summary.customerIds[i],
      x: summary.x[i],
      tx: summary.tx[i],
      T: summary.T[i],
      monetary: summary.monetary[i],
      totalSpend: summary.totalSpend[i],
      firstEpochDay: summary.firstEpochDay[i],
      lastEpochDay: summary.lastEpochDay[i],
      transactions: summary.transactions[i],
      xHoldout: summary.xHoldout ? summary.xHoldout[i] : null,
      holdoutSpend: summary.holdoutSpend ? summary.holdoutSpend[i] : null,
    };
  }
  return out;
}
