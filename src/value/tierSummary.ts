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

const known = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/** Figures per tier, in {@link TIERS} order (empty tiers included with count 0). */
export function summariseTiers(members: readonly TierMember[]): TierFigures[] {
  const has = (field: keyof Omit<TierMember, "tier">) => members.some((m) => known(m[field]));
  const hasRevenue = has("revenue");
  const hasMargin = has("margin");
  const hasClv = has("clv");
  const hasCts = has("costToServePerYear");
  const hasRetention = has("retentionCostPerYear");
  const sum = (list: readonly TierMember[], field: keyof Omit<TierMember, "tier">) => list.reduce((s, m) => s + (known(m[field]) ? (m[field] as number) : 0), 0);
  const totalRevenue = sum(members, "revenue");
  const totalClv = sum(members, "clv");
  return TIERS.map((tier) => {
    const list = members.filter((m) => m.tier === tier);
    const revenue = sum(list, "revenue");
    const clv = sum(list, "clv");
    const ctsList = list.filter((m) => known(m.costToServePerYear));
    const retList = list.filter((m) => known(m.retentionCostPerYear));
    const bothList = list.filter((m) => known(m.margin) && known(m.costToServePerYear));
    const cts = sum(ctsList, "costToServePerYear");
    const ret = sum(retList, "retentionCostPerYear");
    return {
      tier,
      count: list.length,
      countShare: members.length ? list.length / members.length : 0,
      revenue: hasRevenue ? revenue : null,
      revenueShare: hasRevenue && totalRevenue !== 0 ? revenue / totalRevenue : null,
      margin: hasMargin ? sum(list, "margin") : null,
      clv: hasClv ? clv : null,
      clvShare: hasClv && totalClv !== 0 ? clv / totalClv : null,
      costToServePerYear: hasCts ? cts : null,
      costToServePerCustomer: hasCts && ctsList.length ? cts / ctsList.length : null,
      retentionCostPerYear: hasRetention ? ret : null,
      retentionCostPerCustomer: hasRetention && retList.length ? ret / retList.length : null,
      marginAfterCostToServe: hasMargin && hasCts ? sum(bothList, "margin") - sum(bothList, "costToServePerYear") : null,
    };
  });
}
