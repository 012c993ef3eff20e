/**
 * Special functions for the likelihoods of the customer-base models: log-gamma, digamma, trigamma,
 * log-beta, the Gauss hypergeometric function 2F1, the generalised exponential integral E_s, and
 * overflow-safe log-sum-exp helpers. Pure functions of numbers, no allocation in the hot paths.
 *
 * Sources: log-gamma by the Lanczos approximation with Godfrey's coefficients (g = 671/128, 14 terms,
 * Press et al., Numerical Recipes 3rd ed. §6.1, full double precision for x > 0); digamma and trigamma
 * by upward recurrence to x ≥ 10 and their asymptotic (Bernoulli) series (Abramowitz & Stegun 6.3.18,
 * 6.4.12); 2F1 by its power series, Pfaff's transformation for z < 0 and the 1 − z connection formula
 * for z near 1 (A&S 15.3.5, 15.3.6), or, when that formula cancels (large parameters), the series of
 * positive terms with Euler's transformation (A&S 15.3.3); E_s by its power series (A&S 5.1.12 generalised) for x < 1 and
 * the continued fraction (A&S 5.1.22, modified Lentz) for x ≥ 1.
 */

const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

function lgammaPositive(x: number): number {
  let y = x;
  let tmp = x + 5.2421875;
  tmp = (x + 0.5) * Math.log(tmp) - tmp;
  let ser = 0.999999999999997092;
  for (let j = 0; j < 14; j++) ser += LANCZOS[j] / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

/**
 * Natural log of |Γ(x)|. Full double precision for x > 0 (absolute error ≈ 1e-15 near the zeros at
 * x = 1 and x = 2). Negative non-integer x uses the reflection formula; x = 0, −1, −2, ... (poles)
 * give +Infinity; NaN gives NaN. See {@link gammaSign} for the sign of Γ(x).
 */
export function lgamma(x: number): number {
  if (x > 0) return lgammaPositive(x);
  if (Number.isNaN(x)) return NaN;
  if (x === Math.floor(x)) return Infinity;
  // Γ(x) Γ(1 − x) = π / sin(πx)
  return Math.log(Math.PI / Math.abs(sinPi(x))) - lgammaPositive(1 - x);
}

/** Sign of Γ(x): +1 for x > 0, alternating on the negative axis; +1 at the poles (where 1/Γ = 0). */
export function gammaSign(x: number): 1 | -1 {
  if (x > 0 || x === Math.floor(x)) return 1;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** sin(πx) with exact zeros at the integers and full relative accuracy near them. */
function sinPi(x: number): number {
  const r = x - 2 * Math.round(x / 2); // exact, in [−1, 1]
  if (r === 0 || r === 1 || r === -1) return 0;
  if (r > 0.5) return Math.sin(Math.PI * (1 - r));
  if (r < -0.5) return -Math.sin(Math.PI * (1 + r));
  return Math.sin(Math.PI * r);
}

/**
 * Digamma ψ(x) = d/dx ln Γ(x), relative error ≈ 1e-15 away from its root (x ≈ 1.4616). Negative
 * non-integer x by reflection; poles (x = 0, −1, ...) give NaN.
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) {
    if (x === Math.floor(x)) return NaN;
    // ψ(1 − x) − ψ(x) = π cot(πx)
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * (x - Math.round(x)));
  }
  let shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series =
    inv2 *
    (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return Math.log(x) - 0.5 / x - series - shift;
}

/** Trigamma ψ'(x), relative error ≈ 1e-15 for x > 0; negative non-integer x by reflection. */
export function trigamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) {
    if (x === Math.floor(x)) return NaN;
    const s = Math.sin(Math.PI * (x - Math.round(x)));
    return -trigamma(1 - x) + (Math.PI * Math.PI) / (s * s);
  }
  let shift = 0;
  while (x < 10) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv +
    inv2 / 2 +
    inv * inv2 * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 * (1 / 30 - inv2 * (5 / 66 - inv2 * (691 / 2730 - inv2 * (7 / 6)))))));
  return series + shift;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** ln(e^a + e^b) without overflow; −Infinity when both are −Infinity. */
