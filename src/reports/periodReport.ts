/**
 * The period table: one row per calendar month or quarter with acquisition, retention, cross-selling,
 * referral and key-account figures. Definitions: `REPORT_DEFINITIONS` (`./definitions.ts`).
 *
 * By construction, for every period: `activeEnd = activeStart + newCustomers + recovered − deserters`
 * and `activeStart(t) = activeEnd(t − 1)`; likewise for key accounts:
 * `keyAccountsActiveEnd = keyAccountsActiveStart + keyAccountsWon − keyAccountsLost`.
 */
import type { ResolvedReportOptions } from "./options.js";
import { reportBaseSql } from "./baseSql.js";
import { periodIndexSql } from "./periods.js";

/** One period of the report. Counts are customers; money is in the file's currency. */
export interface PeriodReportRow {
  /** Absolute period index (month: year·12 + month − 1; quarter: year·4 + quarter − 1). */
  periodIndex: number;
  /** `"2024-03"` or `"2024-Q1"`. */
  period: string;
  startEpochDay: number;
  /** Last day of the period (inclusive). */
  endEpochDay: number;
  /** Day the period-end status is judged on: `min(endEpochDay, asOfEpochDay)`. */
  statusEpochDay: number;
  /** True when the data ends before the period does. */
  partial: boolean;
  /** Net amount of all rows in the period (returns included). */
  revenue: number;
  /** Sum of margins in the period; null when the log has no margin. */
  margin: number | null;
  /** Customers with at least one purchase (amount ≥ 0) in the period. */
  buyers: number;
  /** Active customers at the end of the previous period (0 for the first period). */
  activeStart: number;
  /** Customers whose first purchase falls in the period. */
  newCustomers: number;
  /** Customers not active at the previous period's end who had bought before and bought in the period. */
  recovered: number;
  /** Customers active at the previous period's end, or new / recovered in the period, not active at its end. */
  deserters: number;
  /** Deserters whose last purchase is ≥ lapseDays before the status day. */
  desertersLapsed: number;
  /** Deserters with an explicit churn date on or after their last purchase, up to the status day. */
  desertersChurned: number;
  /** Active customers at the status day. */
  activeEnd: number;
  /** Customers active at both the previous and this period's end. */
  retained: number;
  /** `retained / activeStart`; null when activeStart = 0. */
  retentionRate: number | null;
  /** `(activeStart − retained) / activeStart`; null when activeStart = 0. */
  dropoutRate: number | null;
  /** First-period net revenue of the period's new customers. */
  newRevenue: number;
  /** First-period margin of new customers; null without margins. */
  newMargin: number | null;
  /** `newRevenue / newCustomers`; null when there are none. */
  newRevenuePerCustomer: number | null;
  /** `newMargin / newCustomers`; null without new customers or margins. */
  newMarginPerCustomer: number | null;
  /** New customers with a known acquisition cost; null without that column. */
  newWithAcquisitionCost: number | null;
  /** Total acquisition cost of new customers (known costs only); null without that column. */
  acquisitionCost: number | null;
  /** `acquisitionCost / newWithAcquisitionCost`; null when no cost is known. */
  acquisitionCostPerNew: number | null;
  /** Distinct customers with ≥ 1 cross-sell event in the period. */
  crossSellCustomers: number;
  /** Cross-sell events (customer × new category) in the period. */
  crossSellEvents: number;
  /** Cross-sell orders (customer-days with ≥ 1 event). */
  crossSellOrders: number;
  /** Net amount of the new-category lines on cross-sell orders. */
  crossSellAmount: number;
  /** `crossSellAmount / crossSellOrders`; null when there are none. */
  avgCrossSellOrderAmount: number | null;
  /** Referred customers (non-empty referred_by) acquired in the period; null without that column. */
  referrals: number | null;
  /** Key-account figures: null without an is_key_account column. */
  keyAccountsActiveStart: number | null;
  /** Key accounts new or recovered in the period. */
  keyAccountsWon: number | null;
  /** Key accounts among the period's deserters. */
  keyAccountsLost: number | null;
  keyAccountsRetained: number | null;
  keyAccountsActiveEnd: number | null;
  /** `keyAccountsRetained / keyAccountsActiveStart`; null when that is 0. */
  keyAccountRetentionRate: number | null;
  /** `(keyAccountsActiveStart − keyAccountsRetained) / keyAccountsActiveStart`; null when that is 0. */
  keyAccountDropoutRate: number | null;
}

