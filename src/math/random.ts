/**
 * Seeded pseudo-random numbers for simulations, restarts and tests: the mulberry32 generator
 * (T. Ettinger, public domain; 32-bit state, period 2³²) and samplers built on it: normal
 * (Box-Muller), gamma (Marsaglia & Tsang 2000, with the U^(1/a) boost for shape < 1), beta (ratio of
 * gammas) and exponential. Same seed ⇒ same sequence on every platform.
 *
 * Two interfaces over the same generator and algorithms: free functions taking a `Uniform` (model
 * simulation, optimiser restarts), and {@link createRandom}'s `Random` object (demo company, value
 * tests), which also has integers, Poisson, Bernoulli and weighted choices. They draw from the stream
 * slightly differently (`Random` uses 1 − U where a positive uniform is needed), so each keeps the exact
 * sequence its committed outputs (the demo CSVs) were made with.
 */

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/** mulberry32: a fast seeded uniform generator in [0, 1). `seed` is taken modulo 2³². */
export function mulberry32(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box-Muller: a standard normal from a uniform u in (0, 1] and a uniform v in [0, 1). */
function boxMuller(u: number, v: number): number {
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A standard normal draw (Box-Muller; one of the pair is discarded for simplicity). */
export function randomNormal(random: Uniform): number {
  let u = random();
  while (u === 0) u = random();
  return boxMuller(u, random());
}

/**
 * Marsaglia & Tsang (2000) gamma(shape, 1) draw for shape ≥ 1, from a standard-normal source and a
 * uniform source for the acceptance test. (Shapes below 1 are boosted by the callers:
 * G(a) = G(a + 1) · U^(1/a).)
 */
function marsagliaTsang(shape: number, normal: () => number, uniform: () => number): number {
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
    const u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** An exponential draw with the given `rate` (mean 1 / rate). */
export function randomExponential(random: Uniform, rate: number): number {
  return -Math.log(1 - random()) / rate;
}

/**
 * A gamma draw with `shape` > 0 and `rate` > 0 (mean shape / rate), Marsaglia & Tsang (2000).
 * Throws on invalid parameters (`invalid gamma shape: -1`).
 */
export function randomGamma(random: Uniform, shape: number, rate = 1): number {
  if (!(shape > 0)) throw new RangeError(`invalid gamma shape: ${shape}`);
  if (!(rate > 0)) throw new RangeError(`invalid gamma rate: ${rate}`);
  if (shape < 1) {
    let u = random();
    while (u === 0) u = random();
    return (randomGamma(random, shape + 1, 1) * Math.pow(u, 1 / shape)) / rate;
  }
  return marsagliaTsang(shape, () => randomNormal(random), random) / rate;
}

/** A beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function randomBeta(random: Uniform, a: number, b: number): number {
  const x = randomGamma(random, a);
  const y = randomGamma(random, b);
  return x / (x + y);
}

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
  const uniform = mulberry32(seed);
  // 1 − U is in (0, 1]: keeps the logarithms finite without rejecting draws
  const positive = (): number => 1 - uniform();
  const normal = (): number => {
    const u = positive();
    return boxMuller(u, uniform());
  };
  const gamma = (shape: number, scale: number): number => {
    if (!(shape > 0)) throw new Error(`invalid gamma shape: ${shape}`);
    if (!(scale > 0)) throw new Error(`invalid gamma scale: ${scale}`);
    if (shape < 1) {
      // Boost: G(a) = G(a + 1) · U^(1/a).
      return gamma(shape + 1, scale) * Math.pow(positive(), 1 / shape);
    }
    return marsagliaTsang(shape, normal, positive) * scale;
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
    exponential: (mean) => -mean * Math.log(positive()),
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
