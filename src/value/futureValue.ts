/**
 * Predicted future value per customer for the opportunity index and for "tiers by CLV": the
 * P(alive)-weighted discounted CLV of BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers
 * the easy way", Marketing Science 24(2)) with Gamma-Gamma spend (Fader, Hardie & Lee 2005, "RFM and
 * CLV: using iso-value curves", JMR 42(4)), discounted over a horizon (`src/clv/discountedClv.ts`):
 *
 *     futureValue_i = E[M | x_i, m̄_i] · Σ_{k=1..K} (E[X(kL) | h_i] − E[X((k−1)L) | h_i]) / (1 + d)^k
 *
 * The conditional expectations E[X(t) | h] already weigh by P(alive | h), so a lapsed customer's
 * future value shrinks with its probability of being alive. This module only chains the fits of
 * `src/models` and `src/clv`; it adds no formula.
 *
 * Input is a per-customer summary (x, t_x, T, m̄ in a stated unit), e.g. `customerSummaryFromSql`
 * over **purchase lines only**: returns (negative lines on their own day) would be counted as
 * purchase days with negative spend, and the Gamma-Gamma spend model needs m̄ > 0.
 */
import type { ClvCustomers } from "../clv/discountedClv.js";
import { discountedClv, type DiscountedClvOptions } from "../clv/discountedClv.js";
import { bgnbdTransactionModel } from "../clv/adapters.js";
import { fitBgNbd, type BgNbdParams } from "../models/bgnbd.js";
import { fitGammaGamma, type GammaGammaParams } from "../models/gammagamma.js";

/** Options of {@link futureValueFromSummary}: the CLV horizon and discounting (default 12 months at 1 % per month). */
export type FutureValueOptions = Partial<Pick<DiscountedClvOptions, "horizon" | "horizonUnit" | "discountRate" | "discountPer" | "monthConvention">>;

/** Predicted future value of every customer of the summary, with the fits behind it. */
export interface FutureValueResult {
  customerIds: readonly string[];
  /** Discounted expected spend over the horizon (money), by customer id. */
  futureValue: Map<string, number>;
  /** P(alive) now, by customer id. */
  probabilityAlive: Map<string, number>;
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
  /** Σ future value (money). */
  total: number;
  /** The horizon and discounting used. */
  options: Required<FutureValueOptions>;
  /** Soft problems of the fits (non-convergence, spend–frequency correlation, ...). */
  warnings: string[];
}

/** Default horizon: 12 months at 1 % per month (lifetimes' `customer_lifetime_value` default rate). */
export const DEFAULT_FUTURE_VALUE_OPTIONS: Readonly<Required<FutureValueOptions>> = {
  horizon: 12,
  horizonUnit: "month",
  discountRate: 0.01,
  discountPer: "month",
  monthConvention: "calendar",
};

/**
 * Fit BG/NBD and Gamma-Gamma (q > 1 constrained) on `summary` and return each customer's
 * P(alive)-weighted discounted CLV over the horizon. Throws when no customer has a repeat purchase
 * (the spend model cannot be fitted) or a repeat customer's mean spend is not positive.
 * @example futureValueFromSummary(await customerSummaryFromSql(runner, { unit: "week", calibrationEndEpochDay })).futureValue.get("C00001")
 */
export function futureValueFromSummary(summary: ClvCustomers, options: FutureValueOptions = {}): FutureValueResult {
  const settings = { ...DEFAULT_FUTURE_VALUE_OPTIONS, ...options };
  const n = summary.customerIds.length;
  const spend = [];
  for (let i = 0; i < n; i++) {
    if (!(summary.x[i] > 0)) continue;
    const m = summary.monetary[i];
    if (!(m > 0)) throw new RangeError(`invalid mean spend of customer ${JSON.stringify(summary.customerIds[i])}: ${m} (drop or net returns first)`);
    spend.push({ customerId: summary.customerIds[i], x: summary.x[i], monetary: m });
  }
  if (spend.length === 0) throw new RangeError("invalid summary: no customer with a repeat purchase, the spend model cannot be fitted");
  const bg = fitBgNbd(summary);
  const gg = fitGammaGamma(spend, { qConstraint: true });
  const model = bgnbdTransactionModel(bg.params, summary.unit);
  const clv = discountedClv(model, summary, gg.params, { ...settings, method: "periods" });
  const futureValue = new Map<string, number>();
  const probabilityAlive = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    futureValue.set(summary.customerIds[i], clv.clv[i]);
    probabilityAlive.set(summary.customerIds[i], model.probabilityAlive(summary.x[i], summary.tx[i], summary.T[i]));
  }
  const warnings = [...bg.warnings.map((w) => `bgnbd: ${w}`), ...gg.warnings.map((w) => `gamma-gamma: ${w}`), ...clv.warnings];
  return { customerIds: summary.customerIds, futureValue, probabilityAlive, bgnbd: bg.params, gammaGamma: gg.params, total: clv.total, options: settings, warnings: [...new Set(warnings)] };
}
