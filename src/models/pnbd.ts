/**
 * Pareto/NBD: Poisson purchasing at rate λ ~ Gamma(r, α) for an exponential lifetime of rate
 * μ ~ Gamma(s, β) (Pareto of the second kind for the lifetime).
 *
 * Schmittlein, D. C., Morrison, D. G. & Colombo, R. (1987). Counting your customers: who are they and
 * what will they do next? Management Science 33(1), 1–24. Likelihood, P(alive), conditional
 * expectation and DERT as in Fader, P. S. & Hardie, B. G. S. (2005), "A note on deriving the
 * Pareto/NBD model and related expressions", and Fader, Hardie & Lee (2005), "RFM and CLV: using
 * iso-value curves for customer base analysis" (DERT, their eq. 2).
 *
 * Likelihood (Fader & Hardie 2005 note, eq. 19), written with the integral it comes from:
 *
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ ]
 *
 * and ∫_t^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = (α+t)^−(r+x) (β+t)^−s F(1, r+x; r+s+x+1; (α−β)/(α+t)) / (r+s+x)
 * for α ≥ β (the note's ₂F₁(r+s+x, s+1; r+s+x+1; ·) after Euler's transformation), and symmetrically
 * (α+t)^(1−r−x) (β+t)^−(s+1) F(1, s+1; r+s+x+1; (β−α)/(β+t)) / (r+s+x) for α < β. The series of
 * F(1, b; c; z), 0 ≤ z < 1, has positive terms (no cancellation) and is summed with its derivatives in
 * b, c, z, which gives the analytic gradient; above z = 0.95 (s and β large together, where the series
 * needs ~1/(1−z) terms) Gauss's continued fraction gives the same four numbers in ~9/√(1−z) steps
 * (`hyp2f1OneContinuedFraction`). Everything is scaled by (α+T)^(r+x) (β+T)^s so that no power
 * overflows, and ln((β+T)/(β+t_x)) is taken as log1p((T−t_x)/(β+t_x)), not as a difference of logs
 * that s in the thousands would multiply into visible errors. Times are in the fit's unit (α and β in
 * 1/unit).
 */
import { digamma, expintEScaled, hyp2f1, hyp2f1OneContinuedFraction, lgamma } from "../math/special.js";
import { checkPositive, collapsePatterns, fitByMaximumLikelihood, inputUnit, type Patterns, type RfmInput, type TransactionFitOptions } from "./patterns.js";
import type { ModelFit } from "./types.js";

/** Pareto/NBD parameters: purchase rate λ ~ Gamma(r, α); dropout rate μ ~ Gamma(s, β). */
export interface ParetoNbdParams {
  r: number;
  /** Rate parameter of the purchase-rate gamma, in 1/unit of the fit. */
  alpha: number;
  s: number;
  /** Rate parameter of the dropout-rate gamma, in 1/unit of the fit. */
  beta: number;
}

const EPS = 2.220446049250313e-16;

/** F(1, b; c; z) and its partial derivatives (F, ∂b, ∂c, ∂z) into `out`, for c > b > 0, 0 ≤ z < 1. */
function hyp1(b: number, c: number, z: number, out: Float64Array): void {
  if (z === 0) {
    out[0] = 1;
    out[1] = 0;
    out[2] = 0;
    out[3] = b / c;
    return;
  }
  if (!(z < 1 && c > b)) {
    // s or β so large that z rounds to 1 or c to b: not evaluable, so the likelihood is NaN → Infinity
    out[0] = out[1] = out[2] = out[3] = NaN;
    return;
  }
  if (z > 0.95 && hyp2f1OneContinuedFraction(b, c, z, out)) return;
  if (z > 0.95) {
    // The continued fraction did not converge (z within ~1e-10 of 1): the general 2F1 and central differences.
    const f = (bb: number, cc: number, zz: number) => hyp2f1(1, bb, cc, zz);
    const hb = 1e-5 * Math.max(1, b);
    const hc = 1e-5 * Math.max(1, c);
    const hz = 1e-7 * (1 - z);
    out[0] = f(b, c, z);
    out[1] = (f(b + hb, c, z) - f(b - hb, c, z)) / (2 * hb);
    out[2] = (f(b, c + hc, z) - f(b, c - hc, z)) / (2 * hc);
    out[3] = (f(b, c, z + hz) - f(b, c, z - hz)) / (2 * hz);
    return;
  }
  let t = 1;
  let F = 1;
  let Fb = 0;
  let Fc = 0;
  let Fz = 0;
  let sb = 0;
  let sc = 0;
  const tail = 1 / (1 - z);
  for (let n = 0; n < 100_000; n++) {
    sb += 1 / (b + n);
    sc += 1 / (c + n);
    t *= ((b + n) / (c + n)) * z;
    F += t;
    Fb += t * sb;
    Fc -= t * sc;
    Fz += (n + 1) * t;
    if (t * (n + 2 + sb + sc) * tail < EPS * 0.5 * F) break;
  }
  out[0] = F;
  out[1] = Fb;
  out[2] = Fc;
  out[3] = Fz / z;
}

