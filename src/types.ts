/**
 * Core record types shared by every module of the library.
 *
 * Conventions (read these before adding a module):
 * - Calendar dates are **epoch days**: whole days since 1970-01-01 in UTC (`epochDay`). No `Date`
 *   objects and no time zones cross module boundaries; `src/data/dates.ts` converts.
 * - Every duration says its unit in its name or in a `unit` field (`horizonWeeks`, `{unit: "week"}`).
 * - Money is a plain number in the currency of the input file; `amount` is revenue, `margin` is
 *   revenue minus cost (absolute, not a ratio) when known.
 */

/** The time unit of a customer summary and of model parameters fitted on it. */
export type TimeUnit = "day" | "week" | "month";

/** Length of one {@link TimeUnit} in days (a month is 365.25 / 12 days, as in lifetimes and CLVTools). */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = {
  day: 1,
  week: 7,
  month: 365.25 / 12,
};

/** One line of a transaction log after parsing and validation. */
export interface Transaction {
  /** Customer identifier, as text. */
  customerId: string;
  /** Purchase date as days since 1970-01-01 UTC (integer). */
  epochDay: number;
  /** Revenue of the line; negative for returns / credits. */
  amount: number;
  /** Margin (revenue − cost) of the line, when known. */
  margin?: number | null;
  /** Product or category, when known. */
  category?: string | null;
  /** Sales channel, when known. */
  channel?: string | null;
  /** Order identifier, when known (several lines may share one). */
  orderId?: string | null;
  /** Units bought, when known. */
  quantity?: number | null;
}

/** Optional per-customer attributes (the `customers` table). */
export interface CustomerRecord {
  customerId: string;
  segment?: string | null;
  /** Acquisition date, epoch days. */
  acquisitionEpochDay?: number | null;
  /** Money spent to acquire this customer. */
  acquisitionCost?: number | null;
  /** Number of referrals this customer made. */
  referrals?: number | null;
  /** Number of complaints this customer made. */
  complaints?: number | null;
  /** Estimated total category spend of the customer per year (share-of-wallet denominator). */
  walletPerYear?: number | null;
  /** Key-account flag. */
  isKeyAccount?: boolean | null;
  /** Date the customer explicitly churned (contract ended), epoch days. */
  churnEpochDay?: number | null;
  /** Yearly cost to serve this customer, when known. */
  costToServePerYear?: number | null;
}

/** A non-customer the company could acquire (the `prospects` table). */
export interface ProspectRecord {
  prospectId: string;
  segment?: string | null;
  /** Estimated total category spend per year. */
  walletPerYear?: number | null;
  /** Fit / propensity score in [0, 1]. */
  fit?: number | null;
}
