/**
 * Beta-geometric/beta-Bernoulli (BG/BB) model for discrete-opportunity, non-contractual data.
 *
 * Fader, P. S., Hardie, B. G. S. & Shang, J. (2010), "Customer-base analysis in a discrete-time
 * noncontractual setting", Marketing Science 29(6), 1086–1108. At each of n transaction
 * opportunities an alive customer transacts with probability p ~ Beta(α, β); after each
 * opportunity an alive customer dies with probability θ ~ Beta(γ, δ). A history is (x, t_x, n):
 * x repeat transactions, the last at opportunity t_x (0 when x = 0), out of n.
 *
 *   L(x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *                + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
 *   P(alive at opportunity n+m | history) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+m)/B(γ,δ) / L
 *   E[X(n, n+n*) | history] = B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ)
 *                             · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)] / L
 *   P(X(n) = x) = C(n,x) B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *               + Σ_{i=x}^{n−1} C(i,x) B(α+x, β+i−x)/B(α,β) · B(γ+1, δ+i)/B(γ,δ)
 *   DERT(d | history) = B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+1)/(B(γ,δ)(1+d))
 *                       · ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d)) / L                               (eq. 14)
 *
 * d is the discount rate per transaction opportunity (e.g. per year for yearly opportunities).
 */
import { hyp2f1, lbeta, lgamma, logSumExp } from "../math/special.js";
import { minimize, numericHessian } from "../math/optimize.js";
import { modelFitAtOptimum } from "./fitResult.js";
import type { ModelFit } from "./types.js";

/** BG/BB parameters: p ~ Beta(alpha, beta) (transaction), θ ~ Beta(gamma, delta) (dropout). All > 0. */
export interface BgbbParams {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

/** A recency/frequency history over n opportunities. */
export interface BgbbHistory {
  /** Repeat transactions, integer 0 ≤ x ≤ n. */
  x: number;
  /** Opportunity of the last transaction (0 when x = 0), integer x ≤ t_x ≤ n. */
  tx: number;
  /** Number of transaction opportunities observed, integer ≥ 1. */
  n: number;
}

/** A history shared by `weight` customers (a row of a recency/frequency table). */
export interface BgbbPattern extends BgbbHistory {
  /** Number of customers with this history (default 1), ≥ 0. */
  weight?: number;
}

function checkParams(params: BgbbParams): void {
  for (const key of ["alpha", "beta", "gamma", "delta"] as const) {
    const v = params[key];
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`invalid ${key}: ${v}`);
  }
}

function checkHistory(h: BgbbHistory, where = ""): void {
  const { x, tx, n } = h;
  const at = where ? ` at ${where}` : "";
  if (!(n >= 1) || !Number.isInteger(n)) throw new RangeError(`invalid n${at}: ${n}`);
  if (!(x >= 0 && x <= n) || !Number.isInteger(x)) throw new RangeError(`invalid x${at}: ${x}`);
  if (!Number.isInteger(tx) || tx > n || (x === 0 ? tx !== 0 : tx < x)) throw new RangeError(`invalid tx${at}: ${tx} (x = ${x}, n = ${n})`);
}

/** ln Σ e^{t_i}. */
function logSumExpAll(terms: readonly number[]): number {
  return terms.reduce(logSumExp, -Infinity);
}

/** ln L(x, t_x, n). */
function logLik(a: number, b: number, g: number, d: number, x: number, tx: number, n: number, lbAB: number, lbGD: number): number {
  const terms = [lbeta(a + x, b + n - x) - lbAB + lbeta(g, d + n) - lbGD];
  for (let i = 0; i <= n - tx - 1; i++) terms.push(lbeta(a + x, b + tx - x + i) - lbAB + lbeta(g + 1, d + tx + i) - lbGD);
  return logSumExpAll(terms);
}

/** Log-likelihood of one history. */
export function bgbbHistoryLogLikelihood(params: BgbbParams, history: BgbbHistory): number {
  checkParams(params);
  checkHistory(history);
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  return logLik(a, b, g, d, history.x, history.tx, history.n, lbeta(a, b), lbeta(g, d));
}

function checkPatterns(patterns: readonly BgbbPattern[]): void {
  patterns.forEach((p, i) => {
    checkHistory(p, `pattern ${i + 1}`);
    const w = p.weight ?? 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`invalid weight at pattern ${i + 1}: ${w}`);
  });
}