export function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln(1 + e^x) without overflow or underflow (Mächler 2012). */
export function log1pexp(x: number): number {
  if (x <= -37) return Math.exp(x);
  if (x <= 18) return Math.log1p(Math.exp(x));
  if (x <= 33.3) return x + Math.exp(-x);
  return x;
}

const EPS = 2.220446049250313e-16;
const MAX_SERIES_TERMS = 200_000;

/**
 * Plain power series of 2F1; caller guarantees |z| ≤ ~0.75 (or a terminating series). It does not stop
 * while c + n < 0: there the terms may be tiny and then grow again as c + n crosses zero (the connection
 * formula's series with c = 1 ∓ m, m large, e.g. 2F1(45.486, 1.49; −48.514; 0.15)).
 */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (term === 0) return sum;
    // c + n < 0: the terms can grow again when c + n crosses zero, so a small term is no reason to stop
    if (c + n + 1 > 0 && Math.abs(term) <= EPS * 0.25 * Math.abs(sum) && Math.abs(((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2)) * z) < 1) {
      return sum;
    }
  }
  return sum;
}

/**
 * {@link hyp2f1Series} with the sum of the terms' absolute values: the series' own rounding error is
 * about EPS times that sum (large when the terms change sign, e.g. c < 0 in the connection formula).
 */
function hyp2f1SeriesMagnitude(a: number, b: number, c: number, z: number): { sum: number; magnitude: number } {
  let term = 1;
  let sum = 1;
  let magnitude = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    magnitude += Math.abs(term);
    if (term === 0) break;
    if (c + n + 1 > 0 && Math.abs(term) <= EPS * 0.25 * Math.abs(sum) && Math.abs(((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2)) * z) < 1) break;
  }
  return { sum, magnitude };
}

/** Whether `v` is a non-positive integer (a pole of Γ, or a terminating Pochhammer). */
function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && v === Math.floor(v);
}

/** Γ(p1)Γ(p2) / (Γ(q1)Γ(q2)) with signs, 0 when a denominator argument is a pole. */
function gammaRatio(p1: number, p2: number, q1: number, q2: number): number {
  if (isNonPositiveInteger(q1) || isNonPositiveInteger(q2)) return 0;
  const sign = gammaSign(p1) * gammaSign(p2) * gammaSign(q1) * gammaSign(q2);
  return sign * Math.exp(lgamma(p1) + lgamma(p2) - lgamma(q1) - lgamma(q2));
}

/**
 * Relative rounding error of {@link gammaRatio}: each ln Γ carries an absolute error of a few ulps of
 * its own size, which exp turns into a relative error.
 */
function gammaRatioError(p1: number, p2: number, q1: number, q2: number): number {
  return 4 * EPS * (1 + Math.abs(lgamma(p1)) + Math.abs(lgamma(p2)) + Math.abs(lgamma(q1)) + Math.abs(lgamma(q2)));
}

/** A value with an estimate of its absolute rounding error. */
interface Estimate {
  value: number;
  error: number;
}

/**
 * The 1 − z connection formula (A&S 15.3.6) for non-integer m = c − a − b. The error estimate is the
 * rounding of the two terms (each: its gamma ratio, and its series' sum of absolute terms), so it
 * measures both the cancellation between the terms (catastrophic for large parameters, where both are
 * huge and of opposite sign) and inside a series whose terms change sign (1 − m or 1 + m < 0).
 */
function hyp2f1Connection(a: number, b: number, c: number, z: number): Estimate {
  const m = c - a - b;
  const w = 1 - z;
  const t1 = gammaRatio(c, m, c - a, c - b);
  const t2 = gammaRatio(c, -m, a, b);
  let value = 0;
  let error = 0;
  if (t1 !== 0) {
    const s = hyp2f1SeriesMagnitude(a, b, 1 - m, w);
    value += t1 * s.sum;
    error += Math.abs(t1) * (Math.abs(s.sum) * gammaRatioError(c, m, c - a, c - b) + 64 * EPS * s.magnitude);
  }
  if (t2 !== 0) {
    const p = Math.pow(w, m);
    const s = hyp2f1SeriesMagnitude(c - a, c - b, 1 + m, w);
    value += t2 * p * s.sum;
    error += Math.abs(t2 * p) * (Math.abs(s.sum) * gammaRatioError(c, -m, a, b) + 64 * EPS * s.magnitude);
  }
  return { value, error };
}

