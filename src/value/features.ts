/**
 * Per-customer business features that the value and opportunity indices are built from: revenue and
 * margin (to date and in a trailing window), spend per year, tenure, purchase frequency per year,
 * recency, categories bought, referrals, complaints, wallet, costs.
 *
 * How this differs from the model summary (x, t_x, T): the BTYD summary counts *repeat* purchase
 * days in a model time unit (weeks) from each customer's first purchase, for likelihoods. These
 * features are business metrics in **days and years** as of a calendar date, count *all* purchase
 * days, take tenure from the acquisition date when the customers table gives one, net returns
 * against revenue, and carry the non-transactional attributes (referrals, complaints, wallet).
 */
import type { CustomerRecord, Transaction } from "../types.js";

/** Days per year used to turn day counts into years (Julian year, as in `DAYS_PER_UNIT`). */
export const DAYS_PER_YEAR = 365.25;

/** The business features of one customer as of `asOfEpochDay`. */
export interface CustomerFeatures {
  customerId: string;
  segment: string | null;
  /** Net revenue (returns subtracted) of every line on or before the as-of day. */
  revenueToDate: number;
  /** Net revenue of the lines in the trailing window (asOf − windowDays, asOf]. */
  revenueInWindow: number;
  /**
   * Net margin to date; null when none of the customer's lines carries a margin (0 for a customer
   * who never bought, when other lines of the log carry margins).
   */
  marginToDate: number | null;
  /** Net margin in the trailing window; null when none of the customer's lines carries a margin. */
  marginInWindow: number | null;
  /**
   * Current spend per year: revenue of the last 365 days, annualised over the days the customer
   * has been buying when that is shorter (but over at least 90 days, so that a customer who bought
   * yesterday is not extrapolated ×365). The share-of-wallet numerator.
   */
  spendPerYear: number;
  /** Day of the first / last line with a positive amount; null when the customer never bought. */
  firstPurchaseEpochDay: number | null;
  lastPurchaseEpochDay: number | null;
  /** Distinct days with at least one positive line, up to the as-of day (all purchases, not repeats). */
  purchaseDays: number;
  /** Days from acquisition (customers table, else first purchase) to the as-of day; null when neither is known. */
  tenureDays: number | null;
  /** purchaseDays per year of tenure, tenure floored at 90 days; 0 when the customer never bought. */
  frequencyPerYear: number;
  /** Days since the last purchase; null when the customer never bought. */
  recencyDays: number | null;
  /** Distinct categories bought (positive lines), sorted; null when the log has no category column. */
  categories: string[] | null;
  /** Net revenue to date per category; empty when the log has no categories. */
  categoryRevenue: Record<string, number>;
  referrals: number | null;
  complaints: number | null;
  /** Estimated yearly wallet (total category spend) from the customers table. */
  walletPerYear: number | null;
  isKeyAccount: boolean | null;
  /** True when the customers table gives a churn date on or before the as-of day. */
  churned: boolean;
  acquisitionCost: number | null;
  costToServePerYear: number | null;
}

/** Options of {@link customerFeatures}. */
export interface FeatureOptions {
  /** The day the features describe (inclusive); lines after it are ignored. */
  asOfEpochDay: number;
  /** Length of the trailing window for `revenueInWindow` / `marginInWindow`, days (default 365). */
  windowDays?: number;
}

const SPEND_DAYS = 365;
const MIN_ANNUALISE_DAYS = 90;

interface Accumulator {
  revenueToDate: number;
  revenueInWindow: number;
  marginToDate: number;
  marginInWindow: number;
  hasMargin: boolean;
  spendLastYear: number;
  first: number;
  last: number;
  days: Set<number>;
  categoryRevenue: Map<string, number>;
  positiveCategories: Set<string>;
}

function finiteOrNull(x: number | null | undefined): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

/**
 * Compute {@link CustomerFeatures} for every customer in `customers` (in that order) and then every
 * other customer id found in `transactions` (in order of first appearance).
 * @param transactions order lines; `margin` and `category` are used when present
 * @param customers optional customers table (acquisition date, referrals, complaints, wallet, ...)
 * @example customerFeatures(lines, [], { asOfEpochDay: 20453 })[0].frequencyPerYear
 */