function totalLogLik(a: number, b: number, g: number, d: number, patterns: readonly BgbbPattern[]): number {
  const lbAB = lbeta(a, b);
  const lbGD = lbeta(g, d);
  let ll = 0;
  for (const p of patterns) {
    const w = p.weight ?? 1;
    if (w > 0) ll += w * logLik(a, b, g, d, p.x, p.tx, p.n, lbAB, lbGD);
  }
  return ll;
}

/** Total log-likelihood Σ weight · ln L over recency/frequency patterns. */
export function bgbbLogLikelihood(params: BgbbParams, patterns: readonly BgbbPattern[]): number {
  checkParams(params);
  checkPatterns(patterns);
  return totalLogLik(params.alpha, params.beta, params.gamma, params.delta, patterns);
}

/** Options of {@link fitBgbb}. */
export interface BgbbFitOptions {
  /** Starting point (default all 1). */
  initial?: BgbbParams;
  maxIterations?: number;
  tolerance?: number;
}

/**
 * Fit (α, β, γ, δ) by maximum likelihood to weighted (x, t_x, n) patterns, over log-parameters.
 * Standard errors from the numerical Hessian of −LL in the natural parameters.
 */
export function fitBgbb(patterns: readonly BgbbPattern[], options: BgbbFitOptions = {}): ModelFit<BgbbParams> {
  checkPatterns(patterns);
  const n = patterns.reduce((sum, p) => sum + (p.weight ?? 1), 0);
  if (!(n > 0)) throw new RangeError(`invalid patterns: total weight ${n}`);
  const start = options.initial ?? { alpha: 1, beta: 1, gamma: 1, delta: 1 };
  checkParams(start);
  const objective = (v: number[]) => {
    const value = -totalLogLik(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), Math.exp(v[3]), patterns);
    return Number.isFinite(value) ? value : Infinity;
  };
  const v0 = [start.alpha, start.beta, start.gamma, start.delta].map(Math.log);
  const result = minimize(objective, v0, { maxIterations: options.maxIterations, tolerance: options.tolerance });
  const [alpha, beta, gamma, delta] = result.x.map(Math.exp);
  const hessian = numericHessian((t: number[]) => -totalLogLik(t[0], t[1], t[2], t[3], patterns), [alpha, beta, gamma, delta]);
  const warnings: string[] = [];
  if (!result.converged) warnings.push(`optimiser did not converge: ${result.message}`);
  return modelFitAtOptimum<BgbbParams>({ model: "bgbb", names: ["alpha", "beta", "gamma", "delta"], values: [alpha, beta, gamma, delta], result, hessian, warnings, unit: "period", n });
}

/**
 * P(alive at opportunity n + m | x, t_x, n), m ≥ 0 (m = 0: alive now, after the n-th
 * opportunity's dropout draw). The paper's Table 6 "P(alive in 2002)" for the
 * donation data (n = 6 opportunities 1996–2001) uses m = 1, as lifetimes' test does.
 */
export function bgbbProbabilityAlive(params: BgbbParams, history: BgbbHistory, periodsAhead = 1): number {
  checkParams(params);
  checkHistory(history);
  if (!(periodsAhead >= 0) || !Number.isInteger(periodsAhead)) throw new RangeError(`invalid periodsAhead: ${periodsAhead}`);
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  const { x, tx, n } = history;
  const lbAB = lbeta(a, b);
  const lbGD = lbeta(g, d);
  const numerator = lbeta(a + x, b + n - x) - lbAB + lbeta(g, d + n + periodsAhead) - lbGD;
  return Math.exp(numerator - logLik(a, b, g, d, x, tx, n, lbAB, lbGD));
}

/** Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+k)/Γ(γ+δ+n+k)] · δ/(γ−1) = Σ_{t=n+1}^{n+k} B(γ, δ+t)/B(γ,δ). */
function survivingOpportunities(g: number, d: number, n: number, k: number): number {
  if (Math.abs(g - 1) < 1e-6) {
    let sum = 0;
    const lbGD = lbeta(g, d);
    for (let t = n + 1; t <= n + k; t++) sum += Math.exp(lbeta(g, d + t) - lbGD);
    return sum;
  }
  const c = lgamma(g + d) - lgamma(1 + d);
  const first = Math.exp(c + lgamma(1 + d + n) - lgamma(g + d + n));
  const last = Math.exp(c + lgamma(1 + d + n + k) - lgamma(g + d + n + k));
  return (d / (g - 1)) * (first - last);
}

