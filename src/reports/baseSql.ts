/**
 * The common table expressions every report query starts from: cleaned transactions, the report's
 * periods, customer × period revenue, per-customer facts and the customer × period **status** table
 * that the lapse rule defines. See `REPORT_DEFINITIONS` for the metric definitions in words.
 *
 * CTEs defined (all columns snake_case, days are epoch days):
 * - `tx(customer_id, day, amount, margin, category)`: rows with id, day and amount present, day ≤ as-of.
 * - `bounds(first_day, as_of, first_p, last_p)`: one row.
 * - `periods(period_index, label, start_day, end_day, status_day, partial)`: every period from the one
 *   holding the first transaction to the one holding the as-of day; `status_day = least(end_day, as_of)`.
 * - `cpr(customer_id, p, revenue, margin, bought, first_purchase_day, last_purchase_day)`: per customer
 *   and period, over all rows (returns included); a purchase is a row with `amount >= 0` (returns are negative).
 * - `cust(customer_id, acquisition_day, acquisition_cost, is_key_account, churn_day, referred_by)`:
 *   the customers table (one row per id), or an empty table.
 * - `cinfo(customer_id, first_day, last_day, first_p, ...cust columns)`: customers with ≥ 1 purchase.
 * - `status(customer_id, p, status_day, bought, revenue, margin, last_day_upto, revenue_to_date,
 *   margin_to_date, first_p, ...cust columns, churned, active, prev_active, is_new, recovered,
 *   deserter, retained)`: one row per customer and period from the first purchase period until the
 *   period in which the customer lapses for good (later rows would all be inactive, without purchases).
 *
 * Status rule, judged on `status_day` of period t: active ⇔ last purchase L ≤ status_day with
 * `status_day − L < lapseDays`, and not churned (churn day C with L ≤ C ≤ status_day).
 */
import { quoteIdentifier } from "../sql/runner.js";
import type { ResolvedReportOptions } from "./options.js";
import { periodIndexSql, periodLabelSql, periodStartSql } from "./periods.js";

function customerDay(column: string, options: ResolvedReportOptions): string {
  const c = quoteIdentifier(column);
  return options.customerDayType === "date" ? `(TRY_CAST(${c} AS DATE) - DATE '1970-01-01')::INTEGER` : `TRY_CAST(${c} AS INTEGER)`;
}

/** The `cust` CTE body: the customers table normalised, or an empty table of the same shape. */
function custSql(options: ResolvedReportOptions): string {
  const empty = `SELECT NULL::VARCHAR AS customer_id, NULL::INTEGER AS acquisition_day, NULL::DOUBLE AS acquisition_cost,
    NULL::BOOLEAN AS is_key_account, NULL::INTEGER AS churn_day, NULL::VARCHAR AS referred_by WHERE false`;
  if (!options.customersTable) return empty;
  const has = (field: string) => options.customerFields.includes(field as never);
  const col = (field: string, expr: string, type: string) => (has(field) ? expr : `NULL::${type}`);
  return `SELECT TRIM(CAST(customer_id AS VARCHAR)) AS customer_id,
    ${col("acquisition_epoch_day", customerDay("acquisition_epoch_day", options), "INTEGER")} AS acquisition_day,
    ${col("acquisition_cost", `TRY_CAST(acquisition_cost AS DOUBLE)`, "DOUBLE")} AS acquisition_cost,
    ${col("is_key_account", `TRY_CAST(is_key_account AS BOOLEAN)`, "BOOLEAN")} AS is_key_account,
    ${col("churn_epoch_day", customerDay("churn_epoch_day", options), "INTEGER")} AS churn_day,
    ${col("referred_by", `NULLIF(TRIM(CAST(referred_by AS VARCHAR)), '')`, "VARCHAR")} AS referred_by
  FROM ${options.customersTable}
  WHERE customer_id IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY TRIM(CAST(customer_id AS VARCHAR))) = 1`;
}

/** SQL expression: epoch day of the transactions table's day column. */
export function transactionDaySql(options: ResolvedReportOptions): string {
  const c = quoteIdentifier(options.dayColumn);
  return options.dayColumnType === "date" ? `(CAST(${c} AS DATE) - DATE '1970-01-01')::INTEGER` : `CAST(${c} AS INTEGER)`;
}

/**
 * The `WITH` clause (without the final SELECT) defining the CTEs listed in this module's header.
 * Append `, more AS (...) SELECT ...` to it.
 */
