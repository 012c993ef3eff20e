/**
 * Unconstrained minimisation for maximum-likelihood fits: BFGS (Nocedal & Wright 2006, Algorithm 6.1)
 * with a strong-Wolfe line search (Algorithms 3.5/3.6, safeguarded quadratic interpolation), falling
 * back to Nelder-Mead (Nelder & Mead 1965; Lagarias et al. 1998 coefficients) when the line search
 * fails, and optional restarts from seeded perturbations of the best point. Finite-difference gradient
 * and Hessian helpers and standard errors from a Hessian of −LL complete the toolkit.
 *
 * Parameters are unconstrained: fit positive parameters on their logs. A non-finite objective at a
 * point counts as +Infinity (the line search backtracks); the result is never NaN.
 */
import { mulberry32, randomNormal } from "./random.js";

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Gradient of `f`; when absent a central finite-difference gradient is used (2n evaluations each). */
  gradient?: (x: number[]) => number[];
  /** Value and gradient in one call (faster when they share work); takes precedence over `gradient`. */
  valueAndGradient?: (x: number[]) => { value: number; gradient: number[] };
  /** BFGS iteration cap per run (default 200). */
  maxIterations?: number;
  /** Relative gradient tolerance: converged when max|∇f| ≤ tolerance · max(1, |f|) (default 1e-9). */
  tolerance?: number;
  /** Extra runs from perturbed copies of the best point; the best result wins (default 0). */
  restarts?: number;
  /** Standard deviation of the restart perturbation, scaled by max(1, |x_i|) (default 0.1). */
  restartScale?: number;
  /** Seed of the restart perturbations (default 1). */
  seed?: number;
  /**
   * Inverse Hessian approximation at `x0` to start the first BFGS run from (n × n, symmetric positive
   * definite; e.g. the `inverseHessian` of a fit of a similar objective) instead of a scaled identity, so
   * the first steps are quasi-Newton steps. Restarts and line-search rescues start from the identity.
   */
  initialInverseHessian?: number[][];
}

/** Result of {@link minimize}. */
export interface MinimizeResult {
  /** Best point found. */
  x: number[];
  /** Objective at `x` (finite unless the objective was nowhere finite, then +Infinity). */
  value: number;
  /** Iterations summed over runs (BFGS iterations plus Nelder-Mead iterations). */
  iterations: number;
  /** Objective evaluations summed over runs (a value-and-gradient call counts once). */
  evaluations: number;
  converged: boolean;
  /** Plain-language account of how the search ended. */
  message: string;
  /** max|∇f| at `x`. */
  gradientNorm: number;
  /** Restarts performed. */
  restarts: number;
  /** BFGS inverse Hessian approximation at `x` (null when the best run ended before its first update). */
  inverseHessian: number[][] | null;
}

type Evaluation = { value: number; gradient: number[] };

const EPS = 2.220446049250313e-16;

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (!(v <= m)) m = v; // NaN propagates as NaN
  }
  return m;
}