/**
 * E[X(n, n + n*) | x, t_x, n]: expected transactions in the next `futurePeriods` opportunities of a
 * customer with this history.
 */
export function bgbbConditionalExpectedTransactions(params: BgbbParams, history: BgbbHistory, futurePeriods: number): number {
  checkParams(params);
  checkHistory(history);
  if (!(futurePeriods >= 0) || !Number.isInteger(futurePeriods)) throw new RangeError(`invalid futurePeriods: ${futurePeriods}`);
  if (futurePeriods === 0) return 0;
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  const { x, tx, n } = history;
  const lbAB = lbeta(a, b);
  const logP = lbeta(a + x + 1, b + n - x) - lbAB - logLik(a, b, g, d, x, tx, n, lbAB, lbeta(g, d));
  return Math.exp(logP) * survivingOpportunities(g, d, n, futurePeriods);
}

/** E[X(n)]: expected transactions of a new customer in the first n opportunities. */
export function bgbbExpectedTransactions(params: BgbbParams, n: number): number {
  checkParams(params);
  if (!(n >= 0) || !Number.isInteger(n)) throw new RangeError(`invalid n: ${n}`);
  if (n === 0) return 0;
  return (params.alpha / (params.alpha + params.beta)) * survivingOpportunities(params.gamma, params.delta, 0, n);
}

/** P(X(n) = x): probability a new customer makes exactly x transactions in n opportunities. */
export function bgbbProbabilityOfTransactions(params: BgbbParams, x: number, n: number): number {
  checkParams(params);
  if (!(n >= 0) || !Number.isInteger(n)) throw new RangeError(`invalid n: ${n}`);
  if (!(x >= 0) || !Number.isInteger(x)) throw new RangeError(`invalid x: ${x}`);
  if (x > n) return 0;
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  const lbAB = lbeta(a, b);
  const lbGD = lbeta(g, d);
  const logChoose = (m: number, k: number) => lgamma(m + 1) - lgamma(k + 1) - lgamma(m - k + 1);
  const terms = [logChoose(n, x) + lbeta(a + x, b + n - x) - lbAB + lbeta(g, d + n) - lbGD];
  for (let i = x; i <= n - 1; i++) terms.push(logChoose(i, x) + lbeta(a + x, b + i - x) - lbAB + lbeta(g + 1, d + i) - lbGD);
  return Math.exp(logSumExpAll(terms));
}

/** Expected number of a cohort of `cohortSize` customers with exactly x transactions in n opportunities. */
export function bgbbExpectedCustomersWithTransactions(params: BgbbParams, x: number, n: number, cohortSize: number): number {
  if (!(cohortSize >= 0) || !Number.isFinite(cohortSize)) throw new RangeError(`invalid cohortSize: ${cohortSize}`);
  return cohortSize * bgbbProbabilityOfTransactions(params, x, n);
}

/**
 * DERT (eq. 14): discounted expected residual transactions of a customer with this history,
 * Σ_{k≥1} E[transaction at opportunity n + k | history] / (1 + d)^k, with d > 0 the discount rate
 * per opportunity. Multiply by the value per transaction for a residual lifetime value.
 */
export function bgbbDiscountedExpectedResidualTransactions(params: BgbbParams, history: BgbbHistory, discountRatePerPeriod: number): number {
  checkParams(params);
  checkHistory(history);
  if (!(discountRatePerPeriod > 0) || !Number.isFinite(discountRatePerPeriod)) throw new RangeError(`invalid discountRatePerPeriod: ${discountRatePerPeriod}`);
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  const { x, tx, n } = history;
  const lbAB = lbeta(a, b);
  const lbGD = lbeta(g, d);
  const z = 1 / (1 + discountRatePerPeriod);
  const logFirst = lbeta(a + x + 1, b + n - x) - lbAB + lbeta(g, d + n + 1) - lbGD - logLik(a, b, g, d, x, tx, n, lbAB, lbGD);
  const series = hyp2f1(1, d + n + 1, g + d + n + 1, z);
  // a series of positive terms: ≥ 1 and finite unless the special function lost precision
  if (!(series >= 1) || !Number.isFinite(series)) throw new RangeError(`bgbb: hypergeometric series out of numerical range for δ + n = ${d + n}: ${series}`);
  return Math.exp(logFirst) * z * series;
}
