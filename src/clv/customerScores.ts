/**
 * Per-customer scores of the Customers table from a fitted transaction model and (optionally) a
 * Gamma-Gamma spend model: P(alive), expected purchases over the horizon, expected spend per purchase
 * and discounted CLV (Fader, Hardie & Lee 2005, "RFM and CLV"; the periods method of
 * `discountedClv.ts`, whose header states the discounting convention). Identical (x, t_x, T) histories
 * are evaluated once.
 */
import { conditionalExpectedSpend, populationMeanSpend, type GammaGammaParams } from "../models/gammagamma.js";
import type { TimeUnit } from "../types.js";
import { transactionModelFromFit, type TransactionModelFit } from "./adapters.js";
import { discountedClv } from "./discountedClv.js";
import type { MonthConvention, PeriodUnit } from "./periods.js";

/** Horizon and discounting of {@link scoreCustomers}. */
export interface CustomerScoreOptions {
  /** Length of the CLV horizon in `horizonUnit` (finite, ≥ 0). */
  horizon: number;
  horizonUnit: PeriodUnit;
  /** Discount rate per `discountPer` (0.01 = 1 % per month), ≥ 0. */
  discountRate: number;
  discountPer: PeriodUnit;
  /** Length of a month (default "calendar"; "lifetimes" reproduces lifetimes' figures). */
  monthConvention?: MonthConvention;
}

/** Per-customer scores (index i = customer i of the input). */
export interface CustomerScores {
  pAlive: Float64Array;
  /** Expected purchases over the horizon (undiscounted). */
  expectedPurchases: Float64Array;
  /** Expected spend per future purchase (money); NaN for everyone when there is no spend model. */
  expectedSpend: Float64Array;
  /** Discounted CLV over the horizon (money); NaN for everyone when there is no spend model. */
  clv: Float64Array;
  /** Σ clv (NaN without a spend model). */
  total: number;
  warnings: string[];
}

/**
 * Score every customer of `customers` with `fit` (BG/NBD, MBG/NBD or Pareto/NBD) and `spend`
 * (Gamma-Gamma parameters, or null: then expected spend and CLV are NaN and a warning says so).
 * A repeater whose mean spend is ≤ 0 (returns) gets the population mean spend.
 */
export function scoreCustomers(
  fit: TransactionModelFit,
  spend: GammaGammaParams | null,
  customers: { unit: TimeUnit; customerIds: readonly string[]; x: ArrayLike<number>; tx: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  options: CustomerScoreOptions,
): CustomerScores {
  const model = transactionModelFromFit(fit);
  const n = customers.customerIds.length;
  const pAlive = new Float64Array(n);
  const cache = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${customers.x[i]}|${customers.tx[i]}|${customers.T[i]}`;
    let p = cache.get(key);
    if (p === undefined) {
      p = model.probabilityAlive(customers.x[i], customers.tx[i], customers.T[i]);
      cache.set(key, p);
    }
    pAlive[i] = p;
  }
  const warnings: string[] = [];
  const mean = spend ? populationMeanSpend(spend) : NaN;
  const spendOf = (x: number, monetary: number) => (spend ? (x > 0 && monetary > 0 ? conditionalExpectedSpend(spend, x, monetary) : mean) : 1);
  const result = discountedClv(model, customers, spendOf, { ...options, method: "periods" });
  warnings.push(...result.warnings);
  if (!spend) {
    warnings.push("no spend model: expected spend and CLV are not available");
    return { pAlive, expectedPurchases: result.expectedPurchases, expectedSpend: new Float64Array(n).fill(NaN), clv: new Float64Array(n).fill(NaN), total: NaN, warnings };
  }
  return { pAlive, expectedPurchases: result.expectedPurchases, expectedSpend: result.expectedSpend, clv: result.clv, total: result.total, warnings };
}