export function reportBaseSql(options: ResolvedReportOptions): string {
  const { period, lapseDays } = options;
  const day = transactionDaySql(options);
  const pidx = (expr: string) => periodIndexSql(expr, period);
  const hasMargin = options.transactionFields.includes("margin");
  const hasCategory = options.transactionFields.includes("category");
  const asOfFilter = options.asOfEpochDay === undefined ? "" : `\n    AND ${day} <= ${options.asOfEpochDay}`;
  return `WITH tx AS (
  SELECT TRIM(CAST(customer_id AS VARCHAR)) AS customer_id, ${day} AS day, CAST(amount AS DOUBLE) AS amount,
    ${hasMargin ? "CAST(margin AS DOUBLE)" : "NULL::DOUBLE"} AS margin,
    ${hasCategory ? "NULLIF(TRIM(CAST(category AS VARCHAR)), '')" : "NULL::VARCHAR"} AS category
  FROM ${options.transactionsTable}
  WHERE customer_id IS NOT NULL AND TRIM(CAST(customer_id AS VARCHAR)) <> '' AND ${day} IS NOT NULL
    AND amount IS NOT NULL AND isfinite(CAST(amount AS DOUBLE))${asOfFilter}
),
bounds AS (
  SELECT first_day, as_of, ${pidx("first_day")} AS first_p, ${pidx("as_of")} AS last_p
  FROM (SELECT min(day) AS first_day, ${options.asOfEpochDay === undefined ? "max(day)" : String(options.asOfEpochDay)} AS as_of FROM tx)
  WHERE first_day IS NOT NULL
),
periods AS (
  SELECT period_index, ${periodLabelSql("period_index", period)} AS label, start_day, end_day,
    least(end_day, as_of) AS status_day, end_day > as_of AS partial
  FROM (
    SELECT period_index, ${periodStartSql("period_index", period)} AS start_day,
      ${periodStartSql("period_index + 1", period)} - 1 AS end_day, as_of
    FROM (SELECT unnest(generate_series(first_p, last_p)) AS period_index, as_of FROM bounds)
  )
),
cpr AS (
  SELECT customer_id, ${pidx("day")} AS p, sum(amount) AS revenue, sum(margin) AS margin,
    bool_or(amount >= 0) AS bought, min(day) FILTER (WHERE amount >= 0) AS first_purchase_day,
    max(day) FILTER (WHERE amount >= 0) AS last_purchase_day
  FROM tx GROUP BY ALL
),
cust AS (
  ${custSql(options)}
),
cinfo AS (
  SELECT f.customer_id, f.first_day, f.last_day, f.first_p, cu.acquisition_day, cu.acquisition_cost,
    cu.is_key_account, cu.churn_day, cu.referred_by
  FROM (
    SELECT customer_id, min(first_purchase_day) AS first_day, max(last_purchase_day) AS last_day,
      min(p) FILTER (WHERE bought) AS first_p
    FROM cpr GROUP BY customer_id HAVING bool_or(bought)
  ) f LEFT JOIN cust cu USING (customer_id)
),
dense AS (
  SELECT c.customer_id, unnest(generate_series(c.first_p, least(b.last_p, ${pidx(`c.last_day + ${lapseDays}`)}))) AS p
  FROM cinfo c, bounds b
),
status0 AS (
  SELECT d.customer_id, d.p, per.status_day, coalesce(r.bought, false) AS bought,
    coalesce(r.revenue, 0) AS revenue, r.margin,
    max(r.last_purchase_day) OVER w AS last_day_upto,
    sum(coalesce(r.revenue, 0)) OVER w AS revenue_to_date,
    sum(r.margin) OVER w AS margin_to_date
  FROM dense d JOIN periods per ON per.period_index = d.p
  LEFT JOIN cpr r ON r.customer_id = d.customer_id AND r.p = d.p
  WINDOW w AS (PARTITION BY d.customer_id ORDER BY d.p ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
status1 AS (
  SELECT s.*, c.first_p, c.first_day, c.acquisition_cost, c.is_key_account, c.churn_day,
    coalesce(c.churn_day BETWEEN s.last_day_upto AND s.status_day, false) AS churned,
    s.status_day - s.last_day_upto < ${lapseDays}
      AND NOT coalesce(c.churn_day BETWEEN s.last_day_upto AND s.status_day, false) AS active
  FROM status0 s JOIN cinfo c USING (customer_id)
),
status2 AS (
  SELECT *, coalesce(lag(active) OVER (PARTITION BY customer_id ORDER BY p), false) AS prev_active,
    p = first_p AS is_new
  FROM status1
),
status AS (
  SELECT *, bought AND NOT prev_active AND NOT is_new AS recovered,
    NOT active AND (prev_active OR bought) AS deserter,
    prev_active AND active AS retained
  FROM status2
)`;
}
