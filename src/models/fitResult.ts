/**
 * The common tail of every maximum-likelihood fit in this folder: name the parameters, turn the Hessian
 * of −LL at the optimum into asymptotic standard errors (square roots of the diagonal of its inverse),
 * and report how the optimiser ended, as a {@link ModelFit}.
 */
import { standardErrorsFromHessian, type MinimizeResult } from "../math/optimize.js";
import type { TimeUnit } from "../types.js";
import type { FitDiagnostics, ModelFit } from "./types.js";

/** What a model's fit function knows at its optimum. */
export interface OptimumSummary<P extends object> {
  model: string;
  /** Parameter names, in the order of `values` and of the Hessian's rows. */
  names: readonly (keyof P & string)[];
  /** Parameters at the optimum, natural scale. */
  values: readonly number[];
  /** The optimiser's result (its `value` is −LL at the optimum). */
  result: MinimizeResult;
  /** Hessian of −LL in the natural parameters at `values`; null when not computed. */
  hessian: number[][] | null;
  /** Soft problems found so far (the array is kept, not copied). */
  warnings: string[];
  unit: TimeUnit | "period";
  /** Number of customers (or cohort members) fitted. */
  n: number;
  /** Restarts to report (default `result.restarts`). */
  restarts?: number;
}

/** Diagnostics of an optimiser run, with `restarts` overriding the run's own count. */
export function fitDiagnostics(result: MinimizeResult, restarts = result.restarts): FitDiagnostics {
  return {
    converged: result.converged,
    message: result.message,
    iterations: result.iterations,
    evaluations: result.evaluations,
    gradientNorm: result.gradientNorm,
    restarts,
  };
}

/** Standard errors by name from the Hessian of −LL; null when it is not positive definite. */
export function namedStandardErrors<P extends object>(names: readonly (keyof P & string)[], hessian: number[][]): { [K in keyof P]: number } | null {
  const se = standardErrorsFromHessian(hessian);
  return se ? (Object.fromEntries(names.map((name, i) => [name, se[i]])) as { [K in keyof P]: number }) : null;
}

/** Assemble the {@link ModelFit} of a maximum-likelihood fit. */
export function modelFitAtOptimum<P extends object>(o: OptimumSummary<P>): ModelFit<P> {
  return {
    model: o.model,
    params: Object.fromEntries(o.names.map((name, i) => [name, o.values[i]])) as P,
    logLikelihood: -o.result.value,
    standardErrors: o.hessian ? namedStandardErrors<P>(o.names, o.hessian) : null,
    diagnostics: fitDiagnostics(o.result, o.restarts),
    warnings: o.warnings,
    unit: o.unit,
    n: o.n,
  };
}
