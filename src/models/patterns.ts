/**
 * Shared machinery of the transaction models (BG/NBD, MBG/NBD, Pareto/NBD): input normalisation,
 * collapsing identical (x, t_x, T) customers into weighted patterns, lookup tables of distinct x and
 * distinct times (so each likelihood evaluation takes one log per distinct time, not per customer),
 * and the maximum-likelihood driver (BFGS on log-parameters, restarts, standard errors, warnings).
 */
import { minimize, numericHessian } from "../math/optimize.js";
import { modelFitAtOptimum } from "./fitResult.js";
import type { TimeUnit } from "../types.js";
import type { ModelFit } from "./types.js";
import { DistinctTriples, DistinctValues } from "../util/distinct.js";

/**
 * Recency-frequency input of a transaction model: columnar arrays (a `CustomerSummary` qualifies) or
 * one object per customer. `x` = repeat purchases, `tx` = recency, `T` = age, in one time unit;
 * optional `weights` (`weight`) = number of customers with that row (default 1).
 */
export type RfmInput =
  | { x: ArrayLike<number>; tx: ArrayLike<number>; T: ArrayLike<number>; weights?: ArrayLike<number>; unit?: TimeUnit }
  | readonly { x: number; tx: number; T: number; weight?: number }[];

/** Distinct (x, t_x, T) patterns with weights and lookup tables. */
export interface Patterns {
  /** Number of distinct patterns. */
  size: number;
  /** Number of customers (sum of weights). */
  n: number;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** Distinct x values and each pattern's index into them. */
  xValues: Float64Array;
  xIndex: Int32Array;
  /** Distinct time values (union of t_x and T) and each pattern's indexes into them. */
  times: Float64Array;
  txIndex: Int32Array;
  TIndex: Int32Array;
  /** Weighted sums used for starting values and warnings. */
  sumX: number;
  sumT: number;
  repeaters: number;
}

/**
 * Validate recency-frequency input and collapse identical customers. Throws on invalid rows, naming
 * the row and value (`invalid tx at customer 3: 41 (greater than T = 39)`), and on empty input.
 */
export function collapsePatterns(input: RfmInput): Patterns {
  let get: (i: number) => void;
  let n: number;
  let cx = 0;
  let ctx = 0;
  let cT = 0;
  let cw = 1;
  if (Array.isArray(input)) {
    const rows = input as readonly { x: number; tx: number; T: number; weight?: number }[];
    n = rows.length;
    get = (i) => {
      const r = rows[i];
      cx = r.x;
      ctx = r.tx;
      cT = r.T;
      cw = r.weight ?? 1;
    };
  } else {
    const cols = input as { x: ArrayLike<number>; tx: ArrayLike<number>; T: ArrayLike<number>; weights?: ArrayLike<number> };
    n = cols.x.length;
    if (cols.tx.length !== n || cols.T.length !== n) throw new RangeError(`invalid input: x, tx, T lengths differ (${n}, ${cols.tx.length}, ${cols.T.length})`);
    const w = cols.weights;
    get = (i) => {
      cx = cols.x[i];
      ctx = cols.tx[i];
      cT = cols.T[i];
      cw = w ? w[i] : 1;
    };
  }
  if (n === 0) throw new RangeError("no customers to fit");
  const distinct = new DistinctTriples(n);
  const pw = new Float64Array(n);
  let total = 0;
  let sumX = 0;
  let sumT = 0;
  let repeaters = 0;
  for (let i = 0; i < n; i++) {
    get(i);
    if (!(cx >= 0) || !Number.isFinite(cx)) throw new RangeError(`invalid x at customer ${i}: ${cx}`);
    if (!(cT >= 0) || !Number.isFinite(cT)) throw new RangeError(`invalid T at customer ${i}: ${cT}`);
    if (!(ctx >= 0) || !Number.isFinite(ctx)) throw new RangeError(`invalid tx at customer ${i}: ${ctx}`);
    if (ctx > cT * (1 + 1e-12)) throw new RangeError(`invalid tx at customer ${i}: ${ctx} (greater than T = ${cT})`);
    if (cx > 0 && ctx === 0) throw new RangeError(`invalid tx at customer ${i}: 0 with x = ${cx} repeat purchases`);
    if (!(cw >= 0) || !Number.isFinite(cw)) throw new RangeError(`invalid weight at customer ${i}: ${cw}`);
    if (cw === 0) continue;
    total += cw;
    sumX += cw * cx;
    sumT += cw * cT;
    if (cx > 0) repeaters += cw;
    pw[distinct.index(cx, ctx, cT)] += cw;
  }
  const size = distinct.size;
  if (size === 0) throw new RangeError("no customers to fit (all weights are 0)");
  const x = distinct.a.slice(0, size);
  const tx = distinct.b.slice(0, size);
  const T = distinct.c.slice(0, size);
  const weight = pw.slice(0, size);
  const xs = new DistinctValues(size);
  const ts = new DistinctValues(2 * size);
  const xIndex = new Int32Array(size);
  const txIndex = new Int32Array(size);
  const TIndex = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    xIndex[i] = xs.index(x[i]);
    txIndex[i] = ts.index(tx[i]);
    TIndex[i] = ts.index(T[i]);
  }
  return {
    size,
    n: total,
    x,
    tx,
    T,
    weight,
    xValues: xs.values(),
    xIndex,
    times: ts.values(),
    txIndex,
    TIndex,
    sumX,
    sumT,
    repeaters,
  };
}

