/**
 * Baseline from a retention model, with the year as the period:
 *
 * - `simple`: every current customer is retained from one year to the next with the same
 *   probability r (Gupta & Lehmann 2003, "Customers as assets"): s_k = r^k. With constant yearly
 *   margin the value is the textbook m·r(1 − ρ^H)/(1 + d − r)·…, see `src/clv/simpleClv.ts`.
 * - `sbg`: shifted-beta-geometric (Fader & Hardie 2007, 2010): θ ~ Beta(α, β); a customer who has
 *   made n renewals survives k more years with s_k = S(n + k)/S(n) = B(α, β + n + k)/B(α, β + n);
 *   a new customer with S(k). Multiplying every renewal probability by (1 + ε) multiplies s_k by
 *   (1 + ε)^k, whose elasticity is F&H (2010)'s retention elasticity (`sbgRetentionElasticity`).
 *
 * Customers buy `purchasesPerYear` times a year while retained, paid at the end of each year
 * retained (as in the textbook CLV m·r/(1 + d − r)).
 */
import { lbeta } from "../math/special.js";
import type { SbgParams } from "../models/sbg.js";
import {
  checkScenarioSettings,
  scenarioCustomerColumns,
  newCustomerDefaults,
  type BaselineCustomerInput,
  type NewCustomerInput,
  type ScenarioBaseline,
  type ScenarioSettings,
} from "./baseline.js";
import { finishBaseline } from "./finish.js";

/** The retention model of {@link survivalBaseline}. */
export type ScenarioRetentionModel = { model: "simple"; retentionRatePerYear: number } | { model: "sbg"; params: SbgParams; renewals: ArrayLike<number> };

/** Input of {@link survivalBaseline}. */
export interface SurvivalBaselineInput extends BaselineCustomerInput {
  retention: ScenarioRetentionModel;
  /** Purchases per year of each current customer while retained. */
  purchasesPerYear: ArrayLike<number>;
  settings: ScenarioSettings;
  /** A new customer: spend, margin rate and purchases per year after the first (default: the means). */
  newCustomer?: NewCustomerInput & { purchasesPerYear?: number };
}

