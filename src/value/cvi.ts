/**
 * Customer value index (CVI): a 0-100 composite of the value a current customer gives, after the
 * seed methodology (PRODUCT.md §7) and the customer-pyramid literature (Zeithaml, Rust & Lemon
 * 2001, "The customer pyramid", California Management Review 43(4)): monetary value, depth of the
 * relationship, referrals, minus the service burden of complaints.
 *
 * | component | raw value (from `customerFeatures`) | normalisation | why |
 * | --- | --- | --- | --- |
 * | revenue | net revenue in the trailing window (default 365 d) | percentile | heavy-tailed; one giant client must not squash the rest |
 * | margin | net margin in the window | percentile | same |
 * | tenure | days since acquisition | minmax | bounded by the data span; a year more means the same everywhere |
 * | frequency | purchase days per year | percentile | skewed |
 * | recency | days since last purchase, lower is better | minmax | bounded; never bought scores 0 |
 * | breadth | distinct categories bought | minmax | small integer; each category adds the same points |
 * | referrals | referrals made | percentile | zero-inflated count; 0 referrals scores 0 |
 * | complaints | complaints made, lower is better | percentile | zero-inflated; no complaint scores 100 |
 *
 * The service burden enters as 100 − its percentile score (a customer with no complaints loses
 * nothing). That equals subtracting the burden and adding a constant, so rankings are those of
 * "value minus burden" while the index stays on 0-100 with no clamping. See `composite.ts` for the
 * weighting and the redistribution of absent components.
 */
import { explainComposite, prepareComposite, scoreComposite, type CompositeBreakdown, type CompositeModel, type CompositeScores, type ComponentSpec, type PrepareOptions } from "./composite.js";
import type { CustomerFeatures } from "./features.js";
import { cviWeights, type CviComponent, type CviWeights, type ProfileName } from "./profiles.js";

/** The prepared (normalised) CVI components of a customer base. */
export type CviModel = CompositeModel<CviComponent>;

/** The eight CVI component definitions over {@link CustomerFeatures}. */
export const CVI_SPECS: readonly ComponentSpec<CustomerFeatures, CviComponent>[] = [
  { key: "revenue", label: "revenue", group: "monetary", unit: "currency", better: "higher", normalisation: "percentile", raw: (f) => f.revenueInWindow },
  { key: "margin", label: "margin", group: "monetary", unit: "currency", better: "higher", normalisation: "percentile", raw: (f) => f.marginInWindow },
  { key: "tenure", label: "tenure", group: "relationship", unit: "days", better: "higher", normalisation: "minmax", raw: (f) => f.tenureDays },
  { key: "frequency", label: "purchase frequency", group: "relationship", unit: "purchase days per year", better: "higher", normalisation: "percentile", raw: (f) => f.frequencyPerYear },
  { key: "recency", label: "recency", group: "relationship", unit: "days since last purchase", better: "lower", normalisation: "minmax", raw: (f) => f.recencyDays, missingScore: 0 },
  { key: "breadth", label: "category breadth", group: "relationship", unit: "categories", better: "higher", normalisation: "minmax", raw: (f) => (f.categories === null ? null : f.categories.length) },
  { key: "referrals", label: "referrals", group: "advocacy", unit: "count", better: "higher", normalisation: "percentile", raw: (f) => f.referrals },
  { key: "complaints", label: "complaints (service burden)", group: "service burden", unit: "count", better: "lower", normalisation: "percentile", raw: (f) => f.complaints },
];

/**
 * Normalise the CVI components of `features` once; then {@link scoreCvi} re-weights cheaply.
 * @example const model = prepareCvi(customerFeatures(lines, customers, { asOfEpochDay }));
 */
export function prepareCvi(features: readonly CustomerFeatures[], options: PrepareOptions<CviComponent> = {}): CviModel {
  return prepareComposite(features, (f) => f.customerId, CVI_SPECS, options);
}

/** CVI of every customer (0-100) under a profile name or custom relative weights. */
export function scoreCvi(model: CviModel, weights: ProfileName | CviWeights = "balanced"): CompositeScores<CviComponent> {
  return scoreComposite(model, cviWeights(weights));
}

/** Component breakdown of customer `index` (raw, score, weight, contribution). */
export function explainCvi(model: CviModel, weights: ProfileName | CviWeights, index: number): CompositeBreakdown<CviComponent> {
  return explainComposite(model, cviWeights(weights), index);
}