/**
 * A deterministic subsample of `pat` standing for the whole: every pattern of weight ≥ `k`, and every
 * `k`-th of the others with its weight times `k` (so the sample's weights sum to about `pat.n` and its
 * −LL approximates the whole's, value, gradient and Hessian), with its own lookup tables.
 */
export function subsamplePatterns(pat: Patterns, k: number): Patterns {
  if (!(k >= 1) || !Number.isInteger(k)) throw new RangeError(`invalid subsample step k: ${k}`);
  const chosen: number[] = [];
  let light = 0;
  for (let i = 0; i < pat.size; i++) {
    if (pat.weight[i] >= k) chosen.push(i);
    else if (light++ % k === 0) chosen.push(i);
  }
  const size = chosen.length;
  const x = new Float64Array(size);
  const tx = new Float64Array(size);
  const T = new Float64Array(size);
  const weight = new Float64Array(size);
  const xIndex = new Int32Array(size);
  const txIndex = new Int32Array(size);
  const TIndex = new Int32Array(size);
  const xMap = new Int32Array(pat.xValues.length).fill(-1);
  const tMap = new Int32Array(pat.times.length).fill(-1);
  const xValues: number[] = [];
  const times: number[] = [];
  const remap = (map: Int32Array, values: number[], from: Float64Array, old: number) => {
    if (map[old] < 0) {
      map[old] = values.length;
      values.push(from[old]);
    }
    return map[old];
  };
  let n = 0;
  let sumX = 0;
  let sumT = 0;
  let repeaters = 0;
  chosen.forEach((i, m) => {
    const w = pat.weight[i] >= k ? pat.weight[i] : pat.weight[i] * k;
    x[m] = pat.x[i];
    tx[m] = pat.tx[i];
    T[m] = pat.T[i];
    weight[m] = w;
    xIndex[m] = remap(xMap, xValues, pat.xValues, pat.xIndex[i]);
    txIndex[m] = remap(tMap, times, pat.times, pat.txIndex[i]);
    TIndex[m] = remap(tMap, times, pat.times, pat.TIndex[i]);
    n += w;
    sumX += w * x[m];
    sumT += w * T[m];
    if (x[m] > 0) repeaters += w;
  });
  return { size, n, x, tx, T, weight, xValues: Float64Array.from(xValues), xIndex, times: Float64Array.from(times), txIndex, TIndex, sumX, sumT, repeaters };
}

/** Options shared by the transaction-model fits. */
export interface TransactionFitOptions<P> {
  /** Starting values (natural scale); defaults are data-driven. */
  start?: Partial<P>;
  /** Extra optimiser runs from perturbed optima (default 0; 2 more are made automatically if a run does not converge). */
  restarts?: number;
  /** BFGS iteration cap per run (default 200). */
  maxIterations?: number;
  /** Relative gradient tolerance of the optimiser (default 1e-9). */
  tolerance?: number;
  /** Compute standard errors (default true; costs 2 × (number of parameters) gradient evaluations). */
  standardErrors?: boolean;
  /** Time unit of the input, reported on the fit (default: the input's `unit`, else "week"). */
  unit?: TimeUnit;
  /**
   * Number of distinct (x, t_x, T) patterns above which the fit first fits a deterministic subsample
   * (every k-th pattern, k = ⌈2 · patterns / warmStartAbove⌉, weights times k; see `subsamplePatterns`) and
   * starts the full fit from its optimum and its BFGS inverse Hessian (default 200,000; Infinity: never).
   * The full fit keeps its convergence criteria and tolerance, so the optimum is the cold start's to
   * within the optimiser's tolerance; it only needs fewer full evaluations (1M distinct customers:
   * exact purchase times).
   */
  warmStartAbove?: number;
}

/** Specification of one model for {@link fitByMaximumLikelihood}. */
export interface ModelSpec<P extends object> {
  model: string;
  names: (keyof P & string)[];
  /** −LL over `patterns` (the fit's, or a warm-start subsample of them) and its gradient with respect to the natural parameters. */
  negLogLikelihood: (params: number[], wantGradient: boolean, patterns: Patterns) => { value: number; gradient: number[] };
  start: number[];
}

/** Default of {@link TransactionFitOptions.warmStartAbove}. */
const WARM_START_ABOVE = 200_000;

/**
 * Maximise a likelihood over positive parameters: BFGS on log-parameters with the analytic gradient,
 * automatic restarts when a run fails, standard errors from the finite-difference Hessian of the
 * analytic gradient on the natural scale. Above `warmStartAbove` distinct patterns the BFGS run starts
 * from a fit on a subsample (its optimum and inverse Hessian; see {@link TransactionFitOptions}).
 */