/** The query returning one {@link PeriodReportRow} per period, in period order. */
export function periodReportSql(options: ResolvedReportOptions): string {
  const has = (field: string) => Boolean(options.customersTable) && options.customerFields.includes(field as never);
  const hasMargin = options.transactionFields.includes("margin");
  const ka = (expr: string) => (has("is_key_account") ? `coalesce(${expr}, 0)::INTEGER` : "NULL::INTEGER");
  const rate = (num: string, den: string) => `CASE WHEN ${den} > 0 THEN ${num}::DOUBLE / ${den} END`;
  const cost = has("acquisition_cost");
  return `${reportBaseSql(options)},
agg AS (
  SELECT p,
    count(*) FILTER (WHERE prev_active) AS active_start,
    count(*) FILTER (WHERE is_new) AS new_customers,
    count(*) FILTER (WHERE recovered) AS recovered,
    count(*) FILTER (WHERE deserter) AS deserters,
    count(*) FILTER (WHERE deserter AND churned) AS deserters_churned,
    count(*) FILTER (WHERE active) AS active_end,
    count(*) FILTER (WHERE retained) AS retained,
    sum(revenue) FILTER (WHERE is_new) AS new_revenue,
    sum(margin) FILTER (WHERE is_new) AS new_margin,
    count(*) FILTER (WHERE is_new AND acquisition_cost IS NOT NULL) AS new_with_cost,
    sum(acquisition_cost) FILTER (WHERE is_new) AS acquisition_cost,
    count(*) FILTER (WHERE is_key_account AND prev_active) AS ka_start,
    count(*) FILTER (WHERE is_key_account AND bought AND NOT prev_active) AS ka_won,
    count(*) FILTER (WHERE is_key_account AND deserter) AS ka_lost,
    count(*) FILTER (WHERE is_key_account AND retained) AS ka_retained,
    count(*) FILTER (WHERE is_key_account AND active) AS ka_end
  FROM status GROUP BY p
),
totals AS (
  SELECT p, sum(revenue) AS revenue, sum(margin) AS margin, count(*) FILTER (WHERE bought) AS buyers
  FROM cpr GROUP BY p
),
xs AS (
  SELECT p, count(DISTINCT customer_id) AS customers, count(*) AS events,
    count(DISTINCT (customer_id, day)) AS orders, sum(amount) AS amount
  FROM xs_events GROUP BY p
),
refs AS (
  SELECT ${periodIndexSql("coalesce(ci.first_day, cu.acquisition_day)", options.period)} AS p, count(*) AS referrals
  FROM cust cu LEFT JOIN cinfo ci USING (customer_id)
  WHERE cu.referred_by IS NOT NULL AND coalesce(ci.first_day, cu.acquisition_day) IS NOT NULL
  GROUP BY ALL
)
SELECT per.period_index::INTEGER AS "periodIndex", per.label AS "period", per.start_day::INTEGER AS "startEpochDay",
  per.end_day::INTEGER AS "endEpochDay", per.status_day::INTEGER AS "statusEpochDay", per.partial AS "partial",
  coalesce(t.revenue, 0)::DOUBLE AS "revenue",
  ${hasMargin ? "coalesce(t.margin, 0)::DOUBLE" : "NULL::DOUBLE"} AS "margin",
  coalesce(t.buyers, 0)::INTEGER AS "buyers",
  coalesce(a.active_start, 0)::INTEGER AS "activeStart",
  coalesce(a.new_customers, 0)::INTEGER AS "newCustomers",
  coalesce(a.recovered, 0)::INTEGER AS "recovered",
  coalesce(a.deserters, 0)::INTEGER AS "deserters",
  (coalesce(a.deserters, 0) - coalesce(a.deserters_churned, 0))::INTEGER AS "desertersLapsed",
  coalesce(a.deserters_churned, 0)::INTEGER AS "desertersChurned",
  coalesce(a.active_end, 0)::INTEGER AS "activeEnd",
  coalesce(a.retained, 0)::INTEGER AS "retained",
  ${rate("a.retained", "a.active_start")} AS "retentionRate",
  ${rate("(a.active_start - a.retained)", "a.active_start")} AS "dropoutRate",
  coalesce(a.new_revenue, 0)::DOUBLE AS "newRevenue",
  ${hasMargin ? "coalesce(a.new_margin, 0)::DOUBLE" : "NULL::DOUBLE"} AS "newMargin",
  ${rate("a.new_revenue", "a.new_customers")} AS "newRevenuePerCustomer",
  ${hasMargin ? rate("coalesce(a.new_margin, 0)", "a.new_customers") : "NULL::DOUBLE"} AS "newMarginPerCustomer",
  ${cost ? "coalesce(a.new_with_cost, 0)::INTEGER" : "NULL::INTEGER"} AS "newWithAcquisitionCost",
  ${cost ? "coalesce(a.acquisition_cost, 0)::DOUBLE" : "NULL::DOUBLE"} AS "acquisitionCost",
  ${cost ? rate("a.acquisition_cost", "a.new_with_cost") : "NULL::DOUBLE"} AS "acquisitionCostPerNew",
  coalesce(x.customers, 0)::INTEGER AS "crossSellCustomers",
  coalesce(x.events, 0)::INTEGER AS "crossSellEvents",
  coalesce(x.orders, 0)::INTEGER AS "crossSellOrders",
  coalesce(x.amount, 0)::DOUBLE AS "crossSellAmount",
  ${rate("x.amount", "x.orders")} AS "avgCrossSellOrderAmount",
  ${has("referred_by") ? "coalesce(r.referrals, 0)::INTEGER" : "NULL::INTEGER"} AS "referrals",
  ${ka("a.ka_start")} AS "keyAccountsActiveStart",
  ${ka("a.ka_won")} AS "keyAccountsWon",
  ${ka("a.ka_lost")} AS "keyAccountsLost",
  ${ka("a.ka_retained")} AS "keyAccountsRetained",
  ${ka("a.ka_end")} AS "keyAccountsActiveEnd",
  ${has("is_key_account") ? rate("a.ka_retained", "a.ka_start") : "NULL::DOUBLE"} AS "keyAccountRetentionRate",
  ${has("is_key_account") ? rate("(a.ka_start - a.ka_retained)", "a.ka_start") : "NULL::DOUBLE"} AS "keyAccountDropoutRate"
FROM periods per
LEFT JOIN agg a ON a.p = per.period_index
LEFT JOIN totals t ON t.p = per.period_index
LEFT JOIN xs x ON x.p = per.period_index
LEFT JOIN refs r ON r.p = per.period_index
ORDER BY per.period_index`;
}
