/**
 * A period's figures beside the previous period and the same period one year earlier, for the
 * "this quarter vs last quarter vs same quarter last year" view. Relative changes are
 * `(current − base) / |base|`, null when either value is missing or the base is 0.
 */
import type { ReportPeriod } from "./options.js";

/** One metric of {@link comparePeriods}. */
export interface PeriodComparison {
  key: string;
  current: number | null;
  previous: number | null;
  sameLastYear: number | null;
  /** `(current − previous) / |previous|`; null when not computable. */
  changeVsPrevious: number | null;
  /** `(current − sameLastYear) / |sameLastYear|`; null when not computable. */
  changeVsLastYear: number | null;
}

/** Periods per year: 12 months or 4 quarters. */
export const PERIODS_PER_YEAR: Readonly<Record<ReportPeriod, number>> = { month: 12, quarter: 4 };

function change(current: number | null, base: number | null): number | null {
  if (current === null || base === null || !Number.isFinite(current) || !Number.isFinite(base) || base === 0) return null;
  return (current - base) / Math.abs(base);
}

/**
 * Compare `keys` of the row with `periodIndex` to the previous period's and the same period's one year
 * earlier (rows found by `periodIndex`; an absent row or a null value gives null).
 * @example comparePeriods(report.periods, 8103, "quarter", ["activeEnd", "revenue"])
 */
export function comparePeriods<R extends { periodIndex: number }>(rows: readonly R[], periodIndex: number, period: ReportPeriod, keys: readonly (keyof R & string)[]): PeriodComparison[] {
  if (!Number.isInteger(periodIndex)) throw new Error(`invalid periodIndex: ${periodIndex}`);
  if (!(period in PERIODS_PER_YEAR)) throw new Error(`invalid period: ${JSON.stringify(period)}`);
  const byIndex = new Map(rows.map((row) => [row.periodIndex, row]));
  const value = (index: number, key: keyof R): number | null => {
    const v = byIndex.get(index)?.[key];
    return typeof v === "number" ? v : null;
  };
  return keys.map((key) => {
    const current = value(periodIndex, key);
    const previous = value(periodIndex - 1, key);
    const sameLastYear = value(periodIndex - PERIODS_PER_YEAR[period], key);
    return { key, current, previous, sameLastYear, changeVsPrevious: change(current, previous), changeVsLastYear: change(current, sameLastYear) };
  });
}
