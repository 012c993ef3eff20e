/**
 * The 3 × 3 value × opportunity portfolio matrix (GE-McKinsey style, PRODUCT.md §9): each row gets a
 * value level and an opportunity level (low / medium / high), each cell a named strategy and a share
 * of the resources (percent, summing to 100).
 *
 * Levels: x < cut1 → low, cut1 ≤ x < cut2 → medium, x ≥ cut2 → high. Default cut-offs are the
 * tertiles (1/3 and 2/3 quantiles) of the known scores; user cut-offs are scores on 0-100. Rows
 * without a value (prospects, leads: value null / NaN) sit in the low-value row, where the
 * "develop selectively" cell holds the prospects worth acquiring. Opportunity tertiles are taken
 * over all rows with a known opportunity (customers and prospects together).
 */
import { quantileUnsorted } from "./select.js";

/** A level on one axis of the matrix. */
export type Level = "low" | "medium" | "high";
/** Matrix cell, value level first: "high-low" = high value, low opportunity. */
export type CellKey = `${Level}-${Level}`;
/** Levels in display order. */
export const LEVELS: readonly Level[] = ["low", "medium", "high"];
/** The nine cells, from high value / high opportunity down to low / low. */
export const CELLS: readonly CellKey[] = ["high-high", "high-medium", "high-low", "medium-high", "medium-medium", "medium-low", "low-high", "low-medium", "low-low"];

/** Default strategy per cell. */
export const DEFAULT_STRATEGIES: Readonly<Record<CellKey, string>> = {
  "high-high": "invest & grow",
  "high-medium": "retain & grow",
  "high-low": "retain & protect",
  "medium-high": "develop",
  "medium-medium": "maintain",
  "medium-low": "maintain efficiently",
  "low-high": "develop selectively",
  "low-medium": "nurture at low cost",
  "low-low": "reduce cost to serve",
};

/** Default share of resources per cell, percent (sums to 100). */
export const DEFAULT_RESOURCE_SHARES: Readonly<Record<CellKey, number>> = {
  "high-high": 25, "high-medium": 15, "high-low": 12,
  "medium-high": 15, "medium-medium": 10, "medium-low": 5,
  "low-high": 10, "low-medium": 5, "low-low": 3,
};

/** One row placed in the matrix. */
export interface MatrixRow {
  /** Value score (CVI); null / NaN = no value yet (prospect, lead). */
  value: number | null;
  /** Opportunity score (OI); null / NaN counts as low opportunity. */
  opportunity: number | null;
  /** Revenue of the row, to report per cell (optional). */
  revenue?: number | null;
  /** "prospect" rows are counted apart in each cell. */
  kind?: "customer" | "prospect";
}

/** Options of {@link valueOpportunityMatrix}. */
export interface MatrixOptions {
  /** [low|medium, medium|high] cut-offs on the value score; default tertiles. */
  valueCutoffs?: readonly [number, number];
  /** Same for the opportunity score. */
  opportunityCutoffs?: readonly [number, number];
  /** Override strategy names of some cells. */
  strategies?: Partial<Record<CellKey, string>>;
  /** Resource shares in percent for all nine cells (must sum to 100 ± 1e-6); default {@link DEFAULT_RESOURCE_SHARES}. */
  resourceShares?: Readonly<Record<CellKey, number>>;
  /** Total budget (currency) to split by resource share; gives budget per cell and per member. */
  budget?: number;
}

/** One cell of the matrix. */
export interface MatrixCell {
  key: CellKey;
  value: Level;
  opportunity: Level;
  strategy: string;
  /** Percent of resources. */
  resourceShare: number;
  count: number;
  customers: number;
  prospects: number;
  revenue: number;
  /** budget × share (null without a budget). */
  budget: number | null;
  /** Budget per member (null without a budget or members). */
  budgetPerMember: number | null;
}

/** The matrix: cells in {@link CELLS} order, each row's cell, and the cut-offs used. */
export interface ValueOpportunityMatrix {
  cells: MatrixCell[];
  /** Cell of each input row. */
  assignments: CellKey[];
  valueCutoffs: [number, number];
  opportunityCutoffs: [number, number];
}

function tertiles(values: ArrayLike<number>): [number, number] {
  return [quantileUnsorted(values, 1 / 3), quantileUnsorted(values, 2 / 3)];
}

function checkCutoffs(name: string, c: readonly [number, number]): [number, number] {
  if (!(c.length === 2 && Number.isFinite(c[0]) && Number.isFinite(c[1]) && c[0] <= c[1])) throw new Error(`invalid ${name}: [${c.join(", ")}]`);
  return [c[0], c[1]];
}

