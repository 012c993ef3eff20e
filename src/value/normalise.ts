/**
 * Normalisation of one index component to a 0-100 score, robust to outliers. Two methods:
 *
 * - **percentile** rank: score = 100 × (number of known values strictly below x) ÷ (number of known
 *   values strictly below the maximum). The lowest value scores 0, the highest 100, ties share a
 *   score, and one huge client cannot squash everyone else towards 0 (it only takes the top rank).
 *   It keeps the order, not the distances. Used for skewed money and count components (revenue,
 *   margin, frequency, referrals, complaints, wallet gaps), and zero-inflated counts score 0 at zero.
 * - **minmax**, winsorised: lo and hi are the 1st and 99th percentiles of the known values (linear
 *   interpolation, as d3.quantile); score = 100 × clamp((x − lo) ÷ (hi − lo), 0, 1). Keeps distances
 *   in the bulk, caps the extreme 1 % on each side. Used for bounded components whose distances mean
 *   something (tenure, recency, category breadth). When the percentiles coincide it falls back to
 *   plain min and max.
 *
 * Both are non-decreasing in x (raising one customer's value never lowers that customer's score).
 * Unknown values (NaN) stay NaN. A component whose known values are all equal is `constant`: it
 * carries no information, and the index leaves it out (weight redistributed) with a warning.
 */

/** Normalisation method of a component. */
export type Normalisation = "percentile" | "minmax";

/** The normalised scores of one component and how they were obtained. */
export interface NormalisedComponent {
  /** Score per row in [0, 100], NaN where the raw value is unknown. */
  scores: Float64Array;
  /** Known values were all equal (or none was known): the component carries no information. */
  constant: boolean;
  /** Number of rows with a known value. */
  known: number;
  /** For minmax: the lower and upper bounds used (after winsorising); for percentile: min and max. */
  lo: number;
  hi: number;
}

/** Options of {@link normalise}. */
export interface NormaliseOptions {
  /** Lower and upper quantiles at which minmax winsorises, in [0, 1] (default [0.01, 0.99]). */
  winsoriseQuantiles?: readonly [number, number];
  /** Score "lower is better" components as 100 − score (recency in days, complaints). */
  invert?: boolean;
}

/** The p-quantile of ascending `sorted` values by linear interpolation (R type 7 / d3.quantile). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const i = Math.floor(h);
  const lo = sorted[i];
  return i + 1 < n ? lo + (h - i) * (sorted[i + 1] - lo) : lo;
}

/** Known (non-NaN) values, ascending. */
function knownSorted(values: ArrayLike<number>): Float64Array {
  let k = 0;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[k++] = values[i];
  return out.subarray(0, k).sort();
}

/** Number of entries of ascending `sorted` strictly below x (binary search). */
function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Normalise `values` (NaN = unknown) to 0-100 with `method`.
 * @example normalise([0, 0, 1, 5, 1000], "percentile").scores // Float64Array [0, 0, 50, 75, 100]
 */
export function normalise(values: ArrayLike<number>, method: Normalisation, options: NormaliseOptions = {}): NormalisedComponent {
  if (method !== "percentile" && method !== "minmax") throw new Error(`invalid normalisation: ${String(method)}`);
  const [qLo, qHi] = options.winsoriseQuantiles ?? [0.01, 0.99];
  if (!(qLo >= 0 && qHi <= 1 && qLo < qHi)) throw new Error(`invalid winsoriseQuantiles: [${qLo}, ${qHi}]`);
  const sorted = knownSorted(values);
  const n = values.length;
  const scores = new Float64Array(n).fill(NaN);
  const known = sorted.length;
  const min = known ? sorted[0] : NaN;
  const max = known ? sorted[known - 1] : NaN;
  if (known === 0 || min === max) return { scores, constant: true, known, lo: min, hi: max };
  let lo = min;
  let hi = max;
  if (method === "percentile") {
    const belowMax = countBelow(sorted, max);
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (!Number.isNaN(x)) scores[i] = (100 * countBelow(sorted, x)) / belowMax;
    }
  } else {
    lo = quantileSorted(sorted, qLo);
    hi = quantileSorted(sorted, qHi);
    if (!(hi > lo)) {
      lo = min;
      hi = max;
    }
    const range = hi - lo;
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (!Number.isNaN(x)) scores[i] = 100 * Math.min(1, Math.max(0, (x - lo) / range));
    }
  }
  if (options.invert) for (let i = 0; i < n; i++) scores[i] = 100 - scores[i];
  return { scores, constant: false, known, lo, hi };
}
