/**
 * Validation of a staged transaction table (`tx_raw`, all VARCHAR) in DuckDB SQL: every row is parsed
 * once and either lands in `tx_clean` (typed) or in `tx_rejected` with exactly one reason (see
 * `reasons.ts` for names and priority). No JavaScript loop touches the rows.
 *
 * Tables created:
 * - `tx_clean(row_number BIGINT, customer_id VARCHAR, purchase_date DATE, epoch_day INTEGER,
 *   amount DOUBLE, margin DOUBLE, category VARCHAR, channel VARCHAR, order_id VARCHAR, quantity DOUBLE,
 *   is_return BOOLEAN)`: one row per used input row (in no particular order: sort by row_number);
 *   `is_return` = the return flag column says so or the amount is negative;
 *   unmapped optional fields are NULL. A return flag
 *   makes the amount (and margin) negative; negative amounts are kept as returns.
 * - `tx_rejected(row_number BIGINT, line BIGINT, reason VARCHAR, column_name VARCHAR, value VARCHAR,
 *   <raw columns>, raw_line VARCHAR)`: `row_number` is the 1-based data row (header excluded); rows the
 *   CSV reader could not split have no row number but their file `line` and text `raw_line`.
 * - `tx_ingest_meta(rows_read, rows_checked, reader_rejects, duplicates_kept, <optional-field failures>)`.
 *
 * Cost: one parsing pass writes every row, typed, into `tx_clean` with its reason; a hash of the raw
 * data fields finds candidate duplicates, compared field by field only when hashes repeat; rejected rows
 * (usually few) are then joined back to `tx_raw` for their raw fields and deleted from `tx_clean`.
 *
 * Exact duplicates (every raw field identical to an earlier row) are rejected when `duplicates` is
 * `"reject"`, kept and counted when `"keep"`; `"auto"` (default) rejects them only when an order id is
 * mapped: without one, identical rows are usually genuine repeat orders (the CDNOW sample has 21).
 */
import { quoteIdentifier, quoteLiteral } from "../sql/runner.js";
import { MAX_YEAR, MIN_YEAR, dateSqlUnchecked } from "./dateFormat.js";
import type { Mapping } from "./mapping.js";
import { numberSqlUnchecked, type NumberFormat } from "./numberFormat.js";
import { READER_REJECTS_TABLE } from "./stagingSql.js";
import { trimmedTextSql } from "./textSql.js";
import { numberedRowsSql, type RowNumbering } from "./rowNumbers.js";

/** What to do with exact duplicate rows. */
export type DuplicatePolicy = "auto" | "reject" | "keep";

/** Options of {@link validationSql}. */
export interface ValidationOptions {
  /** First accepted purchase date, epoch days (inclusive); earlier rows → `date_outside_window`. */
  windowStartEpochDay?: number;
  /** Last accepted purchase date, epoch days (inclusive); later rows → `date_outside_window`. */
  windowEndEpochDay?: number;
  /** Today, epoch days; later rows → `future_date`. Omit to skip the check. */
  todayEpochDay?: number;
  /** Exact duplicate rows: see module doc. Default `"auto"`. */
  duplicates?: DuplicatePolicy;
}

/** The staged table and how to read it. */
export interface ValidationPlan {
  /** Complete transactions mapping: `columns`, `dateFormat`, `decimal`, `thousands` set. */
  mapping: Mapping;
  /** Data columns of `tx_raw` (CSV surplus columns excluded). */
  columns: readonly string[];
  /** Surplus-field columns of a CSV staging (empty for Parquet / JSON). */
  extraColumns: readonly string[];
  /** The CSV reader's reject table exists and must be merged (CSV sources). */
  readerRejects: boolean;
  /** How data row numbers are found (default `rowid + 1`; see `rowNumbers.ts`). */
  rowNumbering?: RowNumbering;
}

/** Values of a return flag meaning "this row is a return". */
export const RETURN_FLAG_VALUES = ["1", "true", "t", "yes", "y", "r", "x", "return", "returned", "refund", "credit", "-1"];