export function customerFeatures(transactions: readonly Transaction[], customers: readonly CustomerRecord[], options: FeatureOptions): CustomerFeatures[] {
  const asOf = options.asOfEpochDay;
  const windowDays = options.windowDays ?? 365;
  if (!Number.isInteger(asOf)) throw new Error(`invalid asOfEpochDay: ${asOf}`);
  if (!(windowDays >= 1)) throw new Error(`invalid windowDays: ${windowDays}`);
  const order: string[] = [];
  const records = new Map<string, CustomerRecord>();
  for (const c of customers) {
    if (records.has(c.customerId)) throw new Error(`duplicate customerId: ${c.customerId}`);
    records.set(c.customerId, c);
    order.push(c.customerId);
  }
  const acc = new Map<string, Accumulator>();
  let anyCategory = false;
  let anyMargin = false;
  for (const t of transactions) {
    let a = acc.get(t.customerId);
    if (!a) {
      a = { revenueToDate: 0, revenueInWindow: 0, marginToDate: 0, marginInWindow: 0, hasMargin: false, spendLastYear: 0, first: Infinity, last: -Infinity, days: new Set(), categoryRevenue: new Map(), positiveCategories: new Set() };
      acc.set(t.customerId, a);
      if (!records.has(t.customerId)) order.push(t.customerId);
    }
    if (t.epochDay > asOf) continue;
    const age = asOf - t.epochDay;
    const inWindow = age < windowDays;
    a.revenueToDate += t.amount;
    if (inWindow) a.revenueInWindow += t.amount;
    if (age < SPEND_DAYS) a.spendLastYear += t.amount;
    if (typeof t.margin === "number" && Number.isFinite(t.margin)) {
      a.hasMargin = true;
      anyMargin = true;
      a.marginToDate += t.margin;
      if (inWindow) a.marginInWindow += t.margin;
    }
    if (t.category != null && t.category !== "") {
      anyCategory = true;
      a.categoryRevenue.set(t.category, (a.categoryRevenue.get(t.category) ?? 0) + t.amount);
      if (t.amount > 0) a.positiveCategories.add(t.category);
    }
    if (t.amount > 0) {
      a.days.add(t.epochDay);
      if (t.epochDay < a.first) a.first = t.epochDay;
      if (t.epochDay > a.last) a.last = t.epochDay;
    }
  }

  return order.map((id) => {
    const r = records.get(id);
    const a = acc.get(id);
    const bought = a !== undefined && a.days.size > 0;
    const first = bought ? a.first : null;
    const last = bought ? a.last : null;
    const acquisition = finiteOrNull(r?.acquisitionEpochDay) ?? first;
    const tenureDays = acquisition === null ? null : Math.max(0, asOf - acquisition);
    const buyingDays = first === null ? 0 : asOf - first + 1;
    const annualiseDays = Math.min(SPEND_DAYS, Math.max(MIN_ANNUALISE_DAYS, buyingDays));
    const churnDay = finiteOrNull(r?.churnEpochDay);
    return {
      customerId: id,
      segment: r?.segment ?? null,
      revenueToDate: a?.revenueToDate ?? 0,
      revenueInWindow: a?.revenueInWindow ?? 0,
      marginToDate: a?.hasMargin ? a.marginToDate : anyMargin && !bought ? 0 : null,
      marginInWindow: a?.hasMargin ? a.marginInWindow : anyMargin && !bought ? 0 : null,
      spendPerYear: ((a?.spendLastYear ?? 0) * DAYS_PER_YEAR) / annualiseDays,
      firstPurchaseEpochDay: first,
      lastPurchaseEpochDay: last,
      purchaseDays: a?.days.size ?? 0,
      tenureDays,
      frequencyPerYear: bought ? (a.days.size * DAYS_PER_YEAR) / Math.max(MIN_ANNUALISE_DAYS, tenureDays ?? 0) : 0,
      recencyDays: last === null ? null : asOf - last,
      categories: anyCategory ? [...(a?.positiveCategories ?? [])].sort() : null,
      categoryRevenue: a ? Object.fromEntries([...a.categoryRevenue].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : {},
      referrals: finiteOrNull(r?.referrals),
      complaints: finiteOrNull(r?.complaints),
      walletPerYear: finiteOrNull(r?.walletPerYear),
      isKeyAccount: r?.isKeyAccount ?? null,
      churned: churnDay !== null && churnDay <= asOf,
      acquisitionCost: finiteOrNull(r?.acquisitionCost),
      costToServePerYear: finiteOrNull(r?.costToServePerYear),
    };
  });
}
