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
import { digamma, hyp2f1, lbeta, lgamma, logSumExp } from "../math/special.js";
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

/** −LL of BG/NBD over patterns and its gradient with respect to (r, α, a, b). */
function negLogLikelihood(p: number[], pat: Patterns, wantGradient: boolean): { value: number; gradient: number[] } {
  const [r, alpha, a, b] = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !p.every(Number.isFinite)) return { value: Infinity, gradient: [NaN, NaN, NaN, NaN] };
  const nx = pat.xValues.length;
  const constant = new Float64Array(nx);
  const logB = new Float64Array(nx);
  const dr = new Float64Array(nx);
  const da = new Float64Array(nx);
  const db = new Float64Array(nx);
  const lgr = lgamma(r);
  const lgb = lgamma(b);
  const lgab = lgamma(a + b);
  const psr = wantGradient ? digamma(r) : 0;
  const psb = wantGradient ? digamma(b) : 0;
  const psab = wantGradient ? digamma(a + b) : 0;
  for (let j = 0; j < nx; j++) {
    const x = pat.xValues[j];
    if (x === 0) continue;
    constant[j] = lgamma(r + x) - lgr + lgab + lgamma(b + x) - lgb - lgamma(a + b + x);
    logB[j] = Math.log(b + x - 1);
    if (wantGradient) {
      const psabx = digamma(a + b + x);
      dr[j] = digamma(r + x) - psr;
      da[j] = psab - psabx;
      db[j] = digamma(b + x) - psb + psab - psabx;
    }
  }
  const nt = pat.times.length;
  const logTime = new Float64Array(nt);
  const invTime = new Float64Array(nt);
  for (let k = 0; k < nt; k++) {
    logTime[k] = Math.log(alpha + pat.times[k]);
    invTime[k] = 1 / (alpha + pat.times[k]);
  }
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  let value = 0;
  let gr = 0;
  let gal = 0;
  let ga = 0;
  let gb = 0;
  const { x: xs, weight, xIndex, txIndex, TIndex } = pat;
  for (let i = 0; i < pat.size; i++) {
    const x = xs[i];
    const w = weight[i];
    const j = xIndex[i];
    const kT = TIndex[i];
    const a3 = -(r + x) * logTime[kT];
    if (x === 0) {
      value += w * (r * logAlpha + a3);
      if (wantGradient) {
        gr += w * (logAlpha - logTime[kT]);
        gal += w * (r / alpha - r * invTime[kT]);
      }
      continue;
    }
    const kx = txIndex[i];
    const a4 = logA - logB[j] - (r + x) * logTime[kx];
    const lse = logSumExp(a3, a4);
    value += w * (constant[j] + r * logAlpha + lse);
    if (wantGradient) {
      const p4 = Math.exp(a4 - lse);
      const p3 = 1 - p4;
      gr += w * (dr[j] + logAlpha - p3 * logTime[kT] - p4 * logTime[kx]);
      gal += w * (r / alpha - (r + x) * (p3 * invTime[kT] + p4 * invTime[kx]));
      ga += w * (da[j] + p4 / a);
      gb += w * (db[j] - p4 / (b + x - 1));
    }
  }
  return { value: -value, gradient: [-gr, -gal, -ga, -gb] };
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
    { model: "bgnbd", names: ["r", "alpha", "a", "b"], start, negLogLikelihood: (p, g) => negLogLikelihood(p, patterns, g) },
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
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, z));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next `t` units of a customer with `x` repeat
 * purchases, recency `tx` and age `T` (paper eq. 10).
 */
export function bgnbdConditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  checkPositive({ ...params });
  if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  const head = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
  return head * bgnbdProbabilityAlive(params, x, tx, T);
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