/** Precompute a retention-model baseline (see the module header); throws naming any invalid value. */
export function survivalBaseline(input: SurvivalBaselineInput): ScenarioBaseline {
  const { settings, retention } = input;
  checkScenarioSettings(settings);
  const cols = scenarioCustomerColumns(input);
  const n = cols.n;
  const H = settings.horizonYears;
  if (input.purchasesPerYear.length !== n) throw new RangeError(`invalid purchasesPerYear: ${input.purchasesPerYear.length} values for ${n} customers`);
  const purchasesPerYear = Float64Array.from(input.purchasesPerYear);
  purchasesPerYear.forEach((v, i) => {
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`invalid purchasesPerYear of customer ${i + 1}: ${v}`);
  });
  const groupOf = new Int32Array(n);
  let survival: Float64Array;
  let groupRetention: Float64Array;
  const newSurvival = new Float64Array(H);
  let description: string;
  if (retention.model === "simple") {
    const r = retention.retentionRatePerYear;
    if (!(r >= 0 && r <= 1)) throw new RangeError(`invalid retentionRatePerYear: ${r}`);
    survival = new Float64Array(H);
    for (let k = 1; k <= H; k++) survival[k - 1] = newSurvival[k - 1] = r ** k;
    groupRetention = Float64Array.of(r);
    description = `simple retention model: yearly retention ${(r * 100).toFixed(1)} %, purchases per year × spend per purchase × margin rate while retained, over ${H} year${H > 1 ? "s" : ""}, discounted at ${(settings.discountRatePerYear * 100).toFixed(1)} % per year`;
  } else if (retention.model === "sbg") {
    const { alpha, beta } = retention.params;
    if (!(alpha > 0) || !Number.isFinite(alpha)) throw new RangeError(`invalid alpha: ${alpha}`);
    if (!(beta > 0) || !Number.isFinite(beta)) throw new RangeError(`invalid beta: ${beta}`);
    if (retention.renewals.length !== n) throw new RangeError(`invalid renewals: ${retention.renewals.length} values for ${n} customers`);
    const groups = new Map<number, number>();
    const renewalOfGroup: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = retention.renewals[i];
      if (!(r >= 0) || !Number.isInteger(r)) throw new RangeError(`invalid renewals of customer ${i + 1}: ${r}`);
      let g = groups.get(r);
      if (g === undefined) {
        g = groups.size;
        groups.set(r, g);
        renewalOfGroup.push(r);
      }
      groupOf[i] = g;
    }
    survival = new Float64Array(groups.size * H);
    groupRetention = new Float64Array(groups.size);
    renewalOfGroup.forEach((r, g) => {
      const base = lbeta(alpha, beta + r);
      for (let k = 1; k <= H; k++) survival[g * H + k - 1] = Math.exp(lbeta(alpha, beta + r + k) - base);
      groupRetention[g] = survival[g * H];
    });
    const b0 = lbeta(alpha, beta);
    for (let k = 1; k <= H; k++) newSurvival[k - 1] = Math.exp(lbeta(alpha, beta + k) - b0);
    description = `sBG retention model (α = ${alpha.toPrecision(4)}, β = ${beta.toPrecision(4)}, yearly renewals), purchases per year × spend per purchase × margin rate while retained, over ${H} year${H > 1 ? "s" : ""}, discounted at ${(settings.discountRatePerYear * 100).toFixed(1)} % per year`;
  } else {
    throw new RangeError(`invalid retention model: ${JSON.stringify((retention as { model: unknown }).model)}`);
  }
  const pAlive = new Float64Array(n).fill(1);
  const defaults = newCustomerDefaults(cols.spendPerPurchase, cols.marginRate, purchasesPerYear);
  let meanPurchases = 0;
  for (let i = 0; i < n; i++) meanPurchases += purchasesPerYear[i] / n;
  const spendNew = input.newCustomer?.spendPerPurchase ?? defaults.spendPerPurchase;
  const marginNew = input.newCustomer?.marginRate ?? defaults.marginRate;
  const ppyNew = input.newCustomer?.purchasesPerYear ?? (n > 0 ? meanPurchases : 0);
  if (!(spendNew >= 0) || !Number.isFinite(spendNew)) throw new RangeError(`invalid newCustomer.spendPerPurchase: ${spendNew}`);
  if (!Number.isFinite(marginNew)) throw new RangeError(`invalid newCustomer.marginRate: ${marginNew}`);
  if (!(ppyNew >= 0) || !Number.isFinite(ppyNew)) throw new RangeError(`invalid newCustomer.purchasesPerYear: ${ppyNew}`);
  // retention models give no per-customer churn estimate to compare complainers with others
  const complaintChurnShare = new Float64Array(n);
  const warnings: string[] = [];
  if (cols.complaints) warnings.push("retention models have no per-customer churn estimate: the complaint-driven churn lever has no effect");
  const baseline: ScenarioBaseline = {
    kind: "survival",
    model: retention.model,
    description,
    settings: { ...settings },
    n,
    customerIds: input.customerIds,
    pAlive,
    spendPerPurchase: cols.spendPerPurchase,
    marginRate: cols.marginRate,
    referralsPerPurchase: cols.referralsPerPurchase,
    complaintChurnShare,
    crossSellHeadroom: cols.crossSellHeadroom,
    newCustomer: { spendPerPurchase: spendNew, marginRate: marginNew },
    curves: {
      kind: "survival",
      purchasesPerYear,
      newPurchasesPerYear: ppyNew,
      groupOf,
      groupRetention,
      survival,
      newSurvival,
      newRetention: newSurvival[0],
    },
    has: { ...cols.has, acquisitionCost: settings.acquisitionCostPerCustomer > 0 },
    value: new Float64Array(n),
    rank: new Int32Array(n),
    tierThresholds: { platinum: Infinity, gold: Infinity, silver: Infinity, bronze: -Infinity },
    warnings,
  };
  return finishBaseline(baseline);
}