/**
 * Coefficients of the series of F(1, b; c; z) for one (b, c), shared by every customer with the same x in
 * one likelihood evaluation (b and c depend on the parameters and x only, z on the customer's times):
 * for m < `length`, a_m = (b)_m/(c)_m and the products a_m·Σ1/(b+i), a_m·Σ1/(c+i), m·a_m and the
 * stopping weight a_m·(m+1+Σ1/(b+i)+Σ1/(c+i)) of {@link hyp1}, so that a customer's series is sums of
 * products by z^m, without the three divisions per term of {@link hyp1}.
 */
interface SeriesTable {
  /**
   * Terms per (b, c), at most 256: enough for the largest z of the evaluation up to z ≈ 0.87; beyond, the
   * customers whose series is longer go to {@link hyp1}.
   */
  length: number;
  /** Per x index: 1 when the coefficients are usable (c > b), 0 when {@link hyp1} decides (NaN). */
  usable: Uint8Array;
  a: Float64Array;
  ab: Float64Array;
  ac: Float64Array;
  am: Float64Array;
  stop: Float64Array;
  /** Per x index: the four numbers at t_x = 0 (the same z for every customer with x = 0), once computed. */
  atZero: Float64Array;
  atZeroDone: Uint8Array;
}

/** Series tables for each distinct x at (r, α, s, β), or null when z can exceed 0.95 (continued fraction). */
function seriesTables(r: number, alpha: number, s: number, beta: number, xValues: Float64Array): SeriesTable | null {
  // the largest z of the evaluation is at t = 0: |α − β| / max(α, β)
  const zMax = Math.abs(alpha - beta) / Math.max(alpha, beta);
  if (!(zMax <= 0.95)) return null;
  // terms until z^m falls below ε/8, and 16 more for the slowly growing factors of the stopping test
  const length = zMax === 0 ? 2 : Math.min(256, Math.ceil(Math.log(EPS / 8) / Math.log(zMax)) + 16);
  const nx = xValues.length;
  const size = nx * length;
  const table: SeriesTable = { length, usable: new Uint8Array(nx), a: new Float64Array(size), ab: new Float64Array(size), ac: new Float64Array(size), am: new Float64Array(size), stop: new Float64Array(size), atZero: new Float64Array(4 * nx), atZeroDone: new Uint8Array(nx) };
  for (let j = 0; j < nx; j++) {
    const x = xValues[j];
    const b = alpha >= beta ? r + x : s + 1;
    const c = r + s + x + 1;
    if (!(c > b)) continue;
    table.usable[j] = 1;
    const base = j * length;
    let a = 1;
    let sb = 0;
    let sc = 0;
    table.a[base] = 1;
    table.stop[base] = 1;
    for (let m = 1; m < length; m++) {
      const n = m - 1;
      sb += 1 / (b + n);
      sc += 1 / (c + n);
      a *= (b + n) / (c + n);
      table.a[base + m] = a;
      table.ab[base + m] = a * sb;
      table.ac[base + m] = a * sc;
      table.am[base + m] = m * a;
      table.stop[base + m] = a * (m + 1 + sb + sc);
    }
  }
  return table;
}

