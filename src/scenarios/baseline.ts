/**
 * The precomputed baseline of a scenario analysis: everything that depends on the fitted models is
 * evaluated once per dataset (per-customer P(alive), expected-purchase curves, spend, margin rate,
 * referrals, complaint and cross-sell exposure), so that a scenario is plain arithmetic over typed
 * arrays (`engine.ts`). Two kinds of value model:
 *
 * - **transaction** (non-contractual; BG/NBD, MBG/NBD, Pareto/NBD): for each customer the expected
 *   cumulative purchases *given alive today*, G(t) = E[X(T, T + t] | x, t_x, T] ÷ P(alive), tabulated
 *   on a grid of `knotYears` up to twice the horizon (customers with the same (x, t_x, T) share one
 *   curve); a new customer's E[X(t)] on the same grid.
 * - **survival** (retention models; the simple constant-retention model and sBG): customers in
 *   groups sharing a survival curve s_k = P(still a customer at the end of year k | customer now),
 *   buying `purchasesPerYear` while retained. The period of these models is the year.
 *
 * Builders: `transactionBaseline.ts`, `survivalBaseline.ts`. Both end with {@link finishBaseline}.
 */
import type { Tier } from "../value/tiers.js";

/** Horizon and money settings of a baseline (the discount rate can be moved by a lever). */
export interface ScenarioSettings {
  /** Whole years valued (cash of year y is discounted by (1 + d)^y). Integer ≥ 1. */
  horizonYears: number;
  /** Yearly discount rate d, ≥ 0 (0.1 = 10 % per year). */
  discountRatePerYear: number;
  /** New customers acquired at the start of each year (baseline; not counting referred customers). ≥ 0. */
  newCustomersPerYear: number;
  /** Money spent to acquire one new customer. ≥ 0. */
  acquisitionCostPerCustomer: number;
}

/** Expected-purchase curves of a transaction model (see the module header). */
export interface TransactionCurves {
  kind: "transaction";
  /** True for BG/NBD and MBG/NBD (dropout happens at a purchase), false for Pareto/NBD. */
  dropoutPerPurchase: boolean;
  /** Grid step, years. */
  knotYears: number;
  /** Number of grid points per curve (t = 0, knotYears, ..., (knots − 1) · knotYears). */
  knots: number;
  /** Curve index of each customer. */
  curveOf: Int32Array;
  /** Curves × knots: cumulative expected purchases given alive today. */
  values: Float64Array;
  /** A new customer's expected repeat purchases E[X(t)] on the grid. */
  newCustomer: Float64Array;
  /** Implied yearly retention ρ̄ = baseline purchases in year 2 ÷ year 1 of the current customers. */
  impliedRetention: number;
}

/** Survival curves of a retention model (see the module header). */
export interface SurvivalCurves {
  kind: "survival";
  /** Purchases per year of each customer while retained. */
  purchasesPerYear: Float64Array;
  /** A new customer's purchases per year while retained (after the first purchase). */
  newPurchasesPerYear: number;
  /** Group of each customer. */
  groupOf: Int32Array;
  /** Mean one-year retention of each group, s_1. */
  groupRetention: Float64Array;
  /** Groups × horizonYears: s_k, k = 1..H. */
  survival: Float64Array;
  /** A new customer's survival to the end of life-year k, k = 1..H. */
  newSurvival: Float64Array;
  /** A new customer's one-year retention. */
  newRetention: number;
}

