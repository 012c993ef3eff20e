/**
 * Fit the workbench's models to a per-customer summary in one call: any of BG/NBD (Fader, Hardie & Lee
 * 2005), Pareto/NBD (Schmittlein, Morrison & Colombo 1987), MBG/NBD (Batislam, Denizel & Filiztekin
 * 2007) for purchases, and Gamma-Gamma (Fader & Hardie 2013) for spend, reporting progress and turning
 * the models' warnings into notices a business user can read (non-convergence, spend correlated with
 * frequency, P(alive) = 1 for one-time buyers under BG/NBD). The same calls as `cvw fit`.
 */
import { bgnbdProbabilityOfNPurchases, fitBgNbd, type BgNbdParams } from "../models/bgnbd.js";
import { fitMbgNbd, mbgnbdProbabilityOfNPurchases, type MbgNbdParams } from "../models/mbgnbd.js";
import { fitParetoNbd, pnbdProbabilityOfNPurchases, type ParetoNbdParams } from "../models/pnbd.js";
import { fitGammaGamma, type GammaGammaParams, type SpendHistory } from "../models/gammagamma.js";
import type { ModelFit } from "../models/types.js";
import type { TimeUnit } from "../types.js";
import type { TransactionModelFit } from "./adapters.js";
import type { ProbabilityOfNPurchases } from "./calibrationFrequency.js";

/** The transaction models the workbench fits. */
export type TransactionModelName = "bgnbd" | "pnbd" | "mbgnbd";

/** Display names of the models. */
export const MODEL_LABELS: Record<TransactionModelName | "gg", string> = { bgnbd: "BG/NBD", pnbd: "Pareto/NBD", mbgnbd: "MBG/NBD", gg: "Gamma-Gamma" };

/** A warning in plain words, with what it is about. */
export interface ModelNotice {
  model: TransactionModelName | "gg";
  kind: "convergence" | "spend-correlation" | "p-alive-one" | "spend-excluded" | "other";
  text: string;
}

/** The per-customer columns the fits need (a `CustomerSummary` qualifies). */
export interface FitCustomersInput {
  unit: TimeUnit;
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Mean repeat spend (money per purchase; 0 when x = 0). */
  monetary: ArrayLike<number>;
}

/** Result of {@link fitCustomerModels}. */
export interface CustomerModels {
  fits: Partial<Record<TransactionModelName, TransactionModelFit>>;
  /** Gamma-Gamma fit, null when no repeater has a positive mean spend. */
  spend: ModelFit<GammaGammaParams> | null;
  /** Repeaters left out of the spend model because their mean repeat spend is ≤ 0 (returns). */
  spendExcluded: number;
  notices: ModelNotice[];
}

function plainNotices(name: TransactionModelName | "gg", fit: ModelFit<object>, oneTimeBuyers: number): ModelNotice[] {
  const label = MODEL_LABELS[name];
  const notices: ModelNotice[] = [];
  if (!fit.diagnostics.converged) {
    notices.push({ model: name, kind: "convergence", text: `The ${label} fit did not settle on a best answer (${fit.diagnostics.message}). Its numbers may be unreliable: compare with another model or use a longer calibration period.` });
  }
  for (const warning of fit.warnings) {
    if (/did not converge|optimiser did not converge/.test(warning)) continue;
    if (/correlated with frequency/.test(warning)) {
      const rho = /ρ = (-?[\d.]+)/.exec(warning)?.[1] ?? "?";
      notices.push({ model: name, kind: "spend-correlation", text: `Spend per purchase moves with how often customers buy (correlation ${rho}). The spend model assumes the two are unrelated, so expected spend, and CLV, may be biased for frequent or rare buyers.` });
    } else if (/P\(alive\) = 1/.test(warning)) {
      notices.push({ model: name, kind: "p-alive-one", text: `Under BG/NBD a customer who bought only once always counts as alive (P(alive) = 1), however long ago that was: ${oneTimeBuyers.toLocaleString("en-US")} customers here. MBG/NBD lets one-time buyers leave too; choose it for a more cautious view.` });
    } else {
      // the pages show the model's name before every notice, so the text does not repeat it
      notices.push({ model: name, kind: "other", text: `${warning[0].toUpperCase()}${warning.slice(1)}.` });
    }
  }
  return notices;
}

