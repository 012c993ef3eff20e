/**
 * Discounted customer lifetime value over a horizon, per customer, from a transaction model (BG/NBD,
 * Pareto/NBD, ...) and a spend model (Gamma-Gamma): Fader, Hardie & Lee (2005), "RFM and CLV: using
 * iso-value curves for customer base analysis", J. Marketing Research 42(4), eq. 2 (CLV = margin ×
 * DET), and Fader, Hardie & Lee (2005), "A note on deriving the Pareto/NBD model and related
 * expressions" / CLVTools (DERT with continuous discounting).
 *
 * Two methods, both with every unit explicit:
 *
 * - `"periods"` (discrete, the default; lifetimes' `customer_lifetime_value`): the horizon is cut into
 *   K discount periods of length L (model units); purchases expected in period k,
 *   E[X(kL) | h] − E[X((k−1)L) | h], are valued at the expected spend and discounted as cash at the
 *   end of the period, by (1 + d)^k (or e^{−dk} with `compounding: "continuous"`):
 *
 *     CLV = E[M | x, m̄] · Σ_{k=1..K} (E[X(kL) | h] − E[X((k−1)L) | h]) / (1 + d)^k
 *
 *   A horizon that is not a whole number of discount periods ends with a partial period discounted
 *   at (1 + d)^K. With `monthConvention: "lifetimes"` a month is 4.345 weeks / 30 days, as in lifetimes.
 * - `"dert"` (continuous, CLVTools' `predicted.CLV`): CLV = E[M | x, m̄] · DERT(δ | h), the closed-form
 *   infinite-horizon discounted expected residual transactions with δ the continuously compounded rate
 *   per model unit (ln(1 + d) / L for a discrete rate d per period L). Needs `horizon: Infinity` and a
 *   model that implements `discountedExpectedResidualPurchases`.
 *
 * The customer histories carry their unit and it must equal the model's: a weekly summary cannot be
 * scored with a daily model by mistake.
 */
import type { TimeUnit } from "../types.js";
import { conditionalExpectedSpend, type GammaGammaParams } from "../models/gammagamma.js";
import { checkPeriodUnit, continuousRatePerModelUnit, periodInModelUnits, type MonthConvention, type PeriodUnit } from "./periods.js";
import type { TransactionModel } from "./transactionModel.js";
import { DistinctTriples } from "../util/distinct.js";

/** Per-customer histories in a stated unit (a `CustomerSummary` from `src/data/summary.ts` fits). */
export interface ClvCustomers {
  /** Unit of `tx` and `T`; must equal the transaction model's unit. */
  unit: TimeUnit;
  customerIds: readonly string[];
  /** Repeat purchases in calibration. */
  x: ArrayLike<number>;
  /** Recency (time of last purchase since the first), in `unit`. */
  tx: ArrayLike<number>;
  /** Age (time from first purchase to calibration end), in `unit`. */
  T: ArrayLike<number>;
  /** Mean repeat spend (money per transaction; ignored when x = 0). */
  monetary: ArrayLike<number>;
}

/** Expected spend per future transaction of customer i: Gamma-Gamma parameters or any function. */
export type SpendModel = GammaGammaParams | ((x: number, monetary: number, index: number) => number);

/** Options of {@link discountedClv}. */
export interface DiscountedClvOptions {
  /** Length of the horizon in `horizonUnit` (Infinity only with method "dert"). */
  horizon: number;
  horizonUnit: PeriodUnit;
  /** Discount rate per `discountPer` (0.01 = 1 % per month), ≥ 0. */
  discountRate: number;
  discountPer: PeriodUnit;
  /** "discrete" (default): divide by (1 + d) per period; "continuous": `discountRate` is a force of interest, factor e^{−d} per period. */
  compounding?: "discrete" | "continuous";
  /** Length of a month: "calendar" (365.25/12 days, default) or "lifetimes" (4.345 weeks / 30 days). */
  monthConvention?: MonthConvention;
  /** "periods" (default) or "dert"; see the module header. */
  method?: "periods" | "dert";
}

