/**
 * The portfolio in one call (PRODUCT.md §9): CVI and OI per row, pyramid tier (by CVI or by CLV),
 * value × opportunity cell with its strategy, per-tier figures and the matrix. Split in two so a
 * page can move a weight slider without redoing the heavy part:
 * {@link preparePortfolio} (features → normalised components, once) and {@link scorePortfolio}
 * (weights → scores, tiers, matrix: a few linear passes).
 *
 * Rows are the customers (in feature order) followed by the prospects. Prospects and customers
 * without a net purchase are leads: no CVI, tier "lead", low-value row of the matrix. Tier figures
 * use revenue and margin of the features' trailing window, and cost to serve per year.
 */
import type { ProspectRecord } from "../types.js";
import type { CompositeScores, PrepareOptions } from "./composite.js";
import { prepareCvi, scoreCvi, type CviModel } from "./cvi.js";
import type { CustomerFeatures } from "./features.js";
import { valueOpportunityMatrixOf, type CellKey, type MatrixOptions, type ValueOpportunityMatrix } from "./matrix.js";
import { prepareOi, scoreOi, type OiInput, type OiModel } from "./oi.js";
import type { CviComponent, CviWeights, OiComponent, OiWeights, ProfileName } from "./profiles.js";
import { summariseTierColumns, type TierColumns, type TierFigures } from "./tierSummary.js";
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
  /** Per-row money columns for the tier figures (NaN = unknown; prospects NaN). */
  columns: TierColumns;
  /** Prospect flag per row. */
  isProspect: boolean[];
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

/** One scored row (materialised by {@link portfolioRows}). */
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

/**
 * Result of {@link scorePortfolio}, column-wise (row i = customer i, then the prospects) so that
 * re-scoring 100k rows allocates no per-row objects; {@link portfolioRows} makes row objects.
 */
export interface PortfolioResult {
  /** CVI per row as used for tiers and matrix: NaN for leads and prospects. */
  cvi: Float64Array;
  /** OI per row (NaN when no opportunity component is known). */
  oi: Float64Array;
  tier: Tier[];
  cell: CellKey[];
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

/** Normalise the CVI and OI components once, and gather the per-row columns scoring needs. */
export function preparePortfolio(input: PortfolioInput, options: { cvi?: PrepareOptions<CviComponent>; oi?: PrepareOptions<OiComponent> } = {}): PreparedPortfolio {
  const cvi = prepareCvi(input.features, options.cvi);
  const oiInput: OiInput = { customers: input.features, prospects: input.prospects, futureValue: input.futureValue, minSegmentCustomers: input.minSegmentCustomers };
  const oi = prepareOi(oiInput, options.oi);
  const n = oi.rows.length;
  const nCustomers = input.features.length;
  const isLead = oi.rows.map((r, i) => r.kind === "prospect" || isLeadCustomer(input.features[i]));
  const clv = input.clv ? Float64Array.from(oi.rows, (r) => (r.kind === "customer" ? get(input.clv, r.id) : NaN)) : null;
  const column = (f: (x: CustomerFeatures) => number | null) => Float64Array.from({ length: n }, (_, i) => (i < nCustomers ? (f(input.features[i]) ?? NaN) : NaN));
  const columns = {
    revenue: column((f) => f.revenueInWindow),
    margin: column((f) => f.marginInWindow),
    clv: clv ?? undefined,
    costToServePerYear: column((f) => f.costToServePerYear),
    retentionCostPerYear: column((f) => get(input.retentionCostPerYear, f.customerId)),
  };
  return { input, cvi, oi, isLead, clv, columns, isProspect: oi.rows.map((r) => r.kind === "prospect") };
}

/** Score, tier and place every row under the given weights and cut-offs (linear passes + two sorts). */
export function scorePortfolio(prepared: PreparedPortfolio, options: PortfolioOptions = {}): PortfolioResult {
  const { input, cvi, oi, isLead, columns } = prepared;
  const nCustomers = input.features.length;
  const n = oi.rows.length;
  const cviScores = scoreCvi(cvi, options.cviWeights ?? "balanced");
  const oiScores = scoreOi(oi, options.oiWeights ?? "balanced");
  const value = new Float64Array(n).fill(NaN);
  for (let i = 0; i < nCustomers; i++) if (!isLead[i]) value[i] = cviScores.scores[i];
  const basis = options.tierBasis ?? "cvi";
  if (basis === "clv" && !prepared.clv) throw new Error("invalid tierBasis: clv (no clv given)");
  const tier = assignTiers(basis === "clv" ? prepared.clv! : value, isLead, options.tierCutoffs);
  const matrix = valueOpportunityMatrixOf(value, oiScores.scores, options.matrix, { revenue: columns.revenue, isProspect: prepared.isProspect });
  const tiers = summariseTierColumns(tier, columns);
  const warnings = [...new Set([...cvi.warnings, ...oi.warnings])];
  if (cviScores.unscored > 0) warnings.push(`${cviScores.unscored} customers have no known value component and no CVI`);
  if (oi.components.every((c) => c.status === "absent")) warnings.push("no opportunity component available (needs wallets, categories or future values): OI is empty and every row is low opportunity");
  return { cvi: value, oi: oiScores.scores, tier, cell: matrix.assignments, cviScores, oiScores, tiers, matrix, warnings };
}

/** Row objects of a scored portfolio (customers, then prospects). */
export function portfolioRows(prepared: PreparedPortfolio, result: PortfolioResult): PortfolioRow[] {
  const strategy = new Map(result.matrix.cells.map((c) => [c.key, c.strategy]));
  return prepared.oi.rows.map((r, i) => ({
    id: r.id,
    kind: r.kind,
    segment: r.segment,
    cvi: Number.isNaN(result.cvi[i]) ? null : result.cvi[i],
    oi: Number.isNaN(result.oi[i]) ? null : result.oi[i],
    tier: result.tier[i],
    cell: result.cell[i],
    strategy: strategy.get(result.cell[i])!,
  }));
}