/**
 * F(1, b; c; z) and its derivatives as {@link hyp1} (the same sums to rounding), from the coefficients of
 * x index `j` in `table` when there are any and the series converges within them, else by {@link hyp1}.
 */
function hyp1Series(table: SeriesTable | null, j: number, b: number, c: number, z: number, out: Float64Array): void {
  if (table === null || z === 0 || !(z <= 0.95) || table.usable[j] === 0) {
    hyp1(b, c, z, out);
    return;
  }
  const { length, a, ab, ac, am, stop } = table;
  const base = j * length;
  const limit = 0.5 * EPS * (1 - z);
  let zm = 1;
  let F = 1;
  let Fb = 0;
  let Fc = 0;
  let Fz = 0;
  for (let m = 1; m < length; m++) {
    zm *= z;
    const o = base + m;
    F += a[o] * zm;
    Fb += ab[o] * zm;
    Fc -= ac[o] * zm;
    Fz += am[o] * zm;
    if (stop[o] * zm < limit * F) {
      out[0] = F;
      out[1] = Fb;
      out[2] = Fc;
      out[3] = Fz / z;
      return;
    }
  }
  hyp1(b, c, z, out);
}

/** {@link hyp1Series} at t_x = 0 (z = |α − β| / max(α, β)), computed once per x index and evaluation. */
function hyp1AtZero(table: SeriesTable | null, j: number, b: number, c: number, z: number, out: Float64Array): void {
  if (table === null) {
    hyp1(b, c, z, out);
    return;
  }
  const cached = table.atZero.subarray(4 * j, 4 * j + 4);
  if (table.atZeroDone[j] === 0) {
    hyp1Series(table, j, b, c, z, out);
    cached.set(out);
    table.atZeroDone[j] = 1;
    return;
  }
  out.set(cached);
}

/**
 * Per-customer pieces: writes log(1 + R) and, when `grad` is given, its gradient in (r, α, s, β),
 * where L = C · (α+T)^−(r+x) (β+T)^−s · (1 + R) and P(alive) = 1 / (1 + R).
 */
