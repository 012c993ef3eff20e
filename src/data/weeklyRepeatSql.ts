/**
 * Weekly repeat transactions of an ingested log (the validated table `tx_clean`, dates as epoch days):
 * the "tracking" series of BTYD and lifetimes. Every distinct (customer, day) after the customer's
 * first purchase day counts once (same-day purchases merged); weeks are counted from the first purchase
 * day in the table. Same result as `weeklyRepeatTransactionsSql` in `logStats.ts` on the raw file, but
 * on integer days, without parsing date text again (about 5x faster on 1,000,000 rows).
 */
import { quoteIdentifier } from "../sql/runner.js";
import type { WeeklyRepeatRow } from "./logStats.js";

/**
 * Query returning {@link WeeklyRepeatRow}s (`week`, `weekStartEpochDay`, `repeatTransactions`), ordered
 * by week; weeks without a repeat transaction are absent.
 * @param table a table with `customer_id` and `epoch_day` columns (default `tx_clean`)
 */
export function weeklyRepeatFromCleanSql(table = "tx_clean"): string {
  return `WITH days AS (SELECT DISTINCT customer_id, epoch_day FROM ${quoteIdentifier(table)} WHERE customer_id IS NOT NULL AND epoch_day IS NOT NULL),
firsts AS (SELECT customer_id, min(epoch_day) AS first_day FROM days GROUP BY customer_id),
origin AS (SELECT min(epoch_day) AS origin FROM days)
SELECT
  ((d.epoch_day - o.origin) // 7)::INTEGER AS week,
  (o.origin + 7 * ((d.epoch_day - o.origin) // 7))::INTEGER AS weekStartEpochDay,
  count(*)::INTEGER AS repeatTransactions
FROM days d JOIN firsts f USING (customer_id), origin o
WHERE d.epoch_day > f.first_day
GROUP BY ALL
ORDER BY week`;
}
