/**
 * Opportunity index (OI): a 0-100 composite of the untapped potential of customers AND prospects
 * (PRODUCT.md §8), weighted like the CVI (`composite.ts`).
 *
 * | component | customers | prospects | normalisation |
 * | --- | --- | --- | --- |
 * | walletGap (currency / year) | max(0, walletPerYear − spendPerYear) | walletPerYear × fit | percentile, pooled |
 * | crossSellGap (currency / year) | `crossSellGaps` (segment penetration × spend) | not applicable (missing) | percentile |
 * | futureValue (currency) | caller's P(alive)-weighted CLV, optional | caller's value if given, else missing | percentile, pooled |
 *
 * One comparable scale: the wallet gap of a prospect is the spend we could expect to win (wallet ×
 * fit, fit read as a probability of winning); a customer's fit is taken as 1 (they already buy from
 * us), so the gap is the money still spent with competitors. Both are money per year and are ranked
 * **together** (one pooled percentile), so a prospect and a customer with the same expected money
 * get the same score. A prospect has no cross-sell gap (its whole wallet is already counted), so
 * its OI is the weighted mean of its known components (weight redistributed for that row only).
 * Prospects with a wallet but no fit get the median fit of the others, with a warning.
 * Future value is passed in so this module does not depend on model fitting. A lapsed customer's
 * spend per year is near 0, so its wallet gap is nearly its whole wallet (a win-back opportunity);
 * give future value (P(alive)-weighted CLV) weight to temper that.
 */
import type { ProspectRecord } from "../types.js";
import { explainComposite, prepareComposite, scoreComposite, type CompositeBreakdown, type CompositeModel, type CompositeScores, type ComponentSpec, type PrepareOptions } from "./composite.js";
import { crossSellGaps } from "./crossSell.js";
import type { CustomerFeatures } from "./features.js";
import { quantileSorted } from "./normalise.js";
import { oiWeights, type OiComponent, type OiWeights, type ProfileName } from "./profiles.js";

/** One row of the opportunity index: a customer or a prospect, with its raw components. */
export interface OiRow {
  id: string;
  kind: "customer" | "prospect";
  segment: string | null;
  /** Currency per year; null when no wallet is known. */
  walletGap: number | null;
  /** Currency per year; null for prospects and when the log has no categories. */
  crossSellGap: number | null;
  /** Suggested next category for a customer, else null. */
  nextCategory: string | null;
  /** Predicted future value as given by the caller, else null. */
  futureValue: number | null;
}

/** Prepared OI: the composite model (rows = customers first, then prospects) plus the raw rows. */
export interface OiModel extends CompositeModel<OiComponent> {
  rows: OiRow[];
}

/** Input of {@link prepareOi}. */
export interface OiInput {
  customers: readonly CustomerFeatures[];
  prospects?: readonly ProspectRecord[];
  /** Predicted future value by id (P(alive)-weighted CLV, in currency), for customers and optionally prospects. */
  futureValue?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  /** Segments with fewer buyers use whole-base cross-sell figures (default 20). */
  minSegmentCustomers?: number;
}

/** The three OI component definitions over {@link OiRow}. */
export const OI_SPECS: readonly ComponentSpec<OiRow, OiComponent>[] = [
  { key: "walletGap", label: "share-of-wallet gap", group: "wallet", unit: "currency per year", better: "higher", normalisation: "percentile", raw: (r) => r.walletGap },
  { key: "crossSellGap", label: "cross-sell gap", group: "cross-sell", unit: "currency per year", better: "higher", normalisation: "percentile", raw: (r) => r.crossSellGap },
  { key: "futureValue", label: "predicted future value", group: "future value", unit: "currency", better: "higher", normalisation: "percentile", raw: (r) => r.futureValue },
];

function lookup(source: OiInput["futureValue"], id: string): number | null {
  if (!source) return null;
  const value = source instanceof Map ? source.get(id) : Object.prototype.hasOwnProperty.call(source, id) ? (source as Record<string, number>)[id] : undefined;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * Build the OI rows (customers, then prospects) and normalise their components once.
 * @example const oi = prepareOi({ customers: features, prospects }); scoreOi(oi, "sales").scores
 */
export function prepareOi(input: OiInput, options: PrepareOptions<OiComponent> = {}): OiModel {
  const warnings: string[] = [];
  const gaps = crossSellGaps(input.customers, input.minSegmentCustomers);
  const rows: OiRow[] = input.customers.map((f, i) => ({
    id: f.customerId,
    kind: "customer",
    segment: f.segment,
    walletGap: f.walletPerYear === null ? null : Math.max(0, f.walletPerYear - f.spendPerYear),
    crossSellGap: gaps[i].gapPerYear,
    nextCategory: gaps[i].nextCategory,
    futureValue: lookup(input.futureValue, f.customerId),
  }));
  const prospects = input.prospects ?? [];
  const fits = prospects.map((p) => p.fit).filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  for (const fit of fits) if (fit < 0 || fit > 1) throw new Error(`invalid prospect fit: ${fit} (expected 0..1)`);
  const medianFit = fits.length ? quantileSorted(Float64Array.from(fits).sort(), 0.5) : 1;
  let imputed = 0;
  const ids = new Set(rows.map((r) => r.id));
  for (const p of prospects) {
    if (ids.has(p.prospectId)) throw new Error(`duplicate id in customers and prospects: ${p.prospectId}`);
    ids.add(p.prospectId);
    const wallet = typeof p.walletPerYear === "number" && Number.isFinite(p.walletPerYear) ? p.walletPerYear : null;
    let fit = typeof p.fit === "number" && Number.isFinite(p.fit) ? p.fit : null;
    if (fit === null && wallet !== null) {
      fit = medianFit;
      imputed++;
    }
    rows.push({ id: p.prospectId, kind: "prospect", segment: p.segment ?? null, walletGap: wallet === null ? null : wallet * (fit ?? 1), crossSellGap: null, nextCategory: null, futureValue: lookup(input.futureValue, p.prospectId) });
  }
  if (imputed > 0) warnings.push(`${imputed} prospect${imputed === 1 ? " has" : "s have"} no fit; the median fit ${Number(medianFit.toPrecision(6))} was used`);
  const model = prepareComposite(rows, (r) => r.id, OI_SPECS, options);
  return { ...model, warnings: [...warnings, ...model.warnings], rows };
}

/** OI of every row (customers, then prospects), 0-100, under a profile name or custom weights. */
export function scoreOi(model: OiModel, weights: ProfileName | OiWeights = "balanced"): CompositeScores<OiComponent> {
  return scoreComposite(model, oiWeights(weights));
}

/** Component breakdown of OI row `index`. */
export function explainOi(model: OiModel, weights: ProfileName | OiWeights, index: number): CompositeBreakdown<OiComponent> {
  return explainComposite(model, oiWeights(weights), index);
}