function logOnePlusR(
  r: number, alpha: number, s: number, beta: number, x: number,
  laX: number, lbX: number, iaX: number, ibX: number, laT: number, lbT: number, iaT: number, ibT: number,
  tx: number, T: number, f1: Float64Array, f2: Float64Array, grad: Float64Array | null,
  table: SeriesTable | null = null, j = 0,
): number {
  const rx = r + x;
  const A = rx + s;
  const c = A + 1;
  let q1: number, q2: number;
  // derivatives of q1, q2 and of G1 = F(z(tx)), G2 = F(z(T)) in (r, α, s, β)
  let q1r = 0, q1a = 0, q1s = 0, q1b = 0, q2a = 0, q2b = 0;
  let g1r = 0, g1a = 0, g1s = 0, g1b = 0, g2r = 0, g2a = 0, g2s = 0, g2b = 0;
  // ln((α+T)/(α+t_x)) and ln((β+T)/(β+t_x)) without the cancellation of la/lb differences, which
  // s or r + x in the millions (s, β → ∞ together) would multiply into errors of whole LL units
  const dTa = Math.log1p((T - tx) * iaX);
  const dTb = Math.log1p((T - tx) * ibX);
  if (alpha >= beta) {
    const d = alpha - beta;
    (tx === 0 ? hyp1AtZero : hyp1Series)(table, j, rx, c, d / (alpha + tx), f1);
    hyp1Series(table, j, rx, c, d / (alpha + T), f2);
    q1 = rx * dTa + s * dTb;
    q2 = 0;
    if (grad) {
      q1r = dTa;
      q1s = dTb;
      q1a = -rx * (iaX - iaT);
      q1b = -s * (ibX - ibT);
      g1r = f1[1] + f1[2];
      g1s = f1[2];
      g1a = f1[3] * (beta + tx) * iaX * iaX;
      g1b = -f1[3] * iaX;
      g2r = f2[1] + f2[2];
      g2s = f2[2];
      g2a = f2[3] * (beta + T) * iaT * iaT;
      g2b = -f2[3] * iaT;
    }
  } else {
    const d = beta - alpha;
    (tx === 0 ? hyp1AtZero : hyp1Series)(table, j, s + 1, c, d / (beta + tx), f1);
    hyp1Series(table, j, s + 1, c, d / (beta + T), f2);
    q1 = rx * dTa + s * dTb + (laX - lbX);
    q2 = laT - lbT;
    if (grad) {
      q1r = dTa;
      q1s = dTb;
      q1a = (1 - rx) * iaX + rx * iaT;
      q1b = -(s + 1) * ibX + s * ibT;
      q2a = iaT;
      q2b = -ibT;
      g1r = f1[2];
      g1s = f1[1] + f1[2];
      g1a = -f1[3] * ibX;
      g1b = f1[3] * (alpha + tx) * ibX * ibX;
      g2r = f2[2];
      g2s = f2[1] + f2[2];
      g2a = -f2[3] * ibT;
      g2b = f2[3] * (alpha + T) * ibT * ibT;
    }
  }
  const m = Math.max(0, q1, q2);
  const w1 = Math.exp(q1 - m);
  const w2 = Math.exp(q2 - m);
  const e1 = w1 * f1[0];
  const e2 = w2 * f2[0];
  const k = s / A;
  const diff = tx === T ? 0 : e1 - e2;
  const inner = Math.exp(-m) + k * Math.max(diff, 0);
  if (grad) {
    if (tx === T) {
      grad[0] = grad[1] = grad[2] = grad[3] = 0;
    } else {
      const kr = -s / (A * A);
      const ks = rx / (A * A);
      grad[0] = (kr * diff + k * (w1 * (q1r * f1[0] + g1r) - w2 * g2r)) / inner;
      grad[1] = (k * (w1 * (q1a * f1[0] + g1a) - w2 * (q2a * f2[0] + g2a))) / inner;
      grad[2] = (ks * diff + k * (w1 * (q1s * f1[0] + g1s) - w2 * g2s)) / inner;
      grad[3] = (k * (w1 * (q1b * f1[0] + g1b) - w2 * (q2b * f2[0] + g2b))) / inner;
    }
  }
  return m + Math.log(inner);
}

/** −LL of Pareto/NBD over patterns and its gradient with respect to (r, α, s, β). */
function negLogLikelihood(p: number[], pat: Patterns, wantGradient: boolean): { value: number; gradient: number[] } {
  const [r, alpha, s, beta] = p;
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || !p.every(Number.isFinite)) return { value: Infinity, gradient: [NaN, NaN, NaN, NaN] };
  const nx = pat.xValues.length;
  const lgx = new Float64Array(nx);
  const dgx = new Float64Array(nx);
  const lgr = lgamma(r);
  const psr = wantGradient ? digamma(r) : 0;
  for (let j = 0; j < nx; j++) {
    const x = pat.xValues[j];
    if (x === 0) continue;
    lgx[j] = lgamma(r + x) - lgr;
    if (wantGradient) dgx[j] = digamma(r + x) - psr;
  }
  const nt = pat.times.length;
  const la = new Float64Array(nt);
  const lb = new Float64Array(nt);
  const ia = new Float64Array(nt);
  const ib = new Float64Array(nt);
  for (let k = 0; k < nt; k++) {
    const t = pat.times[k];
    la[k] = Math.log(alpha + t);
    lb[k] = Math.log(beta + t);
    ia[k] = 1 / (alpha + t);
    ib[k] = 1 / (beta + t);
  }
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  const f1 = new Float64Array(4);
  const f2 = new Float64Array(4);
  const g = wantGradient ? new Float64Array(4) : null;
  const table = seriesTables(r, alpha, s, beta, pat.xValues);
  let value = 0;
  let gr = 0;
  let gal = 0;
  let gs = 0;
  let gbe = 0;
  const { x: xs, tx: txs, T: Ts, weight, xIndex, txIndex, TIndex } = pat;
  for (let i = 0; i < pat.size; i++) {
    const x = xs[i];
    const w = weight[i];
    const j = xIndex[i];
    const kx = txIndex[i];
    const kT = TIndex[i];
    const rx = r + x;
    const l1 = logOnePlusR(r, alpha, s, beta, x, la[kx], lb[kx], ia[kx], ib[kx], la[kT], lb[kT], ia[kT], ib[kT], txs[i], Ts[i], f1, f2, g, table, j);
    value += w * (lgx[j] + r * logAlpha + s * logBeta - rx * la[kT] - s * lb[kT] + l1);
    if (g) {
      gr += w * (dgx[j] + logAlpha - la[kT] + g[0]);
      gal += w * (r / alpha - rx * ia[kT] + g[1]);
      gs += w * (logBeta - lb[kT] + g[2]);
      gbe += w * (s / beta - s * ib[kT] + g[3]);
    }
  }
  if (!Number.isFinite(value)) return { value: Infinity, gradient: [NaN, NaN, NaN, NaN] };
  return { value: -value, gradient: [-gr, -gal, -gs, -gbe] };
}

