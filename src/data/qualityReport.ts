/**
 * The data-quality report of an ingest: rows read, used and rejected (by reason, with the first example
 * of each), returns, customers, date range and soft warnings, read from the tables `validationSql.ts`
 * created. The counts reconcile exactly (rows read = rows used + rows rejected) or this throws.
 */
import { quoteIdentifier, quoteLiteral, type SqlRunner } from "../sql/runner.js";
import { isoFromEpochDay } from "./dateFormat.js";
import { REJECT_REASONS, REJECT_REASON_LABELS, type RejectReason } from "./reasons.js";
import { OPTIONAL_NUMBER_FIELDS } from "./validationSql.js";

/** First rejected row of one reason. */
export interface RejectExample {
  /** 1-based data row (header excluded), or null for a row the CSV reader could not split. */
  rowNumber: number | null;
  /** File line, for rows the CSV reader could not split; else null. */
  line: number | null;
  /** Source column the reason is about, or null for whole-row reasons. */
  column: string | null;
  /** The offending value (raw text), or the raw line for unsplittable rows. */
  value: string | null;
}

/** Data-quality report of one ingested transactions table. */
export interface QualityReport {
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  /** Count per reason; only reasons that occurred are present. */
  rejectedByReason: Partial<Record<RejectReason, number>>;
  /** First example per reason that occurred. */
  examples: Partial<Record<RejectReason, RejectExample>>;
  /** Used rows with a negative amount (returns / credits), and their summed amount (≤ 0). */
  returns: { rows: number; amount: number };
  /** Distinct customer ids among used rows. */
  customers: number;
  /** Sum of used amounts (returns included), in the file's currency. */
  totalAmount: number;
  /** First and last purchase date of used rows (null when none). */
  dateRange: { firstEpochDay: number; lastEpochDay: number; first: string; last: string } | null;
  /** Exact duplicate rows that were kept (duplicate policy "keep", or "auto" without an order id). */
  duplicatesKept: number;
  warnings: string[];
}

