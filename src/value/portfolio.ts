/**
 * The portfolio in one call (PRODUCT.md §9): CVI and OI per row, pyramid tier (by CVI or by CLV),
 * value × opportunity cell with its strategy, per-tier figures and the matrix. Split in two so a
 * page can move a weight slider without redoing the heavy part:
 * {@link preparePortfolio} (features → normalised components, once) and {@link scorePortfolio}
 * (weights → scores, tiers, matrix: a few linear passes).
 *
 * Rows are the customers (in feature order) followed by the prospects. Prospects and customers
 * without a net purchase are leads: no CVI, tier "lead", low-value row of the matrix.
 */
import type { ProspectRecord } from "../types.js";
import type { CompositeScores, PrepareOptions } from "./composite.js";
import { prepareCvi, scoreCvi, type CviModel } from "./cvi.js";
import type { CustomerFeatures } from "./features.js";
import { valueOpportunityMatrix, type CellKey, type MatrixOptions, type ValueOpportunityMatrix } from "./matrix.js";
import { prepareOi, scoreOi, type OiInput, type OiModel } from "./oi.js";
import type { CviComponent, CviWeights, OiComponent, OiWeights, ProfileName } from "./profiles.js";
import { summariseTiers, type TierFigures } from "./tierSummary.js";
import { assignTiers, isLeadCustomer, type Tier, type TierCutoffs } from "./tiers.js";

type NumberLookup = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** Input of {@link preparePortfolio}. */
export interface PortfolioInput {
  features: readonly CustomerFeatures[];
  prospects?: readonly ProspectRecord[];
  /** Predicted future value (P(alive)-weighted CLV) by id, for the OI. */
  futureValue?: NumberLookup;
  /** CLV by customer id, for tiers by CLV and CLV shares (may be the same numbers as futureValue). */
  clv?: NumberLookup;
  /** Yearly retention cost by customer id, for per-tier retention cost. */
  retentionCostPerYear?: NumberLookup;
  /** Segments with fewer buyers use whole-base cross-sell figures (default 20). */
  minSegmentCustomers?: number;
}

/** Prepared portfolio: normalised CVI and OI components and the per-row facts the scoring needs. */
export interface PreparedPortfolio {
  input: PortfolioInput;
  cvi: CviModel;
  oi: OiModel;
  /** Lead flag per row (customers, then prospects). */
  isLead: boolean[];
  /** CLV per row (NaN when unknown); null when no CLV was given. */
  clv: Float64Array | null;
}

/** Options of {@link scorePortfolio}. */
export interface PortfolioOptions {
  cviWeights?: ProfileName | CviWeights;
  oiWeights?: ProfileName | OiWeights;
  /** Rank tiers by CVI (default) or by CLV (requires `clv` in the input). */
  tierBasis?: "cvi" | "clv";
  tierCutoffs?: TierCutoffs;
  matrix?: MatrixOptions;
}

/** One scored row. */
export interface PortfolioRow {
  id: string;
  kind: "customer" | "prospect";
  segment: string | null;
  /** CVI 0-100; null for leads and prospects. */
  cvi: number | null;
  /** OI 0-100; null when no opportunity component is known. */
  oi: number | null;
  tier: Tier;
  cell: CellKey;
  strategy: string;
}

/** Result of {@link scorePortfolio}. */
export interface PortfolioResult {
  rows: PortfolioRow[];
  cviScores: CompositeScores<CviComponent>;
  oiScores: CompositeScores<OiComponent>;
  tiers: TierFigures[];
  matrix: ValueOpportunityMatrix;
  warnings: string[];
}

function get(source: NumberLookup | undefined, id: string): number {
  if (!source) return NaN;
  const value = source instanceof Map ? source.get(id) : (source as Record<string, number>)[id];
  return typeof value === "number" && Number.isFinite(value) ? value : NaN;
}

/** Normalise the CVI and OI components once. */
export function preparePortfolio(input: PortfolioInput, options: { cvi?: PrepareOptions<CviComponent>; oi?: PrepareOptions<OiComponent> } = {}): PreparedPortfolio {
  const cvi = prepareCvi(input.features, options.cvi);
  const oiInput: OiInput = { customers: input.features, prospects: input.prospects, futureValue: input.futureValue, minSegmentCustomers: input.minSegmentCustomers };
  const oi = prepareOi(oiInput, options.oi);
  const isLead = [...input.features.map(isLeadCustomer), ...(input.prospects ?? []).map(() => true)];
  const clv = input.clv ? Float64Array.from(oi.rows, (r) => (r.kind === "customer" ? get(input.clv, r.id) : NaN)) : null;
  return { input, cvi, oi, isLead, clv };
}

/** Score, tier and place every row under the given weights and cut-offs. */
export function scorePortfolio(prepared: PreparedPortfolio, options: PortfolioOptions = {}): PortfolioResult {
  const { input, cvi, oi, isLead } = prepared;
  const nCustomers = input.features.length;
  const n = oi.rows.length;
  const cviScores = scoreCvi(cvi, options.cviWeights ?? "balanced");
  const oiScores = scoreOi(oi, options.oiWeights ?? "balanced");
  const value = new Float64Array(n).fill(NaN);
  for (let i = 0; i < nCustomers; i++) if (!isLead[i]) value[i] = cviScores.scores[i];
  const basis = options.tierBasis ?? "cvi";
  if (basis === "clv" && !prepared.clv) throw new Error("invalid tierBasis: clv (no clv given)");
  const tiers = assignTiers(basis === "clv" ? prepared.clv! : value, isLead, options.tierCutoffs);
  const matrix = valueOpportunityMatrix(
    oi.rows.map((r, i) => ({ value: value[i], opportunity: oiScores.scores[i], revenue: i < nCustomers ? input.features[i].revenueInWindow : null, kind: r.kind })),
    options.matrix,
  );
  const strategy = new Map(matrix.cells.map((c) => [c.key, c.strategy]));
  const rows = oi.rows.map((r, i): PortfolioRow => ({
    id: r.id,
    kind: r.kind,
    segment: r.segment,
    cvi: Number.isNaN(value[i]) ? null : value[i],
    oi: Number.isNaN(oiScores.scores[i]) ? null : oiScores.scores[i],
    tier: tiers[i],
    cell: matrix.assignments[i],
    strategy: strategy.get(matrix.assignments[i])!,
  }));
  const tierFigures = summariseTiers(
    rows.map((row, i) => {
      const f = i < nCustomers ? input.features[i] : null;
      return {
        tier: row.tier,
        revenue: f ? f.revenueInWindow : null,
        margin: f ? f.marginInWindow : null,
        clv: prepared.clv ? prepared.clv[i] : null,
        costToServePerYear: f ? f.costToServePerYear : null,
        retentionCostPerYear: f ? get(input.retentionCostPerYear, f.customerId) : null,
      };
    }),
  );
  const warnings = [...new Set([...cvi.warnings, ...oi.warnings])];
  if (cviScores.unscored > 0) warnings.push(`${cviScores.unscored} customers have no known value component and no CVI`);
  if (oi.components.every((c) => c.status === "absent")) warnings.push("no opportunity component available (needs wallets, categories or future values): OI is empty and every row is low opportunity");
  return { rows, cviScores, oiScores, tiers: tierFigures, matrix, warnings };
}