/** Total Pareto/NBD log-likelihood of `input` (weights respected) at `params`. */
export function pnbdLogLikelihood(params: ParetoNbdParams, input: RfmInput): number {
  checkPositive({ ...params });
  return -negLogLikelihood([params.r, params.alpha, params.s, params.beta], collapsePatterns(input), false).value;
}

/** Gradient of the total log-likelihood with respect to the natural parameters, in the order of `ParetoNbdParams`. */
export function pnbdLogLikelihoodGradient(params: ParetoNbdParams, input: RfmInput): number[] {
  checkPositive({ ...params });
  return negLogLikelihood([params.r, params.alpha, params.s, params.beta], collapsePatterns(input), true).gradient.map((g) => -g);
}

/** Options of {@link fitParetoNbd}: those of every transaction model plus a time budget. */
export interface ParetoNbdFitOptions extends TransactionFitOptions<ParetoNbdParams> {
  /**
   * Wall-clock budget of the fit in seconds (default 30); when it is spent the fit returns the best
   * parameters found, marked not converged, with a warning. A safety net: the case that used to exhaust it
   * (s and β drifting to infinity together, each evaluation a slow 2F1 near z = 1) now converges in seconds
   * (continued fraction near z = 1, s capped at 10⁴, see S_CAP).
   */
  maxSeconds?: number;
}

/** Thrown inside the likelihood when the fit's time budget is spent. */
class FitBudgetSpent extends Error {}

/**
 * Largest dropout shape s the fit distinguishes. Beyond it the dropout rates μ ~ Gamma(s, β) vary by less
 * than 1/√s = 1 % between customers, the likelihood only creeps towards its supremum at s, β → ∞ (about
 * 2·10⁻⁴ LL units left on the 1,909-customer demo company), and only the mean rate s/β is identified. The fit
 * sees the likelihood at (S_CAP, β·S_CAP/s) for s > S_CAP: flat along the ridge, so the optimiser stops
 * instead of walking to s = 10¹³ (where the evaluation loses its precision).
 */
const S_CAP = 1e4;

/** −LL with s clamped to S_CAP at the same mean dropout rate s/β (see S_CAP), and its gradient. */
function clampedNegLogLikelihood(p: number[], patterns: Patterns, wantGradient: boolean): { value: number; gradient: number[] } {
  const [r, alpha, s, beta] = p;
  if (!(s > S_CAP)) return negLogLikelihood(p, patterns, wantGradient);
  const betaAtCap = (beta * S_CAP) / s;
  const result = negLogLikelihood([r, alpha, S_CAP, betaAtCap], patterns, wantGradient);
  if (!wantGradient) return result;
  const gBeta = result.gradient[3];
  // LL̃(s, β) = LL(S_CAP, β·S_CAP/s): ∂/∂s = −(β'/s)·∂LL/∂β', ∂/∂β = (S_CAP/s)·∂LL/∂β'
  return { value: result.value, gradient: [result.gradient[0], result.gradient[1], (-betaAtCap / s) * gBeta, (S_CAP / s) * gBeta] };
}

