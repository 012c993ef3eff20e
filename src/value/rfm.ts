/**
 * RFM: recency, frequency and monetary quintile scores (1–5, 5 = best) and the named segments of the
 * widely used recency × frequency map (champions, loyal customers, potential loyalists, new customers,
 * promising, need attention, about to sleep, at risk, can't lose them, hibernating). Hughes, A. M.
 * (1994), "Strategic database marketing" (quintile scoring); the 5 × 5 R × F segment grid as popularised
 * by Putler / the "RFM segmentation" literature (segments depend on R and F; M is reported alongside).
 *
 * Scores are rank-based quintiles with ties kept together: a value's score is
 * 1 + ⌊5 · (midrank − ½) / n⌋, where midrank is the mean 1-based rank of the values equal to it
 * (ascending, so larger = better; recency is scored on −days since the last purchase). Equal values
 * always get equal scores, so a column with many ties (e.g. 60 % one-time buyers) uses fewer than five
 * scores rather than splitting equal customers arbitrarily.
 */

/** Named RFM segments, best first. */
export const RFM_SEGMENTS = [
  "champions",
  "loyal customers",
  "potential loyalists",
  "new customers",
  "promising",
  "need attention",
  "about to sleep",
  "at risk",
  "can't lose them",
  "hibernating",
] as const;

/** One of {@link RFM_SEGMENTS}. */
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/**
 * Quintile scores 1..5 of `values` (larger value = higher score), ties sharing one score (see the
 * module header). Throws on a non-finite value, naming its index. Empty input gives an empty array.
 * @example quintileScores([10, 20, 30, 40, 50]) // Uint8Array [1, 2, 3, 4, 5]
 */
export function quintileScores(values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  if (n === 0) return scores;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`invalid value at index ${i}: ${values[i]}`);
    order[i] = i;
  }
  order.sort((a, b) => values[a] - values[b]);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const midrank = (start + 1 + end) / 2; // mean of ranks start+1..end
    const score = Math.min(5, 1 + Math.floor((5 * (midrank - 0.5)) / n));
    for (let k = start; k < end; k++) scores[order[k]] = score;
    start = end;
  }
  return scores;
}

/** The named segment of recency score `r` and frequency score `f` (each 1..5). Throws on another score. */
export function rfmSegment(r: number, f: number): RfmSegment {
  if (!Number.isInteger(r) || r < 1 || r > 5) throw new RangeError(`invalid recency score: ${r}`);
  if (!Number.isInteger(f) || f < 1 || f > 5) throw new RangeError(`invalid frequency score: ${f}`);
  if (r <= 2) return f <= 2 ? "hibernating" : f <= 4 ? "at risk" : "can't lose them";
  if (r === 3) return f <= 2 ? "about to sleep" : f === 3 ? "need attention" : "loyal customers";
  if (f >= 4) return r === 5 ? "champions" : "loyal customers";
  if (f === 1) return r === 5 ? "new customers" : "promising";
  return "potential loyalists";
}

/** Per-customer inputs of {@link rfmScores}; index i is one customer. */
export interface RfmColumns {
  /** Days since the customer's last purchase at the reference date (≥ 0; fewer = better). */
  daysSinceLastPurchase: ArrayLike<number>;
  /** Number of purchases (or purchase days) in the period scored. */
  frequency: ArrayLike<number>;
  /** Money spent in the period scored (total or mean per purchase, as the caller chooses). */
  monetary: ArrayLike<number>;
}

/** Result of {@link rfmScores}: scores 1..5 per customer and the segment of (R, F). */
export interface RfmResult {
  recency: Uint8Array;
  frequency: Uint8Array;
  monetary: Uint8Array;
  segment: RfmSegment[];
}

/** Score every customer on R, F and M (quintiles, ties together) and name their segment. */
export function rfmScores(columns: RfmColumns): RfmResult {
  const n = columns.daysSinceLastPurchase.length;
  if (columns.frequency.length !== n || columns.monetary.length !== n) {
    throw new RangeError(`invalid columns: lengths ${n}, ${columns.frequency.length}, ${columns.monetary.length} differ`);
  }
  const negatedDays = Float64Array.from({ length: n }, (_, i) => -columns.daysSinceLastPurchase[i]);
  const recency = quintileScores(negatedDays);
  const frequency = quintileScores(columns.frequency);
  const monetary = quintileScores(columns.monetary);
  const segment = Array.from({ length: n }, (_, i) => rfmSegment(recency[i], frequency[i]));
  return { recency, frequency, monetary, segment };
}
