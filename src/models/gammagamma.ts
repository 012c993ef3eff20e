/**
 * Gamma-Gamma model of spend per transaction.
 *
 * Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005), "RFM and CLV: using iso-value curves for
 * customer base analysis", Journal of Marketing Research 42(4), 415–430; Fader, P. S. & Hardie,
 * B. G. S. (2013), "The Gamma-Gamma model of monetary value" (note). The value z_j of each repeat
 * transaction of a customer is Gamma(p, ν); ν ~ Gamma(q, γ) across customers. With x repeat
 * transactions of mean value m̄ the likelihood (the x z_j's sum is Gamma(p x, ν)) is
 *
 *   ln L_i = lnΓ(p x + q) − lnΓ(p x) − lnΓ(q) + q ln γ + (p x − 1) ln m̄ + p x ln x − (p x + q) ln(γ + m̄ x)
 *
 * and the expected mean spend given the history is a weighted average of the population mean
 * p γ / (q − 1) and the customer's own mean (F&H 2013, eq. 5):
 *
 *   E[M | p, q, γ, m̄, x] = (p γ + p x m̄) / (p x + q − 1)
 *
 * The model assumes spend is independent of the transaction process; customers with x = 0 carry no
 * spend information and are excluded from the fit (their expected spend is the population mean).
 */
import { digamma, lgamma } from "../math/special.js";
import { minimize, numericHessian } from "../math/optimize.js";
import { modelFitAtOptimum } from "./fitResult.js";
import type { ModelFit } from "./types.js";

/** Gamma-Gamma parameters (all > 0; the population mean spend p·gamma/(q−1) needs q > 1). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** One customer's spend history: repeat transactions x and their mean value (money per transaction). */
export interface SpendHistory {
  /** Customer identifier, used in error messages. */
  customerId?: string;
  /** Number of repeat transactions (first purchase excluded), integer ≥ 0. */
  x: number;
  /** Mean value of the repeat transactions (money); ignored when x = 0. */
  monetary: number;
}

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaFitOptions {
  /** Constrain q > 1 so the population mean spend p·γ/(q−1) exists (lifetimes' `q_constraint`). Default false. */
  qConstraint?: boolean;
  /** Starting point (default p = q = γ = 1, or q = 2 with the constraint). */
  initial?: GammaGammaParams;
  maxIterations?: number;
  tolerance?: number;
  /** |Pearson ρ| between x and mean spend over repeaters above which a warning is added. Default 0.3. */
  correlationThreshold?: number;
}

/** Collapsed repeaters: distinct (x, m̄) with counts, plus per-pattern constants. */
interface Patterns {
  x: Float64Array;
  m: Float64Array;
  w: Float64Array;
  /** Σ w (ln m̄ · (p x − 1) is split into p x ln m̄ − ln m̄): constant Σ w (−ln m̄). */
  constant: number;
  n: number;
}

function label(history: SpendHistory, index: number): string {
  return history.customerId !== undefined ? `customer ${JSON.stringify(history.customerId)}` : `row ${index + 1}`;
}

/** Validate and collapse repeaters (x > 0) into weighted (x, m̄) patterns. Throws naming the customer. */
function collapse(data: readonly SpendHistory[]): Patterns {
  const index = new Map<string, number>();
  const xs: number[] = [];
  const ms: number[] = [];
  const ws: number[] = [];
  let constant = 0;
  let n = 0;
  data.forEach((history, i) => {
    const { x, monetary } = history;
    if (!(x >= 0) || !Number.isInteger(x)) throw new RangeError(`invalid x for ${label(history, i)}: ${x}`);
    if (x === 0) return;
    if (!(monetary > 0) || !Number.isFinite(monetary)) {
      throw new RangeError(`invalid mean spend for ${label(history, i)}: ${monetary} (gamma-gamma needs positive spend)`);
    }
    const key = `${x}|${monetary}`;
    let k = index.get(key);
    if (k === undefined) {
      k = xs.length;
      index.set(key, k);
      xs.push(x);
      ms.push(monetary);
      ws.push(0);
    }
    ws[k] += 1;
    constant -= Math.log(monetary);
    n += 1;
  });
  return { x: Float64Array.from(xs), m: Float64Array.from(ms), w: Float64Array.from(ws), constant, n };
}

function checkParams({ p, q, gamma }: GammaGammaParams): void {
  if (!(p > 0) || !Number.isFinite(p)) throw new RangeError(`invalid p: ${p}`);
  if (!(q > 0) || !Number.isFinite(q)) throw new RangeError(`invalid q: ${q}`);
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw new RangeError(`invalid gamma: ${gamma}`);
}

function logLikelihoodOf(p: number, q: number, g: number, d: Patterns): number {
  let ll = d.constant - d.n * lgamma(q) + d.n * q * Math.log(g);
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const m = d.m[i];
    const px = p * x;
    ll += d.w[i] * (lgamma(px + q) - lgamma(px) + px * Math.log(m * x) - (px + q) * Math.log(g + m * x));
  }
  return ll;
}

/** Gradient of LL in (p, q, γ). */
function gradientOf(p: number, q: number, g: number, d: Patterns): [number, number, number] {
  let dp = 0;
  let dq = d.n * (Math.log(g) - digamma(q));
  let dg = (d.n * q) / g;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const m = d.m[i];
    const w = d.w[i];
    const px = p * x;
    const psi = digamma(px + q);
    const logGmx = Math.log(g + m * x);
    dp += w * x * (psi - digamma(px) + Math.log(m * x) - logGmx);
    dq += w * (psi - logGmx);
    dg -= (w * (px + q)) / (g + m * x);
  }
  return [dp, dq, dg];
}