/** Central finite-difference gradient of `f` at `x` (step ∛ε · max(1, |x_i|)). */
export function numericGradient(f: (x: number[]) => number, x: number[]): number[] {
  const g = new Array<number>(x.length);
  const xp = x.slice();
  for (let i = 0; i < x.length; i++) {
    const h = 6.055454452393343e-6 * Math.max(1, Math.abs(x[i]));
    xp[i] = x[i] + h;
    const fp = f(xp);
    xp[i] = x[i] - h;
    const fm = f(xp);
    xp[i] = x[i];
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

/**
 * Finite-difference Hessian of `f` at `x`, symmetrised. With `gradient` it differences the gradient
 * (central, step ∛ε · max(1, |x_i|); accurate to ~1e-8 relative), otherwise it uses second
 * differences of `f` (step ε^¼ · max(1, |x_i|); ~1e-5 relative at best).
 */
export function numericHessian(f: (x: number[]) => number, x: number[], options: { gradient?: (x: number[]) => number[] } = {}): number[][] {
  const n = x.length;
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const xp = x.slice();
  if (options.gradient) {
    for (let i = 0; i < n; i++) {
      const h = 6.055454452393343e-6 * Math.max(1, Math.abs(x[i]));
      xp[i] = x[i] + h;
      const gp = options.gradient(xp);
      xp[i] = x[i] - h;
      const gm = options.gradient(xp);
      xp[i] = x[i];
      for (let j = 0; j < n; j++) H[i][j] = (gp[j] - gm[j]) / (2 * h);
    }
  } else {
    const f0 = f(x);
    const steps = x.map((v) => 1.220703125e-4 * Math.max(1, Math.abs(v)));
    for (let i = 0; i < n; i++) {
      const hi = steps[i];
      xp[i] = x[i] + hi;
      const fp = f(xp);
      xp[i] = x[i] - hi;
      const fm = f(xp);
      xp[i] = x[i];
      H[i][i] = (fp - 2 * f0 + fm) / (hi * hi);
      for (let j = 0; j < i; j++) {
        const hj = steps[j];
        const at = (si: number, sj: number) => {
          xp[i] = x[i] + si * hi;
          xp[j] = x[j] + sj * hj;
          const v = f(xp);
          xp[i] = x[i];
          xp[j] = x[j];
          return v;
        };
        H[i][j] = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * hi * hj);
        H[j][i] = H[i][j];
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = (H[i][j] + H[j][i]) / 2;
      H[i][j] = v;
      H[j][i] = v;
    }
  }
  return H;
}

/** Cholesky factor L (lower, row-major) of a symmetric matrix, or null when not positive definite. */
export function cholesky(A: number[][]): number[][] | null {
  const n = A.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        L[i][i] = Math.sqrt(s);
      } else {
        L[i][j] = s / L[j][j];
      }
    }
  }
  return L;
}

/** Inverse of a symmetric positive-definite matrix, or null when it is not positive definite. */
export function invertPositiveDefinite(A: number[][]): number[][] | null {
  const n = A.length;
  const L = cholesky(A);
  if (!L) return null;
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const y = new Array<number>(n);
  for (let col = 0; col < n; col++) {
    for (let i = 0; i < n; i++) {
      let s = i === col ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
      y[i] = s / L[i][i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < n; k++) s -= L[k][i] * inv[k][col];
      inv[i][col] = s / L[i][i];
    }
  }
  return inv;
}

/**
 * Asymptotic standard errors √diag(H⁻¹) from the Hessian `H` of the negative log-likelihood with
 * respect to the natural parameters at the optimum; null when `H` is not positive definite.
 */
export function standardErrorsFromHessian(H: number[][]): number[] | null {
  const inv = invertPositiveDefinite(H);
  if (!inv) return null;
  const se = inv.map((row, i) => Math.sqrt(row[i]));
  return se.every((v) => Number.isFinite(v) && v > 0) ? se : null;
}

interface Point {
  a: number;
  x: number[];
  f: number;
  g: number[];
  d: number;
}

interface Counter {
  evaluations: number;
}

function makeEvaluator(f: (x: number[]) => number, options: MinimizeOptions, counter: Counter): (x: number[]) => Evaluation {
  const raw: (x: number[]) => Evaluation = options.valueAndGradient
    ? options.valueAndGradient
    : options.gradient
      ? (x) => ({ value: f(x), gradient: options.gradient!(x) })
      : (x) => ({ value: f(x), gradient: numericGradient(f, x) });
  return (x) => {
    counter.evaluations++;
    const r = raw(x);
    const finite = Number.isFinite(r.value) && r.gradient.every(Number.isFinite);
    return finite ? r : { value: Infinity, gradient: r.gradient };
  };
}

function pointAt(evaluate: (x: number[]) => Evaluation, x: number[], p: number[], a: number): Point {
  const xa = x.map((v, i) => v + a * p[i]);
  const r = evaluate(xa);
  return { a, x: xa, f: r.value, g: r.gradient, d: Number.isFinite(r.value) ? dot(r.gradient, p) : NaN };
}

