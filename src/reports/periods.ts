/**
 * Calendar periods (UTC months and quarters) as absolute integer indexes, in TypeScript and as SQL
 * expressions over epoch days, so pages and queries agree on every period edge.
 *
 * Period index: month = `year * 12 + (month − 1)`, quarter = `year * 4 + (quarter − 1)`. Labels:
 * `"2024-03"`, `"2024-Q1"`. Civil-date conversion: `src/util/dates.ts` (re-exported here).
 */
import { civilFromEpochDay, epochDayFromCivil } from "../util/dates.js";
import type { ReportPeriod } from "./options.js";

export { civilFromEpochDay, epochDayFromCivil } from "../util/dates.js";

/** Months in one period. */
export const MONTHS_PER_PERIOD: Readonly<Record<ReportPeriod, number>> = { month: 1, quarter: 3 };

/** Absolute index of the period containing `epochDay`. */
export function periodIndexOf(epochDay: number, period: ReportPeriod): number {
  const { year, month } = civilFromEpochDay(epochDay);
  return period === "month" ? year * 12 + month - 1 : year * 4 + Math.floor((month - 1) / 3);
}

/** First day (epoch days) of period `index`. */
export function periodStartEpochDay(index: number, period: ReportPeriod): number {
  const perYear = 12 / MONTHS_PER_PERIOD[period];
  const year = Math.floor(index / perYear);
  const month = (index - year * perYear) * MONTHS_PER_PERIOD[period] + 1;
  return epochDayFromCivil(year, month, 1);
}

/** Last day (epoch days, inclusive) of period `index`. */
export function periodEndEpochDay(index: number, period: ReportPeriod): number {
  return periodStartEpochDay(index + 1, period) - 1;
}

/** Label of period `index`: `"2024-03"` or `"2024-Q1"`. */
export function periodLabel(index: number, period: ReportPeriod): string {
  const perYear = period === "month" ? 12 : 4;
  const year = Math.floor(index / perYear);
  const within = index - year * perYear + 1;
  return period === "month" ? `${year}-${String(within).padStart(2, "0")}` : `${year}-Q${within}`;
}

/** SQL: DATE of an epoch-day expression. */
function dateOf(epochDayExpr: string): string {
  return `(DATE '1970-01-01' + (${epochDayExpr})::INTEGER)`;
}

/** SQL expression: period index of an epoch-day expression (same as {@link periodIndexOf}). */
export function periodIndexSql(epochDayExpr: string, period: ReportPeriod): string {
  const d = dateOf(epochDayExpr);
  return period === "month" ? `(year(${d}) * 12 + month(${d}) - 1)` : `(year(${d}) * 4 + quarter(${d}) - 1)`;
}

/** SQL expression: first epoch day of a (non-negative) period-index expression. */
export function periodStartSql(indexExpr: string, period: ReportPeriod): string {
  const perYear = period === "month" ? 12 : 4;
  const k = MONTHS_PER_PERIOD[period];
  return `(make_date(((${indexExpr}) // ${perYear})::BIGINT, ((${indexExpr}) % ${perYear} * ${k} + 1)::BIGINT, 1) - DATE '1970-01-01')::INTEGER`;
}

/** SQL expression: label (`'2024-03'`, `'2024-Q1'`) of a (non-negative) period-index expression. */
export function periodLabelSql(indexExpr: string, period: ReportPeriod): string {
  return period === "month"
    ? `printf('%04d-%02d', (${indexExpr}) // 12, (${indexExpr}) % 12 + 1)`
    : `printf('%04d-Q%d', (${indexExpr}) // 4, (${indexExpr}) % 4 + 1)`;
}
