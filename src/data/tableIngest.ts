/**
 * Ingest the optional `customers` and `prospects` tables (PRODUCT.md "Inputs") the same way as
 * transactions: staged as text, mapped, typed in one SQL pass. A row is rejected only when it cannot
 * be used at all: `malformed_row` (wrong number of fields), `missing_id`, or `duplicate_id` (the id
 * already appeared on an earlier row; the first one is kept). Optional values that do not parse
 * (a date, a number, a yes/no flag) are left empty and counted in a warning naming the first row.
 *
 * Tables created (snake_case of `CustomerRecord` / `ProspectRecord`, days as epoch days):
 * - `customers(row_number, customer_id, segment, acquisition_epoch_day, acquisition_cost, referrals,
 *   complaints, wallet_per_year, is_key_account, churn_epoch_day, cost_to_serve_per_year, referred_by)`
 *   and `customers_rejected(row_number, line, reason, <raw columns>, raw_line)`;
 * - `prospects(row_number, prospect_id, segment, wallet_per_year, fit)` and `prospects_rejected`.
 */
import { quoteIdentifier, quoteLiteral, type SqlRunner } from "../sql/runner.js";
import { DATE_FORMATS, MAX_YEAR, MIN_YEAR, dateFormatCountsSql, dateFormatFromCounts, dateSqlUnchecked, parseDate } from "./dateFormat.js";
import { trimmedTextSql } from "./textSql.js";
import { numberedRowsSql, prepareRowNumbering } from "./rowNumbers.js";
import { IngestError, runStatements, stageSource, type IngestSource, type StagedSource } from "./ingest.js";
import { inferMapping } from "./inferMapping.js";
import { mappingProblems, type Mapping, type MappingInference } from "./mapping.js";
import { numberSqlUnchecked, type NumberFormat } from "./numberFormat.js";
import { READER_REJECTS_TABLE } from "./stagingSql.js";

/** Reasons a customers / prospects row is rejected, in priority order. */
export const TABLE_REJECT_REASONS = ["malformed_row", "missing_id", "duplicate_id"] as const;
export type TableRejectReason = (typeof TABLE_REJECT_REASONS)[number];
export const TABLE_REJECT_REASON_LABELS: Readonly<Record<TableRejectReason, string>> = {
  malformed_row: "row does not have the header's number of fields",
  missing_id: "id is empty",
  duplicate_id: "id already appeared on an earlier row (the first is kept)",
};

type Kind = "text" | "date" | "number" | "flag";
/** Output column and type of each field. */
const FIELD_COLUMNS: Readonly<Record<"customers" | "prospects", readonly [field: string, column: string, kind: Kind][]>> = {
  customers: [
    ["customerId", "customer_id", "text"],
    ["segment", "segment", "text"],
    ["acquisitionDate", "acquisition_epoch_day", "date"],
    ["acquisitionCost", "acquisition_cost", "number"],
    ["referrals", "referrals", "number"],
    ["complaints", "complaints", "number"],
    ["walletPerYear", "wallet_per_year", "number"],
    ["isKeyAccount", "is_key_account", "flag"],
    ["churnDate", "churn_epoch_day", "date"],
    ["costToServePerYear", "cost_to_serve_per_year", "number"],
    ["referredBy", "referred_by", "text"],
  ],
  prospects: [
    ["prospectId", "prospect_id", "text"],
    ["segment", "segment", "text"],
    ["walletPerYear", "wallet_per_year", "number"],
    ["fit", "fit", "number"],
  ],
};

const TRUE_VALUES = ["1", "true", "t", "yes", "y", "x", "ja", "oui", "si"];
const FALSE_VALUES = ["0", "false", "f", "no", "n", "nein", "non"];

/** Report of a customers / prospects ingest. */
export interface TableReport {
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  rejectedByReason: Partial<Record<TableRejectReason, number>>;
  warnings: string[];
}

/** Result of {@link ingestTable}. */
export interface TableIngestResult extends Omit<StagedSource, "sampleRows" | "extraColumns"> {
  table: "customers" | "prospects";
  inference: MappingInference;
  mapping: Mapping;
  report: TableReport;
}

/**
 * Ingest a customers or prospects file into `customers` / `prospects` (see module doc).
 * @param options.mapping a saved mapping of the same table kind (columns and settings win over inference)
 */