/** Strong-Wolfe line search; returns a point with sufficient decrease, or null. */
function lineSearch(evaluate: (x: number[]) => Evaluation, start: Point, p: number[], a1: number): Point | null {
  const c1 = 1e-4;
  const c2 = 0.9;
  const f0 = start.f;
  const d0 = start.d;
  const armijo = (t: Point) => t.f <= f0 + c1 * t.a * d0;
  const zoom = (lo: Point, hi: Point): Point | null => {
    for (let j = 0; j < 30; j++) {
      const width = hi.a - lo.a;
      let a = lo.a + width / 2;
      if (Number.isFinite(hi.f)) {
        const denom = 2 * (hi.f - lo.f - lo.d * width);
        if (denom > 0) {
          const q = lo.a - (lo.d * width * width) / denom;
          const low = Math.min(lo.a, hi.a) + 0.1 * Math.abs(width);
          const high = Math.max(lo.a, hi.a) - 0.1 * Math.abs(width);
          if (q >= low && q <= high) a = q;
        }
      }
      const t = pointAt(evaluate, start.x, p, a);
      if (!Number.isFinite(t.f) || !armijo(t) || t.f >= lo.f) {
        hi = t;
      } else {
        if (Math.abs(t.d) <= -c2 * d0) return t;
        if (t.d * (hi.a - lo.a) >= 0) hi = lo;
        lo = t;
      }
      if (Math.abs(hi.a - lo.a) <= 1e-10 * Math.max(Math.abs(lo.a), Math.abs(hi.a))) break;
    }
    return lo.a !== 0 ? lo : null;
  };
  let prev: Point = { ...start, a: 0 };
  let a = a1;
  for (let i = 0; i < 40; i++) {
    const t = pointAt(evaluate, start.x, p, a);
    if (!Number.isFinite(t.f)) {
      // Treat as +Infinity: search between the last good step and this one.
      return zoom(prev, t);
    }
    if (!armijo(t) || (i > 0 && t.f >= prev.f)) return zoom(prev, t);
    if (Math.abs(t.d) <= -c2 * d0) return t;
    if (t.d >= 0) return zoom(t, prev);
    prev = t;
    a *= 4;
  }
  return prev.a !== 0 ? prev : null;
}

interface RunResult {
  x: number[];
  value: number;
  gradient: number[];
  iterations: number;
  converged: boolean;
  message: string;
  /** The inverse Hessian approximation at the end, or null before its first update. */
  inverseHessian: number[][] | null;
}

/** Checks an initial inverse Hessian's shape and values, naming the bad entry. */
function checkInverseHessian(H0: number[][], n: number): void {
  if (H0.length !== n) throw new RangeError(`invalid initialInverseHessian: ${H0.length} rows for ${n} parameters`);
  H0.forEach((row, i) => {
    if (row.length !== n) throw new RangeError(`invalid initialInverseHessian: row ${i} has ${row.length} entries for ${n} parameters`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`invalid initialInverseHessian[${i}][${j}]: ${v}`);
    });
  });
}