/**
 * The connection formula for 0.75 < z < 1 with an error estimate. When c − a − b is within 1e-4 of an
 * integer (the logarithmic case) F is analytic in c: extrapolate from c ± h, c ± 2h (error O(h⁴)).
 */
function hyp2f1NearOne(a: number, b: number, c: number, z: number): Estimate {
  const m = c - a - b;
  const delta = Math.abs(m - Math.round(m));
  if (delta >= 1e-4) return hyp2f1Connection(a, b, c, z);
  const h = 2e-4;
  const p1 = hyp2f1Connection(a, b, c + h, z);
  const m1 = hyp2f1Connection(a, b, c - h, z);
  const p2 = hyp2f1Connection(a, b, c + 2 * h, z);
  const m2 = hyp2f1Connection(a, b, c - 2 * h, z);
  const s1 = (p1.value + m1.value) / 2;
  const s2 = (p2.value + m2.value) / 2;
  // rounding of the four evaluations through the weights 4/3·1/2 and 1/3·1/2, plus the O(h⁴) truncation
  const error = (2 * (p1.error + m1.error) + (p2.error + m2.error) / 2) / 3 + 1e-12 * Math.abs(s1);
  return { value: (4 * s1 - s2) / 3, error };
}

/**
 * Power series of 2F1 for a, b, c > 0 and 0 < z < 1, where every term is positive so the sum has no
 * cancellation (relative error ≈ a few ulps times ln(number of terms)). Stops when the geometric bound
 * on the tail, t·R/(1 − R) with R = max(current term ratio, z), is below EPS/4 of the sum; returns
 * NaN when that needs more than MAX_SERIES_TERMS terms (z within ~1e-4 of 1).
 */
function hyp2f1PositiveSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    term *= ratio;
    sum += term;
    if (!Number.isFinite(sum)) return sum;
    const next = ((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2)) * z;
    const bound = Math.max(next, z);
    if (bound < 1 && term * (bound / (1 - bound)) <= EPS * 0.25 * sum) return sum;
  }
  return NaN;
}

/**
 * 2F1 for a, b, c > 0 and 0.75 < z < 1 by a series of positive terms: the plain series when
 * c − a − b ≥ 0 (terms fall like n^(a+b−c−1) zⁿ), otherwise Euler's transformation
 * (1 − z)^(c−a−b) 2F1(c−a, c−b; c; z) when its parameters are positive (terms fall like n^(c−a−b−1) zⁿ).
 */
function hyp2f1PositiveNearOne(a: number, b: number, c: number, z: number): number {
  const m = c - a - b;
  if (m < 0 && c - a > 0 && c - b > 0) {
    const f = hyp2f1PositiveSeries(c - a, c - b, c, z);
    return f * Math.exp(m * Math.log1p(-z));
  }
  return hyp2f1PositiveSeries(a, b, c, z);
}

