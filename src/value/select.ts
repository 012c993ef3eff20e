/**
 * Order statistics without a full sort: Floyd & Rivest (1975), "Algorithm 489: the algorithm
 * SELECT", CACM 18(3) — the variant d3-array's `quickselect` uses. O(n) on average, in place.
 * Used so that re-scoring 100k customers (tier thresholds, matrix tertiles) avoids O(n log n) sorts.
 */

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Rearrange `a` (no NaN) so that a[k] is the k-th smallest value (0-based), everything in
 * [left, k) is ≤ a[k] and everything in (k, right] is ≥ a[k]. Returns a[k].
 */
export function selectKth(a: Float64Array, k: number, left = 0, right = a.length - 1): number {
  if (!(Number.isInteger(k) && k >= left && k <= right)) throw new Error(`invalid k: ${k}`);
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectKth(a, k, newLeft, newRight);
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      ++i;
      --j;
      while (a[i] < t) ++i;
      while (a[j] > t) --j;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      ++j;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
  return a[k];
}

/** Smallest value of a[from..] (after selectKth(a, from − 1) it is the from-th order statistic). */
function minFrom(a: Float64Array, from: number): number {
  let m = Infinity;
  for (let i = from; i < a.length; i++) if (a[i] < m) m = a[i];
  return m;
}

/**
 * The p-quantile of `values` (NaN ignored) by linear interpolation, R type 7 / d3.quantile, without
 * sorting. Equal to `quantileSorted(sorted known values, p)`. NaN when no value is known.
 */
export function quantileUnsorted(values: ArrayLike<number>, p: number): number {
  const a = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) a[n++] = values[i];
  if (n === 0) return NaN;
  const known = a.subarray(0, n);
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const i = Math.floor(h);
  const lo = selectKth(known, i);
  return i + 1 < n && h > i ? lo + (h - i) * (minFrom(known, i + 1) - lo) : lo;
}