/**
 * Total log-likelihood of the repeaters (x > 0) in `data` at `params`. Customers with x = 0 are
 * skipped; a repeater with zero, negative or non-finite mean spend is an error naming the customer.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: readonly SpendHistory[]): number {
  checkParams(params);
  return logLikelihoodOf(params.p, params.q, params.gamma, collapse(data));
}

/** Pearson correlation of x and mean spend over repeaters; NaN with fewer than 2 repeaters or no variance. */
export function spendFrequencyCorrelation(data: readonly SpendHistory[]): number {
  const xs: number[] = [];
  const ms: number[] = [];
  for (const h of data) {
    if (h.x > 0) {
      xs.push(h.x);
      ms.push(h.monetary);
    }
  }
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const mm = ms.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ms[i] - mm);
    sxx += (xs[i] - mx) ** 2;
    syy += (ms[i] - mm) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * Fit the Gamma-Gamma model by maximum likelihood on the repeaters (x > 0) of `data`, over
 * log-parameters with an analytic gradient (q − 1 on the log scale with `qConstraint`).
 * Warns when |ρ(x, m̄)| exceeds `correlationThreshold` (default 0.3): the model assumes spend is
 * independent of frequency. Standard errors come from the numerical Hessian of −LL in (p, q, γ).
 */
export function fitGammaGamma(data: readonly SpendHistory[], options: GammaGammaFitOptions = {}): ModelFit<GammaGammaParams> {
  const patterns = collapse(data);
  if (patterns.n === 0) throw new RangeError("invalid spend data: no customer with x > 0");
  const qConstraint = options.qConstraint ?? false;
  const threshold = options.correlationThreshold ?? 0.3;
  const warnings: string[] = [];
  if (patterns.n < 10) warnings.push(`only ${patterns.n} repeat customers: the spend model is poorly identified`);
  const rho = spendFrequencyCorrelation(data);
  if (Math.abs(rho) > threshold) {
    warnings.push(`spend is correlated with frequency (ρ = ${rho.toFixed(2)}, threshold ${threshold}): the gamma-gamma independence assumption is doubtful`);
  }
  const start = options.initial ?? { p: 1, q: qConstraint ? 2 : 1, gamma: 1 };
  checkParams(start);
  if (qConstraint && !(start.q > 1)) throw new RangeError(`invalid initial q with qConstraint: ${start.q}`);
  const toParams = (v: number[]): [number, number, number] => [Math.exp(v[0]), qConstraint ? 1 + Math.exp(v[1]) : Math.exp(v[1]), Math.exp(v[2])];
  const objective = (v: number[]) => {
    const [p, q, g] = toParams(v);
    const value = -logLikelihoodOf(p, q, g, patterns);
    return Number.isFinite(value) ? value : Infinity;
  };
  const gradient = (v: number[]) => {
    const [p, q, g] = toParams(v);
    const [dp, dq, dg] = gradientOf(p, q, g, patterns);
    // chain rule to log-space; with the constraint dq/dv = q − 1
    return [-dp * p, -dq * (qConstraint ? q - 1 : q), -dg * g];
  };
  const v0 = [Math.log(start.p), Math.log(qConstraint ? start.q - 1 : start.q), Math.log(start.gamma)];
  const result = minimize(objective, v0, { gradient, maxIterations: options.maxIterations, tolerance: options.tolerance });
  const [p, q, gamma] = toParams(result.x);
  const hessian = numericHessian((t: number[]) => -logLikelihoodOf(t[0], t[1], t[2], patterns), [p, q, gamma]);
  if (!result.converged) warnings.push(`optimiser did not converge: ${result.message}`);
  if (!(q > 1)) warnings.push(`q = ${q.toPrecision(4)} ≤ 1: the population mean spend is infinite; refit with qConstraint`);
  return modelFitAtOptimum<GammaGammaParams>({ model: "gg", names: ["p", "q", "gamma"], values: [p, q, gamma], result, hessian, warnings, unit: "period", n: patterns.n });
}

/**
 * E[M | x, m̄]: expected mean spend per transaction (money) of a customer with x repeat transactions
 * of mean value m̄ = (p γ + p x m̄) / (p x + q − 1). For x = 0 this is the population mean
 * p γ / (q − 1) (m̄ ignored), which needs q > 1.
 */
export function conditionalExpectedSpend(params: GammaGammaParams, x: number, monetary: number): number {
  checkParams(params);
  if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`invalid x: ${x}`);
  const { p, q, gamma } = params;
  if (x === 0) return populationMeanSpend(params);
  if (!(monetary > 0) || !Number.isFinite(monetary)) throw new RangeError(`invalid mean spend: ${monetary}`);
  return (p * gamma + p * x * monetary) / (p * x + q - 1);
}

/** Population mean spend per transaction p·γ/(q − 1) (money); throws when q ≤ 1 (the mean is infinite). */
export function populationMeanSpend(params: GammaGammaParams): number {
  checkParams(params);
  if (!(params.q > 1)) throw new RangeError(`invalid q for a finite mean spend (needs q > 1): ${params.q}`);
  return (params.p * params.gamma) / (params.q - 1);
}