/**
 * ₂F₁(1, b; c; z) and its partial derivatives ∂/∂b, ∂/∂c, ∂/∂z into `out` (in that order) for c > b > 0
 * and 0 ≤ z < 1, by Gauss's continued fraction (DLMF 15.7, with a = 1 so that the denominator
 * ₂F₁(0, b; c − 1; z) is 1):
 *
 *   ₂F₁(b, 1; c; z) = 1 / (1 − k₁z / (1 − k₂z / (1 − k₃z / …))),
 *   k₁ = b/c,  k_{2j+1} = (b+j)(c−1+j) / ((c−1+2j)(c+2j)),  k_{2j} = j(c−1−b+j) / ((c+2j−2)(c+2j−1)),
 *
 * every k positive (c > b). The fraction is evaluated backwards from a depth N (D_{N+1} = 1,
 * D_n = 1 − k_n z / D_{n+1}, F = 1 / D_1, derivatives by the chain rule along the same recurrence): the
 * backward direction does not accumulate rounding as the forward recurrences do when k_n → 1/4 and z → 1
 * (for 2F1(1, 1/2; 1; 0.999) the forward convergents drift by 1e-13 per term after converging). N starts
 * at 4/√(1 − z) and doubles until F agrees with the previous depth to 4 ulps and the derivatives to
 * 1e-11. Near z = 1 the power series needs about 1/(1 − z) terms, the fraction about 9/√(1 − z) (≈ 800 at
 * z = 1 − 2·10⁻⁴ with b, c ≈ 400, where the series needs tens of thousands of terms and the connection
 * formula cancels): what Pareto/NBD needs when s and β grow large together. Accuracy: F computed from z
 * (not from 1 − z) is conditioned like EPS / (1 − z) near 1, so the relative error is ≈ 1e-15 at
 * 1 − z = 0.05, 1e-13 at 1e-3, 1e-10 at 1e-6 (closed forms in the tests). Returns false when depth 2²²
 * does not converge (z within ~1e-11 of 1).
 */
export function hyp2f1OneContinuedFraction(b: number, c: number, z: number, out: Float64Array): boolean {
  if (!(c > b && b > 0 && z >= 0 && z < 1)) throw new RangeError(`invalid hyp2f1OneContinuedFraction arguments: b ${b}, c ${c}, z ${z}`);
  let depth = Math.max(16, Math.ceil(4 / Math.sqrt(1 - z)));
  let F = NaN;
  let Fb = NaN;
  let Fc = NaN;
  let Fz = NaN;
  for (; depth <= 1 << 22; depth *= 2) {
    let D = 1;
    let Db = 0;
    let Dc = 0;
    let Dz = 0;
    for (let n = depth; n >= 1; n--) {
      let k: number, kb: number, kc: number;
      if (n === 1) {
        // j = 0: (b)(c−1) / ((c−1)c) = b/c, also at c = 1
        k = b / c;
        kb = 1 / c;
        kc = -k / c;
      } else if (n % 2 === 1) {
        const j = (n - 1) / 2;
        k = ((b + j) * (c - 1 + j)) / ((c - 1 + 2 * j) * (c + 2 * j));
        kb = k / (b + j);
        kc = k * (1 / (c - 1 + j) - 1 / (c - 1 + 2 * j) - 1 / (c + 2 * j));
      } else {
        const j = n / 2;
        k = (j * (c - 1 - b + j)) / ((c + 2 * j - 2) * (c + 2 * j - 1));
        kb = -k / (c - 1 - b + j);
        kc = k * (1 / (c - 1 - b + j) - 1 / (c + 2 * j - 2) - 1 / (c + 2 * j - 1));
      }
      // D_n = 1 − k z / D_{n+1}
      const inv = 1 / D;
      const q = k * z * inv; // k z / D_{n+1}
      Db = -kb * z * inv + q * inv * Db;
      Dc = -kc * z * inv + q * inv * Dc;
      Dz = -k * inv + q * inv * Dz;
      D = 1 - q;
    }
    const f = 1 / D;
    const fb = -Db * f * f;
    const fc = -Dc * f * f;
    const fz = -Dz * f * f;
    if (!Number.isFinite(f) || !(f > 0)) return false;
    const close = (x: number, y: number, tol: number) => Math.abs(x - y) <= tol * Math.max(Math.abs(x), 1e-300);
    if (close(f, F, 4 * EPS) && close(fb, Fb, 1e-11) && close(fc, Fc, 1e-11) && close(fz, Fz, 1e-11)) {
      out[0] = f;
      out[1] = fb;
      out[2] = fc;
      out[3] = fz;
      return true;
    }
    F = f;
    Fb = fb;
    Fc = fc;
    Fz = fz;
  }
  return false;
}

