/**
 * Revenue bridge (a "waterfall" from one period's revenue to the next), per customer and period t:
 * with R_c(t) the customer's net revenue in t (returns included), and "present" meaning the customer
 * has at least one row in the period,
 *
 * - new: absent in t−1, present in t, no purchase before t → `R_c(t)`
 * - recovered: absent in t−1, present in t, a purchase before t−1 → `R_c(t)`
 * - expansion: present in both, `R_c(t) > R_c(t−1)` → `R_c(t) − R_c(t−1)`
 * - contraction: present in both, `R_c(t) < R_c(t−1)` → `R_c(t−1) − R_c(t)`
 * - lost: present in t−1, absent in t → `R_c(t−1)`
 *
 * so `revenueEnd = revenueStart + new + recovered + expansion − contraction − lost` exactly: the sums
 * run in DECIMAL(38, 6), so the identity holds to the 6th decimal before conversion to DOUBLE. These
 * classes are revenue-based, period over period; they differ from the status-based counts of the
 * period table (a "lost" revenue customer may still be active under the lapse rule).
 */
import type { ResolvedReportOptions } from "./options.js";
import { reportBaseSql } from "./baseSql.js";
import { periodIndexSql } from "./periods.js";

/** One period of the revenue bridge. Money is in the file's currency. */
export interface RevenueBridgeRow {
  periodIndex: number;
  /** `"2024-03"` or `"2024-Q1"`. */
  period: string;
  /** Net revenue of the previous period (0 for the first period). */
  revenueStart: number;
  newRevenue: number;
  recoveredRevenue: number;
  expansion: number;
  contraction: number;
  lostRevenue: number;
  /** Net revenue of this period. */
  revenueEnd: number;
  /** Customers in each class. */
  newCustomers: number;
  recoveredCustomers: number;
  expandedCustomers: number;
  contractedCustomers: number;
  lostCustomers: number;
}

/** The query returning one {@link RevenueBridgeRow} per period, in period order. */
export function revenueBridgeSql(options: ResolvedReportOptions): string {
  const d = (expr: string) => `coalesce(${expr}, 0)::DOUBLE`;
  const n = (expr: string) => `coalesce(${expr}, 0)::INTEGER`;
  return `${reportBaseSql(options)},
crev AS (
  SELECT customer_id, ${periodIndexSql("day", options.period)} AS p, sum(CAST(amount AS DECIMAL(38, 6))) AS rev
  FROM tx GROUP BY ALL
),
pairs AS (
  SELECT coalesce(cur.customer_id, prv.customer_id) AS customer_id, coalesce(cur.p, prv.p) AS p,
    prv.rev AS prev_rev, cur.rev AS cur_rev
  FROM crev cur
  FULL JOIN (SELECT customer_id, p + 1 AS p, rev FROM crev) prv ON prv.customer_id = cur.customer_id AND prv.p = cur.p
),
classed AS (
  SELECT pr.*, CASE
      WHEN pr.prev_rev IS NULL AND (ci.first_p IS NULL OR ci.first_p >= pr.p) THEN 'new'
      WHEN pr.prev_rev IS NULL THEN 'recovered'
      WHEN pr.cur_rev IS NULL THEN 'lost'
      WHEN pr.cur_rev > pr.prev_rev THEN 'expansion'
      WHEN pr.cur_rev < pr.prev_rev THEN 'contraction'
      ELSE 'flat' END AS class
  FROM pairs pr LEFT JOIN cinfo ci USING (customer_id)
),
agg AS (
  SELECT p, sum(prev_rev) AS revenue_start, sum(cur_rev) AS revenue_end,
    sum(cur_rev) FILTER (WHERE class = 'new') AS new_rev, count(*) FILTER (WHERE class = 'new') AS new_n,
    sum(cur_rev) FILTER (WHERE class = 'recovered') AS rec_rev, count(*) FILTER (WHERE class = 'recovered') AS rec_n,
    sum(cur_rev - prev_rev) FILTER (WHERE class = 'expansion') AS exp_rev, count(*) FILTER (WHERE class = 'expansion') AS exp_n,
    sum(prev_rev - cur_rev) FILTER (WHERE class = 'contraction') AS con_rev, count(*) FILTER (WHERE class = 'contraction') AS con_n,
    sum(prev_rev) FILTER (WHERE class = 'lost') AS lost_rev, count(*) FILTER (WHERE class = 'lost') AS lost_n
  FROM classed GROUP BY p
)
SELECT per.period_index::INTEGER AS "periodIndex", per.label AS "period",
  ${d("a.revenue_start")} AS "revenueStart", ${d("a.new_rev")} AS "newRevenue", ${d("a.rec_rev")} AS "recoveredRevenue",
  ${d("a.exp_rev")} AS "expansion", ${d("a.con_rev")} AS "contraction", ${d("a.lost_rev")} AS "lostRevenue",
  ${d("a.revenue_end")} AS "revenueEnd",
  ${n("a.new_n")} AS "newCustomers", ${n("a.rec_n")} AS "recoveredCustomers", ${n("a.exp_n")} AS "expandedCustomers",
  ${n("a.con_n")} AS "contractedCustomers", ${n("a.lost_n")} AS "lostCustomers"
FROM periods per LEFT JOIN agg a ON a.p = per.period_index
ORDER BY per.period_index`;
}
