/**
 * BG/NBD: the beta-geometric / negative binomial distribution model of repeat buying.
 *
 * Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way: an
 * alternative to the Pareto/NBD model. Marketing Science 24(2), 275–284. Log-likelihood in the
 * overflow-safe form of Hardie's note 027 ("Overcoming the BG/NBD model's #NUM! error problem"):
 *
 *   LL(r, α, a, b | x, t_x, T) = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *                                + ln[ (α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x) ]
 *
 * While active, a customer buys at Poisson rate λ ~ Gamma(r, α) (α is a rate, in 1/unit); after each
 * purchase they drop out with probability p ~ Beta(a, b). Predictions (paper eqs. 7, 10, 8 and the
 * P(X(t) = n) of eq. 8): E[X(t)], E[Y(t) | x, t_x, T], P(alive | x, t_x, T), P(X(t) = n). Times are in
 * the fit's unit (e.g. weeks). Property of the model: P(alive | x = 0) = 1 (see MBG/NBD).
 */
import { lbeta, lgamma } from "../math/special.js";
import { betaGeometricConditionalCurve, betaGeometricNegLogLikelihood, oneMinusScaledHyp2f1 } from "./betaGeometric.js";
import { checkPositive, collapsePatterns, fitByMaximumLikelihood, inputUnit, type Patterns, type RfmInput, type TransactionFitOptions } from "./patterns.js";
import type { ModelFit } from "./types.js";

/** BG/NBD parameters: purchase rate λ ~ Gamma(shape r, rate α); dropout p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  /** Rate parameter of the purchase-rate gamma, in 1/unit of the fit. */
  alpha: number;
  a: number;
  b: number;
}

/** −LL of BG/NBD over patterns and its gradient with respect to (r, α, a, b) (header formula: k = 0). */
function negLogLikelihood(p: number[], pat: Patterns, wantGradient: boolean): { value: number; gradient: number[] } {
  return betaGeometricNegLogLikelihood(p, pat, wantGradient, 0);
}

/**
 * Total BG/NBD log-likelihood of `input` (weights respected) at `params`.
 * @example bgnbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, summary) // ≈ −9582.4 on CDNOW
 */
export function bgnbdLogLikelihood(params: BgNbdParams, input: RfmInput): number {
  checkPositive({ ...params });
  return -negLogLikelihood([params.r, params.alpha, params.a, params.b], collapsePatterns(input), false).value;
}

/** Gradient of the total log-likelihood with respect to the natural parameters, in the order of `BgNbdParams`. */
export function bgnbdLogLikelihoodGradient(params: BgNbdParams, input: RfmInput): number[] {
  checkPositive({ ...params });
  return negLogLikelihood([params.r, params.alpha, params.a, params.b], collapsePatterns(input), true).gradient.map((g) => -g);
}

/** BG/NBD log-likelihood of one customer with `x` repeat purchases, recency `tx` and age `T`. */
export function bgnbdCustomerLogLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  return bgnbdLogLikelihood(params, [{ x, tx, T }]);
}

/**
 * Fit BG/NBD by maximum likelihood (BFGS on log-parameters with the analytic gradient; identical
 * customers collapsed). Throws on empty or invalid input; warns when every customer is a one-time
 * buyer, on non-convergence, and that P(alive) = 1 for customers without repeat purchases.
 */
export function fitBgNbd(input: RfmInput, options: TransactionFitOptions<BgNbdParams> = {}): ModelFit<BgNbdParams> {
  const patterns = collapsePatterns(input);
  const meanT = patterns.sumT / patterns.n;
  const meanX = patterns.sumX / patterns.n;
  const start = [1, Math.max(meanT, 1e-3) / Math.max(meanX, 0.05), 1, 3];
  const fit = fitByMaximumLikelihood<BgNbdParams>(
    { model: "bgnbd", names: ["r", "alpha", "a", "b"], start, negLogLikelihood: (p, g, pat) => negLogLikelihood(p, pat, g) },
    patterns,
    options,
    inputUnit(input, options.unit),
  );
  if (patterns.repeaters === 0) fit.warnings.unshift("no customer made a repeat purchase: the purchase and dropout processes cannot be separated, so the parameters are not identified");
  if (patterns.n === 1) fit.warnings.unshift("only one customer: the parameters are not identified");
  if (patterns.n - patterns.repeaters > 0) fit.warnings.push("P(alive) = 1 for customers with no repeat purchase under BG/NBD; consider MBG/NBD");
  return fit;
}

/**
 * E[X(t)]: expected purchases in (0, t] of a randomly chosen new customer (paper eq. 7).
 * `t` in the fit's unit, ≥ 0.
 */
export function bgnbdExpectedPurchases(params: BgNbdParams, t: number): number {
  checkPositive({ ...params });
  if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  // (1 − z)^r = (α/(α+t))^r with z = t/(α+t)
  return ((a + b - 1) / (a - 1)) * oneMinusScaledHyp2f1(r, b, a + b - 1, t / (alpha + t));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next `t` units of a customer with `x` repeat
 * purchases, recency `tx` and age `T` (paper eq. 10).
 */
export function bgnbdConditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  checkPositive({ ...params });
  if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
  const { r, alpha, a, b } = params;
  // (1 − z)^(r+x) = ((α+T)/(α+T+t))^(r+x) with z = t/(α+T+t); stable for heavy buyers
  const head = ((a + b + x - 1) / (a - 1)) * oneMinusScaledHyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  return head * bgnbdProbabilityAlive(params, x, tx, T);
}

/**
 * E[Y(t) | x, t_x, T] at each horizon t of `times` (in the fit's unit, each ≥ 0) for one customer: the
 * cumulative curve a discounted CLV sums step by step. The same numbers as
 * {@link bgnbdConditionalExpectedPurchases} at each t, with the parameters checked and P(alive) computed once.
 */
export function bgnbdConditionalExpectedPurchasesCurve(params: BgNbdParams, times: ArrayLike<number>, x: number, tx: number, T: number): Float64Array {
  checkPositive({ ...params });
  return betaGeometricConditionalCurve(params, 0, times, x, T, bgnbdProbabilityAlive(params, x, tx, T));
}

/** P(alive | x, t_x, T) = 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)); exactly 1 when x = 0. */
export function bgnbdProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (x === 0) return 1;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * P(X(t) = n): probability that a new customer makes exactly `n` purchases in (0, t] (paper eq. 8).
 */
export function bgnbdProbabilityOfNPurchases(params: BgNbdParams, t: number, n: number): number {
  checkPositive({ ...params });
  if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid n: ${n}`);
  const { r, alpha, a, b } = params;
  const lbab = lbeta(a, b);
  const logP = Math.log(alpha / (alpha + t));
  const logQ = t > 0 ? Math.log(t / (alpha + t)) : -Infinity;
  const nbd = (j: number) => Math.exp(lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * logP + (j === 0 ? 0 : j * logQ));
  let p = Math.exp(lbeta(a, b + n) - lbab) * nbd(n);
  if (n > 0) {
    let partial = 0;
    for (let j = 0; j < n; j++) partial += nbd(j);
    p += Math.exp(lbeta(a + 1, b + n - 1) - lbab) * (1 - partial);
  }
  return p;
}
