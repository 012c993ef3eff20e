/**
 * Run the whole report family through a {@link SqlRunner}: inspect the input tables, run the period
 * table, cross-sell by category, revenue bridge, cohort matrix and movers queries, and collect soft
 * problems as warnings. Works the same in Node (native DuckDB) and the browser (DuckDB-WASM).
 */
import type { SqlRunner } from "../sql/runner.js";
import { materializeReportBase, transactionDaySql } from "./baseSql.js";
import { revenueBridgeSql, type RevenueBridgeRow } from "./bridge.js";
import { cohortMatrixSql, type CohortCell } from "./cohorts.js";
import { crossSellByCategorySql, type CrossSellCategoryRow } from "./crossSell.js";
import { customerMoversSql, type MoverOptions, type MoverRankBy, type MoverRow } from "./movers.js";
import {
  CUSTOMER_FIELDS,
  resolveReportOptions,
  type CustomerField,
  type ReportOptions,
  type ResolvedReportOptions,
  type TransactionField,
} from "./options.js";
import { periodReportSql, type PeriodReportRow } from "./periodReport.js";

/** Every table of one report, with the options it was computed with. */
export interface Report {
  /** Options after defaults and table inspection; `asOfEpochDay` is the day actually used (null when no data). */
  options: Omit<ResolvedReportOptions, "asOfEpochDay"> & { asOfEpochDay: number | null };
  periods: PeriodReportRow[];
  crossSellByCategory: CrossSellCategoryRow[];
  bridge: RevenueBridgeRow[];
  cohorts: CohortCell[];
  movers: MoverRow[];
  /** The same movers ranked by each measure asked for in `alsoRankedBy` (same limit); absent when none was. */
  moversBy?: Partial<Record<MoverRankBy, MoverRow[]>>;
  /** Soft problems with the inputs, de-duplicated, in words. */
  warnings: string[];
}

