/**
 * Cross-selling: a customer cross-buys category c in period t when their first purchase in c falls in
 * t and they had bought a different category on an earlier day (a basket of several categories on the
 * customer's first categorised day is not a cross-sell). The cross-sell amount is the net amount of
 * the customer's c lines on that first day; a cross-sell order is one customer-day with ≥ 1 event.
 * Rows with no category are ignored.
 */
import type { ResolvedReportOptions } from "./options.js";
import { reportBaseSql } from "./baseSql.js";

/** One row of {@link crossSellByCategorySql}: cross-selling of one category in one period. */
export interface CrossSellCategoryRow {
  periodIndex: number;
  /** `"2024-03"` or `"2024-Q1"`. */
  period: string;
  category: string;
  /** Customers whose first purchase of this category (after another category) fell in the period. */
  customers: number;
  /** Net amount of those first-day lines in this category. */
  amount: number;
  /** `amount / customers`. */
  amountPerCustomer: number;
}

/** Cross-sell events per period and category, ordered by period then customers (descending). */
export function crossSellByCategorySql(options: ResolvedReportOptions): string {
  return `${reportBaseSql(options)}
SELECT e.p::INTEGER AS "periodIndex", per.label AS "period", e.category AS "category",
  count(*)::INTEGER AS "customers", sum(e.amount)::DOUBLE AS "amount", (sum(e.amount) / count(*))::DOUBLE AS "amountPerCustomer"
FROM xs_events e JOIN periods per ON per.period_index = e.p
GROUP BY e.p, per.label, e.category
ORDER BY e.p, "customers" DESC, e.category`;
}
