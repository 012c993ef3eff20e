/**
 * Shifted-beta-geometric (sBG) model of contract renewal (discrete, contractual setting).
 *
 * Fader, P. S. & Hardie, B. G. S. (2007), "How to project customer retention", Journal of
 * Interactive Marketing 21(1), 76–90: each customer renews at the end of every period with
 * probability 1 − θ, θ ~ Beta(α, β) across customers. With T the period in which a customer churns,
 *
 *   P(T = t) = B(α + 1, β + t − 1) / B(α, β),   S(t) = P(T > t) = B(α, β + t) / B(α, β)   (eqs. 5, 6)
 *   r(t) = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1)                                  (eq. 8)
 *   LL(α, β) = Σ_{t=1..T} (n_{t−1} − n_t) ln P(T = t) + n_T ln S(T)                           (eq. 7)
 *
 * Fader, P. S. & Hardie, B. G. S. (2010), "Customer-base valuation in a contractual setting: the
 * perils of ignoring heterogeneity", Marketing Science 29(1), 85–93, with d the discount rate per
 * period and z = 1 / (1 + d):
 *
 *   DEL(d)    = Σ_{t≥0} S(t) z^t = ₂F₁(1, β; α + β; z)               (expected discounted lifetime of a new
 *               customer, in periods, counting the current period t = 0 undiscounted)
 *   DERL(d|n) = Σ_{k≥0} S(n + 1 + k) / S(n) · z^k
 *             = B(α, β + n + 1) / B(α, β + n) · ₂F₁(1, β + n + 1; α + β + n + 1; z)  (eq. 6 there, for a
 *               customer who has made n renewals; the next payment, if it comes, is undiscounted)
 *
 * Retention elasticity (F&H 2010, section 4): the % change in DERL when every customer's renewal
 * probability 1 − θ rises by 1 %. Raising each 1 − θ by a factor (1 + ε) multiplies the k-th term of
 * DERL by (1 + ε)^{k+1}, so
 *
 *   η(d|n) = Σ (k + 1) a_k z^k / Σ a_k z^k = ₂F₁(2, β + n + 1; α + β + n + 1; z) / ₂F₁(1, β + n + 1; α + β + n + 1; z)
 *
 * which for a homogeneous cohort (θ fixed, retention r) reduces to the textbook (1 + d)/(1 + d − r)
 * (Gupta, Lehmann & Stuart 2004). pymc-marketing's `expected_retention_elasticity` reports a
 * different quantity (the posterior mean of the individual elasticities, one ₂F₁).
 */
import { hyp2f1, lbeta } from "../math/special.js";
import { minimize, numericHessian } from "../math/optimize.js";
import { modelFitAtOptimum } from "./fitResult.js";
import type { ModelFit } from "./types.js";

/** sBG parameters: θ (per-period churn probability) ~ Beta(alpha, beta). Both > 0. */
export interface SbgParams {
  alpha: number;
  beta: number;
}

/** Input of {@link fitSbg}: how many of a cohort are still customers at the start of periods 0, 1, ..., T. */
export interface SbgSurvivalData {
  /** Customers alive at the start of each period; `alive[0]` is the cohort size. Non-increasing. */
  alive: readonly number[];
}

/**
 * Convert survival percentages (100, 86.9, 74.3, ...) of a cohort of `cohortSize` customers into
 * counts alive, rounded to whole customers (as Fader & Hardie 2007 do with n = 1000).
 */
export function survivalCountsFromPercent(percentAlive: readonly number[], cohortSize: number): SbgSurvivalData {
  if (!(cohortSize > 0) || !Number.isFinite(cohortSize)) throw new RangeError(`invalid cohortSize: ${cohortSize}`);
  percentAlive.forEach((pct, t) => {
    if (!(pct >= 0 && pct <= 100)) throw new RangeError(`invalid percent alive at period ${t}: ${pct}`);
  });
  return { alive: percentAlive.map((pct) => Math.round((pct / 100) * cohortSize)) };
}

function checkParams({ alpha, beta }: SbgParams): void {
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new RangeError(`invalid alpha: ${alpha}`);
  if (!(beta > 0) || !Number.isFinite(beta)) throw new RangeError(`invalid beta: ${beta}`);
}