/** Optional numeric fields whose unparseable values are counted (set NULL, row still used). */
export const OPTIONAL_NUMBER_FIELDS = ["margin", "cost", "quantity"] as const;

function checkEpochDay(name: string, value: number | undefined): void {
  if (value !== undefined && !Number.isInteger(value)) throw new Error(`invalid ${name}: ${value}`);
}

/** Resolve the duplicate policy for a mapping. */
export function rejectsDuplicates(mapping: Mapping, policy: DuplicatePolicy = "auto"): boolean {
  return policy === "reject" || (policy === "auto" && !!mapping.columns.orderId);
}

/** The statements (run in order) creating `tx_clean`, `tx_rejected` and `tx_ingest_meta` from `tx_raw`. */
export function validationSql(plan: ValidationPlan, options: ValidationOptions = {}): string[] {
  const { mapping } = plan;
  const cols = mapping.columns;
  for (const field of ["customerId", "date", "amount"]) if (!cols[field]) throw new Error(`mapping has no column for ${field}`);
  if (!mapping.dateFormat) throw new Error("mapping has no dateFormat");
  checkEpochDay("windowStartEpochDay", options.windowStartEpochDay);
  checkEpochDay("windowEndEpochDay", options.windowEndEpochDay);
  checkEpochDay("todayEpochDay", options.todayEpochDay);
  if (options.duplicates !== undefined && !["auto", "reject", "keep"].includes(options.duplicates)) throw new Error(`invalid duplicates: ${JSON.stringify(options.duplicates)}`);
  const format: NumberFormat = { decimal: mapping.decimal ?? ".", thousands: mapping.thousands ?? "" };
  const q = (field: string) => quoteIdentifier(cols[field]!);
  const text = (field: string) => (cols[field] ? trimmedTextSql(q(field)) : "NULL::VARCHAR");
  const num = (field: string) => (cols[field] ? numberSqlUnchecked(q(field), format) : "NULL::DOUBLE");
  const finite = (name: string) => `CASE WHEN isfinite(${name}) THEN ${name} END`;
  const rawNames = [...plan.columns, ...plan.extraColumns];
  const rawColumns = rawNames.map(quoteIdentifier);
  // Candidate duplicates hash the data columns only (surplus fields are almost always NULL); the
  // field-by-field comparison below still covers every raw column.
  const dataColumns = plan.columns.map(quoteIdentifier);
  const lastColumn = plan.columns[plan.columns.length - 1];
  const malformed = plan.extraColumns.length
    ? `(${quoteIdentifier(lastColumn)} IS NULL OR ${plan.extraColumns.map((c) => `${quoteIdentifier(c)} IS NOT NULL`).join(" OR ")})`
    : "false";
  const isReturn = cols.returnFlag ? `coalesce(lower(trim(${q("returnFlag")})) IN (${RETURN_FLAG_VALUES.map(quoteLiteral).join(", ")}), false)` : "false";
  const rejectDuplicates = rejectsDuplicates(mapping, options.duplicates);
  const day = (epochDay: number) => `(DATE '1970-01-01' + ${epochDay})`;
  const reasons = [
    `WHEN malformed THEN 'malformed_row'`,
    `WHEN customer_id IS NULL THEN 'missing_customer_id'`,
    `WHEN purchase_date IS NULL THEN 'unparseable_date'`,
    `WHEN amount_value IS NULL THEN 'non_numeric_amount'`,
  ];
  const outside = [
    options.windowStartEpochDay !== undefined ? `purchase_date < ${day(options.windowStartEpochDay)}` : "",
    options.windowEndEpochDay !== undefined ? `purchase_date > ${day(options.windowEndEpochDay)}` : "",
  ].filter(Boolean);
  if (outside.length) reasons.push(`WHEN ${outside.join(" OR ")} THEN 'date_outside_window'`);
  if (options.todayEpochDay !== undefined) reasons.push(`WHEN purchase_date > ${day(options.todayEpochDay)} THEN 'future_date'`);
  // Optional numbers that do not parse: flagged per row (row still used), reported with an example.
  const optionalFailures = OPTIONAL_NUMBER_FIELDS.map((f) => {
    if (!cols[f]) return `0 AS bad_${f}, NULL::BIGINT AS bad_${f}_row, NULL::VARCHAR AS bad_${f}_value`;
    const where = `FILTER (WHERE c.bad_${f} AND c.reason IS NULL)`;
    return `count(*) ${where} AS bad_${f}, min(c.row_number) ${where} AS bad_${f}_row, arg_min(r.${q(f)}, c.row_number) ${where} AS bad_${f}_value`;
  });
  const anyBad = OPTIONAL_NUMBER_FIELDS.map((f) => `bad_${f}`).join(" OR ");
  const columnOf = (field: string) => (cols[field] ? quoteLiteral(cols[field]!) : "NULL");
  const valueOf = (field: string) => `r.${q(field)}`;
  const readerRejectCount = plan.readerRejects ? `(SELECT count(DISTINCT line) FROM ${READER_REJECTS_TABLE})` : "0";
  const helperColumns = ["raw_row", "reason", "row_hash", ...OPTIONAL_NUMBER_FIELDS.map((f) => `bad_${f}`)];
  return [
    // 1. Parse every row once into the typed table, with its reason (NULL = used) and a hash of the raw row.
    `CREATE OR REPLACE TABLE tx_clean AS
WITH p0 AS (
  SELECT __cvw_row AS row_number, __cvw_raw_row AS raw_row,
    ${text("customerId")} AS customer_id,
    ${dateSqlUnchecked(q("date"), mapping.dateFormat)} AS date0,
    ${num("amount")} AS amount0,
    ${num("margin")} AS margin0,
    ${num("cost")} AS cost0,
    ${num("quantity")} AS quantity0,
    ${text("category")} AS category,
    ${text("channel")} AS channel,
    ${text("orderId")} AS order_id,
    ${isReturn} AS is_return,
    ${malformed} AS malformed,
    hash(${dataColumns.join(", ")}) AS row_hash,
    ${OPTIONAL_NUMBER_FIELDS.map((f) => (cols[f] ? `${trimmedTextSql(q(f))} IS NOT NULL` : "false") + ` AS has_${f}`).join(", ")}
  FROM ${numberedRowsSql("tx_raw", plan.rowNumbering ?? { kind: "rowid" })}
), p1 AS (
  SELECT *,
    CASE WHEN year(date0) BETWEEN ${MIN_YEAR} AND ${MAX_YEAR} THEN date0 END AS purchase_date,
    ${finite("amount0")} AS amount_value, ${finite("margin0")} AS margin_value, ${finite("cost0")} AS cost_value, ${finite("quantity0")} AS quantity_value
  FROM p0
)
SELECT row_number, raw_row, customer_id, purchase_date, (purchase_date - DATE '1970-01-01')::INTEGER AS epoch_day,
  CASE WHEN is_return THEN -abs(amount_value) ELSE amount_value END AS amount,
  CASE
    WHEN margin_value IS NOT NULL THEN CASE WHEN is_return THEN -abs(margin_value) ELSE margin_value END
    WHEN cost_value IS NOT NULL THEN CASE WHEN is_return OR amount_value < 0 THEN -abs(amount_value) + abs(cost_value) ELSE amount_value - cost_value END
  END AS margin,
  category, channel, order_id, quantity_value AS quantity, (is_return OR amount_value < 0) AS is_return,
  CASE ${reasons.join(" ")} END AS reason,
  row_hash,
  ${OPTIONAL_NUMBER_FIELDS.map((f) => `(has_${f} AND ${f}_value IS NULL) AS bad_${f}`).join(", ")}
FROM p1`,
    // 2. Exact duplicates: only rows whose hash repeats are compared field by field.
    `CREATE OR REPLACE TEMP TABLE tx_copies AS
SELECT row_number FROM (
  SELECT c.row_number, row_number() OVER (PARTITION BY ${rawColumns.map((x) => `r.${x}`).join(", ")} ORDER BY c.row_number) AS copy
  FROM (SELECT row_number, raw_row, row_hash FROM tx_clean WHERE row_hash IN (SELECT row_hash FROM tx_clean GROUP BY row_hash HAVING count(*) > 1)) c
  JOIN tx_raw r ON r.rowid + 1 = c.raw_row
) WHERE copy > 1`,
    rejectDuplicates
      ? `UPDATE tx_clean SET reason = 'exact_duplicate' WHERE reason IS NULL AND row_number IN (SELECT row_number FROM tx_copies)`
      : `SELECT 1`,
    // 3. Rejected rows with all their raw fields; rows the CSV reader could not split, by file line.
    `CREATE OR REPLACE TABLE tx_rejected AS
SELECT c.row_number, NULL::BIGINT AS line, c.reason,
  CASE c.reason WHEN 'missing_customer_id' THEN ${columnOf("customerId")} WHEN 'non_numeric_amount' THEN ${columnOf("amount")}
    WHEN 'unparseable_date' THEN ${columnOf("date")} WHEN 'date_outside_window' THEN ${columnOf("date")} WHEN 'future_date' THEN ${columnOf("date")} END AS column_name,
  CASE c.reason WHEN 'missing_customer_id' THEN ${valueOf("customerId")} WHEN 'non_numeric_amount' THEN ${valueOf("amount")}
    WHEN 'unparseable_date' THEN ${valueOf("date")} WHEN 'date_outside_window' THEN ${valueOf("date")} WHEN 'future_date' THEN ${valueOf("date")} END AS value,
  ${rawColumns.map((c) => `r.${c}`).join(", ")}, NULL::VARCHAR AS raw_line
FROM (SELECT row_number, raw_row, reason FROM tx_clean WHERE reason IS NOT NULL) c JOIN tx_raw r ON r.rowid + 1 = c.raw_row
${plan.readerRejects ? `UNION ALL BY NAME
SELECT ${plan.rowNumbering?.kind === "shifted" ? `line::BIGINT - ${plan.rowNumbering.headerLines}` : "NULL::BIGINT"} AS row_number, line::BIGINT AS line, 'malformed_row' AS reason, NULL AS column_name, NULL AS value, min(csv_line) AS raw_line
FROM ${READER_REJECTS_TABLE} GROUP BY line` : ""}
ORDER BY row_number NULLS LAST, line`,
    `CREATE OR REPLACE TABLE tx_ingest_meta AS
SELECT (SELECT count(*) FROM tx_clean) + ${readerRejectCount} AS rows_read,
  (SELECT count(*) FROM tx_clean) AS rows_checked,
  ${readerRejectCount} AS reader_rejects,
  ${plan.rowNumbering?.kind === "approximate" ? "false" : "true"} AS row_numbers_exact,
  count(*) AS rows_with_bad_optional_number,
  ${rejectDuplicates ? "0" : "(SELECT count(*) FROM tx_clean WHERE reason IS NULL AND row_number IN (SELECT row_number FROM tx_copies))"} AS duplicates_kept,
  ${optionalFailures.join(",\n  ")}
FROM (SELECT row_number, raw_row, reason, ${OPTIONAL_NUMBER_FIELDS.map((f) => `bad_${f}`).join(", ")} FROM tx_clean WHERE ${anyBad}) c LEFT JOIN tx_raw r ON r.rowid + 1 = c.raw_row`,
    // 4. Keep only used rows and the typed columns.
    `DELETE FROM tx_clean WHERE reason IS NOT NULL`,
    ...helperColumns.map((c) => `ALTER TABLE tx_clean DROP COLUMN ${c}`),
    `DROP TABLE tx_copies`,
  ];
}