export function fitByMaximumLikelihood<P extends object>(
  spec: ModelSpec<P>,
  patterns: Patterns,
  options: TransactionFitOptions<P>,
  unit: TimeUnit,
): ModelFit<P> {
  const names = spec.names;
  const start = names.map((name, i) => {
    const given = (options.start as Record<string, number> | undefined)?.[name];
    if (given !== undefined && !(given > 0 && Number.isFinite(given))) throw new RangeError(`invalid start ${name}: ${given}`);
    return given ?? spec.start[i];
  });
  const valueAndGradientOn = (pat: Patterns) => (theta: number[]) => {
    const p = theta.map(Math.exp);
    const r = spec.negLogLikelihood(p, true, pat);
    return { value: r.value, gradient: r.gradient.map((g, i) => g * p[i]) };
  };
  const valueAndGradient = valueAndGradientOn(patterns);
  const f = (theta: number[]) => spec.negLogLikelihood(theta.map(Math.exp), false, patterns).value;
  const requested = options.restarts ?? 0;
  const warm = warmStart(spec, patterns, start.map(Math.log), options, valueAndGradientOn);
  let result = minimize(f, warm?.x ?? start.map(Math.log), {
    valueAndGradient,
    restarts: requested,
    maxIterations: options.maxIterations,
    tolerance: options.tolerance,
    initialInverseHessian: warm?.inverseHessian ?? undefined,
  });
  if (warm) result = { ...result, message: `${result.message} (started from a fit on 1 pattern in ${warm.k}: ${warm.size.toLocaleString("en-US")} of ${patterns.size.toLocaleString("en-US")}, ${warm.evaluations} evaluations)` };
  let restartsUsed = result.restarts;
  if (!result.converged) {
    const retry = minimize(f, result.x, { valueAndGradient, restarts: 2, maxIterations: options.maxIterations, tolerance: options.tolerance, seed: 7 });
    restartsUsed += 1 + retry.restarts;
    if (retry.value <= result.value || retry.converged) {
      result = { ...retry, iterations: result.iterations + retry.iterations, evaluations: result.evaluations + retry.evaluations };
    } else {
      result = { ...result, evaluations: result.evaluations + retry.evaluations };
    }
  }
  const params = result.x.map(Math.exp);
  const warnings: string[] = [];
  if (!result.converged) warnings.push(`the ${spec.model} fit did not converge (${result.message}); treat the parameters with caution`);
  names.forEach((name, i) => {
    if (params[i] > 1e6 || params[i] < 1e-6) warnings.push(`parameter ${name} = ${params[i].toPrecision(3)} is at an extreme; the model may be poorly identified on these data`);
  });
  const hessian =
    options.standardErrors !== false && Number.isFinite(result.value)
      ? numericHessian((p) => spec.negLogLikelihood(p, false, patterns).value, params, { gradient: (p) => spec.negLogLikelihood(p, true, patterns).gradient })
      : null;
  const fit = modelFitAtOptimum<P>({ model: spec.model, names, values: params, result, hessian, warnings, unit, n: patterns.n, restarts: restartsUsed });
  if (hessian && !fit.standardErrors) warnings.push("standard errors unavailable: the Hessian of the log-likelihood is not positive definite at the optimum");
  return fit;
}

/**
 * The warm start of a fit with more than `warmStartAbove` distinct patterns: the optimum (log-parameters)
 * and BFGS inverse Hessian of the same −LL on every k-th pattern; null below the threshold or when the
 * subsample's fit found no finite point (the full fit then starts cold).
 */
function warmStart<P extends object>(
  spec: ModelSpec<P>,
  patterns: Patterns,
  theta0: number[],
  options: TransactionFitOptions<P>,
  valueAndGradientOn: (pat: Patterns) => (theta: number[]) => { value: number; gradient: number[] },
): { x: number[]; inverseHessian: number[][] | null; k: number; size: number; evaluations: number } | null {
  const above = options.warmStartAbove ?? WARM_START_ABOVE;
  if (!(above > 0)) throw new RangeError(`invalid warmStartAbove: ${above}`);
  if (!(patterns.size > above)) return null;
  const k = Math.max(2, Math.ceil((2 * patterns.size) / above));
  const sample = subsamplePatterns(patterns, k);
  const f = (theta: number[]) => spec.negLogLikelihood(theta.map(Math.exp), false, sample).value;
  const result = minimize(f, theta0, { valueAndGradient: valueAndGradientOn(sample), maxIterations: options.maxIterations, tolerance: options.tolerance });
  if (!Number.isFinite(result.value)) return null;
  return { x: result.x, inverseHessian: result.inverseHessian, k, size: sample.size, evaluations: result.evaluations };
}

/** The unit of an input (its `unit` field, else the option, else "week"). */
export function inputUnit(input: RfmInput, option?: TimeUnit): TimeUnit {
  if (option) return option;
  const u = Array.isArray(input) ? undefined : (input as { unit?: TimeUnit }).unit;
  return u ?? "week";
}

/** Check that every parameter is positive and finite, naming the bad one. */
export function checkPositive(params: Record<string, number>): void {
  for (const [name, value] of Object.entries(params)) {
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`invalid ${name}: ${value}`);
  }
}
