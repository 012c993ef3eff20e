/**
 * Seeded pseudo-random numbers for simulations, restarts and tests: the mulberry32 generator
 * (T. Ettinger, public domain; 32-bit state, period 2³²) and samplers built on it: normal
 * (Box-Muller), gamma (Marsaglia & Tsang 2000, with the U^(1/a) boost for shape < 1), beta (ratio of
 * gammas) and exponential. Same seed ⇒ same sequence on every platform.
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

/** A standard normal draw (Box-Muller; one of the pair is discarded for simplicity). */
export function randomNormal(random: Uniform): number {
  let u = random();
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
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
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = randomNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

/** A beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function randomBeta(random: Uniform, a: number, b: number): number {
  const x = randomGamma(random, a);
  const y = randomGamma(random, b);
  return x / (x + y);
}
