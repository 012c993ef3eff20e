/**
 * Everything the Models page draws for one fitted transaction model, from the library's diagnostics:
 * holdout validation by calibration frequency (`holdout.ts`), cumulative and incremental tracking
 * (`tracking.ts`), calibration frequency actual vs model (`calibrationFrequency.ts`), frequency/recency
 * matrices of expected purchases and P(alive) (`frequencyRecencyMatrix.ts`) and the population
 * heterogeneity of the rates (`models/heterogeneity.ts`). Each module cites its source.
 */
import { heterogeneityCurves, type HeterogeneityCurve } from "../models/heterogeneity.js";
import type { TimeUnit } from "../types.js";
import { transactionModelFromFit, type TransactionModelFit } from "./adapters.js";
import { calibrationFrequencyHistogram, type CalibrationFrequency } from "./calibrationFrequency.js";
import { probabilityOfNPurchasesFromFit } from "./fitCustomerModels.js";
import { frequencyRecencyMatrix, type FrequencyRecencyMatrix } from "./frequencyRecencyMatrix.js";
import { holdoutValidation, type HoldoutValidation } from "./holdout.js";
import { trackingCurves, type TrackingCurves } from "./tracking.js";

/** Inputs of {@link modelDiagnostics}. */
export interface DiagnosticsCustomers {
  unit: TimeUnit;
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Holdout length in `unit`, null without holdout. */
  holdoutLength: number | null;
  xHoldout: ArrayLike<number> | null;
  /** Birth (first purchase) of each customer in `unit` since the origin of tracking period 1. */
  birthTimes: ArrayLike<number>;
}

/** Options of {@link modelDiagnostics}. */
export interface DiagnosticsOptions {
  /** Number of tracking periods (each one model unit long) from the origin. */
  trackingPeriods: number;
  /** Actual repeat purchases per tracking period (index 0 = period 1), e.g. from `repeatPurchasesPerPeriodSql`. */
  actualIncremental?: ArrayLike<number>;
  /** Future window of the expected-purchases matrix, in model units. */
  matrixHorizon: number;
  /** Largest frequency row of the matrices (default: the largest x, at most 30). */
  matrixMaxFrequency?: number;
}

/** Result of {@link modelDiagnostics}. */
export interface ModelDiagnostics {
  model: string;
  /** Holdout check without the per-customer array; null without holdout. */
  holdout: Omit<HoldoutValidation, "predicted"> | null;
  tracking: TrackingCurves;
  frequency: CalibrationFrequency;
  expectedMatrix: FrequencyRecencyMatrix & { horizon: number };
  aliveMatrix: FrequencyRecencyMatrix;
  heterogeneity: HeterogeneityCurve[];
}

/** Compute the diagnostics of `fit` on `customers` (see the module header). */
export function modelDiagnostics(fit: TransactionModelFit, customers: DiagnosticsCustomers, options: DiagnosticsOptions): ModelDiagnostics {
  const model = transactionModelFromFit(fit);
  let holdout: ModelDiagnostics["holdout"] = null;
  if (customers.holdoutLength !== null && customers.xHoldout !== null) {
    const { predicted: _predicted, ...rest } = holdoutValidation(model, customers);
    holdout = rest;
  }
  // E[X(t)] is asked at t = period end − birth: with daily births these repeat across periods, so memoise
  // (1,000 distinct values instead of periods × births evaluations of a 2F1 for BG/NBD).
  const memo = new Map<number, number>();
  const memoModel = {
    ...model,
    expectedPurchases: (t: number) => {
      const key = Math.round(t * 1e9);
      let v = memo.get(key);
      if (v === undefined) memo.set(key, (v = model.expectedPurchases(t)));
      return v;
    },
  };
  const tracking = trackingCurves(memoModel, { birthTimes: customers.birthTimes, periodLength: 1, periods: options.trackingPeriods, actualIncremental: options.actualIncremental });
  const frequency = calibrationFrequencyHistogram(probabilityOfNPurchasesFromFit(fit), customers);
  let maxT = 0;
  let maxX = 0;
  for (let i = 0; i < customers.x.length; i++) {
    if (customers.T[i] > maxT) maxT = customers.T[i];
    if (customers.x[i] > maxX) maxX = customers.x[i];
  }
  const maxFrequency = options.matrixMaxFrequency ?? Math.max(1, Math.min(30, maxX));
  const T = maxT > 0 ? maxT : 1;
  const expectedMatrix = { ...frequencyRecencyMatrix((x, tx, age) => model.conditionalExpectedPurchases(options.matrixHorizon, x, tx, age), { T, maxFrequency }), horizon: options.matrixHorizon };
  const aliveMatrix = frequencyRecencyMatrix((x, tx, age) => model.probabilityAlive(x, tx, age), { T, maxFrequency });
  return { model: fit.model, holdout, tracking, frequency, expectedMatrix, aliveMatrix, heterogeneity: heterogeneityCurves(fit) };
}
