/**
 * Cross-sell gap: the yearly spend a customer would add by buying the categories that similar
 * customers buy and this one does not (PRODUCT.md §8). "Similar" = same segment; segments with
 * fewer than `minSegmentCustomers` buyers borrow the whole base's figures.
 *
 *     gap_i = Σ_{c not bought by i} penetration_{s,c} × spend_{s,c}
 *
 * penetration_{s,c} = share of the segment's buyers who bought category c; spend_{s,c} = mean yearly
 * net revenue in c among those buyers (category revenue to date ÷ tenure in years, tenure floored at
 * 90 days). The category with the largest term is the suggested next category.
 */
import { DAYS_PER_YEAR, type CustomerFeatures } from "./features.js";

/** Cross-sell gap of one customer. */
export interface CrossSellGap {
  customerId: string;
  /** Expected extra spend per year from categories not bought; null when the log has no categories. */
  gapPerYear: number | null;
  /** The not-yet-bought category with the largest expected spend, or null. */
  nextCategory: string | null;
}

interface CategoryStats {
  buyers: number;
  spendPerYear: Map<string, { buyers: number; sum: number }>;
}

function statsOf(features: readonly CustomerFeatures[]): CategoryStats {
  const stats: CategoryStats = { buyers: 0, spendPerYear: new Map() };
  for (const f of features) {
    if (f.categories === null || f.categories.length === 0) continue;
    stats.buyers++;
    const years = Math.max(90, f.tenureDays ?? 0) / DAYS_PER_YEAR;
    for (const c of f.categories) {
      const s = stats.spendPerYear.get(c) ?? { buyers: 0, sum: 0 };
      s.buyers++;
      s.sum += Math.max(0, f.categoryRevenue[c] ?? 0) / years;
      stats.spendPerYear.set(c, s);
    }
  }
  return stats;
}

/**
 * Cross-sell gap of every customer, in input order.
 * @param minSegmentCustomers segments with fewer buyers use whole-base figures (default 20)
 */
export function crossSellGaps(features: readonly CustomerFeatures[], minSegmentCustomers = 20): CrossSellGap[] {
  if (!(minSegmentCustomers >= 1)) throw new Error(`invalid minSegmentCustomers: ${minSegmentCustomers}`);
  const all = statsOf(features);
  const bySegment = new Map<string, CustomerFeatures[]>();
  for (const f of features) {
    if (f.segment === null) continue;
    const list = bySegment.get(f.segment) ?? [];
    list.push(f);
    bySegment.set(f.segment, list);
  }
  const segmentStats = new Map<string, CategoryStats>();
  for (const [segment, list] of bySegment) {
    const s = statsOf(list);
    if (s.buyers >= minSegmentCustomers) segmentStats.set(segment, s);
  }
  return features.map((f) => {
    if (f.categories === null) return { customerId: f.customerId, gapPerYear: null, nextCategory: null };
    const stats = (f.segment !== null && segmentStats.get(f.segment)) || all;
    const owned = new Set(f.categories);
    let gap = 0;
    let best = 0;
    let nextCategory: string | null = null;
    const categories = [...stats.spendPerYear.keys()].sort();
    for (const c of categories) {
      if (owned.has(c)) continue;
      const s = stats.spendPerYear.get(c)!;
      const term = (s.buyers / stats.buyers) * (s.sum / s.buyers);
      gap += term;
      if (term > best) {
        best = term;
        nextCategory = c;
      }
    }
    return { customerId: f.customerId, gapPerYear: gap, nextCategory };
  });
}
