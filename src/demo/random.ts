/**
 * A small seeded pseudo-random generator and the few distributions the demo generator needs.
 *
 * Uniforms come from mulberry32 (Tommy Ettinger's 32-bit generator, public domain): fast, 2^32
 * period, good enough for simulation (not for cryptography). Gamma draws use Marsaglia & Tsang
 * (2000), "A simple method for generating gamma variables", ACM TOMS 26(3); normals use Box-Muller.
 * Everything is deterministic given the seed: the same seed gives the same sequence on every
 * platform (only 32-bit integer arithmetic and IEEE doubles are involved).
 */

/** A seeded source of random numbers. Every method advances the same underlying stream. */
export interface Random {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Uniform integer on [0, n) (n ≥ 1). */
  int(n: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Log-normal: exp(N(mu, sigma²)). */
  logNormal(mu: number, sigma: number): number;
  /** Gamma with `shape` > 0 and `scale` > 0 (mean shape × scale). */
  gamma(shape: number, scale: number): number;
  /** Beta(a, b) on (0, 1), as G_a / (G_a + G_b). */
  beta(a: number, b: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Poisson count with mean `mean` ≥ 0 (Knuth's method below 30, normal approximation above). */
  poisson(mean: number): number;
  /** True with probability `p`. */
  bernoulli(p: number): boolean;
  /** Index drawn with probability proportional to `weights` (non-negative, not all zero). */
  weightedIndex(weights: readonly number[]): number;
}

/**
 * A mulberry32 generator seeded with `seed` (any number; it is truncated to 32 bits).
 * @example const rng = createRandom(42); rng.uniform(); // 0.6011037519201636
 */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new Error(`invalid seed: ${seed}`);
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    // Box-Muller; 1 - u keeps the logarithm finite.
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const gamma = (shape: number, scale: number): number => {
    if (!(shape > 0)) throw new Error(`invalid gamma shape: ${shape}`);
    if (!(scale > 0)) throw new Error(`invalid gamma scale: ${scale}`);
    if (shape < 1) {
      // Boost: G(a) = G(a + 1) · U^(1/a).
      return gamma(shape + 1, scale) * Math.pow(1 - uniform(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - uniform();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  };
  return {
    uniform,
    int(n) {
      if (!(n >= 1)) throw new Error(`invalid int bound: ${n}`);
      return Math.floor(uniform() * Math.floor(n));
    },
    normal,
    logNormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
    gamma,
    beta(a, b) {
      const x = gamma(a, 1);
      return x / (x + gamma(b, 1));
    },
    exponential: (mean) => -mean * Math.log(1 - uniform()),
    poisson(mean) {
      if (!(mean >= 0)) throw new Error(`invalid poisson mean: ${mean}`);
      if (mean === 0) return 0;
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = uniform();
      while (p > limit) {
        k++;
        p *= uniform();
      }
      return k;
    },
    bernoulli: (p) => uniform() < p,
    weightedIndex(weights) {
      let total = 0;
      for (const w of weights) total += w;
      if (!(total > 0)) throw new Error(`invalid weights: sum ${total}`);
      let target = uniform() * total;
      for (let i = 0; i < weights.length; i++) {
        target -= weights[i];
        if (target < 0) return i;
      }
      return weights.length - 1;
    },
  };
}