/**
 * Fit Pareto/NBD by maximum likelihood (BFGS on log-parameters with the analytic gradient; identical
 * customers collapsed). β is often weakly identified (CDNOW: SE ≈ 6 for β ≈ 11.7): compare fits by
 * LL, E[X] and P(alive) rather than by β alone.
 */
export function fitParetoNbd(input: RfmInput, options: ParetoNbdFitOptions = {}): ModelFit<ParetoNbdParams> {
  const patterns = collapsePatterns(input);
  const meanT = patterns.sumT / patterns.n;
  const meanX = patterns.sumX / patterns.n;
  const start = [1, Math.max(meanT, 1e-3) / Math.max(meanX, 0.05), 1, Math.max(meanT, 1e-3)];
  const maxSeconds = options.maxSeconds ?? 30;
  if (!(maxSeconds > 0)) throw new RangeError(`invalid maxSeconds: ${maxSeconds}`);
  const deadline = Date.now() + maxSeconds * 1000;
  const best = { value: Infinity, params: start, evaluations: 0 };
  // best point of a warm-start subsample, for a budget spent before any evaluation on all patterns
  const sampleBest = { value: Infinity, params: start };
  let fit: ModelFit<ParetoNbdParams>;
  try {
    fit = fitByMaximumLikelihood<ParetoNbdParams>(
      {
        model: "pnbd",
        names: ["r", "alpha", "s", "beta"],
        start,
        negLogLikelihood: (p, g, pat) => {
          if (best.evaluations > 0 && Date.now() > deadline) throw new FitBudgetSpent();
          const result = clampedNegLogLikelihood(p, pat, g);
          best.evaluations++;
          // the best point of the whole data (a warm-start subsample's values are not comparable)
          if (pat === patterns && result.value < best.value) {
            best.value = result.value;
            best.params = [...p];
          } else if (pat !== patterns && result.value < sampleBest.value) {
            sampleBest.value = result.value;
            sampleBest.params = [...p];
          }
          return result;
        },
      },
      patterns,
      options,
      inputUnit(input, options.unit),
    );
  } catch (error) {
    if (!(error instanceof FitBudgetSpent)) throw error;
    if (best.value === Infinity) {
      // spent within the warm-start subsample's fit: its best point, with its likelihood on all patterns
      best.params = sampleBest.params;
      best.value = clampedNegLogLikelihood(best.params, patterns, false).value;
    }
    const [r, alpha, s, beta] = best.params;
    fit = {
      model: "pnbd",
      params: { r, alpha, s, beta },
      logLikelihood: -best.value,
      standardErrors: null,
      diagnostics: {
        converged: false,
        message: `stopped after ${maxSeconds} s (time budget) at s = ${s.toPrecision(3)}, β = ${beta.toPrecision(3)}`,
        iterations: 0,
        evaluations: best.evaluations,
        gradientNorm: NaN,
        restarts: 0,
      },
      warnings: [
        `the pnbd fit did not converge within ${maxSeconds} s; the parameters shown are the best found. When s and β are large and growing together, dropout is nearly the same for every customer and its heterogeneity cannot be estimated: prefer BG/NBD or MBG/NBD on these data`,
      ],
      unit: inputUnit(input, options.unit),
      n: patterns.n,
    };
  }
  if (fit.params.s > S_CAP * (1 - 1e-9)) {
    const { s, beta } = fit.params;
    const meanRate = s / beta;
    fit.params = { ...fit.params, s: S_CAP, beta: S_CAP / meanRate };
    fit.standardErrors = null;
    fit.warnings = fit.warnings.filter((w) => !w.startsWith("parameter beta =") && !w.startsWith("parameter s =") && !w.startsWith("standard errors unavailable"));
    fit.warnings.push(
      `dropout heterogeneity is not identified: s and β grew together (s ≥ ${S_CAP}, dropout rates differ by under 1 % between customers), so s is reported at ${S_CAP} with β = ${fit.params.beta.toPrecision(4)} keeping the mean dropout rate s/β = ${meanRate.toPrecision(4)} per ${fit.unit}; no standard errors. The data fit a common dropout rate: BG/NBD or MBG/NBD may describe them as well`,
    );
  }
  if (patterns.repeaters === 0) fit.warnings.unshift("no customer made a repeat purchase: the purchase and dropout processes cannot be separated, so the parameters are not identified");
  if (patterns.n === 1) fit.warnings.unshift("only one customer: the parameters are not identified");
  return fit;
}

