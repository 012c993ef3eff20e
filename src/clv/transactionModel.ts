/**
 * The one interface CLV and holdout code needs from a fitted purchase-count model (BG/NBD,
 * Pareto/NBD, ...): expectations in the model's own time unit. Adapters for the library's models
 * are in `src/clv/adapters.ts`; any other model can implement it.
 */
import type { TimeUnit } from "../types.js";

/** A fitted non-contractual transaction model, evaluated in its time unit `unit`. */
export interface TransactionModel {
  /** Model identifier ("bgnbd", "pnbd", ...). */
  model: string;
  /** Time unit of every `t`, `tx`, `T` argument and of rates (the unit of the summary it was fitted on). */
  unit: TimeUnit;
  /** E[X(t)]: expected repeat purchases of a new customer in the first t units after their first purchase. */
  expectedPurchases(t: number): number;
  /** E[X(T, T + t] | x, tx, T]: expected purchases in the next t units of a customer with this history. */
  conditionalExpectedPurchases(t: number, x: number, tx: number, T: number): number;
  /**
   * Optional fast path: E[X(T, T + t] | x, tx, T] at each horizon t of `times` (model units), the same
   * numbers as `conditionalExpectedPurchases` per t with the per-customer work (P(alive), checks) done once.
   */
  conditionalExpectedPurchasesCurve?(times: ArrayLike<number>, x: number, tx: number, T: number): Float64Array;
  /** P(alive at T | x, tx, T). */
  probabilityAlive(x: number, tx: number, T: number): number;
  /**
   * DERT: discounted expected residual transactions ∫_T^∞ e^{−δ(s−T)} E[purchase rate at s | history] ds,
   * with δ a continuously compounded discount rate per model unit. Optional (closed form for Pareto/NBD).
   */
  discountedExpectedResidualPurchases?(continuousRatePerUnit: number, x: number, tx: number, T: number): number;
}