/** Build the report from `tx_clean`, `tx_rejected` and `tx_ingest_meta`. */
export async function qualityReport(runner: SqlRunner): Promise<QualityReport> {
  const [meta] = await runner.query<Record<string, number | string | boolean | null>>(`SELECT * FROM tx_ingest_meta`);
  const [clean] = await runner.query<{ rows: number; customers: number; total: number | null; first: number | null; last: number | null; return_rows: number; return_amount: number | null }>(
    `SELECT count(*) AS rows, count(DISTINCT customer_id) AS customers, sum(amount) AS total,
      min(epoch_day) AS first, max(epoch_day) AS last,
      count(*) FILTER (WHERE amount < 0) AS return_rows, sum(amount) FILTER (WHERE amount < 0) AS return_amount
    FROM tx_clean`,
  );
  const byReason = await runner.query<{ reason: RejectReason; n: number; row_number: number | null; line: number | null; column_name: string | null; value: string | null; raw_line: string | null }>(
    `SELECT reason, count(*) AS n, arg_min(row_number, coalesce(row_number, 0)) AS row_number, arg_min(line, coalesce(row_number, 0)) AS line,
      arg_min(column_name, coalesce(row_number, 0)) AS column_name, arg_min(value, coalesce(row_number, 0)) AS value, arg_min(raw_line, coalesce(row_number, 0)) AS raw_line
    FROM tx_rejected GROUP BY reason`,
  );
  const rejectedByReason: QualityReport["rejectedByReason"] = {};
  const examples: QualityReport["examples"] = {};
  let rowsRejected = 0;
  for (const reason of REJECT_REASONS) {
    const row = byReason.find((r) => r.reason === reason);
    if (!row) continue;
    rejectedByReason[reason] = Number(row.n);
    rowsRejected += Number(row.n);
    examples[reason] = { rowNumber: row.row_number, line: row.line, column: row.column_name, value: row.value ?? row.raw_line };
  }
  const rowsRead = Number(meta.rows_read);
  const rowsUsed = Number(clean.rows);
  if (rowsRead !== rowsUsed + rowsRejected) throw new Error(`counts do not reconcile: read ${rowsRead} ≠ used ${rowsUsed} + rejected ${rowsRejected}`);
  const warnings: string[] = [];
  if (rowsRead === 0) warnings.push("the file has a header but no data rows");
  if (Number(meta.reader_rejects) > 0) {
    const exact = meta.row_numbers_exact !== false && meta.row_numbers_exact !== 0;
    warnings.push(`${meta.reader_rejects} rows could not be split into fields by the CSV reader; they are reported by file line${exact ? "" : ", and because the file has blank lines, row numbers after the first of them count only the rows that could be split"}`);
  }
  if (clean.return_rows > 0) warnings.push(`${clean.return_rows} rows have a negative amount (returns / credits, total ${Number(clean.return_amount).toFixed(2)}); kept as returns`);
  const duplicatesKept = Number(meta.duplicates_kept);
  if (duplicatesKept > 0) warnings.push(`${duplicatesKept} rows are exact copies of an earlier row; kept as separate purchases (no order id column to tell them apart)`);
  for (const field of OPTIONAL_NUMBER_FIELDS) {
    const n = Number(meta[`bad_${field}`] ?? 0);
    if (n > 0) warnings.push(`${field}: ${n} values are not numbers and were left empty (first at row ${meta[`bad_${field}_row`]}: ${JSON.stringify(meta[`bad_${field}_value`])})`);
  }
  return {
    rowsRead,
    rowsUsed,
    rowsRejected,
    rejectedByReason,
    examples,
    returns: { rows: Number(clean.return_rows), amount: Number(clean.return_amount ?? 0) },
    customers: Number(clean.customers),
    totalAmount: Number(clean.total ?? 0),
    dateRange: clean.first === null || clean.first === undefined ? null : { firstEpochDay: clean.first, lastEpochDay: clean.last!, first: isoFromEpochDay(clean.first), last: isoFromEpochDay(clean.last!) },
    duplicatesKept,
    warnings,
  };
}

/** One sentence per reason that occurred, naming the first bad row, column and value. */
export function describeRejections(report: QualityReport, fileName: string): string[] {
  return REJECT_REASONS.filter((r) => report.rejectedByReason[r]).map((reason) => {
    const ex = report.examples[reason]!;
    const where = ex.rowNumber !== null ? `row ${ex.rowNumber}` : `line ${ex.line}`;
    const what = ex.column !== null ? `, column ${JSON.stringify(ex.column)}: ${JSON.stringify(ex.value)}` : ex.value !== null ? `: ${JSON.stringify(ex.value)}` : "";
    return `${report.rejectedByReason[reason]} × ${reason} (${REJECT_REASON_LABELS[reason]}); first: ${fileName} ${where}${what}`;
  });
}

/**
 * Query listing rejected rows for download: `row_number, line, reason, reason_label, column_name, value`,
 * the raw columns, then `raw_line`.
 */
export function rejectedRowsSql(rawColumns: readonly string[], limit?: number): string {
  const labels = REJECT_REASONS.map((r) => `WHEN ${quoteLiteral(r)} THEN ${quoteLiteral(REJECT_REASON_LABELS[r])}`).join(" ");
  const raw = rawColumns.map(quoteIdentifier).join(", ");
  return `SELECT row_number, line, reason, CASE reason ${labels} END AS reason_label, column_name, value${raw ? `, ${raw}` : ""}, raw_line
FROM tx_rejected ORDER BY row_number NULLS LAST, line${limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(limit))}` : ""}`;
}

/** `COPY` statement writing the rejected rows as CSV to `path` (Node CLI; in the browser, to a virtual file). */
export function copyRejectedSql(rawColumns: readonly string[], path: string): string {
  return `COPY (${rejectedRowsSql(rawColumns)}) TO ${quoteLiteral(path)} (FORMAT csv, HEADER true)`;
}