function checkSurvival(alive: readonly number[]): void {
  if (alive.length < 2) throw new RangeError(`invalid survival data: need at least 2 periods, got ${alive.length}`);
  for (let t = 0; t < alive.length; t++) {
    const n = alive[t];
    if (!(n >= 0) || !Number.isFinite(n)) throw new RangeError(`invalid alive count at period ${t}: ${n}`);
    if (t > 0 && n > alive[t - 1]) throw new RangeError(`invalid alive count at period ${t}: ${n} exceeds ${alive[t - 1]} at period ${t - 1}`);
  }
  if (!(alive[0] > 0)) throw new RangeError(`invalid cohort size: ${alive[0]}`);
}

/** P(T = t): probability a new customer churns in period t (t = 1, 2, ...). */
export function sbgChurnProbability(params: SbgParams, t: number): number {
  checkParams(params);
  if (!(t >= 1) || !Number.isInteger(t)) throw new RangeError(`invalid period: ${t}`);
  return Math.exp(lbeta(params.alpha + 1, params.beta + t - 1) - lbeta(params.alpha, params.beta));
}

/** S(t) = P(T > t): share of a new cohort still customers after t periods (S(0) = 1). t ≥ 0, may be fractional. */
export function sbgSurvival(params: SbgParams, t: number): number {
  checkParams(params);
  if (!(t >= 0)) throw new RangeError(`invalid period: ${t}`);
  return Math.exp(lbeta(params.alpha, params.beta + t) - lbeta(params.alpha, params.beta));
}

/** r(t) = S(t)/S(t−1): retention rate from period t − 1 to t (t ≥ 1); rises with t (sorting effect). */
export function sbgRetentionRate(params: SbgParams, t: number): number {
  checkParams(params);
  if (!(t >= 1)) throw new RangeError(`invalid period: ${t}`);
  return (params.beta + t - 1) / (params.alpha + params.beta + t - 1);
}

/** Log-likelihood (eq. 7 of F&H 2007) of counts alive at the start of periods 0..T. */
export function sbgLogLikelihood(params: SbgParams, data: SbgSurvivalData): number {
  checkParams(params);
  checkSurvival(data.alive);
  return logLikelihood(params.alpha, params.beta, data.alive);
}

function logLikelihood(alpha: number, beta: number, alive: readonly number[]): number {
  const lb = lbeta(alpha, beta);
  // P(T = t) by the recursion P(T=1) = α/(α+β), P(T=t) = P(T=t−1)·(β+t−2)/(α+β+t−1)
  let logP = Math.log(alpha / (alpha + beta));
  let ll = 0;
  const last = alive.length - 1;
  for (let t = 1; t <= last; t++) {
    if (t > 1) logP += Math.log((beta + t - 2) / (alpha + beta + t - 1));
    const lost = alive[t - 1] - alive[t];
    if (lost > 0) ll += lost * logP;
  }
  if (alive[last] > 0) ll += alive[last] * (lbeta(alpha, beta + last) - lb);
  return ll;
}

/** Options of {@link fitSbg}. */
export interface SbgFitOptions {
  /** Starting point (default α = β = 1). */
  initial?: SbgParams;
  maxIterations?: number;
  tolerance?: number;
}

/**
 * Fit (α, β) by maximum likelihood to a cohort's survival counts (periods 0..T, `alive[0]` = cohort
 * size), optimising over log-parameters. Standard errors from the numerical Hessian of −LL in (α, β).
 */