export async function ingestTable(runner: SqlRunner, source: IngestSource, options: { table: "customers" | "prospects"; mapping?: Mapping; keepRaw?: boolean }): Promise<TableIngestResult> {
  const { table } = options;
  const file = source.displayName ?? source.fileName;
  const saved = options.mapping;
  if (saved && saved.table !== table) throw new IngestError(`${file}: the mapping is for ${saved.table}, not ${table}`);
  const raw = `${table}_raw`;
  const staged = await stageSource(runner, source, saved, raw);
  const { columns, sampleRows, extraColumns } = staged;
  const inference = inferMapping(columns, sampleRows, table, staged.sniff ? { decimal: staged.sniff.numberFormat.decimal, thousands: staged.sniff.numberFormat.thousands } : undefined);
  const mapping: Mapping = {
    ...inference.mapping,
    columns: saved ? { ...saved.columns } : { ...inference.mapping.columns },
    decimal: saved?.decimal ?? inference.mapping.decimal,
    thousands: saved?.thousands ?? inference.mapping.thousands,
  };
  if (staged.sniff) Object.assign(mapping, { delimiter: staged.sniff.delimiter, quote: staged.sniff.quote, header: staged.sniff.header });
  const problems = mappingProblems(mapping, columns);
  if (problems.length) throw new IngestError(`${file}: ${problems.join("; ")}`);
  const fields = FIELD_COLUMNS[table];
  const cols = mapping.columns;
  // One date format for the table, decided over the first mapped date column.
  const dateField = fields.find(([f, , kind]) => kind === "date" && cols[f]);
  if (dateField && !saved?.dateFormat) {
    const index = columns.indexOf(cols[dateField[0]]!);
    const tried = DATE_FORMATS.filter((d) => sampleRows.some((r) => parseDate(r[index] ?? "", d.format) !== undefined)).map((d) => d.format);
    const [row] = await runner.query<Record<string, unknown>>(dateFormatCountsSql(quoteIdentifier(raw), quoteIdentifier(cols[dateField[0]]!), tried.length ? tried : undefined));
    mapping.dateFormat = dateFormatFromCounts(row).format ?? "%Y-%m-%d";
  } else if (saved?.dateFormat) mapping.dateFormat = saved.dateFormat;
  const format: NumberFormat = { decimal: mapping.decimal ?? ".", thousands: mapping.thousands ?? "" };
  const value = (field: string, kind: Kind): string => {
    if (!cols[field]) return kind === "text" ? "NULL::VARCHAR" : kind === "flag" ? "NULL::BOOLEAN" : kind === "date" ? "NULL::INTEGER" : "NULL::DOUBLE";
    const c = quoteIdentifier(cols[field]!);
    if (kind === "text") return trimmedTextSql(c);
    if (kind === "number") {
      const v = numberSqlUnchecked(c, format);
      return `CASE WHEN isfinite(${v}) THEN ${v} END`;
    }
    if (kind === "flag") return `CASE WHEN lower(trim(${c})) IN (${TRUE_VALUES.map(quoteLiteral).join(", ")}) THEN true WHEN lower(trim(${c})) IN (${FALSE_VALUES.map(quoteLiteral).join(", ")}) THEN false END`;
    const d = dateSqlUnchecked(c, mapping.dateFormat!);
    return `CASE WHEN year(${d}) BETWEEN ${MIN_YEAR} AND ${MAX_YEAR} THEN (${d} - DATE '1970-01-01')::INTEGER END`;
  };
  const idField = fields[0][0];
  const idColumn = fields[0][1];
  const rawColumns = [...columns, ...extraColumns].map(quoteIdentifier);
  const malformed = extraColumns.length ? `(${quoteIdentifier(columns[columns.length - 1])} IS NULL OR ${extraColumns.map((c) => `${quoteIdentifier(c)} IS NOT NULL`).join(" OR ")})` : "false";
  const soft = fields.filter(([f, , kind]) => cols[f] && kind !== "text");
  const rejectedTable = `${table}_rejected`;
  const readerRejects = staged.format === "csv";
  const numbering = await prepareRowNumbering(runner, raw, source.fileName, staged.sniff?.header ?? true, readerRejects);
  const statements = [
    `CREATE OR REPLACE TABLE ${table} AS
WITH p AS (
  SELECT __cvw_row AS row_number, __cvw_raw_row AS raw_row, ${fields.map(([f, column, kind]) => `${value(f, kind)} AS ${column}`).join(",\n    ")},
    ${soft.map(([f, column]) => `(${trimmedTextSql(quoteIdentifier(cols[f]!))} IS NOT NULL) AS has_${column}`).join(", ")}${soft.length ? "," : ""}
    ${malformed} AS malformed
  FROM ${numberedRowsSql(raw, numbering)}
)
SELECT *, CASE WHEN malformed THEN 'malformed_row' WHEN ${idColumn} IS NULL THEN 'missing_id'
  WHEN row_number > min(row_number) OVER (PARTITION BY ${idColumn}) THEN 'duplicate_id' END AS reason
FROM p`,
    `CREATE OR REPLACE TABLE ${rejectedTable} AS
SELECT c.row_number, NULL::BIGINT AS line, c.reason, ${rawColumns.map((x) => `r.${x}`).join(", ")}, NULL::VARCHAR AS raw_line
FROM (SELECT row_number, raw_row, reason FROM ${table} WHERE reason IS NOT NULL) c JOIN ${quoteIdentifier(raw)} r ON r.rowid + 1 = c.raw_row
${readerRejects ? `UNION ALL BY NAME SELECT ${numbering.kind === "shifted" ? `line::BIGINT - ${numbering.headerLines}` : "NULL::BIGINT"} AS row_number, line::BIGINT AS line, 'malformed_row' AS reason, min(csv_line) AS raw_line FROM ${READER_REJECTS_TABLE} GROUP BY line` : ""}
ORDER BY row_number NULLS LAST, line`,
  ];
  await runStatements(runner, statements, file);
  const [counts] = await runner.query<Record<string, number | null>>(
    `SELECT count(*) AS checked, count(*) FILTER (WHERE reason IS NULL) AS used${soft.map(([, column]) => `, count(*) FILTER (WHERE reason IS NULL AND has_${column} AND ${column} IS NULL) AS bad_${column}, min(row_number) FILTER (WHERE reason IS NULL AND has_${column} AND ${column} IS NULL) AS first_bad_${column}`).join("")} FROM ${table}`,
  );
  const byReason = await runner.query<{ reason: TableRejectReason; n: number }>(`SELECT reason, count(*) AS n FROM ${rejectedTable} GROUP BY reason`);
  await runStatements(runner, [`DELETE FROM ${table} WHERE reason IS NOT NULL`, ...["raw_row", "reason", "malformed", ...soft.map(([, column]) => `has_${column}`)].map((c) => `ALTER TABLE ${table} DROP COLUMN ${c}`)], file);
  if (!options.keepRaw) await runStatements(runner, [`DROP TABLE IF EXISTS ${quoteIdentifier(raw)}`], file);
  const rejectedByReason: TableReport["rejectedByReason"] = {};
  let rowsRejected = 0;
  for (const reason of TABLE_REJECT_REASONS) {
    const n = Number(byReason.find((r) => r.reason === reason)?.n ?? 0);
    if (n) rejectedByReason[reason] = n;
    rowsRejected += n;
  }
  const readerRejected = rowsRejected - (Number(counts.checked) - Number(counts.used));
  const rowsRead = Number(counts.checked) + readerRejected;
  const rowsUsed = Number(counts.used);
  if (rowsRead !== rowsUsed + rowsRejected) throw new Error(`counts do not reconcile: read ${rowsRead} ≠ used ${rowsUsed} + rejected ${rowsRejected}`);
  const warnings = [...inference.warnings];
  for (const [f, column, kind] of soft) {
    const n = Number(counts[`bad_${column}`] ?? 0);
    if (n) warnings.push(`${f} (${JSON.stringify(cols[f])}): ${n} values are not ${kind === "date" ? `dates in ${mapping.dateFormat}` : kind === "flag" ? "yes/no" : "numbers"} and were left empty (first at row ${counts[`first_bad_${column}`]})`);
  }
  if (rejectedByReason.duplicate_id) warnings.push(`${rejectedByReason.duplicate_id} rows repeat an earlier ${idField}; the first row of each id is kept`);
  return { table, format: staged.format, sniff: staged.sniff, columns, inference, mapping, report: { rowsRead, rowsUsed, rowsRejected, rejectedByReason, warnings } };
}
