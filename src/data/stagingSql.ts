/**
 * Staging: load the uploaded file into a DuckDB table `tx_raw` with every column as text (VARCHAR), in
 * file order, so `rowid + 1` is the data row number (header excluded). The CSV dialect comes from our
 * sniffer and is passed explicitly; DuckDB's own sniffing is off. Rows the CSV reader cannot split
 * (more fields than the header plus {@link EXTRA_COLUMNS}, an unterminated quote) are stored by DuckDB in
 * `cvw_reject_errors` with their file line and reported as `malformed_row`, so nothing is lost; the
 * other rows' data row numbers then account for them (`rowNumbers.ts`).
 *
 * Rows with too few fields are padded with SQL NULL, while empty fields read as `''` (the reader's NULL
 * marker is set to a control character that never occurs in text), so a NULL in the last header column
 * marks a short row. Up to {@link EXTRA_COLUMNS} surplus fields land in `__cvw_extra_k` columns and mark
 * a long row. Parquet and JSON sources are cast to VARCHAR column by column; they need DuckDB's parquet
 * and json extensions (built into native DuckDB; in DuckDB-WASM they must be loadable).
 */
import { quoteIdentifier, quoteLiteral } from "../sql/runner.js";

/** Formats the ingest reads. */
export type SourceFormat = "csv" | "parquet" | "json";

/**
 * How many surplus fields per row are captured as columns (more go to the reader's reject table, with
 * their file line and text). One catches the common case (one stray delimiter) with the row's fields;
 * each more column costs ~70 ms of CPU per million rows in staging, even when it is always empty.
 */
export const EXTRA_COLUMNS = 1;
/** Name of the k-th (1-based) surplus-field column. */
export function extraColumnName(k: number): string {
  return `__cvw_extra_${k}`;
}
/** The reader's NULL marker: never present in text, so empty fields stay `''`. */
export const NULL_MARKER = "\u0001";
/** DuckDB tables holding the CSV reader's rejected lines. */
export const READER_REJECTS_TABLE = "cvw_reject_errors";
export const READER_SCANS_TABLE = "cvw_reject_scans";

/** The CSV dialect passed to DuckDB. */
export interface CsvDialect {
  delimiter: string;
  quote: string;
  header: boolean;
  /** Column names (from the sniffer), in file order. */
  columns: readonly string[];
}

/** Guess the format from a file name's extension (`.csv`, `.tsv`, `.txt`, `.parquet`, `.json`, `.ndjson`, `.jsonl`). */
export function formatFromFileName(fileName: string): SourceFormat {
  const name = fileName.toLowerCase().replace(/\.(gz|zst)$/, "");
  if (name.endsWith(".parquet") || name.endsWith(".pq")) return "parquet";
  if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) return "json";
  return "csv";
}

/** `read_csv(...)` call reading `fileName` in `dialect`, every column as VARCHAR, with surplus columns. */
export function readCsvSql(fileName: string, dialect: CsvDialect): string {
  const names = [...dialect.columns, ...Array.from({ length: EXTRA_COLUMNS }, (_, k) => extraColumnName(k + 1))];
  const columns = names.map((name) => `${quoteLiteral(name)}: 'VARCHAR'`).join(", ");
  const quote = quoteLiteral(dialect.quote);
  return `read_csv(${quoteLiteral(fileName)}, auto_detect = false, header = ${dialect.header}, delim = ${quoteLiteral(dialect.delimiter)}, quote = ${quote}, escape = ${quote}, columns = {${columns}}, null_padding = true, nullstr = ${quoteLiteral(NULL_MARKER)}, store_rejects = true, rejects_table = ${quoteLiteral(READER_REJECTS_TABLE)}, rejects_scan = ${quoteLiteral(READER_SCANS_TABLE)})`;
}

/** Statements (run in order) creating `table` (default `tx_raw`) from a CSV file, replacing earlier reader rejects. */
export function stagingCsvSql(fileName: string, dialect: CsvDialect, table = "tx_raw"): string[] {
  return [
    `DROP TABLE IF EXISTS ${READER_REJECTS_TABLE}`,
    `DROP TABLE IF EXISTS ${READER_SCANS_TABLE}`,
    `CREATE OR REPLACE TABLE ${quoteIdentifier(table)} AS SELECT * FROM ${readCsvSql(fileName, dialect)}`,
  ];
}

/** `read_parquet(...)` or `read_json_auto(...)` for a typed source. */
export function readTypedSql(fileName: string, format: "parquet" | "json"): string {
  return format === "parquet" ? `read_parquet(${quoteLiteral(fileName)})` : `read_json_auto(${quoteLiteral(fileName)})`;
}

/**
 * Statement creating `table` from a Parquet or JSON source whose columns are `described` (the rows of
 * `DESCRIBE SELECT * FROM source`): each column converted to text (JSON strings unquoted).
 */
export function stagingTypedSql(fileName: string, format: "parquet" | "json", described: readonly { column_name: string; column_type: string }[], table = "tx_raw"): string {
  const select = described
    .map(({ column_name, column_type }) => {
      const c = quoteIdentifier(column_name);
      const text = column_type === "JSON" ? `(${c} ->> '$')` : `CAST(${c} AS VARCHAR)`;
      return `${text} AS ${c}`;
    })
    .join(", ");
  return `CREATE OR REPLACE TABLE ${quoteIdentifier(table)} AS SELECT ${select} FROM ${readTypedSql(fileName, format)}`;
}

/** Query listing the CSV reader's rejected lines: one row per file line, with its text. */
export function readerRejectsSql(): string {
  return `SELECT line::BIGINT AS line, min(error_type)::VARCHAR AS error_type, min(csv_line) AS csv_line FROM ${READER_REJECTS_TABLE} GROUP BY line ORDER BY line`;
}
