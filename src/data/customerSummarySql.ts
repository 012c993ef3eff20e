/**
 * The per-customer calibration / holdout summary as one SQL GROUP BY over `tx_clean` (or any table with
 * `customer_id`, `epoch_day`, `amount`, `row_number`), so a file of hundreds of MB is summarized inside
 * DuckDB without one JavaScript object per row. Same definitions as `summary.ts` (its header is the
 * reference; tests assert both agree on CDNOW and on a log with returns): a purchase line has
 * amount ≥ 0, a return amount < 0; purchase days are distinct (customer, day) pairs with at least one
 * purchase line; x = calibration purchase days − 1; tx = (last − first purchase day) / d;
 * T = (calEnd − first) / d; monetary = mean purchase amount (returns excluded) of the repeat purchase
 * days (0 when x = 0); total_spend and holdout_spend are net (returns included); customers first buying
 * after the calibration end, or with returns only, are left out; rows after the holdout end are
 * ignored. Customers are ordered by their first row in the file.
 */
import { DAYS_PER_UNIT, type TimeUnit } from "../types.js";
import { quoteIdentifier, type SqlRunner } from "../sql/runner.js";
import type { CustomerSummary } from "./summary.js";

/** Options of {@link perCustomerSummarySql}. */
export interface SummarySqlOptions {
  unit: TimeUnit;
  /** Last calibration day, epoch days, inclusive. */
  calibrationEndEpochDay: number;
  /** Last holdout day, epoch days, inclusive; omit for no holdout. */
  holdoutEndEpochDay?: number;
  /** Source table (default `tx_clean`). */
  table?: string;
}

function check(options: SummarySqlOptions): void {
  if (!(options.unit in DAYS_PER_UNIT)) throw new RangeError(`invalid unit: ${JSON.stringify(options.unit)}`);
  if (!Number.isInteger(options.calibrationEndEpochDay)) throw new RangeError(`invalid calibrationEndEpochDay: ${options.calibrationEndEpochDay}`);
  const hold = options.holdoutEndEpochDay;
  if (hold !== undefined && (!Number.isInteger(hold) || hold <= options.calibrationEndEpochDay)) throw new RangeError(`invalid holdoutEndEpochDay: ${hold}`);
}

/**
 * Query returning one row per customer: `customer_id, x, tx, T, monetary, total_spend,
 * first_epoch_day, last_epoch_day, transactions, x_holdout, holdout_spend, excluded_customers` (holdout
 * columns NULL without a holdout; `excluded_customers`, the same on every row, is what
 * {@link excludedCustomersSql} counts), `tx` and `T` in `unit`.
 *
 * One GROUP BY (customer, day), then one GROUP BY customer (materialised, so the excluded count reads
 * it again instead of scanning the table), no join: the repeat-day spend is the
 * calibration purchase sum minus the first purchase day's (`arg_min` by day), so its rounding error is
 * about 1e-16 of the customer's calibration spend (clamped at 0; a test holds it to the JS summary).
 */
export function perCustomerSummarySql(options: SummarySqlOptions): string {
  check(options);
  const d = DAYS_PER_UNIT[options.unit];
  const cal = options.calibrationEndEpochDay;
  const hasHold = options.holdoutEndEpochDay !== undefined;
  const hold = options.holdoutEndEpochDay ?? cal;
  const table = quoteIdentifier(options.table ?? "tx_clean");
  return `WITH days AS (
  SELECT customer_id, epoch_day, sum(amount) AS spend,
    coalesce(sum(amount) FILTER (WHERE amount >= 0), 0) AS purchase_spend,
    bool_or(amount >= 0) AS purchase,
    count(*) AS rows, min(row_number) AS first_row
  FROM ${table} GROUP BY customer_id, epoch_day
), c AS MATERIALIZED (
  SELECT customer_id,
    min(epoch_day) FILTER (WHERE purchase) AS first_day,
    min(first_row) AS first_row,
    count(*) FILTER (WHERE purchase AND epoch_day <= ${cal}) AS cal_days,
    max(epoch_day) FILTER (WHERE purchase AND epoch_day <= ${cal}) AS last_day,
    sum(purchase_spend) FILTER (WHERE purchase AND epoch_day <= ${cal}) AS cal_purchase_spend,
    arg_min(purchase_spend, epoch_day) FILTER (WHERE purchase) AS first_purchase_spend,
    sum(spend) FILTER (WHERE epoch_day <= ${cal}) AS total_spend,
    sum(rows) FILTER (WHERE epoch_day <= ${cal}) AS transactions,
    count(*) FILTER (WHERE purchase AND epoch_day > ${cal} AND epoch_day <= ${hold}) AS x_holdout,
    coalesce(sum(spend) FILTER (WHERE epoch_day > ${cal} AND epoch_day <= ${hold}), 0) AS holdout_spend
  FROM days GROUP BY customer_id
)
SELECT customer_id,
  (cal_days - 1)::DOUBLE AS x,
  (last_day - first_day) / ${d} AS tx,
  (${cal} - first_day) / ${d} AS T,
  CASE WHEN cal_days > 1 THEN greatest(cal_purchase_spend - first_purchase_spend, 0) / (cal_days - 1) ELSE 0 END AS monetary,
  total_spend,
  first_day::INTEGER AS first_epoch_day,
  last_day::INTEGER AS last_epoch_day,
  transactions::INTEGER AS transactions,
  ${hasHold ? "x_holdout::DOUBLE" : "NULL::DOUBLE"} AS x_holdout,
  ${hasHold ? "holdout_spend" : "NULL::DOUBLE"} AS holdout_spend,
  (SELECT count(*) FROM c WHERE first_day IS NULL OR first_day > ${cal})::INTEGER AS excluded_customers
FROM c
WHERE first_day <= ${cal}
ORDER BY first_row`;
}

