/**
 * How rankings change between two weightings (two profiles, or a profile and the user's weights):
 * the rows in the top N under either, with their rank under both (the data of a slope chart).
 * Ranks follow {@link rankDescending}: 1 = best, ties share the best rank, NaN scores rank last.
 */
import { rankDescending } from "./composite.js";

/** One row of a rank-shift comparison. */
export interface RankShiftRow {
  /** Row index in the scored input. */
  index: number;
  id: string;
  rankA: number;
  rankB: number;
  scoreA: number;
  scoreB: number;
  /** rankA − rankB: positive = moved up under B. */
  shift: number;
  inTopA: boolean;
  inTopB: boolean;
}

/**
 * Rows ranked ≤ `topN` under scores A or under scores B (NaN under both are left out), ordered by
 * rank under A, then under B.
 * @example rankShift(["a", "b"], [90, 10], [10, 90], 1) // a: 1 → 2, b: 2 → 1
 */
export function rankShift(ids: readonly string[], scoresA: ArrayLike<number>, scoresB: ArrayLike<number>, topN: number): RankShiftRow[] {
  const n = ids.length;
  if (scoresA.length !== n || scoresB.length !== n) throw new RangeError(`invalid scores length: ${scoresA.length}, ${scoresB.length} (ids: ${n})`);
  if (!(Number.isInteger(topN) && topN >= 1)) throw new RangeError(`invalid topN: ${topN}`);
  const ranksA = rankDescending(scoresA);
  const ranksB = rankDescending(scoresB);
  const rows: RankShiftRow[] = [];
  for (let i = 0; i < n; i++) {
    const inTopA = ranksA[i] <= topN && !Number.isNaN(scoresA[i]);
    const inTopB = ranksB[i] <= topN && !Number.isNaN(scoresB[i]);
    if (!inTopA && !inTopB) continue;
    rows.push({ index: i, id: ids[i], rankA: ranksA[i], rankB: ranksB[i], scoreA: scoresA[i], scoreB: scoresB[i], shift: ranksA[i] - ranksB[i], inTopA, inTopB });
  }
  return rows.sort((a, b) => a.rankA - b.rankA || a.rankB - b.rankB || a.index - b.index);
}