/**
 * ₂F₁(a, b; c; z_k) for several z_k at once, into `out` (same length as `zs`): the same numbers as
 * {@link hyp2f1} at each z_k, bit for bit. For 0 < z_k ≤ 0.75 the power series share their coefficient
 * ratios (a+n)(b+n)/((c+n)(n+1)) (one division per term for all z_k instead of one per z_k; each series
 * multiplies, sums and stops exactly as hyp2f1's series); any other z_k goes through {@link hyp2f1}.
 * For a discounted CLV, which needs one customer's ₂F₁ at every step of the horizon.
 */
export function hyp2f1Many(a: number, b: number, c: number, zs: ArrayLike<number>, out: Float64Array): void {
  const m = zs.length;
  if (out.length !== m) throw new RangeError(`invalid out: length ${out.length}, expected ${m}`);
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || isNonPositiveInteger(c) || a === 0 || b === 0) {
    for (let k = 0; k < m; k++) out[k] = hyp2f1(a, b, c, zs[k]);
    return;
  }
  // series state of the z_k in (0, 0.75]; the others are computed directly
  const z = new Float64Array(m);
  const term = new Float64Array(m);
  const active = new Int32Array(m);
  let count = 0;
  for (let k = 0; k < m; k++) {
    const zk = zs[k];
    if (zk > 0 && zk <= 0.75) {
      z[count] = zk;
      term[count] = 1;
      out[k] = 1;
      active[count++] = k;
    } else {
      out[k] = hyp2f1(a, b, c, zk);
    }
  }
  for (let n = 0; n < MAX_SERIES_TERMS && count > 0; n++) {
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1));
    const next = ((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2));
    const mayStop = c + n + 1 > 0;
    let kept = 0;
    for (let j = 0; j < count; j++) {
      const k = active[j];
      const t = term[j] * (ratio * z[j]);
      const sum = out[k] + t;
      out[k] = sum;
      if (t === 0 || (mayStop && Math.abs(t) <= EPS * 0.25 * Math.abs(sum) && Math.abs(next * z[j]) < 1)) continue;
      term[kept] = t;
      z[kept] = z[j];
      active[kept++] = k;
    }
    count = kept;
  }
}

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments.
 *
 * Domain: real a, b; c not a non-positive integer; z < 1, or z = 1 when c − a − b > 0 (Gauss's sum).
 * Outside the domain it throws (`invalid hyp2f1 argument z: 1.5`). Accuracy: ≈ 1e-14 relative for
 * moderate parameters (|a|, |b|, |c| up to a few hundred) on the whole domain; when c − a − b is within
 * 1e-4 of an integer and z > 0.75 (the logarithmic case of the connection formula) the value is a
 * Richardson extrapolation in c, accurate to ≈ 1e-11. For a, b, c > 0 the result is accurate to
 * ≈ 1e-13 for any size of parameters (tested to 10⁴) as long as z ≤ 1 − 1e-4; closer to 1 it is the
 * connection formula's value. The value can overflow to Infinity (e.g. a + b ≫ c).
 *
 * Method: z < 0 by Pfaff's transformation ₂F₁(a,b;c;z) = (1−z)^(−a) ₂F₁(a, c−b; c; z/(z−1)); 0 ≤ z ≤ 0.75 by
 * the power series; 0.75 < z < 1 by the 1 − z connection formula (A&S 15.3.6) when its two terms do not
 * cancel. For large parameters they do (both terms huge, opposite signs: 2F1(1, 241; 301; 1/1.1) came
 * out as −2.8e7), so when the connection formula's error estimate exceeds 1e-12 relative and
 * a, b, c > 0 the value is the series of positive terms (directly, or after Euler's transformation
 * (1 − z)^(c−a−b) ₂F₁(c−a, c−b; c; z) when c − a − b < 0), stopped by a geometric tail bound. All
 * Pareto/NBD, BG/NBD, MBG/NBD, sBG and BG/BB arguments (z = t/(α+t), (α−β)/(α+t), 1/(1+d), ...) lie in [0, 1).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || Number.isNaN(z)) {
    throw new RangeError(`invalid hyp2f1 arguments: ${a}, ${b}, ${c}, ${z}`);
  }
  if (isNonPositiveInteger(c)) throw new RangeError(`invalid hyp2f1 argument c: ${c}`);
  if (z > 1) throw new RangeError(`invalid hyp2f1 argument z: ${z}`);
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z === 1) {
    if (c - a - b <= 0) throw new RangeError(`hyp2f1 diverges at z = 1 when c - a - b <= 0: ${c - a - b}`);
    return gammaRatio(c, c - a - b, c - a, c - b);
  }
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) {
    // Terminating polynomial: the series is exact for any z.
    if (Math.abs(z) <= 1) return hyp2f1Series(a, b, c, z);
  }
  if (z < 0) {
    // Pfaff on whichever parameter keeps the transformed series best conditioned.
    const w = z / (z - 1); // in (0, 1)
    if (Math.abs(c - b) <= Math.abs(c - a) || isNonPositiveInteger(c - b)) return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, w);
    return Math.pow(1 - z, -b) * hyp2f1(c - a, b, c, w);
  }
  if (z <= 0.75) return hyp2f1Series(a, b, c, z);
  const near = hyp2f1NearOne(a, b, c, z);
  if (a > 0 && b > 0 && c > 0 && !(near.error <= 1e-12 * Math.abs(near.value))) {
    const positive = hyp2f1PositiveNearOne(a, b, c, z);
    if (!Number.isNaN(positive)) return positive;
  }
  return near.value;
}