/**
 * Fit the chosen transaction models and Gamma-Gamma to `input`. `onProgress(step, done, total)` is
 * called before each fit. Throws as the fits do (empty input, invalid values).
 */
export function fitCustomerModels(
  input: FitCustomersInput,
  models: readonly TransactionModelName[],
  options: { spend?: boolean; onProgress?: (step: string, done: number, total: number) => void } = {},
): CustomerModels {
  const wantSpend = options.spend ?? true;
  const total = models.length + (wantSpend ? 1 : 0);
  const progress = options.onProgress ?? (() => {});
  const n = input.x.length;
  let oneTimeBuyers = 0;
  for (let i = 0; i < n; i++) if (input.x[i] === 0) oneTimeBuyers++;
  const fits: CustomerModels["fits"] = {};
  const notices: ModelNotice[] = [];
  models.forEach((name, k) => {
    progress(`fitting ${MODEL_LABELS[name]}`, k, total);
    const fit = name === "bgnbd" ? fitBgNbd(input) : name === "pnbd" ? fitParetoNbd(input) : name === "mbgnbd" ? fitMbgNbd(input) : undefined;
    if (!fit) throw new RangeError(`invalid model: ${JSON.stringify(name)}`);
    fits[name] = fit;
    notices.push(...plainNotices(name, fit as ModelFit<object>, oneTimeBuyers));
  });
  let spend: ModelFit<GammaGammaParams> | null = null;
  let spendExcluded = 0;
  if (wantSpend) {
    progress(`fitting ${MODEL_LABELS.gg}`, models.length, total);
    const histories: SpendHistory[] = [];
    for (let i = 0; i < n; i++) {
      if (!(input.x[i] > 0)) continue;
      if (input.monetary[i] > 0) histories.push({ x: input.x[i], monetary: input.monetary[i] });
      else spendExcluded++;
    }
    if (histories.length > 0) {
      spend = fitGammaGamma(histories);
      if (!(spend.params.q > 1)) spend = fitGammaGamma(histories, { qConstraint: true });
      notices.push(...plainNotices("gg", spend as ModelFit<object>, oneTimeBuyers));
    } else {
      notices.push({ model: "gg", kind: "spend-excluded", text: "No customer has repeat purchases with a positive spend, so expected spend and CLV cannot be estimated." });
    }
    if (spendExcluded > 0 && histories.length > 0) {
      notices.push({ model: "gg", kind: "spend-excluded", text: `${spendExcluded.toLocaleString("en-US")} repeat customers with zero or negative mean spend (returns) were left out of the spend model; their expected spend is the population mean.` });
    }
  }
  progress("done", total, total);
  return { fits, spend, spendExcluded, notices };
}

/** P(X(t) = n) of a BG/NBD, MBG/NBD or Pareto/NBD fit. */
export function probabilityOfNPurchasesFromFit(fit: TransactionModelFit): ProbabilityOfNPurchases {
  switch (fit.model) {
    case "bgnbd":
      return (t, n) => bgnbdProbabilityOfNPurchases(fit.params as BgNbdParams, t, n);
    case "mbgnbd":
      return (t, n) => mbgnbdProbabilityOfNPurchases(fit.params as MbgNbdParams, t, n);
    case "pnbd":
      return (t, n) => pnbdProbabilityOfNPurchases(fit.params as ParetoNbdParams, t, n);
    default:
      throw new RangeError(`invalid fit: no P(X = n) for ${JSON.stringify(fit.model)}`);
  }
}
