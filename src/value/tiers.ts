/**
 * Customer pyramid tiers (Zeithaml, Rust & Lemon 2001, "The customer pyramid: creating and serving
 * profitable customers", California Management Review 43(4)): platinum / gold / silver / bronze by
 * value percentile, plus **lead** for rows with no value yet.
 *
 * Rule: among the ranked rows (not leads, value known), let share = (rows with a strictly greater
 * value) ÷ (ranked rows). A row is platinum when share < cutoffs.platinum, gold when share <
 * cutoffs.gold, silver when share < cutoffs.silver, else bronze. Cut-offs are cumulative top shares
 * (default top 5 % / 20 % / 50 %); ties always land in the same (higher) tier. Leads are prospects
 * and customers without any net purchase yet (see {@link isLeadCustomer}), and rows whose value is
 * unknown (NaN). Every row gets exactly one tier, so the tiers partition the rows.
 *
 * The value can be the CVI (default use) or a CLV: pass CLV per customer to tier "by CLV".
 */
import type { CustomerFeatures } from "./features.js";

/** The pyramid tiers, from the top. */
export type Tier = "platinum" | "gold" | "silver" | "bronze" | "lead";
/** Tiers in display order. */
export const TIERS: readonly Tier[] = ["platinum", "gold", "silver", "bronze", "lead"];

/** Cumulative top shares in (0, 1] where each tier ends, increasing. */
export interface TierCutoffs {
  platinum: number;
  gold: number;
  silver: number;
}

/** Default cut-offs: top 5 % platinum, next 15 % gold, next 30 % silver, bottom 50 % bronze. */
export const DEFAULT_TIER_CUTOFFS: Readonly<TierCutoffs> = { platinum: 0.05, gold: 0.2, silver: 0.5 };

/** A customer with no net purchase to date (never bought, or returns cancel every purchase) is a lead. */
export function isLeadCustomer(features: CustomerFeatures): boolean {
  return !(features.revenueToDate > 0);
}

function checkCutoffs(c: TierCutoffs): void {
  for (const key of ["platinum", "gold", "silver"] as const) {
    if (!(c[key] > 0 && c[key] <= 1)) throw new Error(`invalid ${key} cut-off: ${c[key]} (expected a share in (0, 1])`);
  }
  if (!(c.platinum <= c.gold && c.gold <= c.silver)) throw new Error(`invalid cut-offs: platinum ${c.platinum} ≤ gold ${c.gold} ≤ silver ${c.silver} required`);
}

/**
 * Tier of every row.
 * @param values value per row (CVI or CLV); NaN makes the row a lead
 * @param isLead optional lead flag per row (prospects, customers with no value yet)
 * @example assignTiers([90, 50, 10, 70], [false, false, false, true]) // ["platinum", "silver", "bronze", "lead"]
 */
export function assignTiers(values: ArrayLike<number>, isLead?: ArrayLike<boolean>, cutoffs: TierCutoffs = DEFAULT_TIER_CUTOFFS): Tier[] {
  checkCutoffs(cutoffs);
  if (isLead && isLead.length !== values.length) throw new Error(`invalid isLead length: ${isLead.length} (values: ${values.length})`);
  const n = values.length;
  const ranked: number[] = [];
  for (let i = 0; i < n; i++) if (!(isLead?.[i]) && !Number.isNaN(values[i])) ranked.push(values[i]);
  const sorted = Float64Array.from(ranked).sort();
  const m = sorted.length;
  const tiers: Tier[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isLead?.[i] || Number.isNaN(v)) {
      tiers[i] = "lead";
      continue;
    }
    // rows strictly greater = m − (index of the first entry > v)
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    const share = (m - lo) / m;
    tiers[i] = share < cutoffs.platinum ? "platinum" : share < cutoffs.gold ? "gold" : share < cutoffs.silver ? "silver" : "bronze";
  }
  return tiers;
}