/** Per-customer discounted CLV and its parts (index i = customer i of the input). */
export interface DiscountedClvResult {
  customerIds: readonly string[];
  /** Discounted CLV (money). */
  clv: Float64Array;
  /** Undiscounted expected purchases over the horizon ("periods") or DERT ("dert"). */
  expectedPurchases: Float64Array;
  /** Expected spend per transaction used (money). */
  expectedSpend: Float64Array;
  /** Σ clv. */
  total: number;
  /** Horizon in model units (Infinity for "dert"). */
  horizonInModelUnits: number;
  /** Number of discount periods summed (fractional when the horizon is not a whole number of them); Infinity for "dert". */
  discountPeriods: number;
  /** Continuously compounded discount rate per model unit equivalent to the options. */
  continuousRatePerModelUnit: number;
  method: "periods" | "dert";
  unit: TimeUnit;
  warnings: string[];
}

function spendFunction(spend: SpendModel, customers: ClvCustomers): (i: number) => number {
  if (typeof spend === "function") return (i) => spend(customers.x[i], customers.monetary[i], i);
  return (i) => {
    try {
      return conditionalExpectedSpend(spend, customers.x[i], customers.monetary[i]);
    } catch (error) {
      throw new RangeError(`customer ${JSON.stringify(customers.customerIds[i])}: ${(error as Error).message}`);
    }
  };
}

/**
 * Index of each customer's (x, t_x, T) among the distinct histories (first-seen order): customers with
 * the same history share one model evaluation (CDNOW: 2,357 customers, 1,016 distinct histories).
 * NaN never equals itself, so each NaN row stays its own.
 */
function distinctHistories(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): { index: Int32Array; count: number } {
  const n = x.length;
  const distinct = new DistinctTriples(n);
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = distinct.index(x[i], tx[i], T[i]);
  return { index, count: distinct.size };
}

/**
 * Discounted CLV of every customer over a horizon; see the module header for the two methods and the
 * unit conventions. Throws (naming the value) on a unit mismatch between customers and model, a
 * negative rate or horizon, or "dert" without a closed form.
 *
 * @example discountedClv(model, summary, ggParams, { horizon: 12, horizonUnit: "month", discountRate: 0.01, discountPer: "month" })
 */