/** Per-customer inputs shared by both kinds (index i = customer i). */
export interface ScenarioBaseline {
  kind: "transaction" | "survival";
  /** "bgnbd" | "mbgnbd" | "pnbd" | "simple" | "sbg". */
  model: string;
  /** Plain-language statement of the value model, its unit, horizon and discount rate. */
  description: string;
  settings: ScenarioSettings;
  n: number;
  customerIds: readonly string[];
  /** P(alive today) (1 for the retention models' current customers). */
  pAlive: Float64Array;
  /** Expected spend per future purchase (money). */
  spendPerPurchase: Float64Array;
  /** Margin ÷ revenue. */
  marginRate: Float64Array;
  /** Referrals made per purchase to date (0 when unknown). */
  referralsPerPurchase: Float64Array;
  /** Share of the customer's churn due to complaints, in [0, 1] (0 without complaints). */
  complaintChurnShare: Float64Array;
  /** Share of the catalogue's categories not bought yet, in [0, 1] (1 when unknown). */
  crossSellHeadroom: Float64Array;
  /** A new (acquired or referred) customer's spend per purchase and margin rate. */
  newCustomer: { spendPerPurchase: number; marginRate: number };
  curves: TransactionCurves | SurvivalCurves;
  /** Which optional inputs were present (levers needing them are unavailable otherwise). */
  has: { referrals: boolean; complaints: boolean; categories: boolean; acquisitionCost: boolean };
  /** Baseline discounted value of each customer (own margin + expected referrals), set by {@link finishBaseline}. */
  value: Float64Array;
  /** Customer indices by decreasing baseline value (ties by index). */
  rank: Int32Array;
  /** Baseline value at which each tier starts (fixed value thresholds for scenario tier counts). */
  tierThresholds: Record<Exclude<Tier, "lead">, number>;
  warnings: string[];
}

/** Common per-customer input of the builders. */
export interface BaselineCustomerInput {
  customerIds: readonly string[];
  /** Expected spend per future purchase (e.g. Gamma-Gamma E[M | x, m̄]), money. */
  spendPerPurchase: ArrayLike<number>;
  /** Margin ÷ revenue, one for all or per customer (default 1: amounts are margins). */
  marginRate?: number | ArrayLike<number>;
  /** Referrals made to date, per customer (customers table). */
  referrals?: ArrayLike<number>;
  /** Purchases to date (first included), per customer: the denominator of referrals per purchase. */
  purchasesToDate?: ArrayLike<number>;
  /** Complaints to date, per customer (customers table). */
  complaints?: ArrayLike<number>;
  /** Distinct categories bought, per customer, and the number of categories on offer. */
  categoriesBought?: ArrayLike<number>;
  categoriesTotal?: number;
}

/** A new customer: spend per purchase and margin rate (default: the current customers' means). */
export interface NewCustomerInput {
  spendPerPurchase?: number;
  marginRate?: number;
}

/** Validate horizon, discount rate, new customers per year and acquisition cost; throws naming the bad value. */
export function checkScenarioSettings(s: ScenarioSettings): void {
  if (!(Number.isInteger(s.horizonYears) && s.horizonYears >= 1 && s.horizonYears <= 200)) throw new RangeError(`invalid horizonYears: ${s.horizonYears}`);
  if (!(s.discountRatePerYear >= 0) || !Number.isFinite(s.discountRatePerYear)) throw new RangeError(`invalid discountRatePerYear: ${s.discountRatePerYear}`);
  if (!(s.newCustomersPerYear >= 0) || !Number.isFinite(s.newCustomersPerYear)) throw new RangeError(`invalid newCustomersPerYear: ${s.newCustomersPerYear}`);
  if (!(s.acquisitionCostPerCustomer >= 0) || !Number.isFinite(s.acquisitionCostPerCustomer)) throw new RangeError(`invalid acquisitionCostPerCustomer: ${s.acquisitionCostPerCustomer}`);
}

function column(name: string, values: ArrayLike<number> | undefined, n: number, fallback: number, ok: (v: number) => boolean): Float64Array {
  const out = new Float64Array(n);
  if (values === undefined) return out.fill(fallback);
  if (values.length !== n) throw new RangeError(`invalid ${name}: ${values.length} values for ${n} customers`);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!ok(v)) throw new RangeError(`invalid ${name} of customer ${i + 1}: ${v}`);
    out[i] = v;
  }
  return out;
}