/**
 * Query counting customers left out of the summary (`excluded`): first purchase (amount ≥ 0) after the
 * calibration end, or returns only.
 */
export function excludedCustomersSql(calibrationEndEpochDay: number, table = "tx_clean"): string {
  return `SELECT count(*) AS excluded FROM (SELECT min(epoch_day) FILTER (WHERE amount >= 0) AS first_day FROM ${quoteIdentifier(table)} GROUP BY customer_id) WHERE first_day IS NULL OR first_day > ${calibrationEndEpochDay}`;
}

interface SummarySqlRow {
  customer_id: string;
  x: number;
  tx: number;
  T: number;
  monetary: number;
  total_spend: number;
  first_epoch_day: number;
  last_epoch_day: number;
  transactions: number;
  x_holdout: number | null;
  holdout_spend: number | null;
  excluded_customers: number;
}

/**
 * Run {@link perCustomerSummarySql} and return the columnar {@link CustomerSummary} the models take.
 * Uses the runner's columnar fetch (`queryColumns`) when it has one (native DuckDB, DuckDB-WASM),
 * else one object per row (`query`); both give the same summary.
 */
export async function customerSummaryFromSql(runner: SqlRunner, options: SummarySqlOptions): Promise<CustomerSummary> {
  const sql = perCustomerSummarySql(options);
  const hasHold = options.holdoutEndEpochDay !== undefined;
  const d = DAYS_PER_UNIT[options.unit];
  let n: number;
  let customerIds: string[];
  let f: (key: keyof SummarySqlRow) => Float64Array;
  let i: (key: keyof SummarySqlRow) => Int32Array;
  let excluded: number | undefined;
  if (runner.queryColumns) {
    const columns = await runner.queryColumns(sql);
    customerIds = Array.from(columns.customer_id as ArrayLike<unknown>, String);
    n = customerIds.length;
    f = (key) => {
      const c = columns[key];
      return c instanceof Float64Array ? c : Float64Array.from(c as ArrayLike<unknown>, Number);
    };
    i = (key) => Int32Array.from(columns[key] as ArrayLike<number>, Number);
    excluded = n > 0 ? Number(columns.excluded_customers[0]) : undefined;
  } else {
    const rows = await runner.query<SummarySqlRow>(sql);
    n = rows.length;
    customerIds = rows.map((r) => r.customer_id);
    f = (key) => Float64Array.from(rows, (r) => Number(r[key]));
    i = (key) => Int32Array.from(rows, (r) => Number(r[key]));
    excluded = n > 0 ? Number(rows[0].excluded_customers) : undefined;
  }
  if (excluded === undefined) excluded = Number((await runner.query<{ excluded: number }>(excludedCustomersSql(options.calibrationEndEpochDay, options.table)))[0].excluded);
  return {
    unit: options.unit,
    calibrationEndEpochDay: options.calibrationEndEpochDay,
    holdoutEndEpochDay: hasHold ? options.holdoutEndEpochDay! : null,
    holdoutLength: hasHold ? (options.holdoutEndEpochDay! - options.calibrationEndEpochDay) / d : null,
    n,
    customerIds,
    x: f("x"),
    tx: f("tx"),
    T: f("T"),
    monetary: f("monetary"),
    totalSpend: f("total_spend"),
    firstEpochDay: i("first_epoch_day"),
    lastEpochDay: i("last_epoch_day"),
    transactions: i("transactions"),
    xHoldout: hasHold ? f("x_holdout") : null,
    holdoutSpend: hasHold ? f("holdout_spend") : null,
    excludedCustomers: excluded,
  };
}
