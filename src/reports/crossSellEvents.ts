/**
 * Cross-selling: a customer cross-buys category c in period t when their first purchase in c falls in
 * t and they had bought a different category on an earlier day (a basket of several categories on the
 * customer's first categorised day is not a cross-sell). The cross-sell amount is the net amount of
 * the customer's c lines on that first day; a cross-sell order is one customer-day with ≥ 1 event.
 * Rows with no category are ignored.
 */
import type { ReportPeriod } from "./options.js";
import { periodIndexSql } from "./periods.js";

/**
 * The cross-sell CTEs, as `[name, body]` pairs over the base CTE `tx`, ending with
 * `xs_events(customer_id, category, day, p, amount)`: one row per cross-sell event. Part of the base
 * CTEs of `reportBaseSql` (and stored by `materializeReportBase`).
 */
export function crossSellCteList(period: ReportPeriod): [string, string][] {
  return [
    ["cat_first", `SELECT customer_id, category, min(day) AS day FROM tx WHERE amount >= 0 AND category IS NOT NULL GROUP BY ALL`],
    ["xs_first", `SELECT customer_id, category, day, ${periodIndexSql("day", period)} AS p
  FROM (SELECT *, min(day) OVER (PARTITION BY customer_id) AS customer_first_day FROM cat_first)
  WHERE day > customer_first_day`],
    ["xs_events", `SELECT e.customer_id, e.category, e.day, e.p, sum(t.amount) AS amount
  FROM xs_first e JOIN tx t ON t.customer_id = e.customer_id AND t.category = e.category AND t.day = e.day
  GROUP BY ALL`],
  ];
}