/**
 * P(alive | x, t_x, T): probability that a customer with `x` repeat purchases, recency `tx` and age `T`
 * is still active at T (Fader & Hardie 2005 note, eq. 20).
 */
export function pnbdProbabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  checkPositive({ ...params });
  const { r, alpha, s, beta } = params;
  const f1 = new Float64Array(4);
  const f2 = new Float64Array(4);
  const l1 = logOnePlusR(
    r, alpha, s, beta, x,
    Math.log(alpha + tx), Math.log(beta + tx), 1 / (alpha + tx), 1 / (beta + tx),
    Math.log(alpha + T), Math.log(beta + T), 1 / (alpha + T), 1 / (beta + T),
    tx, T, f1, f2, null,
  );
  return Math.exp(-l1);
}

/** (1 − (B/(B+t))^(k)) / k, continuous at k = 0 (= ln(1 + t/B)). */
function powerDifference(B: number, t: number, k: number): number {
  const l = Math.log1p(t / B);
  if (Math.abs(k) < 1e-10) return l * (1 - (k * l) / 2);
  return -Math.expm1(-k * l) / k;
}

/** E[X(t)]: expected purchases of a new customer in (0, t] = rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)]. */
export function pnbdExpectedPurchases(params: ParetoNbdParams, t: number): number {
  checkPositive({ ...params });
  if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
  const { r, alpha, s, beta } = params;
  return ((r * beta) / alpha) * powerDifference(beta, t, s - 1);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next `t` units of a customer with history
 * (x, t_x, T) = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive).
 */
export function pnbdConditionalExpectedPurchases(params: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
  const { r, alpha, s, beta } = params;
  return (((r + x) * (beta + T)) / (alpha + T)) * powerDifference(beta + T, t, s - 1) * pnbdProbabilityAlive(params, x, tx, T);
}

/**
 * E[Y(t) | x, t_x, T] at each horizon t of `times` (in the fit's unit, each ≥ 0) for one customer; the
 * same numbers as {@link pnbdConditionalExpectedPurchases} at each t, with P(alive) (two ₂F₁ series, the
 * costly part) computed once instead of once per horizon.
 */
export function pnbdConditionalExpectedPurchasesCurve(params: ParetoNbdParams, times: ArrayLike<number>, x: number, tx: number, T: number): Float64Array {
  const { r, alpha, s, beta } = params;
  const pAlive = pnbdProbabilityAlive(params, x, tx, T);
  const scale = ((r + x) * (beta + T)) / (alpha + T);
  const out = new Float64Array(times.length);
  for (let k = 0; k < times.length; k++) {
    const t = times[k];
    if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
    out[k] = scale * powerDifference(beta + T, t, s - 1) * pAlive;
  }
  return out;
}

/**
 * DERT: discounted expected residual transactions of a customer with history (x, t_x, T), with a
 * continuous discount rate per unit of the fit (`continuousDiscountRatePerUnit` = ln(1 + d) for a
 * discrete rate d per unit; Fader, Hardie & Lee 2005 "RFM and CLV", eq. 2):
 *
 *   DERT = P(alive) · (r+x)/(α+T) · ∫₀^∞ e^(−δt) ((β+T)/(β+T+t))^s dt
 *        = P(alive) · (r+x)/(α+T) · (β+T) · e^(δ(β+T)) E_s(δ(β+T)).
 *
 * Multiply by the expected spend per transaction for a residual CLV.
 */
