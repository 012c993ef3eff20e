/**
 * {@link TransactionModel} adapters for the library's fitted transaction models (BG/NBD, MBG/NBD,
 * Pareto/NBD), so CLV, holdout validation and tracking curves work with any of them. Each adapter
 * only forwards to the model's own module (formulas and papers are cited there).
 */
import type { TimeUnit } from "../types.js";
import { bgnbdConditionalExpectedPurchases, bgnbdConditionalExpectedPurchasesCurve, bgnbdExpectedPurchases, bgnbdProbabilityAlive, type BgNbdParams } from "../models/bgnbd.js";
import { mbgnbdConditionalExpectedPurchases, mbgnbdConditionalExpectedPurchasesCurve, mbgnbdExpectedPurchases, mbgnbdProbabilityAlive, type MbgNbdParams } from "../models/mbgnbd.js";
import { pnbdConditionalExpectedPurchases, pnbdConditionalExpectedPurchasesCurve, pnbdDert, pnbdExpectedPurchases, pnbdProbabilityAlive, type ParetoNbdParams } from "../models/pnbd.js";
import type { ModelFit } from "../models/types.js";
import type { TransactionModel } from "./transactionModel.js";

/** BG/NBD (Fader, Hardie & Lee 2005) at `params`, in time unit `unit`. No closed-form DERT. */
export function bgnbdTransactionModel(params: BgNbdParams, unit: TimeUnit): TransactionModel {
  return {
    model: "bgnbd",
    unit,
    expectedPurchases: (t) => bgnbdExpectedPurchases(params, t),
    conditionalExpectedPurchases: (t, x, tx, T) => bgnbdConditionalExpectedPurchases(params, t, x, tx, T),
    conditionalExpectedPurchasesCurve: (times, x, tx, T) => bgnbdConditionalExpectedPurchasesCurve(params, times, x, tx, T),
    probabilityAlive: (x, tx, T) => bgnbdProbabilityAlive(params, x, tx, T),
  };
}

/** MBG/NBD (Batislam, Denizel & Filiztekin 2007) at `params`, in time unit `unit`. No closed-form DERT. */
export function mbgnbdTransactionModel(params: MbgNbdParams, unit: TimeUnit): TransactionModel {
  return {
    model: "mbgnbd",
    unit,
    expectedPurchases: (t) => mbgnbdExpectedPurchases(params, t),
    conditionalExpectedPurchases: (t, x, tx, T) => mbgnbdConditionalExpectedPurchases(params, t, x, tx, T),
    conditionalExpectedPurchasesCurve: (times, x, tx, T) => mbgnbdConditionalExpectedPurchasesCurve(params, times, x, tx, T),
    probabilityAlive: (x, tx, T) => mbgnbdProbabilityAlive(params, x, tx, T),
  };
}

/** Pareto/NBD (Schmittlein, Morrison & Colombo 1987) at `params`, in time unit `unit`, with its closed-form DERT. */
export function pnbdTransactionModel(params: ParetoNbdParams, unit: TimeUnit): TransactionModel {
  return {
    model: "pnbd",
    unit,
    expectedPurchases: (t) => pnbdExpectedPurchases(params, t),
    conditionalExpectedPurchases: (t, x, tx, T) => pnbdConditionalExpectedPurchases(params, t, x, tx, T),
    conditionalExpectedPurchasesCurve: (times, x, tx, T) => pnbdConditionalExpectedPurchasesCurve(params, times, x, tx, T),
    probabilityAlive: (x, tx, T) => pnbdProbabilityAlive(params, x, tx, T),
    discountedExpectedResidualPurchases: (delta, x, tx, T) => pnbdDert(params, delta, x, tx, T),
  };
}

/** A fit of one of the library's transaction models. */
export type TransactionModelFit = ModelFit<BgNbdParams> | ModelFit<MbgNbdParams> | ModelFit<ParetoNbdParams>;

/** The {@link TransactionModel} of a BG/NBD, MBG/NBD or Pareto/NBD fit, in the fit's unit. */
export function transactionModelFromFit(fit: TransactionModelFit): TransactionModel {
  if (fit.unit === "period") throw new RangeError(`invalid fit unit for a transaction model: "period" (${fit.model})`);
  switch (fit.model) {
    case "bgnbd":
      return bgnbdTransactionModel(fit.params as BgNbdParams, fit.unit);
    case "mbgnbd":
      return mbgnbdTransactionModel(fit.params as MbgNbdParams, fit.unit);
    case "pnbd":
      return pnbdTransactionModel(fit.params as ParetoNbdParams, fit.unit);
    default:
      throw new RangeError(`invalid fit: no transaction-model adapter for ${JSON.stringify(fit.model)}`);
  }
}
