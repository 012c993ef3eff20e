/**
 * Optional CLV for "who we won, who we lost": each customer's P(alive)-weighted discounted CLV as of
 * the report's as-of day, from BG/NBD + Gamma-Gamma fitted on the purchase lines (amount ≥ 0, the report's definition of a
 * purchase; returns are left out) (`futureValueFromSummary`,
 * `src/value/futureValue.ts`, which cites the papers; no formula here), written to a
 * `(customer_id VARCHAR, clv DOUBLE)` table that `buildReport` reads with `clvTable`.
 *
 * For a lost customer this is the value still expected from them (low when they have likely
 * left): the ranking shows the lost customers most worth winning back.
 */
import { customerSummaryFromSql } from "../data/customerSummarySql.js";
import { quoteLiteral, type SqlRunner } from "../sql/runner.js";
import { futureValueFromSummary, DEFAULT_FUTURE_VALUE_OPTIONS, type FutureValueOptions } from "../value/futureValue.js";

/** Rows per INSERT statement of {@link clvTableStatements}. */
const CHUNK_ROWS = 2000;

/**
 * Statements creating `table(customer_id VARCHAR, clv DOUBLE)` holding `values` (non-finite values are
 * written as NULL), in inserts of at most 2,000 rows.
 */
export function clvTableStatements(values: ReadonlyMap<string, number>, table = "report_clv"): string[] {
  const statements = [`CREATE OR REPLACE TABLE ${table} (customer_id VARCHAR, clv DOUBLE)`];
  const rows = [...values].map(([id, v]) => `(${quoteLiteral(id)}, ${Number.isFinite(v) ? String(v) : "NULL"})`);
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) statements.push(`INSERT INTO ${table} VALUES ${rows.slice(i, i + CHUNK_ROWS).join(", ")}`);
  return statements;
}

/** Result of {@link createReportClv}. */
export interface ReportClvResult {
  table: string;
  /** Customers with a CLV. */
  customers: number;
  /** Σ CLV (money). */
  total: number;
  /** Horizon and discounting used. */
  options: Required<FutureValueOptions>;
  /** Soft problems of the fits. */
  warnings: string[];
}

/**
 * Fit BG/NBD + Gamma-Gamma (weeks) on the non-negative lines of `transactionsTable` up to `asOfEpochDay`
 * and write each customer's CLV to `table`. Throws when the models cannot be fitted (e.g. no repeat
 * purchase); callers show the report without CLV then.
 * @param options.transactionsTable needs `customer_id, epoch_day, amount, row_number` (default `tx_clean`)
 */
export async function createReportClv(
  runner: SqlRunner,
  asOfEpochDay: number,
  options: { transactionsTable?: string; table?: string; futureValue?: FutureValueOptions } = {},
): Promise<ReportClvResult> {
  if (!Number.isInteger(asOfEpochDay)) throw new Error(`invalid asOfEpochDay: ${asOfEpochDay}`);
  const table = options.table ?? "report_clv";
  const source = options.transactionsTable ?? "tx_clean";
  const purchases = `${table}_purchases`;
  await runner.exec(`CREATE OR REPLACE TEMP VIEW ${purchases} AS SELECT * FROM ${source} WHERE amount >= 0`);
  try {
    const summary = await customerSummaryFromSql(runner, { unit: "week", calibrationEndEpochDay: asOfEpochDay, table: purchases });
    const fit = futureValueFromSummary(summary, { ...DEFAULT_FUTURE_VALUE_OPTIONS, ...options.futureValue });
    for (const statement of clvTableStatements(fit.futureValue, table)) await runner.exec(statement);
    return { table, customers: fit.futureValue.size, total: fit.total, options: fit.options, warnings: fit.warnings };
  } finally {
    await runner.exec(`DROP VIEW IF EXISTS ${purchases}`);
  }
}
