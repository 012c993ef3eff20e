/**
 * Holdout validation of a transaction model: predicted vs actual purchases in a holdout period, in
 * total and per calibration-frequency bin (0, 1, ..., 7+), as in Fader, Hardie & Lee (2005), "Counting
 * your customers the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2),
 * Figure 4 (conditional expectations), and lifetimes' `plot_calibration_purchases_vs_holdout_purchases`
 * / BTYD's `pnbd.PlotFreqVsConditionalExpectedFrequency`.
 *
 * The prediction for a customer is E[X(T, T + t*] | x, tx, T] with t* the holdout length in the
 * model's unit; the actual is the number of purchase days in the holdout (`xHoldout`).
 */
import type { TimeUnit } from "../types.js";
import type { TransactionModel } from "./transactionModel.js";

/** Calibration histories with holdout counts (a `CustomerSummary` with a holdout fits). */
export interface HoldoutCustomers {
  unit: TimeUnit;
  /** Holdout length in `unit`. */
  holdoutLength: number | null;
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Actual purchases in the holdout. */
  xHoldout: ArrayLike<number> | null;
}

/** One calibration-frequency bin. */
export interface HoldoutBin {
  /** Lowest calibration frequency of the bin (the last bin holds every x ≥ this). */
  frequency: number;
  /** "0", "1", ..., "7+". */
  label: string;
  customers: number;
  actualTotal: number;
  predictedTotal: number;
  /** Mean actual holdout purchases per customer (NaN for an empty bin). */
  actualMean: number;
  /** Mean predicted holdout purchases per customer (NaN for an empty bin). */
  predictedMean: number;
}

/** Result of {@link holdoutValidation}. */
export interface HoldoutValidation {
  /** Holdout length in model units. */
  holdoutLength: number;
  unit: TimeUnit;
  bins: HoldoutBin[];
  total: {
    customers: number;
    actual: number;
    predicted: number;
    /** (predicted − actual) / actual; NaN when actual = 0. */
    relativeError: number;
    /** Mean absolute error per customer. */
    meanAbsoluteError: number;
  };
  /** Predicted holdout purchases per customer. */
  predicted: Float64Array;
}

/**
 * Compare predicted with actual holdout purchases. `maxFrequency` (default 7) is the lowest
 * frequency of the open last bin ("7+"). Throws when the customers have no holdout or their unit
 * differs from the model's.
 */
export function holdoutValidation(model: TransactionModel, customers: HoldoutCustomers, options: { maxFrequency?: number } = {}): HoldoutValidation {
  if (customers.unit !== model.unit) {
    throw new RangeError(`invalid customers unit: ${JSON.stringify(customers.unit)} differs from the ${model.model} model's unit ${JSON.stringify(model.unit)}`);
  }
  const holdoutLength = customers.holdoutLength;
  const actual = customers.xHoldout;
  if (holdoutLength === null || actual === null) throw new RangeError("invalid customers: no holdout period (summarise with a holdout end)");
  if (!(holdoutLength > 0)) throw new RangeError(`invalid holdoutLength: ${holdoutLength}`);
  const maxFrequency = options.maxFrequency ?? 7;
  if (!(maxFrequency >= 0) || !Number.isInteger(maxFrequency)) throw new RangeError(`invalid maxFrequency: ${maxFrequency}`);
  const n = customers.x.length;
  const predicted = new Float64Array(n);
  const bins: HoldoutBin[] = [];
  for (let f = 0; f <= maxFrequency; f++) {
    bins.push({ frequency: f, label: f === maxFrequency ? `${f}+` : String(f), customers: 0, actualTotal: 0, predictedTotal: 0, actualMean: NaN, predictedMean: NaN });
  }
  const cache = new Map<string, number>();
  let totalActual = 0;
  let totalPredicted = 0;
  let absoluteError = 0;
  for (let i = 0; i < n; i++) {
    const x = customers.x[i];
    if (!(x >= 0) || !Number.isInteger(x)) throw new RangeError(`invalid x at customer ${i + 1}: ${x}`);
    const key = `${x}|${customers.tx[i]}|${customers.T[i]}`;
    let p = cache.get(key);
    if (p === undefined) {
      p = model.conditionalExpectedPurchases(holdoutLength, x, customers.tx[i], customers.T[i]);
      cache.set(key, p);
    }
    predicted[i] = p;
    const bin = bins[Math.min(x, maxFrequency)];
    bin.customers++;
    bin.actualTotal += actual[i];
    bin.predictedTotal += p;
    totalActual += actual[i];
    totalPredicted += p;
    absoluteError += Math.abs(p - actual[i]);
  }
  for (const bin of bins) {
    if (bin.customers > 0) {
      bin.actualMean = bin.actualTotal / bin.customers;
      bin.predictedMean = bin.predictedTotal / bin.customers;
    }
  }
  return {
    holdoutLength,
    unit: model.unit,
    bins,
    total: {
      customers: n,
      actual: totalActual,
      predicted: totalPredicted,
      relativeError: totalActual > 0 ? (totalPredicted - totalActual) / totalActual : NaN,
      meanAbsoluteError: n > 0 ? absoluteError / n : NaN,
    },
    predicted,
  };
}
