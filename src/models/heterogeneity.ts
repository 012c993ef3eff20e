/**
 * Population heterogeneity of the transaction models' latent rates: the mixing densities the models
 * assume across customers, drawn by BTYD's `pnbd.PlotTransactionRateHeterogeneity` /
 * `pnbd.PlotDropoutRateHeterogeneity` and `bgnbd.PlotDropoutRateHeterogeneity`:
 * - purchase rate λ ~ Gamma(shape r, rate α) (per model unit) in BG/NBD, MBG/NBD and Pareto/NBD;
 * - dropout probability after a purchase p ~ Beta(a, b) in BG/NBD and MBG/NBD;
 * - dropout rate μ ~ Gamma(shape s, rate β) (per model unit) in Pareto/NBD.
 * Densities: Gamma f(v) = β^k v^(k−1) e^(−βv) / Γ(k); Beta f(p) = p^(a−1) (1−p)^(b−1) / B(a, b).
 */
import { lbeta, lgamma } from "../math/special.js";

/** Gamma(shape, rate) density at v ≥ 0 (0 for v < 0; Infinity at 0 when shape < 1). */
export function gammaDensity(shape: number, rate: number, v: number): number {
  if (!(shape > 0) || !(rate > 0)) throw new RangeError(`invalid gamma parameters: shape ${shape}, rate ${rate}`);
  if (v < 0) return 0;
  if (v === 0) return shape < 1 ? Infinity : shape === 1 ? rate : 0;
  return Math.exp(shape * Math.log(rate) + (shape - 1) * Math.log(v) - rate * v - lgamma(shape));
}

/** Beta(a, b) density at p in [0, 1] (0 outside). */
export function betaDensity(a: number, b: number, p: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`invalid beta parameters: a ${a}, b ${b}`);
  if (p < 0 || p > 1) return 0;
  if (p === 0) return a < 1 ? Infinity : a === 1 ? Math.exp(-lbeta(a, b)) : 0;
  if (p === 1) return b < 1 ? Infinity : b === 1 ? Math.exp(-lbeta(a, b)) : 0;
  return Math.exp((a - 1) * Math.log(p) + (b - 1) * Math.log1p(-p) - lbeta(a, b));
}

/** One mixing distribution, sampled for a chart. */
export interface HeterogeneityCurve {
  /** "purchase rate", "dropout probability" or "dropout rate". */
  quantity: string;
  /** Distribution in words, e.g. "Gamma(r = 0.243, α = 4.41)". */
  distribution: string;
  /** Unit of the values ("per week", or "probability"). */
  valueUnit: string;
  mean: number;
  /** Sampled (value, density) points over a range holding most of the mass (value > 0). */
  points: { value: number; density: number }[];
}

function gammaCurve(quantity: string, names: [string, string], shape: number, rate: number, unit: string, points: number): HeterogeneityCurve {
  const mean = shape / rate;
  const upper = mean + 4 * (Math.sqrt(shape) / rate);
  const sampled = Array.from({ length: points }, (_, k) => {
    const value = (upper * (k + 1)) / points;
    return { value, density: gammaDensity(shape, rate, value) };
  });
  return { quantity, distribution: `Gamma(${names[0]} = ${shape.toPrecision(3)}, ${names[1]} = ${rate.toPrecision(3)})`, valueUnit: `per ${unit}`, mean, points: sampled };
}

/**
 * The mixing densities of a BG/NBD, MBG/NBD or Pareto/NBD fit (`model` "bgnbd" | "mbgnbd" | "pnbd",
 * `params` as fitted, `unit` of the rates), each sampled at `points` values (default 200). Throws on an
 * unknown model.
 */
export function heterogeneityCurves(fit: { model: string; params: object; unit: string }, options: { points?: number } = {}): HeterogeneityCurve[] {
  const points = options.points ?? 200;
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`invalid points: ${points}`);
  const p = fit.params as Record<string, number>;
  const purchase = gammaCurve("purchase rate", ["r", "α"], p.r, p.alpha, fit.unit, points);
  if (fit.model === "pnbd") return [purchase, gammaCurve("dropout rate", ["s", "β"], p.s, p.beta, fit.unit, points)];
  if (fit.model !== "bgnbd" && fit.model !== "mbgnbd") throw new RangeError(`invalid model for heterogeneity: ${JSON.stringify(fit.model)}`);
  const dropout = Array.from({ length: points }, (_, k) => {
    const value = (k + 0.5) / points;
    return { value, density: betaDensity(p.a, p.b, value) };
  });
  return [purchase, { quantity: "dropout probability", distribution: `Beta(a = ${p.a.toPrecision(3)}, b = ${p.b.toPrecision(3)})`, valueUnit: "probability", mean: p.a / (p.a + p.b), points: dropout }];
}