/** e^x E_s(x) by the continued fraction (x ≥ 1). */
function expintScaledFraction(s: number, x: number): number {
  const tiny = 1e-300;
  let b = x + s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (s - 1 + i);
    b += 2;
    d = 1 / (an * d + b);
    c = b + an / c;
    const del = c * d;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** E_s(x) by the power series E_s(x) = Γ(1−s) x^(s−1) − Σ (−x)^k / (k! (1 − s + k)) for non-integer s, x < 1. */
function expintSeries(s: number, x: number): number {
  let sum = 0;
  let power = 1; // (−x)^k / k!
  for (let k = 0; k < 10_000; k++) {
    const term = power / (1 - s + k);
    sum += term;
    if (k > 2 && Math.abs(term) < EPS * 0.25 * Math.abs(sum)) break;
    power *= -x / (k + 1);
  }
  // Γ(1 − s) x^(s−1) − sum; note 1 − s may be negative.
  const g = gammaSign(1 - s) * Math.exp(lgamma(1 - s) + (s - 1) * Math.log(x));
  return g - sum;
}

/**
 * Generalised exponential integral E_s(x) = ∫₁^∞ e^(−x w) w^(−s) dw, for real s and x > 0
 * (also x = 0 when s > 1: 1/(s − 1)). Used for the Pareto/NBD discounted expected residual
 * transactions (DERT). Relative accuracy ≈ 1e-13; within 1e-4 of an integer s (x < 1) the value is
 * a Richardson extrapolation in s (≈ 1e-11).
 */
export function expintE(s: number, x: number): number {
  if (x >= 1) return Math.exp(-x) * expintScaledFraction(s, x);
  return expintSmall(s, x);
}

/** e^x E_s(x), finite for large x where E_s underflows. Same domain and accuracy as {@link expintE}. */
export function expintEScaled(s: number, x: number): number {
  if (x >= 1) return expintScaledFraction(s, x);
  return Math.exp(x) * expintSmall(s, x);
}

function expintSmall(s: number, x: number): number {
  if (!(x >= 0) || !Number.isFinite(s)) throw new RangeError(`invalid expintE arguments: ${s}, ${x}`);
  if (x === 0) {
    if (s > 1) return 1 / (s - 1);
    return Infinity;
  }
  const delta = Math.abs(s - Math.round(s));
  if (delta >= 1e-4) return expintSeries(s, x);
  const h = 2e-4;
  const s1 = (expintSeries(s + h, x) + expintSeries(s - h, x)) / 2;
  const s2 = (expintSeries(s + 2 * h, x) + expintSeries(s - 2 * h, x)) / 2;
  return (4 * s1 - s2) / 3;
}