export function pnbdDert(params: ParetoNbdParams, continuousDiscountRatePerUnit: number, x: number, tx: number, T: number): number {
  const delta = continuousDiscountRatePerUnit;
  if (!(delta > 0) || !Number.isFinite(delta)) throw new RangeError(`invalid continuousDiscountRatePerUnit: ${delta}`);
  const { r, alpha, s, beta } = params;
  const B = beta + T;
  return pnbdProbabilityAlive(params, x, tx, T) * ((r + x) / (alpha + T)) * B * expintEScaled(s, delta * B);
}

/** Most integrand evaluations of one {@link integrate} call; past it, intervals are no longer split. */
const MAX_INTEGRAND_EVALUATIONS = 200_000;

/**
 * Adaptive Simpson quadrature of a smooth function on [a, b] to absolute tolerance `tol`. An interval
 * whose estimate is not finite is not split further (it would never meet the tolerance: the result is
 * then NaN, not a hang), and at most {@link MAX_INTEGRAND_EVALUATIONS} evaluations are spent.
 */
function integrate(f: (t: number) => number, a: number, b: number, tol: number): number {
  const simpson = (fa: number, fm: number, fb: number, h: number) => (h / 6) * (fa + 4 * fm + fb);
  let evaluations = 3;
  const recurse = (a0: number, b0: number, fa: number, fm: number, fb: number, whole: number, eps: number, depth: number): number => {
    const m = (a0 + b0) / 2;
    const lm = (a0 + m) / 2;
    const rm = (m + b0) / 2;
    const flm = f(lm);
    const frm = f(rm);
    evaluations += 2;
    const left = simpson(fa, flm, fm, m - a0);
    const right = simpson(fm, frm, fb, b0 - m);
    if (depth <= 0 || !Number.isFinite(left + right) || evaluations > MAX_INTEGRAND_EVALUATIONS || Math.abs(left + right - whole) <= 15 * eps) return left + right + (left + right - whole) / 15;
    return recurse(a0, m, fa, flm, fm, left, eps / 2, depth - 1) + recurse(m, b0, fm, frm, fb, right, eps / 2, depth - 1);
  };
  const fa = f(a);
  const fb = f(b);
  const fm = f((a + b) / 2);
  return recurse(a, b, fa, fm, fb, simpson(fa, fm, fb, b - a), tol, 40);
}

/**
 * P(X(t) = n): probability that a new customer makes exactly `n` purchases in (0, t]:
 * (β/(β+t))^s · NBD(n; t) + ∫₀ᵗ sβ^s (β+τ)^−(s+1) NBD(n; τ) dτ, with NBD(n; τ) the gamma-Poisson
 * probability of n purchases in τ; the integral by adaptive Simpson quadrature (absolute error < 1e-12).
 */
export function pnbdProbabilityOfNPurchases(params: ParetoNbdParams, t: number, n: number): number {
  checkPositive({ ...params });
  if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid n: ${n}`);
  const { r, alpha, s, beta } = params;
  const logCoef = lgamma(r + n) - lgamma(r) - lgamma(n + 1);
  const nbd = (tau: number) => (tau === 0 ? (n === 0 ? 1 : 0) : Math.exp(logCoef + r * Math.log(alpha / (alpha + tau)) + n * Math.log(tau / (alpha + tau))));
  // (β/(β+τ))^s in log space: β^s alone overflows for the large s, β of nearly homogeneous dropout.
  const survive = Math.exp(-s * Math.log1p(t / beta));
  if (t === 0) return n === 0 ? 1 : 0;
  const density = (tau: number) => (s / (beta + tau)) * Math.exp(-s * Math.log1p(tau / beta)) * nbd(tau);
  return survive * nbd(t) + integrate(density, 0, t, 1e-13);
}
