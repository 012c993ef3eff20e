/**
 * "Who we won, who we lost": per period, the top customers won (new or recovered in the period) and
 * lost (the period's deserters, see the period table), ranked by a value measure.
 *
 * Ranking (`rankBy`): won customers by their revenue / margin in the period, lost customers by their
 * revenue / margin to date (everything they ever brought, up to the period); with `"clv"` both by the
 * CLV table's value. Ties break by customer id.
 */
import type { ResolvedReportOptions } from "./options.js";
import { reportBaseSql } from "./baseSql.js";

/** What orders won and lost customers. */
export type MoverRankBy = "revenue" | "margin" | "clv";

/** One customer won or lost in a period. */
export interface MoverRow {
  periodIndex: number;
  /** `"2024-03"` or `"2024-Q1"`. */
  period: string;
  /** `"new"` and `"recovered"` are won; `"lost"` are the period's deserters. */
  kind: "new" | "recovered" | "lost";
  /** 1 = most valuable within (period, won) or (period, lost). */
  rank: number;
  customerId: string;
  /** Net revenue of the customer in the period. */
  revenue: number;
  /** Net revenue of the customer over every row up to the end of the period. */
  revenueToDate: number;
  /** Margin to date; null without margins. */
  marginToDate: number | null;
  /** CLV from the CLV table; null without it. */
  clv: number | null;
  firstPurchaseEpochDay: number;
  /** Last purchase on or before the period's status day. */
  lastPurchaseEpochDay: number;
  /** For lost customers: `"churned"` (explicit churn date) or `"lapsed"`; null for won customers. */
  reason: "churned" | "lapsed" | null;
  /** Key-account flag from the customers table; null without it. */
  isKeyAccount: boolean | null;
}

/** Options of {@link customerMoversSql}. */
export interface MoverOptions {
  /** Customers listed per period and side (won / lost). Positive integer, default 10. */
  limit?: number;
  /** Ranking measure, default `"revenue"`; `"clv"` needs `clvTable`. */
  rankBy?: MoverRankBy;
}

/** The query returning the top {@link MoverRow}s, ordered by period, side (won first) and rank. */
export function customerMoversSql(options: ResolvedReportOptions, movers: MoverOptions = {}): string {
  const limit = movers.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`invalid limit: ${limit}`);
  const rankBy = movers.rankBy ?? "revenue";
  if (rankBy !== "revenue" && rankBy !== "margin" && rankBy !== "clv") throw new Error(`invalid rankBy: ${JSON.stringify(rankBy)}`);
  if (rankBy === "clv" && !options.clvTable) throw new Error("invalid rankBy: \"clv\" needs a clvTable");
  const clvJoin = options.clvTable
    ? `LEFT JOIN (SELECT TRIM(CAST(customer_id AS VARCHAR)) AS customer_id, max(TRY_CAST(clv AS DOUBLE)) AS clv FROM ${options.clvTable} GROUP BY 1) v USING (customer_id)`
    : "";
  const clv = options.clvTable ? "v.clv" : "NULL::DOUBLE";
  const hasKa = Boolean(options.customersTable) && options.customerFields.includes("is_key_account");
  const ka = hasKa ? "is_key_account" : "NULL::BOOLEAN";
  const wonKey = rankBy === "revenue" ? "revenue" : rankBy === "margin" ? "margin" : "clv";
  const lostKey = rankBy === "revenue" ? "revenue_to_date" : rankBy === "margin" ? "margin_to_date" : "clv";
  return `${reportBaseSql(options)},
flagged AS (
  SELECT s.*, ${clv} AS clv FROM status s ${clvJoin} WHERE s.deserter OR s.is_new OR s.recovered
),
to_date AS (
  SELECT f.customer_id, f.p, sum(r.revenue) AS revenue_to_date, sum(r.margin) AS margin_to_date
  FROM flagged f JOIN cpr r ON r.customer_id = f.customer_id AND r.p <= f.p GROUP BY ALL
),
marked AS (SELECT * FROM flagged JOIN to_date USING (customer_id, p)),
movers AS (
  SELECT p, CASE WHEN is_new THEN 'new' ELSE 'recovered' END AS kind, 'won' AS side, ${wonKey} AS rank_key,
    customer_id, revenue, revenue_to_date, margin_to_date, clv, first_day, last_day_upto, NULL::VARCHAR AS reason,
    ${ka} AS is_key_account
  FROM marked WHERE is_new OR recovered
  UNION ALL
  SELECT p, 'lost' AS kind, 'lost' AS side, ${lostKey} AS rank_key,
    customer_id, revenue, revenue_to_date, margin_to_date, clv, first_day, last_day_upto,
    CASE WHEN churned THEN 'churned' ELSE 'lapsed' END AS reason, ${ka} AS is_key_account
  FROM marked WHERE deserter
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY p, side ORDER BY rank_key DESC NULLS LAST, customer_id) AS rank
  FROM movers
)
SELECT r.p::INTEGER AS "periodIndex", per.label AS "period", r.kind AS "kind", r.rank::INTEGER AS "rank",
  r.customer_id AS "customerId", r.revenue::DOUBLE AS "revenue", r.revenue_to_date::DOUBLE AS "revenueToDate",
  r.margin_to_date::DOUBLE AS "marginToDate", r.clv::DOUBLE AS "clv", r.first_day::INTEGER AS "firstPurchaseEpochDay",
  r.last_day_upto::INTEGER AS "lastPurchaseEpochDay", r.reason AS "reason", r.is_key_account AS "isKeyAccount"
FROM ranked r JOIN periods per ON per.period_index = r.p
WHERE r.rank <= ${limit}
ORDER BY r.p, r.side DESC, r.rank`;
}