export function fitSbg(data: SbgSurvivalData, options: SbgFitOptions = {}): ModelFit<SbgParams> {
  checkSurvival(data.alive);
  const alive = data.alive;
  const warnings: string[] = [];
  if (alive[alive.length - 1] === alive[0]) warnings.push("no customer churned: α/β is not identified");
  if (alive[alive.length - 1] === 0) warnings.push("every customer churned within the observed periods");
  const start = options.initial ?? { alpha: 1, beta: 1 };
  checkParams(start);
  const objective = (v: number[]) => {
    const value = -logLikelihood(Math.exp(v[0]), Math.exp(v[1]), alive);
    return Number.isFinite(value) ? value : Infinity;
  };
  const result = minimize(objective, [Math.log(start.alpha), Math.log(start.beta)], {
    maxIterations: options.maxIterations,
    tolerance: options.tolerance,
  });
  const params = { alpha: Math.exp(result.x[0]), beta: Math.exp(result.x[1]) };
  const hessian = numericHessian((p: number[]) => -logLikelihood(p[0], p[1], alive), [params.alpha, params.beta]);
  if (!result.converged) warnings.push(`optimiser did not converge: ${result.message}`);
  return modelFitAtOptimum<SbgParams>({ model: "sbg", names: ["alpha", "beta"], values: [params.alpha, params.beta], result, hessian, warnings, unit: "period", n: alive[0] });
}

/**
 * ₂F₁(a, b; c; z) for a ∈ {1, 2}, 0 < b < c, 0 < z < 1: a series of positive terms, so the value is
 * finite and ≥ 1. A value outside that range means the special function lost precision (very large
 * β + n): throw rather than return it.
 */
function positiveHyp2f1(a: number, b: number, c: number, z: number): number {
  const value = hyp2f1(a, b, c, z);
  if (!(value >= 1) || !Number.isFinite(value)) throw new RangeError(`sbg: hypergeometric series out of numerical range for β + n = ${b - 1}, α + β + n = ${c - 1}: ${value}`);
  return value;
}

function discountFactor(discountRatePerPeriod: number): number {
  if (!(discountRatePerPeriod > 0) || !Number.isFinite(discountRatePerPeriod)) {
    throw new RangeError(`invalid discountRatePerPeriod: ${discountRatePerPeriod}`);
  }
  return 1 / (1 + discountRatePerPeriod);
}

function checkRenewals(renewals: number): void {
  if (!(renewals >= 0) || !Number.isInteger(renewals)) throw new RangeError(`invalid renewals: ${renewals}`);
}

/**
 * DEL: discounted expected lifetime of a new customer, in periods: Σ_{t≥0} S(t)/(1+d)^t
 * = ₂F₁(1, β; α+β; 1/(1+d)). Multiply by the margin per period for a CLV. d > 0 per period.
 */
export function sbgDiscountedExpectedLifetime(params: SbgParams, discountRatePerPeriod: number): number {
  checkParams(params);
  const z = discountFactor(discountRatePerPeriod);
  return positiveHyp2f1(1, params.beta, params.alpha + params.beta, z);
}

/**
 * DERL (F&H 2010): discounted expected residual lifetime, in periods, of a customer who has made
 * `renewals` renewals (is active at the start of period `renewals`), counting the next renewal's
 * payment undiscounted: B(α, β+n+1)/B(α, β+n) · ₂F₁(1, β+n+1; α+β+n+1; 1/(1+d)).
 */
export function sbgDiscountedExpectedResidualLifetime(params: SbgParams, renewals: number, discountRatePerPeriod: number): number {
  checkParams(params);
  checkRenewals(renewals);
  const z = discountFactor(discountRatePerPeriod);
  const { alpha, beta } = params;
  const n = renewals;
  return Math.exp(lbeta(alpha, beta + n + 1) - lbeta(alpha, beta + n)) * positiveHyp2f1(1, beta + n + 1, alpha + beta + n + 1, z);
}

/**
 * Retention elasticity of DERL (F&H 2010): % change in a customer's DERL (hence value, at constant
 * margin) for a 1 % rise in every customer's per-period renewal probability, for a customer who has
 * made `renewals` renewals: ₂F₁(2, β+n+1; α+β+n+1; z) / ₂F₁(1, β+n+1; α+β+n+1; z), z = 1/(1+d).
 * Dimensionless; equals (1+d)/(1+d−r) when every customer renews with the same r.
 */
export function sbgRetentionElasticity(params: SbgParams, renewals: number, discountRatePerPeriod: number): number {
  checkParams(params);
  checkRenewals(renewals);
  const z = discountFactor(discountRatePerPeriod);
  const b = params.beta + renewals + 1;
  const c = params.alpha + params.beta + renewals + 1;
  return positiveHyp2f1(2, b, c, z) / positiveHyp2f1(1, b, c, z);
}
