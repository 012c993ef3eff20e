/**
 * Types shared by every fitted model (BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, BG/BB, sBG).
 */
import type { TimeUnit } from "../types.js";

/** How an optimisation ended: read `converged` and `message`, never assume. */
export interface FitDiagnostics {
  /** True when the optimiser met its tolerance (gradient and step) before its iteration cap. */
  converged: boolean;
  /** Plain-language account: "converged after 23 iterations", "stopped at iteration cap (500)", ... */
  message: string;
  iterations: number;
  /**
   * Log-likelihood evaluations on all the fit's data, restarts included (a warm start's evaluations on a
   * subsample, see `warmStartAbove` of the transaction models, are counted in `message`).
   */
  evaluations: number;
  /** Norm of the gradient of the negative log-likelihood (in log-parameter space) at the optimum. */
  gradientNorm: number;
  /** Number of optimiser restarts performed (0 = one run). */
  restarts: number;
}

/** The result of fitting a model with parameters `P` by maximum likelihood. */
export interface ModelFit<P extends object> {
  /** Model identifier: "bgnbd" | "mbgnbd" | "pnbd" | "gg" | "bgbb" | "sbg". */
  model: string;
  params: P;
  /** Maximised log-likelihood (natural log), summed over all customers / observations. */
  logLikelihood: number;
  /** Asymptotic standard errors from the inverse Hessian of −LL at the optimum; null when singular. */
  standardErrors: { [K in keyof P]: number } | null;
  diagnostics: FitDiagnostics;
  /** Soft problems, de-duplicated, in plain language (e.g. "spend is correlated with frequency (ρ = 0.41)"). */
  warnings: string[];
  /** Time unit in which rate parameters are expressed ("period" for discrete-time models). */
  unit: TimeUnit | "period";
  /** Number of customers (or cohort members) the fit used. */
  n: number;
}