async function columnsOf(runner: SqlRunner, table: string): Promise<Map<string, string>> {
  const rows = await runner.query<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${table}`);
  return new Map(rows.map((row) => [row.column_name, row.column_type]));
}

/**
 * Inspect the input tables and return options whose `transactionFields`, `customerFields`,
 * `dayColumnType` and `customerDayType` match them (explicit options win). Throws
 * `missing column <name> in <table>` when a required column is absent.
 */
export async function resolveReportInputs(runner: SqlRunner, options: ReportOptions = {}): Promise<ResolvedReportOptions> {
  const base = resolveReportOptions(options);
  const tx = await columnsOf(runner, base.transactionsTable);
  for (const name of ["customer_id", base.dayColumn, "amount"]) {
    if (!tx.has(name)) throw new Error(`missing column ${name} in ${base.transactionsTable}`);
  }
  const dayType = tx.get(base.dayColumn) ?? "";
  const transactionFields = options.transactionFields ?? (["margin", "category"] as TransactionField[]).filter((f) => tx.has(f));
  const resolved: ResolvedReportOptions = {
    ...base,
    transactionFields,
    dayColumnType: options.dayColumnType ?? (/^(DATE|TIMESTAMP)/.test(dayType) ? "date" : "epoch_day"),
  };
  if (base.customersTable) {
    const cu = await columnsOf(runner, base.customersTable);
    if (!cu.has("customer_id")) throw new Error(`missing column customer_id in ${base.customersTable}`);
    const fields = options.customerFields ?? CUSTOMER_FIELDS.filter((f: CustomerField) => cu.has(f));
    const dayTypes = ["acquisition_epoch_day", "churn_epoch_day"].map((f) => cu.get(f) ?? "");
    resolved.customerFields = fields;
    resolved.customerDayType = options.customerDayType ?? (dayTypes.some((t) => /^(DATE|TIMESTAMP)/.test(t)) ? "date" : "epoch_day");
  }
  if (base.clvTable) {
    const clv = await columnsOf(runner, base.clvTable);
    for (const name of ["customer_id", "clv"]) if (!clv.has(name)) throw new Error(`missing column ${name} in ${base.clvTable}`);
  }
  return resolved;
}

interface InputStats {
  rows: number;
  unusable: number;
  afterAsOf: number;
  asOf: number | null;
  returnsOnly: number;
}

async function inputWarnings(runner: SqlRunner, o: ResolvedReportOptions, warnings: Set<string>): Promise<number | null> {
  const day = transactionDaySql(o);
  const asOf = o.asOfEpochDay === undefined ? "NULL" : String(o.asOfEpochDay);
  const [stats] = await runner.query<InputStats>(`WITH t AS (
  SELECT TRIM(CAST(customer_id AS VARCHAR)) AS id, ${day} AS day, TRY_CAST(amount AS DOUBLE) AS amount FROM ${o.transactionsTable}
), ok AS (SELECT * FROM t WHERE id IS NOT NULL AND id <> '' AND day IS NOT NULL AND amount IS NOT NULL AND isfinite(amount))
SELECT (SELECT count(*) FROM t)::INTEGER AS rows,
  (SELECT count(*) FROM t)::INTEGER - (SELECT count(*) FROM ok)::INTEGER AS unusable,
  (SELECT count(*) FROM ok WHERE day > coalesce(${asOf}, day))::INTEGER AS "afterAsOf",
  (SELECT coalesce(${asOf}, max(day)) FROM ok)::INTEGER AS "asOf",
  (SELECT count(*) FROM (SELECT id FROM ok WHERE day <= coalesce(${asOf}, day) GROUP BY id HAVING NOT bool_or(amount >= 0)))::INTEGER AS "returnsOnly"`);
  const table = o.transactionsTable;
  if (stats.rows === 0) warnings.add(`${table} is empty: the report has no periods`);
  if (stats.unusable > 0) warnings.add(`${stats.unusable} of ${stats.rows} rows of ${table} lack a customer id, day or finite amount and were ignored`);
  if (stats.afterAsOf > 0) warnings.add(`${stats.afterAsOf} rows of ${table} fall after the as-of day and were ignored`);
  if (stats.returnsOnly > 0) warnings.add(`${stats.returnsOnly} customers have only returns (negative amounts): they count in revenue, not as customers`);
  if (!o.transactionFields.includes("margin")) warnings.add(`${table} has no margin column: margin figures are empty`);
  if (!o.transactionFields.includes("category")) warnings.add(`${table} has no category column: cross-selling is empty`);
  if (o.customersTable) {
    const t = o.customersTable;
    const [c] = await runner.query<{ duplicates: number; unknown: number }>(`SELECT
  (SELECT count(*) - count(DISTINCT TRIM(CAST(customer_id AS VARCHAR))) FROM ${t} WHERE customer_id IS NOT NULL)::INTEGER AS duplicates,
  (SELECT count(DISTINCT TRIM(CAST(customer_id AS VARCHAR))) FROM ${t}
    WHERE TRIM(CAST(customer_id AS VARCHAR)) NOT IN (SELECT TRIM(CAST(customer_id AS VARCHAR)) FROM ${table} WHERE customer_id IS NOT NULL))::INTEGER AS unknown`);
    if (c.duplicates > 0) warnings.add(`${t} repeats ${c.duplicates} customer ids: the first row of each is used`);
    if (c.unknown > 0) warnings.add(`${c.unknown} customers of ${t} have no transactions: they count only in referrals`);
    for (const field of CUSTOMER_FIELDS) {
      if (!o.customerFields.includes(field)) warnings.add(`${t} has no ${field} column: ${FIELD_EFFECT[field]}`);
    }
  }
  return stats.asOf;
}

const FIELD_EFFECT: Record<CustomerField, string> = {
  acquisition_epoch_day: "referred customers who never bought are not counted",
  acquisition_cost: "acquisition cost per new customer is empty",
  is_key_account: "key-account figures are empty",
  churn_epoch_day: "customers desert only by lapsing",
  referred_by: "referrals are empty",
};

/**
 * Compute every report table over the input tables.
 *
 * @param runner where the SQL runs (DuckDB in Node or the browser)
 * @param options tables, period, lapse window, as-of day (see {@link ReportOptions})
 * @param movers how many won / lost customers to list per period and how to rank them
 * @param alsoRankedBy further rankings of the movers (e.g. `["clv"]` beside revenue), computed on the
 *   same materialized base instead of building the whole report again; in `moversBy`
 * @return the {@link Report}; warnings list soft problems (ignored rows, missing optional columns)
 * @example
 * const report = await buildReport(db, { period: "quarter", lapseDays: 180, customersTable: "customers" });
 */
export async function buildReport(runner: SqlRunner, options: ReportOptions = {}, movers: MoverOptions = {}, alsoRankedBy: readonly MoverRankBy[] = []): Promise<Report> {
  const o = await resolveReportInputs(runner, options);
  const warnings = new Set<string>();
  const asOf = await inputWarnings(runner, o, warnings);
  const base = await materializeReportBase(runner, o);
  try {
    const m = base.options;
    const periods = await runner.query<PeriodReportRow>(periodReportSql(m));
    const last = periods[periods.length - 1];
    if (last?.partial) warnings.add(`the last period ${last.period} is partial: data ends before the period does (status judged on the as-of day)`);
    const crossSellByCategory = await runner.query<CrossSellCategoryRow>(crossSellByCategorySql(m));
    const bridge = await runner.query<RevenueBridgeRow>(revenueBridgeSql(m));
    const cohorts = await runner.query<CohortCell>(cohortMatrixSql(m));
    const moverRows = await runner.query<MoverRow>(customerMoversSql(m, movers));
    const moversBy: NonNullable<Report["moversBy"]> = {};
    for (const rankBy of alsoRankedBy) moversBy[rankBy] = await runner.query<MoverRow>(customerMoversSql(m, { ...movers, rankBy }));
    return { options: { ...o, asOfEpochDay: asOf }, periods, crossSellByCategory, bridge, cohorts, movers: moverRows, ...(alsoRankedBy.length ? { moversBy } : {}), warnings: [...warnings] };
  } finally {
    await base.drop();
  }
}
