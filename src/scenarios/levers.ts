/**
 * Scenario levers: the named changes a what-if scenario makes to the baseline. Every lever is a
 * number in a stated unit (a relative change in %, or a change in percentage points), and the
 * all-zero set {@link NO_CHANGE} is the baseline itself. How each lever maps onto the value models is
 * documented lever by lever in {@link LEVERS} (shown on the Scenarios page) and implemented in
 * `engine.ts`.
 */

/** The levers of one scenario. Zero everywhere (and no removal) is the baseline. */
export interface ScenarioLevers {
  /** Relative change of churn, % (−5 = every customer's dropout probability / rate × 0.95), from now on. */
  churnPct: number;
  /** Relative change of each customer's per-period retention probability, % (Fader & Hardie 2010's elasticity lever). */
  retentionPct: number;
  /** Change of the yearly retention rate, percentage points (+2 = 80 % → 82 %). */
  retentionPoints: number;
  /** Relative change of the purchase rate of every customer while active, %. */
  frequencyPct: number;
  /** Relative change of the spend per purchase, %. */
  spendPct: number;
  /** Change of the margin rate (margin ÷ revenue), percentage points. */
  marginPoints: number;
  /** Change of the yearly discount rate, percentage points. */
  discountRatePoints: number;
  /** Relative change of the number of new customers acquired per year, %. */
  acquisitionVolumePct: number;
  /** Relative change of the acquisition cost per new customer, %. */
  acquisitionCostPct: number;
  /** Cross-sell uplift, %: spend of current customers × (1 + uplift × share of categories they do not buy yet). */
  crossSellPct: number;
  /** Relative change of the complaint-driven part of churn, % (−50 = complainers' excess churn halved). */
  complaintChurnPct: number;
  /** Remove the N current customers with the highest baseline value ("lose our biggest clients"). */
  removeTopN: number;
  /** Remove these customers by id ("lose this client"). */
  removeIds: readonly string[];
}

/** A named scenario. */
export interface Scenario {
  name: string;
  levers: ScenarioLevers;
}

/** The numeric lever keys (every key of {@link ScenarioLevers} except `removeIds`). */
export type NumericLever = Exclude<keyof ScenarioLevers, "removeIds">;

/** The baseline: no lever changed. */
export const NO_CHANGE: Readonly<ScenarioLevers> = Object.freeze({
  churnPct: 0,
  retentionPct: 0,
  retentionPoints: 0,
  frequencyPct: 0,
  spendPct: 0,
  marginPoints: 0,
  discountRatePoints: 0,
  acquisitionVolumePct: 0,
  acquisitionCostPct: 0,
  crossSellPct: 0,
  complaintChurnPct: 0,
  removeTopN: 0,
  removeIds: Object.freeze([]) as readonly string[],
});

/** Description of one numeric lever: URL key, unit, allowed range, and how it maps onto the models. */
export interface LeverInfo {
  key: NumericLever;
  /** Short key used in URLs and on the command line (`churn=-5%`). */
  short: string;
  label: string;
  /** "%" (relative change), "pt" (percentage points) or "customers". */
  unit: "%" | "pt" | "customers";
  min: number;
  max: number;
  /** Step of the tornado chart (± this much). */
  tornadoStep: number;
  /** Needs the customers table (referrals, complaints, acquisition costs). */
  needs?: "complaints" | "categories";
  /** How the lever changes each model, in plain words. */
  mapping: string;
}

