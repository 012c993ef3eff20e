/**
 * Frequency / recency matrix: a model quantity (expected purchases in the next t units, P(alive)) for
 * every combination of repeat purchases x and recency t_x of a customer of age T, the heat maps of
 * lifetimes' `plot_frequency_recency_matrix` / `plot_probability_alive_matrix` and Fader, Hardie & Lee
 * (2005), "RFM and CLV: using iso-value curves", Figure 2. Recency columns are equal bins of [0, T],
 * evaluated at their mid-point; a customer with x = 0 has t_x = 0 by definition, so row x = 0 has a
 * single cell (recency 0).
 */

/** One cell of a {@link FrequencyRecencyMatrix}. */
export interface FrequencyRecencyCell {
  /** Repeat purchases. */
  x: number;
  /** Recency at which the value was evaluated (model units). */
  tx: number;
  /** Recency bin [tx0, tx1) the cell stands for (model units). */
  tx0: number;
  tx1: number;
  value: number;
}

/** Result of {@link frequencyRecencyMatrix}. */
export interface FrequencyRecencyMatrix {
  /** Age of the customers the matrix is for (model units). */
  T: number;
  cells: FrequencyRecencyCell[];
}

/**
 * Evaluate `f(x, tx, T)` over x = 0..`maxFrequency` and `recencyBins` equal recency bins of [0, T].
 * Throws on a non-positive T or bin count, or a non-finite value.
 * @example frequencyRecencyMatrix((x, tx, T) => bgnbdProbabilityAlive(params, x, tx, T), { T: 38.86, maxFrequency: 20 })
 */
export function frequencyRecencyMatrix(
  f: (x: number, tx: number, T: number) => number,
  options: { T: number; maxFrequency: number; recencyBins?: number },
): FrequencyRecencyMatrix {
  const { T, maxFrequency } = options;
  const recencyBins = options.recencyBins ?? 20;
  if (!(T > 0) || !Number.isFinite(T)) throw new RangeError(`invalid T: ${T}`);
  if (!Number.isInteger(maxFrequency) || maxFrequency < 0) throw new RangeError(`invalid maxFrequency: ${maxFrequency}`);
  if (!Number.isInteger(recencyBins) || recencyBins < 1) throw new RangeError(`invalid recencyBins: ${recencyBins}`);
  const width = T / recencyBins;
  const cells: FrequencyRecencyCell[] = [];
  for (let x = 0; x <= maxFrequency; x++) {
    for (let k = 0; k < (x === 0 ? 1 : recencyBins); k++) {
      const tx = x === 0 ? 0 : (k + 0.5) * width;
      const value = f(x, tx, T);
      if (!Number.isFinite(value)) throw new RangeError(`invalid value at x = ${x}, tx = ${tx}: ${value}`);
      cells.push({ x, tx, tx0: k * width, tx1: (k + 1) * width, value });
    }
  }
  return { T, cells };
}
