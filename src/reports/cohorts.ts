/**
 * Cohort retention matrix: customers grouped by the period of their first purchase (the acquisition
 * cohort) × periods since acquisition (0 = the acquisition period). Each cell counts the cohort's
 * customers who purchased in that period and who were active at its status day (lapse rule), with
 * their shares of the cohort, and the cohort's net revenue in the period. Every cell up to the last
 * report period is present (zeros included).
 */
import type { ResolvedReportOptions } from "./options.js";
import { reportBaseSql } from "./baseSql.js";

/** One cell of the cohort matrix. */
export interface CohortCell {
  /** Period index of the acquisition cohort. */
  cohortIndex: number;
  /** Cohort label, `"2024-03"` or `"2024-Q1"`. */
  cohort: string;
  /** Periods since the acquisition period (0, 1, ...). */
  periodsSince: number;
  /** Label of the calendar period of this cell. */
  period: string;
  /** Customers whose first purchase fell in the cohort period. */
  cohortSize: number;
  /** Cohort customers with a purchase in this period. */
  purchasers: number;
  /** Cohort customers active at this period's status day. */
  active: number;
  /** `purchasers / cohortSize`. */
  purchasingShare: number;
  /** `active / cohortSize`. */
  activeShare: number;
  /** Net revenue of the cohort's customers in this period (returns included). */
  revenue: number;
}

/** The query returning every {@link CohortCell}, ordered by cohort then periods since. */
export function cohortMatrixSql(options: ResolvedReportOptions): string {
  return `${reportBaseSql(options)},
sizes AS (SELECT first_p AS cohort, count(*) AS size FROM cinfo GROUP BY first_p),
counts AS (
  SELECT first_p AS cohort, p, count(*) FILTER (WHERE bought) AS purchasers, count(*) FILTER (WHERE active) AS active
  FROM status GROUP BY ALL
),
revenue AS (
  SELECT ci.first_p AS cohort, r.p, sum(r.revenue) AS revenue
  FROM cpr r JOIN cinfo ci USING (customer_id) WHERE r.p >= ci.first_p GROUP BY ALL
)
SELECT s.cohort::INTEGER AS "cohortIndex", pc.label AS "cohort", (per.period_index - s.cohort)::INTEGER AS "periodsSince",
  per.label AS "period", s.size::INTEGER AS "cohortSize",
  coalesce(c.purchasers, 0)::INTEGER AS "purchasers", coalesce(c.active, 0)::INTEGER AS "active",
  (coalesce(c.purchasers, 0) / s.size)::DOUBLE AS "purchasingShare", (coalesce(c.active, 0) / s.size)::DOUBLE AS "activeShare",
  coalesce(r.revenue, 0)::DOUBLE AS "revenue"
FROM sizes s
JOIN periods pc ON pc.period_index = s.cohort
JOIN periods per ON per.period_index >= s.cohort
LEFT JOIN counts c ON c.cohort = s.cohort AND c.p = per.period_index
LEFT JOIN revenue r ON r.cohort = s.cohort AND r.p = per.period_index
ORDER BY s.cohort, per.period_index`;
}