/** Validate and copy the per-customer inputs into typed arrays (complaint shares are filled later). */
export function scenarioCustomerColumns(input: BaselineCustomerInput) {
  const n = input.customerIds.length;
  const finite = (v: number) => Number.isFinite(v);
  const nonNegative = (v: number) => v >= 0 && Number.isFinite(v);
  const spendPerPurchase = column("spendPerPurchase", input.spendPerPurchase, n, 0, nonNegative);
  const mr = input.marginRate ?? 1;
  const marginRate = typeof mr === "number" ? column("marginRate", undefined, n, mr, finite) : column("marginRate", mr, n, 0, finite);
  if (typeof mr === "number" && !Number.isFinite(mr)) throw new RangeError(`invalid marginRate: ${mr}`);
  const referralsPerPurchase = new Float64Array(n);
  if (input.referrals) {
    const refs = column("referrals", input.referrals, n, 0, nonNegative);
    if (!input.purchasesToDate) throw new RangeError("invalid referrals: purchasesToDate is needed to turn referrals into referrals per purchase");
    const purchases = column("purchasesToDate", input.purchasesToDate, n, 0, nonNegative);
    for (let i = 0; i < n; i++) referralsPerPurchase[i] = purchases[i] > 0 ? refs[i] / purchases[i] : 0;
  }
  const complaints = input.complaints ? column("complaints", input.complaints, n, 0, nonNegative) : null;
  const crossSellHeadroom = new Float64Array(n).fill(1);
  if (input.categoriesBought) {
    const total = input.categoriesTotal;
    if (!(total !== undefined && Number.isInteger(total) && total >= 1)) throw new RangeError(`invalid categoriesTotal: ${total}`);
    const bought = column("categoriesBought", input.categoriesBought, n, 0, (v) => v >= 0 && v <= total);
    for (let i = 0; i < n; i++) crossSellHeadroom[i] = 1 - bought[i] / total;
  }
  return {
    n,
    spendPerPurchase,
    marginRate,
    referralsPerPurchase,
    complaints,
    crossSellHeadroom,
    has: { referrals: input.referrals !== undefined, complaints: complaints !== null, categories: input.categoriesBought !== undefined },
  };
}

/**
 * Share of complainers' churn due to complaints: s = max(0, 1 − c₀ / c₁), c = mean of (1 − P(alive))
 * over customers without (c₀) and with (c₁) complaints; the same s for every complainer, 0 for the
 * others. All zeros when nobody (or everybody) complained or c₁ = 0.
 */
export function complaintChurnShares(complaints: ArrayLike<number>, pAlive: ArrayLike<number>): Float64Array {
  const n = complaints.length;
  let c0 = 0;
  let n0 = 0;
  let c1 = 0;
  let n1 = 0;
  for (let i = 0; i < n; i++) {
    if (complaints[i] > 0) {
      c1 += 1 - pAlive[i];
      n1++;
    } else {
      c0 += 1 - pAlive[i];
      n0++;
    }
  }
  const out = new Float64Array(n);
  if (n0 === 0 || n1 === 0 || !(c1 > 0)) return out;
  const share = Math.max(0, 1 - c0 / n0 / (c1 / n1));
  for (let i = 0; i < n; i++) if (complaints[i] > 0) out[i] = share;
  return out;
}

/** Revenue-weighted mean margin rate and mean spend, for the new-customer defaults. */
export function newCustomerDefaults(spend: Float64Array, marginRate: Float64Array, weight: ArrayLike<number>): { spendPerPurchase: number; marginRate: number } {
  let w = 0;
  let s = 0;
  let m = 0;
  for (let i = 0; i < spend.length; i++) {
    w += weight[i];
    s += weight[i] * spend[i];
    m += weight[i] * spend[i] * marginRate[i];
  }
  return { spendPerPurchase: w > 0 ? s / w : 0, marginRate: s > 0 ? m / s : 1 };
}
