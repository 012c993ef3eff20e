/**
 * The common table expressions every report query starts from: cleaned transactions, the report's
 * periods, customer × period revenue, per-customer facts and the customer × period **status** table
 * that the lapse rule defines. See `REPORT_DEFINITIONS` for the metric definitions in words.
 *
 * CTEs defined (all columns snake_case, days are epoch days):
 * - `tx(customer_id, day, amount, margin, category)`: rows with id, day and finite amount, day ≤ as-of;
 *   amount and margin as DECIMAL(38, 6) (a non-finite margin reads as NULL).
 * - `bounds(first_day, as_of, first_p, last_p)`: one row.
 * - `periods(period_index, label, start_day, end_day, status_day, partial)`: every period from the one
 *   holding the first transaction to the one holding the as-of day; `status_day = least(end_day, as_of)`.
 * - `cpr(customer_id, p, revenue, margin, bought, first_purchase_day, last_purchase_day)`: per customer
 *   and period, over all rows (returns included); a purchase is a row with `amount >= 0` (returns are negative).
 * - `cust(customer_id, acquisition_day, acquisition_cost, is_key_account, churn_day, referred_by)`:
 *   the customers table (one row per id), or an empty table.
 * - `cinfo(customer_id, first_day, last_day, first_p, ...cust columns)`: customers with ≥ 1 purchase.
 * - `status(customer_id, p, status_day, bought, revenue, margin, last_day_upto, first_p, first_day,
 *   acquisition_cost, is_key_account, churn_day, churned, active, prev_active, is_new, recovered,
 *   deserter, retained)`: one row per customer and period from each purchase period to the next
 *   purchase period or the period in which the lapse window runs out, whichever comes first (rows left
 *   out would be inactive, without purchases and not deserting). `revenue` / `margin` are the
 *   customer's net figures for the period when they bought in it, 0 / NULL otherwise (a period with
 *   returns only reads 0 here; `cpr` has every row).
 * - `xs_events(customer_id, category, day, p, amount)`: cross-sell events (see `crossSell.ts`).
 *
 * Status rule, judged on `status_day` of period t: active ⇔ last purchase L ≤ status_day with
 * `status_day − L < lapseDays`, and not churned (churn day C with L ≤ C ≤ status_day).
 */
import { quoteIdentifier, type SqlRunner } from "../sql/runner.js";
import { crossSellCteList } from "./crossSellEvents.js";
import type { ResolvedReportOptions } from "./options.js";
import { periodIndexSql, periodLabelSql, periodStartSql } from "./periods.js";

function customerDay(column: string, options: ResolvedReportOptions): string {
  const c = quoteIdentifier(column);
  return options.customerDayType === "date" ? `(TRY_CAST(${c} AS DATE) - DATE '1970-01-01')::INTEGER` : `TRY_CAST(${c} AS INTEGER)`;
}