/** Every numeric lever, in display order, with its model mapping. */
export const LEVERS: readonly LeverInfo[] = [
  {
    key: "churnPct", short: "churn", label: "Churn", unit: "%", min: -100, max: 200, tornadoStep: 10,
    mapping: "BG/NBD, MBG/NBD: every customer's dropout probability per purchase p is multiplied by (1 + c) from now on; Pareto/NBD: every dropout rate μ likewise. Then expected future purchases given alive become G((1 + c)t)/(1 + c), G = the baseline curve, exactly (P(alive) today is unchanged: it is an inference from the past). Simple retention model: r → 1 − (1 + c)(1 − r). sBG: the renewal probability of a customer with n renewals becomes 1 − (1 + c)θₙ, θₙ = α/(α + β + n) the mean churn of such customers, applied as a factor on every future renewal.",
  },
  {
    key: "retentionPct", short: "retention", label: "Retention (relative)", unit: "%", min: -100, max: 100, tornadoStep: 1,
    mapping: "Every customer's per-period retention probability is multiplied by (1 + ε), so survival to period k is multiplied by (1 + ε)^k (Fader & Hardie 2010; its elasticity is the retention elasticity). Transaction models: converted to a churn change with the baseline's implied yearly retention ρ̄ = purchases in year 2 ÷ purchases in year 1.",
  },
  {
    key: "retentionPoints", short: "retention-pt", label: "Retention (points)", unit: "pt", min: -100, max: 100, tornadoStep: 2,
    mapping: "The yearly retention rate rises by the given points: simple model r → r + Δ; sBG: the mean renewal probability of each renewal group rises by Δ; transaction models: ρ̄ → ρ̄ + Δ converted to a churn change (1 − ρ̄ − Δ)/(1 − ρ̄).",
  },
  {
    key: "frequencyPct", short: "frequency", label: "Purchase frequency", unit: "%", min: -100, max: 200, tornadoStep: 10,
    mapping: "Purchase rate λ × (1 + f) while active. In BG/NBD and MBG/NBD customers can only drop out after a purchase, so buying more often also ends relationships sooner: purchases become G((1 + f)t). Pareto/NBD (dropout independent of buying) and the retention models: purchases × (1 + f).",
  },
  {
    key: "spendPct", short: "spend", label: "Spend per order", unit: "%", min: -100, max: 200, tornadoStep: 10,
    mapping: "Expected spend per purchase (Gamma-Gamma E[M | x, m̄], or the observed mean) × (1 + s), for current and new customers.",
  },
  {
    key: "marginPoints", short: "margin", label: "Margin rate", unit: "pt", min: -100, max: 100, tornadoStep: 2,
    mapping: "Margin ÷ revenue + Δ points for every customer and every new customer (margin is what the equity counts).",
  },
  {
    key: "discountRatePoints", short: "discount", label: "Discount rate", unit: "pt", min: -100, max: 100, tornadoStep: 2,
    mapping: "Yearly discount rate + Δ points; cash of year y is divided by (1 + d)^y.",
  },
  {
    key: "acquisitionVolumePct", short: "acquisition", label: "New customers per year", unit: "%", min: -100, max: 500, tornadoStep: 10,
    mapping: "New customers acquired at the start of each year × (1 + v); each is worth a new customer's expected margin (first purchase + the model's E[X(t)] for a new customer).",
  },
  {
    key: "acquisitionCostPct", short: "acquisition-cost", label: "Cost per new customer", unit: "%", min: -100, max: 500, tornadoStep: 10,
    mapping: "Acquisition cost per new customer × (1 + k), paid in the year of acquisition.",
  },
  {
    key: "crossSellPct", short: "cross-sell", label: "Cross-sell uplift", unit: "%", min: -100, max: 500, tornadoStep: 10, needs: "categories",
    mapping: "Spend of each current customer × (1 + u·h), h = share of the catalogue's categories the customer does not buy yet (needs a category column; new customers are not affected).",
  },
  {
    key: "complaintChurnPct", short: "complaint-churn", label: "Complaint-driven churn", unit: "%", min: -100, max: 500, tornadoStep: 10, needs: "complaints",
    mapping: "For a customer with complaints, churn × (1 + c·s), s = share of complainers' churn due to complaints, estimated as 1 − (churn of customers without complaints ÷ churn of complainers), churn = 1 − P(alive).",
  },
  {
    key: "removeTopN", short: "remove-top", label: "Lose the top N clients", unit: "customers", min: 0, max: 1e9, tornadoStep: 1,
    mapping: "The N customers with the highest baseline value are removed: their own expected margin and the value of the customers they are expected to refer disappear.",
  },
];

/** Look a lever up by its key or its short name; undefined when unknown. */
export function leverInfo(name: string): LeverInfo | undefined {
  return LEVERS.find((l) => l.key === name || l.short === name);
}

/**
 * Check every lever of `levers` (finite, in range, integer N, ids as strings); throws naming the bad
 * lever and value, e.g. `invalid churnPct: -120 (allowed -100..200)`. Returns a complete lever set
 * with missing levers at zero.
 */
export function checkLevers(levers: Partial<ScenarioLevers>): ScenarioLevers {
  const out: ScenarioLevers = { ...NO_CHANGE, ...levers, removeIds: [...(levers.removeIds ?? [])] };
  for (const info of LEVERS) {
    const v = out[info.key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < info.min || v > info.max) {
      throw new RangeError(`invalid ${info.key}: ${v} (allowed ${info.min}..${info.max})`);
    }
  }
  if (!Number.isInteger(out.removeTopN)) throw new RangeError(`invalid removeTopN: ${out.removeTopN}`);
  for (const id of out.removeIds) if (typeof id !== "string") throw new RangeError(`invalid removeIds entry: ${String(id)}`);
  return out;
}

/** True when `levers` changes nothing (every numeric lever 0 and no customer removed). */
export function isNoChange(levers: ScenarioLevers): boolean {
  return LEVERS.every((l) => levers[l.key] === 0) && levers.removeIds.length === 0;
}