/** One BFGS run from x0 (with a Nelder-Mead rescue when the line search fails). */
function bfgs(
  f: (x: number[]) => number,
  evaluate: (x: number[]) => Evaluation,
  x0: number[],
  maxIterations: number,
  tolerance: number,
  counter: Counter,
  H0?: number[][],
): RunResult {
  const n = x0.length;
  const first = evaluate(x0);
  let cur: Point = { a: 0, x: x0.slice(), f: first.value, g: first.gradient, d: 0 };
  if (!Number.isFinite(cur.f)) return { x: x0.slice(), value: Infinity, gradient: first.gradient, iterations: 0, converged: false, message: "objective not finite at the starting point", inverseHessian: null };
  const H = new Float64Array(n * n);
  const resetH = (scale: number) => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  };
  let fresh = true;
  if (H0) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H[i * n + j] = H0[i][j];
    fresh = false;
  } else {
    resetH(1);
  }
  const inverseHessian = () => (fresh ? null : Array.from({ length: n }, (_, i) => Array.from(H.subarray(i * n, (i + 1) * n))));
  let rescued = false;
  let stalls = 0;
  const p = new Array<number>(n);
  for (let iter = 1; iter <= maxIterations; iter++) {
    const gnorm = maxAbs(cur.g);
    if (gnorm <= tolerance * Math.max(1, Math.abs(cur.f))) {
      return { x: cur.x, value: cur.f, gradient: cur.g, iterations: iter - 1, converged: true, message: `converged after ${iter - 1} iterations`, inverseHessian: inverseHessian() };
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i * n + j] * cur.g[j];
      p[i] = s;
    }
    let d = dot(p, cur.g);
    if (!(d < 0)) {
      resetH(1);
      fresh = true;
      for (let i = 0; i < n; i++) p[i] = -cur.g[i];
      d = dot(p, cur.g);
    }
    cur.d = d;
    if (!fresh && -0.5 * d <= 1e-14 * Math.abs(cur.f)) {
      return { x: cur.x, value: cur.f, gradient: cur.g, iterations: iter - 1, converged: true, message: `converged after ${iter - 1} iterations (predicted decrease ${(-0.5 * d).toExponential(1)} below the objective's precision)`, inverseHessian: inverseHessian() };
    }
    const a1 = fresh ? Math.min(1, 1 / Math.max(gnorm, EPS)) : 1;
    const next = lineSearch(evaluate, cur, p, a1);
    if (!next) {
      // Near the optimum of a large sum the achievable decrease drops below the objective's rounding
      // error and no step can satisfy Armijo: accept when the quasi-Newton predicted decrease
      // −½ gᵀHg is that small (parameters then sit within ~√(1e-11 |f| / curvature) of the optimum).
      if (!fresh && -0.5 * d <= 1e-11 * Math.max(1, Math.abs(cur.f))) {
        return { x: cur.x, value: cur.f, gradient: cur.g, iterations: iter, converged: true, message: `converged after ${iter} iterations (predicted decrease ${(-0.5 * d).toExponential(1)} below the objective's precision)`, inverseHessian: inverseHessian() };
      }
      if (!fresh) {
        resetH(1);
        fresh = true;
        continue;
      }
      if (rescued) {
        return { x: cur.x, value: cur.f, gradient: cur.g, iterations: iter, converged: false, message: `line search failed at iteration ${iter} (max|gradient| ${gnorm.toExponential(2)})`, inverseHessian: inverseHessian() };
      }
      // Rescue with Nelder-Mead from the current point, then resume BFGS.
      const nm = nelderMead(f, cur.x, { maxEvaluations: 200 * n * n + 400, counter });
      rescued = true;
      if (nm.value < cur.f) {
        const r = evaluate(nm.x);
        cur = { a: 0, x: nm.x, f: r.value, g: r.gradient, d: 0 };
      }
      resetH(1);
      fresh = true;
      continue;
    }
    const s = next.x.map((v, i) => v - cur.x[i]);
    const y = next.g.map((v, i) => v - cur.g[i]);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (fresh) {
        resetH(sy / dot(y, y));
        fresh = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Hy[i] += H[i * n + j] * y[j];
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
    }
    const decrease = cur.f - next.f;
    stalls = decrease <= 1e-15 * Math.max(1, Math.abs(cur.f)) ? stalls + 1 : 0;
    cur = next;
    if (stalls >= 3) {
      const gn = maxAbs(cur.g);
      const ok = gn <= 1e3 * tolerance * Math.max(1, Math.abs(cur.f));
      return { x: cur.x, value: cur.f, gradient: cur.g, iterations: iter, converged: ok, message: ok ? `converged after ${iter} iterations (objective stalled at machine precision)` : `objective stalled at iteration ${iter} (max|gradient| ${gn.toExponential(2)})`, inverseHessian: inverseHessian() };
    }
  }
  const gn = maxAbs(cur.g);
  const ok = gn <= tolerance * Math.max(1, Math.abs(cur.f));
  return { x: cur.x, value: cur.f, gradient: cur.g, iterations: maxIterations, converged: ok, message: ok ? `converged after ${maxIterations} iterations` : `stopped at iteration cap (${maxIterations})`, inverseHessian: inverseHessian() };
}

