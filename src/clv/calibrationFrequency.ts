/**
 * Frequency of repeat transactions in the calibration period, actual vs model: the number of customers
 * with 0, 1, ..., 7+ repeat purchases, and its expectation under a fitted model,
 *
 *   E[#customers with x = n] = Σ_i P(X(T_i) = n),   n < max;   the last bin "max+" takes the rest,
 *
 * as in Fader, Hardie & Lee (2005), "Counting your customers the easy way", Figure 2, and BTYD's
 * `bgnbd.PlotFrequencyInCalibration` (lifetimes' `plot_period_transactions` shows a simulated version).
 * Customers are grouped by distinct age T, so the cost is one P(X = n) per distinct T and bin; with more
 * than `maxDistinctAges` distinct ages, ages are rounded to that many equal steps (`agesRounded`).
 */

/** P(X(t) = n) of a fitted model: probability that a new customer makes exactly `n` repeat purchases in `t` units. */
export type ProbabilityOfNPurchases = (t: number, n: number) => number;

/** One frequency bin. */
export interface FrequencyBin {
  frequency: number;
  /** "0", "1", ..., "7+". */
  label: string;
  actual: number;
  expected: number;
}

/** Result of {@link calibrationFrequencyHistogram}. */
export interface CalibrationFrequency {
  bins: FrequencyBin[];
  /** True when ages were rounded to `maxDistinctAges` steps. */
  agesRounded: boolean;
}

/**
 * Actual vs expected number of customers by calibration frequency (0 .. `maxFrequency`+). `x` are the
 * repeat purchases and `T` the ages (model units) of the customers. Throws on an invalid x or T.
 */
export function calibrationFrequencyHistogram(
  probabilityOfN: ProbabilityOfNPurchases,
  customers: { x: ArrayLike<number>; T: ArrayLike<number> },
  options: { maxFrequency?: number; maxDistinctAges?: number } = {},
): CalibrationFrequency {
  const maxFrequency = options.maxFrequency ?? 7;
  const maxDistinctAges = options.maxDistinctAges ?? 400;
  if (!Number.isInteger(maxFrequency) || maxFrequency < 1) throw new RangeError(`invalid maxFrequency: ${maxFrequency}`);
  if (!Number.isInteger(maxDistinctAges) || maxDistinctAges < 2) throw new RangeError(`invalid maxDistinctAges: ${maxDistinctAges}`);
  const n = customers.x.length;
  if (customers.T.length !== n) throw new RangeError(`invalid customers: ${n} x but ${customers.T.length} T`);
  const bins: FrequencyBin[] = Array.from({ length: maxFrequency + 1 }, (_, f) => ({ frequency: f, label: f === maxFrequency ? `${f}+` : String(f), actual: 0, expected: 0 }));
  const ages = new Map<number, number>();
  let minT = Infinity;
  let maxT = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = customers.x[i];
    const T = customers.T[i];
    if (!(x >= 0) || !Number.isInteger(x)) throw new RangeError(`invalid x at customer ${i + 1}: ${x}`);
    if (!(T >= 0) || !Number.isFinite(T)) throw new RangeError(`invalid T at customer ${i + 1}: ${T}`);
    bins[Math.min(x, maxFrequency)].actual++;
    ages.set(T, (ages.get(T) ?? 0) + 1);
    if (T < minT) minT = T;
    if (T > maxT) maxT = T;
  }
  let grouped = ages;
  const agesRounded = ages.size > maxDistinctAges;
  if (agesRounded) {
    const step = (maxT - minT) / (maxDistinctAges - 1);
    grouped = new Map();
    for (const [T, count] of ages) {
      const rounded = minT + Math.round((T - minT) / step) * step;
      grouped.set(rounded, (grouped.get(rounded) ?? 0) + count);
    }
  }
  for (const [T, count] of grouped) {
    let below = 0;
    for (let f = 0; f < maxFrequency; f++) {
      const p = probabilityOfN(T, f);
      if (!(p >= 0 && p <= 1 + 1e-9)) throw new RangeError(`invalid P(X(${T}) = ${f}): ${p}`);
      bins[f].expected += count * p;
      below += p;
    }
    bins[maxFrequency].expected += count * Math.max(0, 1 - below);
  }
  return { bins, agesRounded };
}
