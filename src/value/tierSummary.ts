/**
 * Per-tier figures of the customer pyramid: counts, revenue and CLV shares, and, where costs are
 * given, cost to serve, retention cost and margin after cost to serve (PRODUCT.md §9). Money figures
 * are sums over the tier; "per customer" figures are means over the members whose cost is known.
 */
import { TIERS, type Tier } from "./tiers.js";

/** One member of a tier with the figures available for it (leave unknown ones undefined / null). */
export interface TierMember {
  tier: Tier;
  /** Revenue in the period analysed (e.g. last 12 months or to date), currency. */
  revenue?: number | null;
  margin?: number | null;
  clv?: number | null;
  costToServePerYear?: number | null;
  retentionCostPerYear?: number | null;
}

/** Figures of one tier. A figure is null when no member of the whole input carries it. */
export interface TierFigures {
  tier: Tier;
  count: number;
  /** Share of all rows, in [0, 1]. */
  countShare: number;
  revenue: number | null;
  revenueShare: number | null;
  margin: number | null;
  clv: number | null;
  clvShare: number | null;
  /** Σ cost to serve per year of the members with a known cost. */
  costToServePerYear: number | null;
  costToServePerCustomer: number | null;
  retentionCostPerYear: number | null;
  retentionCostPerCustomer: number | null;
  /** Σ margin − Σ cost to serve, over members with both known. */
  marginAfterCostToServe: number | null;
}

/** Per-row figures as columns (NaN = unknown), for {@link summariseTierColumns}. */
export interface TierColumns {
  revenue?: ArrayLike<number>;
  margin?: ArrayLike<number>;
  clv?: ArrayLike<number>;
  costToServePerYear?: ArrayLike<number>;
  retentionCostPerYear?: ArrayLike<number>;
}

/** Figures per tier, in {@link TIERS} order (empty tiers included with count 0). */
export function summariseTiers(members: readonly TierMember[]): TierFigures[] {
  const column = (field: keyof TierColumns) => Float64Array.from(members, (m) => (typeof m[field] === "number" ? (m[field] as number) : NaN));
  return summariseTierColumns(
    members.map((m) => m.tier),
    { revenue: column("revenue"), margin: column("margin"), clv: column("clv"), costToServePerYear: column("costToServePerYear"), retentionCostPerYear: column("retentionCostPerYear") },
  );
}

/** {@link summariseTiers} over columns: one pass, no per-row objects (for 100k-row re-scoring). */
export function summariseTierColumns(tiers: readonly Tier[], columns: TierColumns): TierFigures[] {
  const n = tiers.length;
  const index = new Map(TIERS.map((t, k) => [t, k]));
  const count = new Float64Array(5);
  const fields = ["revenue", "margin", "clv", "costToServePerYear", "retentionCostPerYear"] as const;
  const sums = fields.map(() => new Float64Array(5));
  const known = fields.map(() => new Float64Array(5));
  const both = new Float64Array(5); // Σ (margin − cost to serve) over rows with both
  const tierIndex = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = index.get(tiers[i]);
    if (k === undefined) throw new Error(`invalid tier: ${tiers[i]}`);
    tierIndex[i] = k;
    count[k]++;
  }
  fields.forEach((field, f) => {
    const col = columns[field];
    if (col === undefined) return;
    if (col.length !== n) throw new Error(`invalid ${field} length: ${col.length} (tiers: ${n})`);
    for (let i = 0; i < n; i++) {
      const x = col[i];
      if (x === x && x !== Infinity && x !== -Infinity) {
        sums[f][tierIndex[i]] += x;
        known[f][tierIndex[i]]++;
      }
    }
  });
  const margin = columns.margin;
  const cts = columns.costToServePerYear;
  if (margin && cts) {
    for (let i = 0; i < n; i++) {
      const d = margin[i] - cts[i];
      if (Number.isFinite(d)) both[tierIndex[i]] += d;
    }
  }
  const has = fields.map((_, f) => known[f].some((c) => c > 0));
  const total = fields.map((_, f) => sums[f].reduce((a, b) => a + b, 0));
  const [R, M, C, S, T] = [0, 1, 2, 3, 4];
  return TIERS.map((tier, k) => ({
    tier,
    count: count[k],
    countShare: n ? count[k] / n : 0,
    revenue: has[R] ? sums[R][k] : null,
    revenueShare: has[R] && total[R] !== 0 ? sums[R][k] / total[R] : null,
    margin: has[M] ? sums[M][k] : null,
    clv: has[C] ? sums[C][k] : null,
    clvShare: has[C] && total[C] !== 0 ? sums[C][k] / total[C] : null,
    costToServePerYear: has[S] ? sums[S][k] : null,
    costToServePerCustomer: has[S] && known[S][k] > 0 ? sums[S][k] / known[S][k] : null,
    retentionCostPerYear: has[T] ? sums[T][k] : null,
    retentionCostPerCustomer: has[T] && known[T][k] > 0 ? sums[T][k] / known[T][k] : null,
    marginAfterCostToServe: has[M] && has[S] ? both[k] : null,
  }));
}