/**
 * Nelder-Mead simplex minimisation of `f` from `x0` (initial simplex steps 0.1 · max(1, |x_i|)).
 * Non-finite values count as +Infinity. Stops when the simplex's spread of values and size are below
 * `tolerance` (default 1e-10, relative) or after `maxEvaluations` (default 1000 · n).
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  options: { maxEvaluations?: number; tolerance?: number; counter?: { evaluations: number } } = {},
): { x: number[]; value: number; evaluations: number; iterations: number; converged: boolean } {
  const n = x0.length;
  const maxEvaluations = options.maxEvaluations ?? 1000 * n;
  const tolerance = options.tolerance ?? 1e-10;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    if (options.counter) options.counter.evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const simplex: { x: number[]; f: number }[] = [{ x: x0.slice(), f: value(x0) }];
  for (let i = 0; i < n; i++) {
    const x = x0.slice();
    x[i] += 0.1 * Math.max(1, Math.abs(x[i]));
    simplex.push({ x, f: value(x) });
  }
  let iterations = 0;
  let converged = false;
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.f - b.f);
    const best = simplex[0];
    const worst = simplex[n];
    let size = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(simplex[i].x[j] - best.x[j]));
    if (Math.abs(worst.f - best.f) <= tolerance * Math.max(1, Math.abs(best.f)) && size <= Math.sqrt(tolerance) * Math.max(1, maxAbs(best.x))) {
      converged = true;
      break;
    }
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].x[j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j] - c));
    const xr = along(-1);
    const fr = value(xr);
    if (fr < best.f) {
      const xe = along(-2);
      const fe = value(xe);
      simplex[n] = fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
    } else if (fr < simplex[n - 1].f) {
      simplex[n] = { x: xr, f: fr };
    } else {
      const outside = fr < worst.f;
      const xc = along(outside ? -0.5 : 0.5);
      const fc = value(xc);
      if (fc < (outside ? fr : worst.f)) {
        simplex[n] = { x: xc, f: fc };
      } else {
        for (let i = 1; i <= n; i++) {
          const x = simplex[i].x.map((v, j) => best.x[j] + 0.5 * (v - best.x[j]));
          simplex[i] = { x, f: value(x) };
        }
      }
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  return { x: simplex[0].x, value: simplex[0].f, evaluations, iterations, converged };
}

/**
 * Minimise `f` over ℝⁿ from `x0` by BFGS with a strong-Wolfe line search (Nelder-Mead rescue when the
 * line search fails; restarts from seeded perturbations when `restarts` > 0). Never returns NaN: a
 * non-finite objective counts as +Infinity. Read `converged` and `message`.
 *
 * @example minimize(([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1]) // x ≈ [1, 1]
 */
export function minimize(f: (x: number[]) => number, x0: number[], options: MinimizeOptions = {}): MinimizeResult {
  if (x0.length === 0) throw new RangeError("invalid x0: empty");
  if (!x0.every(Number.isFinite)) throw new RangeError(`invalid x0: [${x0.join(", ")}]`);
  const counter: Counter = { evaluations: 0 };
  const evaluate = makeEvaluator(f, options, counter);
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-9;
  const restarts = Math.max(0, Math.floor(options.restarts ?? 0));
  const scale = options.restartScale ?? 0.1;
  if (options.initialInverseHessian) checkInverseHessian(options.initialInverseHessian, x0.length);
  let best = bfgs(f, evaluate, x0, maxIterations, tolerance, counter, options.initialInverseHessian);
  let iterations = best.iterations;
  const random = mulberry32(options.seed ?? 1);
  for (let k = 0; k < restarts; k++) {
    const start = best.x.map((v) => v + scale * Math.max(1, Math.abs(v)) * randomNormal(random));
    const run = bfgs(f, evaluate, start, maxIterations, tolerance, counter);
    iterations += run.iterations;
    if (run.value < best.value || (!best.converged && run.converged && run.value <= best.value + 1e-9 * Math.max(1, Math.abs(best.value)))) best = run;
  }
  const message = restarts > 0 ? `${best.message}; best of ${restarts + 1} runs` : best.message;
  return {
    x: best.x,
    value: best.value,
    iterations,
    evaluations: counter.evaluations,
    converged: best.converged,
    message,
    gradientNorm: Number.isFinite(best.value) ? maxAbs(best.gradient) : Infinity,
    restarts,
    inverseHessian: best.inverseHessian,
  };
}