/** Level index 0 (low), 1 (medium), 2 (high); unknown (NaN) is low. */
function levelIndex(x: number, cut: readonly [number, number]): number {
  return x !== x ? 0 : x < cut[0] ? 0 : x < cut[1] ? 1 : 2;
}

/** CELL_BY_LEVEL[value level × 3 + opportunity level]. */
const CELL_BY_LEVEL: readonly CellKey[] = LEVELS.flatMap((v) => LEVELS.map((o): CellKey => `${v}-${o}`));

/** Check resource shares: every cell present, finite, ≥ 0, summing to 100. */
export function checkResourceShares(shares: Readonly<Record<CellKey, number>>): void {
  let total = 0;
  for (const cell of CELLS) {
    const s = shares[cell];
    if (typeof s !== "number" || !Number.isFinite(s) || s < 0) throw new Error(`invalid resource share for ${cell}: ${String(s)}`);
    total += s;
  }
  if (Math.abs(total - 100) > 1e-6) throw new Error(`resource shares sum to ${total}, not 100`);
}

/**
 * Place every row in the 3 × 3 matrix.
 * @example valueOpportunityMatrix(cvi.map((v, i) => ({ value: v, opportunity: oi[i] }))).cells[0].strategy // "invest & grow"
 */
export function valueOpportunityMatrix(rows: readonly MatrixRow[], options: MatrixOptions = {}): ValueOpportunityMatrix {
  const num = (x: number | null | undefined) => (typeof x === "number" ? x : NaN);
  return valueOpportunityMatrixOf(
    Float64Array.from(rows, (r) => num(r.value)),
    Float64Array.from(rows, (r) => num(r.opportunity)),
    options,
    { revenue: Float64Array.from(rows, (r) => num(r.revenue)), isProspect: rows.map((r) => r.kind === "prospect") },
  );
}

/**
 * {@link valueOpportunityMatrix} over columns (what a page re-runs on every slider move): value and
 * opportunity score per row (NaN = none), optional revenue per row (NaN = none) and prospect flags.
 */
export function valueOpportunityMatrixOf(
  values: ArrayLike<number>,
  opportunities: ArrayLike<number>,
  options: MatrixOptions = {},
  extra: { revenue?: ArrayLike<number>; isProspect?: ArrayLike<boolean> } = {},
): ValueOpportunityMatrix {
  const n = values.length;
  if (opportunities.length !== n) throw new Error(`invalid opportunities length: ${opportunities.length} (values: ${n})`);
  const shares = options.resourceShares ?? DEFAULT_RESOURCE_SHARES;
  checkResourceShares(shares);
  if (options.budget !== undefined && !(Number.isFinite(options.budget) && options.budget >= 0)) throw new Error(`invalid budget: ${options.budget}`);
  const valueCutoffs = options.valueCutoffs ? checkCutoffs("valueCutoffs", options.valueCutoffs) : tertiles(values);
  const opportunityCutoffs = options.opportunityCutoffs ? checkCutoffs("opportunityCutoffs", options.opportunityCutoffs) : tertiles(opportunities);
  const count = new Float64Array(9);
  const prospects = new Float64Array(9);
  const revenue = new Float64Array(9);
  const assignments: CellKey[] = new Array<CellKey>(n);
  const { revenue: rev, isProspect } = extra;
  for (let i = 0; i < n; i++) {
    const k = levelIndex(values[i], valueCutoffs) * 3 + levelIndex(opportunities[i], opportunityCutoffs);
    assignments[i] = CELL_BY_LEVEL[k];
    count[k]++;
    if (isProspect !== undefined && isProspect[i]) prospects[k]++;
    if (rev !== undefined) {
      const r = rev[i];
      if (r === r && r !== Infinity && r !== -Infinity) revenue[k] += r;
    }
  }
  const cells = CELLS.map((key): MatrixCell => {
    const k = CELL_BY_LEVEL.indexOf(key);
    const [value, opportunity] = key.split("-") as [Level, Level];
    const budget = options.budget === undefined ? null : (options.budget * shares[key]) / 100;
    return {
      key, value, opportunity,
      strategy: options.strategies?.[key] ?? DEFAULT_STRATEGIES[key],
      resourceShare: shares[key],
      count: count[k], customers: count[k] - prospects[k], prospects: prospects[k], revenue: revenue[k],
      budget, budgetPerMember: budget !== null && count[k] > 0 ? budget / count[k] : null,
    };
  });
  return { cells, assignments, valueCutoffs, opportunityCutoffs };
}
