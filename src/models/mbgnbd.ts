/**
 * MBG/NBD: the modified BG/NBD model of repeat buying, in which a customer may also drop out right
 * after the first purchase, so P(alive | x = 0) < 1.
 *
 * Batislam, E. P., Denizel, M. & Filiztekin, A. (2007). Empirical validation and comparison of models
 * for customer base analysis. International Journal of Research in Marketing 24(3), 201–209.
 * (Also Wagner & Hoppe 2008; formulas as in lifetimes' `ModifiedBetaGeoFitter` and BTYDplus `mbgnbd`.)
 *
 *   LL(r, α, a, b | x, t_x, T) = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b)
 *                                + ln[ (α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x) ]
 *
 * Purchase rate λ ~ Gamma(r, α) (α in 1/unit); dropout probability p ~ Beta(a, b) at the first purchase
 * and after each repeat purchase. Times are in the fit's unit.
 */
import { lbeta, lgamma } from "../math/special.js";
import { betaGeometricConditionalCurve, betaGeometricNegLogLikelihood, oneMinusScaledHyp2f1 } from "./betaGeometric.js";
import { checkPositive, collapsePatterns, fitByMaximumLikelihood, inputUnit, type Patterns, type RfmInput, type TransactionFitOptions } from "./patterns.js";
import type { ModelFit } from "./types.js";

/** MBG/NBD parameters: purchase rate λ ~ Gamma(shape r, rate α); dropout p ~ Beta(a, b). */
export interface MbgNbdParams {
  r: number;
  /** Rate parameter of the purchase-rate gamma, in 1/unit of the fit. */
  alpha: number;
  a: number;
  b: number;
}

/** −LL of MBG/NBD over patterns and its gradient with respect to (r, α, a, b) (header formula: k = 1). */
function negLogLikelihood(p: number[], pat: Patterns, wantGradient: boolean): { value: number; gradient: number[] } {
  return betaGeometricNegLogLikelihood(p, pat, wantGradient, 1);
}

/** Total MBG/NBD log-likelihood of `input` (weights respected) at `params`. */
export function mbgnbdLogLikelihood(params: MbgNbdParams, input: RfmInput): number {
  checkPositive({ ...params });
  return -negLogLikelihood([params.r, params.alpha, params.a, params.b], collapsePatterns(input), false).value;
}

/** Gradient of the total log-likelihood with respect to the natural parameters, in the order of `MbgNbdParams`. */
export function mbgnbdLogLikelihoodGradient(params: MbgNbdParams, input: RfmInput): number[] {
  checkPositive({ ...params });
  return negLogLikelihood([params.r, params.alpha, params.a, params.b], collapsePatterns(input), true).gradient.map((g) => -g);
}

/**
 * Fit MBG/NBD by maximum likelihood (BFGS on log-parameters with the analytic gradient; identical
 * customers collapsed). Throws on empty or invalid input; warns on non-convergence and degenerate data.
 */
export function fitMbgNbd(input: RfmInput, options: TransactionFitOptions<MbgNbdParams> = {}): ModelFit<MbgNbdParams> {
  const patterns = collapsePatterns(input);
  const meanT = patterns.sumT / patterns.n;
  const meanX = patterns.sumX / patterns.n;
  const start = [1, Math.max(meanT, 1e-3) / Math.max(meanX, 0.05), 1, 3];
  const fit = fitByMaximumLikelihood<MbgNbdParams>(
    { model: "mbgnbd", names: ["r", "alpha", "a", "b"], start, negLogLikelihood: (p, g, pat) => negLogLikelihood(p, pat, g) },
    patterns,
    options,
    inputUnit(input, options.unit),
  );
  if (patterns.repeaters === 0) fit.warnings.unshift("no customer made a repeat purchase: the purchase and dropout processes cannot be separated, so the parameters are not identified");
  if (patterns.n === 1) fit.warnings.unshift("only one customer: the parameters are not identified");
  return fit;
}

/** E[X(t)]: expected purchases in (0, t] of a new customer: b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]. */
export function mbgnbdExpectedPurchases(params: MbgNbdParams, t: number): number {
  checkPositive({ ...params });
  if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return (b / (a - 1)) * oneMinusScaledHyp2f1(r, b + 1, a + b, t / (alpha + t));
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next `t` units of a customer with history (x, t_x, T). */
export function mbgnbdConditionalExpectedPurchases(params: MbgNbdParams, t: number, x: number, tx: number, T: number): number {
  checkPositive({ ...params });
  if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
  const { r, alpha, a, b } = params;
  // (1 − z)^(r+x) = ((α+T)/(α+T+t))^(r+x) with z = t/(α+T+t); stable for heavy buyers
  const head = ((a + b + x) / (a - 1)) * oneMinusScaledHyp2f1(r + x, b + x + 1, a + b + x, t / (alpha + T + t));
  return head * mbgnbdProbabilityAlive(params, x, tx, T);
}

/**
 * E[Y(t) | x, t_x, T] at each horizon t of `times` (in the fit's unit, each ≥ 0) for one customer; the
 * same numbers as {@link mbgnbdConditionalExpectedPurchases} at each t, with the parameters checked and
 * P(alive) computed once.
 */
export function mbgnbdConditionalExpectedPurchasesCurve(params: MbgNbdParams, times: ArrayLike<number>, x: number, tx: number, T: number): Float64Array {
  checkPositive({ ...params });
  return betaGeometricConditionalCurve(params, 1, times, x, T, mbgnbdProbabilityAlive(params, x, tx, T));
}

/** P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)); below 1 also when x = 0. */
export function mbgnbdProbabilityAlive(params: MbgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + x)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** P(X(t) = n): probability that a new customer makes exactly `n` purchases in (0, t]. */
export function mbgnbdProbabilityOfNPurchases(params: MbgNbdParams, t: number, n: number): number {
  checkPositive({ ...params });
  if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid n: ${n}`);
  const { r, alpha, a, b } = params;
  const lbab = lbeta(a, b);
  const logP = Math.log(alpha / (alpha + t));
  const logQ = t > 0 ? Math.log(t / (alpha + t)) : -Infinity;
  const nbd = (j: number) => Math.exp(lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * logP + (j === 0 ? 0 : j * logQ));
  let partial = 0;
  for (let j = 0; j < n; j++) partial += nbd(j);
  return Math.exp(lbeta(a, b + n + 1) - lbab) * nbd(n) + Math.exp(lbeta(a + 1, b + n) - lbab) * (1 - partial);
}
