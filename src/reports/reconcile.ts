/**
 * The report's accounting identities, checked on computed rows. Each violation is returned in words;
 * an empty list means every identity holds. Pages show these as a "figures reconcile" badge.
 *
 * 1. `activeEnd = activeStart + newCustomers + recovered − deserters` (every period);
 * 2. `activeStart(t) = activeEnd(t − 1)`, and `activeStart = 0` in the first period;
 * 3. `deserters = desertersLapsed + desertersChurned`; `retained ≤ activeStart`;
 * 4. key accounts: `keyAccountsActiveEnd = keyAccountsActiveStart + keyAccountsWon − keyAccountsLost`;
 * 5. bridge: `revenueEnd = revenueStart + newRevenue + recoveredRevenue + expansion − contraction − lostRevenue`,
 *    `revenueStart(t) = revenueEnd(t − 1)`, and `revenueEnd` equals the period table's revenue.
 */
import type { RevenueBridgeRow } from "./bridge.js";
import type { PeriodReportRow } from "./periodReport.js";

/** Check the identities; money compares with absolute tolerance `moneyTolerance` (default 1e-6). */
export function reconcileReport(
  periods: readonly PeriodReportRow[],
  bridge: readonly RevenueBridgeRow[] = [],
  moneyTolerance = 1e-6,
): string[] {
  const problems: string[] = [];
  const near = (a: number, b: number) => Math.abs(a - b) <= moneyTolerance * Math.max(1, Math.abs(a), Math.abs(b));
  periods.forEach((row, i) => {
    const expected = row.activeStart + row.newCustomers + row.recovered - row.deserters;
    if (row.activeEnd !== expected) problems.push(`${row.period}: active ${row.activeEnd} ≠ ${row.activeStart} + ${row.newCustomers} + ${row.recovered} − ${row.deserters}`);
    const previous = i === 0 ? 0 : periods[i - 1].activeEnd;
    if (row.activeStart !== previous) problems.push(`${row.period}: active at start ${row.activeStart} ≠ previous period's active ${previous}`);
    if (row.deserters !== row.desertersLapsed + row.desertersChurned) problems.push(`${row.period}: deserters ${row.deserters} ≠ lapsed + churned`);
    if (row.retained > row.activeStart) problems.push(`${row.period}: retained ${row.retained} > active at start ${row.activeStart}`);
    if (row.keyAccountsActiveEnd !== null) {
      const ka = (row.keyAccountsActiveStart ?? 0) + (row.keyAccountsWon ?? 0) - (row.keyAccountsLost ?? 0);
      if (row.keyAccountsActiveEnd !== ka) problems.push(`${row.period}: active key accounts ${row.keyAccountsActiveEnd} ≠ start + won − lost = ${ka}`);
    }
  });
  bridge.forEach((row, i) => {
    const sum = row.revenueStart + row.newRevenue + row.recoveredRevenue + row.expansion - row.contraction - row.lostRevenue;
    if (!near(sum, row.revenueEnd)) problems.push(`${row.period}: bridge sums to ${sum}, revenue is ${row.revenueEnd}`);
    const previous = i === 0 ? 0 : bridge[i - 1].revenueEnd;
    if (!near(row.revenueStart, previous)) problems.push(`${row.period}: bridge starts at ${row.revenueStart}, previous period ended at ${previous}`);
    const period = periods.find((p) => p.periodIndex === row.periodIndex);
    if (period && !near(period.revenue, row.revenueEnd)) problems.push(`${row.period}: bridge revenue ${row.revenueEnd} ≠ period revenue ${period.revenue}`);
  });
  return problems;
}
