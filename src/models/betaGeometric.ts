/**
 * Shared algebra of the two beta-geometric purchase models, BG/NBD (Fader, Hardie & Lee 2005) and
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007). Both assume Poisson purchasing at rate λ ~ Gamma(r, α)
 * and a dropout coin p ~ Beta(a, b) tossed after purchases; they differ only in whether the coin is
 * also tossed at the first purchase. With k = 0 (BG/NBD: no toss at the first purchase) or k = 1
 * (MBG/NBD) the formulas of both papers read
 *
 *   LL = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+k) − ln B(a, b)
 *        + ln[ (α+T)^−(r+x) + 1{x+k > 0} · a/(b+x+k−1) · (α+t_x)^−(r+x) ]
 *   P(alive | x, t_x, T) = 1 / (1 + 1{x+k > 0} · a/(b+x+k−1) · ((α+T)/(α+t_x))^(r+x))
 *   E[Y(t) | x, t_x, T] = (a+b+x+k−1)/(a−1) · [1 − (1−z)^(r+x) ₂F₁(r+x, b+x+k; a+b+x+k−1; z)] · P(alive),
 *                         z = t/(α+T+t)
 *
 * Each model file states its own formulas and calls these with its k; this file holds the plumbing.
 */
import { digamma, hyp2f1, hyp2f1Many, lgamma, logSumExp } from "../math/special.js";
import type { Patterns } from "./patterns.js";

/** 0 for BG/NBD (no dropout at the first purchase), 1 for MBG/NBD (dropout also at the first purchase). */
export type FirstPurchaseDropout = 0 | 1;

/**
 * −LL over patterns and its gradient with respect to (r, α, a, b), in Hardie's overflow-safe
 * log-sum-exp form (note 027). `k` selects the model (see the file header).
 */
export function betaGeometricNegLogLikelihood(
  p: number[],
  pat: Patterns,
  wantGradient: boolean,
  k: FirstPurchaseDropout,
): { value: number; gradient: number[] } {
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
    if (x + k === 0) continue; // BG/NBD, x = 0: ln B(a, b) − ln B(a, b) and no second term
    constant[j] = lgamma(r + x) - lgr + lgab + lgamma(b + x + k) - lgb - lgamma(a + b + x + k);
    logB[j] = Math.log(b + x + k - 1);
    if (wantGradient) {
      const psabx = digamma(a + b + x + k);
      dr[j] = digamma(r + x) - psr;
      da[j] = psab - psabx;
      db[j] = digamma(b + x + k) - psb + psab - psabx;
    }
  }
  const nt = pat.times.length;
  const logTime = new Float64Array(nt);
  const invTime = new Float64Array(nt);
  for (let i = 0; i < nt; i++) {
    logTime[i] = Math.log(alpha + pat.times[i]);
    invTime[i] = 1 / (alpha + pat.times[i]);
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
    if (x + k === 0) {
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
      gb += w * (db[j] - p4 / (b + x + k - 1));
    }
  }
  return { value: -value, gradient: [-gr, -gal, -ga, -gb] };
}

/**
 * E[Y(t) | x, t_x, T] of the file header at each horizon t of `times` (in the fit's unit, each ≥ 0) for
 * one customer of age `T` with `x` repeat purchases and probability `pAlive` of being alive:
 * (a+b+x+k−1)/(a−1) · [1 − (1−z)^(r+x) ₂F₁(r+x, b+x+k; a+b+x+k−1; z)] · P(alive), z = t/(α+T+t), the ₂F₁
 * of all horizons sharing their series coefficients. Throws on a negative or NaN horizon, naming it.
 */
export function betaGeometricConditionalCurve(
  params: { r: number; alpha: number; a: number; b: number },
  k: FirstPurchaseDropout,
  times: ArrayLike<number>,
  x: number,
  T: number,
  pAlive: number,
): Float64Array {
  const { r, alpha, a, b } = params;
  // written as each model's scalar E[Y(t)] writes them, so that curve and scalar agree bit for bit
  const c = k === 0 ? a + b + x - 1 : a + b + x;
  const scale = c / (a - 1);
  const z = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (!(t >= 0)) throw new RangeError(`invalid t: ${t}`);
    z[i] = t / (alpha + T + t);
  }
  const out = new Float64Array(times.length);
  oneMinusScaledHyp2f1Many(r + x, k === 0 ? b + x : b + x + 1, c, z, out);
  for (let i = 0; i < out.length; i++) out[i] = scale * out[i] * pAlive;
  return out;
}

/**
 * 1 − (1−z)^A ₂F₁(A, B; C; z) for 0 ≤ z < 1: the bracket of E[X(t)] and E[Y(t) | x, t_x, T] (A = r + x).
 * For a heavy buyer A and B are in the hundreds: (1−z)^A underflows while ₂F₁ overflows, and their
 * product (a number below 1) came out as NaN or hundreds. Euler's transformation (A&S 15.3.3) gives
 * (1−z)^A ₂F₁(A, B; C; z) = (1−z)^(C−B) ₂F₁(C−A, C−B; C; z), where C − B = a − 1 and C − A = a + b + k − 1 − r
 * do not grow with x, and C does (which only speeds the series up). The untransformed form is used when
 * its parameters are the smaller pair (e.g. a degenerate fit with a in the tens of thousands, where the
 * transformed ₂F₁ overflows), and each form falls back to the other when it does not give a finite value.
 */
export function oneMinusScaledHyp2f1(A: number, B: number, C: number, z: number): number {
  if (z === 0) return 0;
  // no closures here: this runs once per customer and horizon step in CLV
  const directFirst = A + B <= 2 * C - A - B;
  const value = directFirst ? bracket(A, A, B, C, z) : bracket(C - B, C - A, C - B, C, z);
  if (Number.isFinite(value)) return value;
  return directFirst ? bracket(C - B, C - A, C - B, C, z) : bracket(A, A, B, C, z);
}

/**
 * {@link oneMinusScaledHyp2f1} at several z (each 0 ≤ z < 1) into `out`, the same numbers bit for bit:
 * the ₂F₁ of the preferred form at every z comes from {@link hyp2f1Many} (shared series coefficients);
 * a z where that form is not finite falls back to the scalar function.
 */
export function oneMinusScaledHyp2f1Many(A: number, B: number, C: number, zs: ArrayLike<number>, out: Float64Array): void {
  const directFirst = A + B <= 2 * C - A - B;
  const power = directFirst ? A : C - B;
  // the scalar function's argument order (2F1 is symmetric in a, b, its rounding is not)
  const a = directFirst ? A : C - A;
  const b = directFirst ? B : C - B;
  hyp2f1Many(a, b, C, zs, out);
  for (let k = 0; k < zs.length; k++) {
    const z = zs[k];
    if (z === 0) {
      out[k] = 0;
      continue;
    }
    const value = bracketOf(power, out[k], z);
    out[k] = Number.isFinite(value) ? value : oneMinusScaledHyp2f1(A, B, C, z);
  }
}

/** 1 − (1−z)^power ₂F₁(a, b; c; z), in log space when the ₂F₁ is positive; NaN when it is not finite. */
function bracket(power: number, a: number, b: number, c: number, z: number): number {
  return bracketOf(power, hyp2f1(a, b, c, z), z);
}

/** 1 − (1−z)^power F for F = ₂F₁(…; z); NaN when F is not finite. */
function bracketOf(power: number, F: number, z: number): number {
  if (!Number.isFinite(F)) return NaN;
  if (F > 0) return -Math.expm1(power * Math.log1p(-z) + Math.log(F));
  return 1 - Math.pow(1 - z, power) * F;
}