export function discountedClv(model: TransactionModel, customers: ClvCustomers, spend: SpendModel, options: DiscountedClvOptions): DiscountedClvResult {
  if (customers.unit !== model.unit) {
    throw new RangeError(`invalid customers unit: ${JSON.stringify(customers.unit)} differs from the ${model.model} model's unit ${JSON.stringify(model.unit)}`);
  }
  const method = options.method ?? "periods";
  if (method !== "periods" && method !== "dert") throw new RangeError(`invalid method: ${JSON.stringify(method)}`);
  const compounding = options.compounding ?? "discrete";
  if (compounding !== "discrete" && compounding !== "continuous") throw new RangeError(`invalid compounding: ${JSON.stringify(compounding)}`);
  const convention = options.monthConvention ?? "calendar";
  checkPeriodUnit("horizonUnit", options.horizonUnit);
  checkPeriodUnit("discountPer", options.discountPer);
  const { horizon, discountRate } = options;
  if (!(horizon >= 0)) throw new RangeError(`invalid horizon: ${horizon}`);
  if (!(discountRate >= 0) || !Number.isFinite(discountRate)) throw new RangeError(`invalid discountRate: ${discountRate}`);
  const delta = continuousRatePerModelUnit(discountRate, options.discountPer, model.unit, compounding, convention);
  const n = customers.customerIds.length;
  if (customers.x.length !== n || customers.tx.length !== n || customers.T.length !== n || customers.monetary.length !== n) {
    throw new RangeError(`invalid customers: column lengths differ from ${n} ids`);
  }
  const expectedSpendOf = spendFunction(spend, customers);
  const clv = new Float64Array(n);
  const purchases = new Float64Array(n);
  const expectedSpend = new Float64Array(n);
  const warnings: string[] = [];
  const distinct = distinctHistories(customers.x, customers.tx, customers.T);
  const values: ([number, number] | undefined)[] = new Array(distinct.count);

  let horizonInModelUnits: number;
  let discountPeriods: number;
  let valueOf: (x: number, tx: number, T: number) => [number, number];
  if (method === "dert") {
    if (horizon !== Infinity) throw new RangeError(`invalid horizon for method "dert": ${horizon} (dert is the infinite-horizon closed form; use horizon: Infinity)`);
    const dert = model.discountedExpectedResidualPurchases?.bind(model);
    if (!dert) throw new RangeError(`invalid method: "dert" needs a closed-form DERT, which the ${model.model} model does not provide`);
    if (!(delta > 0)) throw new RangeError(`invalid discountRate for method "dert": ${discountRate} (must be > 0)`);
    horizonInModelUnits = Infinity;
    discountPeriods = Infinity;
    valueOf = (x, tx, T) => {
      const d = dert(delta, x, tx, T);
      return [d, d];
    };
  } else {
    if (!Number.isFinite(horizon)) throw new RangeError(`invalid horizon for method "periods": ${horizon} (use method "dert" for an infinite horizon)`);
    const stepLength = periodInModelUnits(options.discountPer, model.unit, convention);
    horizonInModelUnits = horizon * periodInModelUnits(options.horizonUnit, model.unit, convention);
    discountPeriods = horizonInModelUnits / stepLength;
    // treat a rounding residue (12 months of 4.345 weeks = 52.14 weeks / 4.345) as a whole number
    const K = Math.abs(discountPeriods - Math.round(discountPeriods)) < 1e-9 ? Math.round(discountPeriods) : discountPeriods;
    const steps = Math.ceil(K);
    // horizons (model units) and discount factors of the steps, shared by every customer
    const horizons = new Float64Array(steps);
    const factors = new Float64Array(steps);
    for (let k = 1; k <= steps; k++) {
      const end = Math.min(k, K);
      horizons[k - 1] = end * stepLength;
      factors[k - 1] = compounding === "continuous" ? Math.exp(-discountRate * end) : (1 + discountRate) ** -end;
    }
    const curve = model.conditionalExpectedPurchasesCurve?.bind(model);
    valueOf = (x, tx, T) => {
      const cumulative = curve ? curve(horizons, x, tx, T) : horizons.map((t) => model.conditionalExpectedPurchases(t, x, tx, T));
      let previous = 0;
      let discounted = 0;
      for (let k = 0; k < steps; k++) {
        discounted += (cumulative[k] - previous) * factors[k];
        previous = cumulative[k];
      }
      return [discounted, previous];
    };
  }

  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = customers.x[i];
    const tx = customers.tx[i];
    const T = customers.T[i];
    const key = distinct.index[i];
    let value = values[key];
    if (!value) {
      value = valueOf(x, tx, T);
      if (!Number.isFinite(value[0]) || !Number.isFinite(value[1])) {
        throw new RangeError(`customer ${JSON.stringify(customers.customerIds[i])}: non-finite expected purchases ${value[1]} for x = ${x}, tx = ${tx}, T = ${T}`);
      }
      values[key] = value;
    }
    const s = expectedSpendOf(i);
    expectedSpend[i] = s;
    clv[i] = value[0] * s;
    purchases[i] = value[1];
    total += clv[i];
  }
  if (method === "periods" && horizonInModelUnits > 0 && discountRate === 0) warnings.push("discount rate is 0: values are undiscounted");
  return {
    customerIds: customers.customerIds,
    clv,
    expectedPurchases: purchases,
    expectedSpend,
    total,
    horizonInModelUnits,
    discountPeriods,
    continuousRatePerModelUnit: delta,
    method,
    unit: model.unit,
    warnings,
  };
}