/** The `cust` CTE body: the customers table normalised, or an empty table of the same shape. */
function custSql(options: ResolvedReportOptions): string {
  const empty = `SELECT NULL::VARCHAR AS customer_id, NULL::INTEGER AS acquisition_day, NULL::DECIMAL(38, 6) AS acquisition_cost,
    NULL::BOOLEAN AS is_key_account, NULL::INTEGER AS churn_day, NULL::VARCHAR AS referred_by WHERE false`;
  if (!options.customersTable) return empty;
  const has = (field: string) => options.customerFields.includes(field as never);
  const col = (field: string, expr: string, type: string) => (has(field) ? expr : `NULL::${type}`);
  return `SELECT TRIM(CAST(customer_id AS VARCHAR)) AS customer_id,
    ${col("acquisition_epoch_day", customerDay("acquisition_epoch_day", options), "INTEGER")} AS acquisition_day,
    ${col("acquisition_cost", `TRY_CAST(TRY_CAST(acquisition_cost AS DOUBLE) AS DECIMAL(38, 6))`, "DECIMAL(38, 6)")} AS acquisition_cost,
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
 * Money type of the base CTEs: amounts and margins are summed as DECIMAL(38, 6), so every sum is exact
 * to 6 decimals and independent of summation order (the revenue bridge reconciles exactly, and the
 * same report gives the same figures on every run); results are converted to DOUBLE at the end.
 */
const MONEY = "DECIMAL(38, 6)";

/** The base CTEs, in dependency order, as `[name, body]` pairs. */
function baseCtes(options: ResolvedReportOptions): [string, string][] {
  const { period, lapseDays } = options;
  const day = transactionDaySql(options);
  const pidx = (expr: string) => periodIndexSql(expr, period);
  const hasMargin = options.transactionFields.includes("margin");
  const hasCategory = options.transactionFields.includes("category");
  const asOfFilter = options.asOfEpochDay === undefined ? "" : `\n    AND ${day} <= ${options.asOfEpochDay}`;
  const churnedBy = (lastDay: string, statusDay: string) => `coalesce(d.churn_day BETWEEN ${lastDay} AND ${statusDay}, false)`;
  return [
    ["tx", `SELECT TRIM(CAST(customer_id AS VARCHAR)) AS customer_id, ${day} AS day, CAST(amount AS ${MONEY}) AS amount,
    ${hasMargin ? `CAST(CASE WHEN isfinite(CAST(margin AS DOUBLE)) THEN margin END AS ${MONEY})` : `NULL::${MONEY}`} AS margin,
    ${hasCategory ? "NULLIF(TRIM(CAST(category AS VARCHAR)), '')" : "NULL::VARCHAR"} AS category
  FROM ${options.transactionsTable}
  WHERE customer_id IS NOT NULL AND TRIM(CAST(customer_id AS VARCHAR)) <> '' AND ${day} IS NOT NULL
    AND amount IS NOT NULL AND isfinite(CAST(amount AS DOUBLE))${asOfFilter}`],
    ["bounds", `SELECT first_day, as_of, ${pidx("first_day")} AS first_p, ${pidx("as_of")} AS last_p
  FROM (SELECT min(day) AS first_day, ${options.asOfEpochDay === undefined ? "max(day)" : String(options.asOfEpochDay)} AS as_of FROM tx)
  WHERE first_day IS NOT NULL`],
    ["periods", `SELECT period_index, ${periodLabelSql("period_index", period)} AS label, start_day, end_day,
    least(end_day, as_of) AS status_day, end_day > as_of AS partial
  FROM (
    SELECT period_index, ${periodStartSql("period_index", period)} AS start_day,
      ${periodStartSql("period_index + 1", period)} - 1 AS end_day, as_of
    FROM (SELECT unnest(generate_series(first_p, last_p)) AS period_index, as_of FROM bounds)
  )`],
    ["cpr", `SELECT customer_id, ${pidx("day")} AS p, sum(amount) AS revenue, sum(margin) AS margin,
    bool_or(amount >= 0) AS bought, min(day) FILTER (WHERE amount >= 0) AS first_purchase_day,
    max(day) FILTER (WHERE amount >= 0) AS last_purchase_day
  FROM tx GROUP BY ALL`],
    ["cust", custSql(options)],
    ["cinfo", `SELECT f.customer_id, f.first_day, f.last_day, f.first_p, cu.acquisition_day, cu.acquisition_cost,
    cu.is_key_account, cu.churn_day, cu.referred_by
  FROM (
    SELECT customer_id, min(first_purchase_day) AS first_day, max(last_purchase_day) AS last_day,
      min(p) FILTER (WHERE bought) AS first_p
    FROM cpr GROUP BY customer_id HAVING bool_or(bought)
  ) f LEFT JOIN cust cu USING (customer_id)`],
    // Each purchase period opens a span of status rows that runs to the period before the next
    // purchase, or to the period in which the lapse window runs out (later rows would be inactive and
    // without purchases, so they are left out). Within a span the last purchase is the span's, so no
    // window over the (large) status rows is needed.
    ["spans", `SELECT r.customer_id, r.p AS purchase_p, r.last_purchase_day, r.revenue AS purchase_revenue,
    r.margin AS purchase_margin, c.first_p, c.first_day, c.acquisition_cost, c.is_key_account, c.churn_day,
    lag(r.last_purchase_day) OVER w AS previous_purchase_day, lead(r.p) OVER w AS next_p
  FROM cpr r JOIN cinfo c USING (customer_id)
  WHERE r.bought
  WINDOW w AS (PARTITION BY r.customer_id ORDER BY r.p)`],
    ["dense", `SELECT s.*, unnest(generate_series(s.purchase_p,
      least(coalesce(s.next_p - 1, b.last_p), b.last_p, ${pidx(`s.last_purchase_day + ${lapseDays}`)}))) AS p
  FROM spans s, bounds b`],
    // Joining the periods after the unnest is cheap (few periods); joining customers there is not,
    // so customer facts ride along from spans. The previous period's status day is start_day − 1
    // (only the last period can be partial).
    ["status1", `SELECT d.customer_id, d.p, per.status_day, d.p = d.purchase_p AS bought,
    CASE WHEN d.p = d.purchase_p THEN d.purchase_revenue ELSE 0 END AS revenue,
    CASE WHEN d.p = d.purchase_p THEN d.purchase_margin END AS margin, d.last_purchase_day AS last_day_upto,
    d.first_p, d.first_day, d.acquisition_cost, d.is_key_account, d.churn_day,
    ${churnedBy("d.last_purchase_day", "per.status_day")} AS churned,
    per.status_day - d.last_purchase_day < ${lapseDays} AND NOT ${churnedBy("d.last_purchase_day", "per.status_day")} AS active,
    CASE WHEN d.p = d.purchase_p
      THEN coalesce(per.start_day - 1 - d.previous_purchase_day < ${lapseDays}, false)
        AND NOT ${churnedBy("d.previous_purchase_day", "per.start_day - 1")}
      ELSE per.start_day - 1 - d.last_purchase_day < ${lapseDays}
        AND NOT ${churnedBy("d.last_purchase_day", "per.start_day - 1")} END AS prev_active,
    d.p = d.first_p AS is_new
  FROM dense d JOIN periods per ON per.period_index = d.p`],
    ["status", `SELECT *, bought AND NOT prev_active AND NOT is_new AS recovered,
    NOT active AND (prev_active OR bought) AS deserter,
    prev_active AND active AS retained
  FROM status1`],
    ...crossSellCteList(period),
  ];
}

/** Base CTEs that {@link materializeReportBase} stores as tables. */
const MATERIALIZED = ["tx", "bounds", "periods", "cpr", "cust", "cinfo", "status", "xs_events"];

/**
 * The `WITH` clause (without the final SELECT) defining the CTEs listed in this module's header.
 * Append `, more AS (...) SELECT ...` to it. When `options.baseTablesPrefix` is set (see
 * {@link materializeReportBase}) the CTEs read the stored tables instead of recomputing them.
 */
export function reportBaseSql(options: ResolvedReportOptions): string {
  const prefix = options.baseTablesPrefix;
  if (prefix) return `WITH ${MATERIALIZED.map((name) => `${name} AS (SELECT * FROM ${prefix}${name})`).join(",\n")}`;
  return `WITH ${baseCtes(options).map(([name, body]) => `${name} AS (\n  ${body}\n)`).join(",\n")}`;
}

/**
 * Store the base CTEs as temporary tables named `<prefix><cte>` so several report queries share
 * one computation (5-10× faster for a full report). Returns options whose `baseTablesPrefix` makes
 * every report query read them, and a function dropping them. The tables reflect the data at call time.
 */
export async function materializeReportBase(
  runner: SqlRunner,
  options: ResolvedReportOptions,
  prefix = "cvw_report_",
): Promise<{ options: ResolvedReportOptions; drop: () => Promise<void> }> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix)) throw new Error(`invalid prefix: ${JSON.stringify(prefix)}`);
  const ctes = baseCtes({ ...options, baseTablesPrefix: undefined });
  const done: string[] = [];
  for (const name of MATERIALIZED) {
    const upTo = ctes.slice(0, ctes.findIndex(([n]) => n === name) + 1);
    const withs = upTo.map(([n, body]) => (done.includes(n) ? `${n} AS (SELECT * FROM ${prefix}${n})` : `${n} AS (\n  ${body}\n)`));
    await runner.exec(`CREATE OR REPLACE TEMP TABLE ${prefix}${name} AS WITH ${withs.join(",\n")} SELECT * FROM ${name}`);
    done.push(name);
  }
  const drop = async () => {
    for (const name of [...done].reverse()) await runner.exec(`DROP TABLE IF EXISTS ${prefix}${name}`);
  };
  return { options: { ...options, baseTablesPrefix: prefix }, drop };
}
