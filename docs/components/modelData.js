/**
 * Data wiring shared by the Customers and Models pages: the model settings (calibration end, holdout
 * end, time unit; defaults from the dataset, choices in the URL), the per-customer summary columns
 * read from DuckDB with the library's SQL (src/data/customerSummarySql.ts) for the model worker, and the
 * actual repeat purchases per period for the tracking charts (src/clv/tracking.ts).
 */
import {excludedCustomersSql, perCustomerSummarySql} from "../lib/data/customerSummarySql.js";
import {repeatPurchasesPerPeriodSql} from "../lib/clv/tracking.js";
import {DAYS_PER_UNIT} from "../lib/types.js";

const MS_PER_DAY = 86_400_000;

/** ISO date (YYYY-MM-DD) of an epoch day. */
export function isoDay(epochDay) {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Epoch day of an ISO date or Date, undefined when invalid. */
export function epochDayOf(value) {
  const time = value instanceof Date ? value.getTime() : Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) ? Math.floor(time / MS_PER_DAY) : undefined;
}

/** A stable identity of the loaded dataset (demo id, or the uploaded file's name, size and date). */
export function datasetKey(dataset) {
  const s = dataset.selection;
  if (s.kind === "demo") return `demo:${s.demo}`;
  const f = s.files.transactions;
  return `upload:${s.label ?? f.name}:${f.size}:${f.lastModified}:${JSON.stringify(s.mapping ?? null)}`;
}

/** First and last purchase day in `tx_clean` (epoch days). */
export async function purchaseDayRange(runner) {
  const [row] = await runner.query("SELECT min(epoch_day)::INTEGER AS first, max(epoch_day)::INTEGER AS last, count(*)::INTEGER AS rows FROM tx_clean");
  return row;
}

/**
 * Default settings: the demo's literature conventions, else calibration on the first two thirds of the
 * purchase days and holdout on the last third, in weeks.
 */
export function defaultModelSettings(dataset, range) {
  if (dataset.demo) return {...dataset.demo.defaults};
  const calibrationEnd = range.first + Math.max(1, Math.round(((range.last - range.first) * 2) / 3));
  return {calibrationEnd: isoDay(calibrationEnd), holdoutEnd: isoDay(range.last), unit: "week"};
}

/**
 * Per-customer summary columns for the worker (typed arrays) plus the customer ids, historical margin
 * (null when the data has no margin; pass `withMargin: false` to skip its query when no margin column is mapped), and the count of customers first buying after the calibration end.
 */
export async function customerColumns(runner, {unit, calibrationEndEpochDay, holdoutEndEpochDay, withMargin = true}) {
  const options = {unit, calibrationEndEpochDay, ...(holdoutEndEpochDay !== undefined ? {holdoutEndEpochDay} : {})};
  const sql = withMargin
    ? `WITH s AS (${perCustomerSummarySql(options)}),
m AS (SELECT customer_id, sum(margin) AS margin FROM tx_clean WHERE epoch_day <= ${calibrationEndEpochDay} GROUP BY customer_id)
SELECT s.*, m.margin FROM s LEFT JOIN m USING (customer_id)`
    : `SELECT *, NULL::DOUBLE AS margin FROM (${perCustomerSummarySql(options)})`;
  const c = await runner.queryColumns(sql);
  const n = c.customer_id.length;
  // Every summary row carries the excluded count; an empty summary needs its own query.
  const excluded = n > 0 ? c.excluded_customers[0] : (await runner.query(excludedCustomersSql(calibrationEndEpochDay)))[0].excluded;
  const float = (v) => (v instanceof Float64Array ? v : Float64Array.from(v, (d) => (d == null ? NaN : Number(d))));
  const hasMargin = Array.prototype.some.call(c.margin, (v) => v != null && !Number.isNaN(v));
  const hasHoldout = holdoutEndEpochDay !== undefined;
  return {
    n,
    excluded: Number(excluded),
    margin: hasMargin ? float(c.margin) : null,
    customers: {
      unit,
      calibrationEndEpochDay,
      holdoutLength: hasHoldout ? (holdoutEndEpochDay - calibrationEndEpochDay) / DAYS_PER_UNIT[unit] : null,
      customerIds: Array.from(c.customer_id, String),
      x: float(c.x),
      tx: float(c.tx),
      T: float(c.T),
      monetary: float(c.monetary),
      totalSpend: float(c.total_spend),
      firstEpochDay: float(c.first_epoch_day),
      lastEpochDay: float(c.last_epoch_day),
      xHoldout: hasHoldout ? float(c.x_holdout) : null
    }
  };
}

/**
 * Actual repeat purchases per model unit from `originEpochDay` through `endEpochDay` (tracking charts):
 * counted per day in SQL, then summed into periods of `DAYS_PER_UNIT[unit]` days (a month is 30.4375).
 */
export async function actualRepeatPurchases(runner, {originEpochDay, endEpochDay, unit}) {
  const periodDays = DAYS_PER_UNIT[unit];
  const days = endEpochDay - originEpochDay + 1;
  const periods = Math.max(1, Math.floor(days / periodDays));
  const rows = await runner.query(repeatPurchasesPerPeriodSql({originEpochDay, periodDays: 1, periods: days}));
  const counts = new Array(periods).fill(0);
  for (const row of rows) {
    const k = Math.floor((Number(row.period) - 1) / periodDays);
    if (k < periods) counts[k] += Number(row.repeat_purchases);
  }
  return {periods, counts};
}

/** Plain-language name of a time unit, plural. */
export const UNIT_WORDS = {day: "days", week: "weeks", month: "months"};
