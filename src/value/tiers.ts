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
 * unknown (NaN). Every row gets exactly one tier, so the tiers partition the rows. The three
 * thresholds are found by selection (`select.ts`), O(n), so re-tiering 100k rows needs no sort.
 *
 * The value can be the CVI (default use) or a CLV: pass CLV per customer to tier "by CLV".
 */
import type { CustomerFeatures } from "./features.js";
import { selectKth } from "./select.js";

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
  const ranked = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(isLead !== undefined && isLead[i]) && v === v) ranked[m++] = v;
  }
  const known = ranked.subarray(0, m);
  // Rows strictly above the q-th largest value number at most q, and every lower value has at least
  // q + 1 above it; so the lowest value with share (greater ÷ m) < cut is the q-th largest (0-based)
  // for the largest q with q ÷ m < cut. Found by selection, no sort.
  const threshold = (cut: number): number => {
    if (m === 0) return Infinity;
    let q = Math.min(m - 1, Math.max(0, Math.ceil(cut * m) - 1));
    while (q + 1 < m && (q + 1) / m < cut) q++;
    while (q >= 0 && q / m >= cut) q--;
    return q < 0 ? Infinity : selectKth(known, m - 1 - q);
  };
  const platinum = threshold(cutoffs.platinum);
  const gold = threshold(cutoffs.gold);
  const silver = threshold(cutoffs.silver);
  const tiers: Tier[] = new Array<Tier>(n).fill("lead");
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if ((isLead !== undefined && isLead[i]) || v !== v) continue;
    tiers[i] = v >= platinum ? "platinum" : v >= gold ? "gold" : v >= silver ? "silver" : "bronze";
  }
  return tiers;
}
