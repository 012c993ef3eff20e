/**
 * Ingest a transactions file end to end through an {@link SqlRunner}: sniff (CSV), stage into `tx_raw`,
 * infer or apply the column mapping, decide the date format over the whole column, validate into
 * `tx_clean` / `tx_rejected`, and build the quality report. The CLI (native DuckDB) and the Data page
 * (DuckDB-WASM, the uploaded File registered under `fileName`) call the same function.
 */
import type { SqlRunner } from "../sql/runner.js";
import { SqlError } from "../sql/runner.js";
import { DATE_FORMATS, dateFormatFromCounts, dateFormatCountsSql, detectDateFormat, parseDate, type DateFormatGuess } from "./dateFormat.js";
import { inferMapping } from "./inferMapping.js";
import { mappingProblems, type Mapping, type MappingInference } from "./mapping.js";
import { qualityReport, type QualityReport } from "./qualityReport.js";
import { sniffCsv, type CsvSniff } from "./sniff.js";
import { EXTRA_COLUMNS, extraColumnName, formatFromFileName, readTypedSql, stagingCsvSql, stagingTypedSql, type SourceFormat } from "./stagingSql.js";
import { validationSql, type ValidationOptions } from "./validationSql.js";
import { prepareRowNumbering } from "./rowNumbers.js";
import { quoteIdentifier } from "../sql/runner.js";

/** An ingest problem the user must fix (bad file, bad mapping). The message names the file. */
export class IngestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IngestError";
  }
}

/** The file to ingest. */
export interface IngestSource {
  /** Name DuckDB reads (a path in Node, the registered file name in DuckDB-WASM). */
  fileName: string;
  /** Name used in messages (default `fileName`). */
  displayName?: string;
  /** Default: from the extension. */
  format?: SourceFormat;
  /** CSV: the first bytes of the file decoded as UTF-8 (~64 KB). Required for CSV. */
  sampleText?: string;
  /** CSV: `sampleText` is a prefix of a longer file. */
  truncated?: boolean;
}

/** Options of {@link ingestTransactions}. */
export interface IngestOptions extends ValidationOptions {
  /** A saved mapping: its `columns` replace the inferred ones; its settings override the detected ones. */
  mapping?: Mapping;
  /** Keep the staging table `tx_raw` (default: dropped after validation to save memory). */
  keepRaw?: boolean;
}

/** Everything the Data page and `cvw validate` show. */
export interface IngestResult {
  format: SourceFormat;
  /** CSV sniff (undefined for Parquet / JSON). */
  sniff?: CsvSniff;
  /** Data columns of the file. */
  columns: string[];
  /** Columns of `tx_rejected` worth exporting (data columns plus surplus fields that occurred). */
  rejectedColumns: string[];
  /** The inferred mapping with per-field reasons. */
  inference: MappingInference;
  /** The mapping used (complete: columns, dateFormat, decimal, thousands, dialect). */
  mapping: Mapping;
  /** The date-format decision over the whole column (`ambiguous` = DD/MM vs MM/DD undecidable). */
  dateFormat: DateFormatGuess & { source: "mapping" | "values" };
  report: QualityReport;
}

/** Run statements in order; a failure becomes an {@link IngestError} naming the file. */
export async function runStatements(runner: SqlRunner, statements: string[], file: string): Promise<void> {
  for (const sql of statements) {
    try {
      await runner.exec(sql);
    } catch (error) {
      if (error instanceof SqlError || error instanceof Error) throw new IngestError(`${file}: ${error.message.split("\n")[0]}`);
      throw error;
    }
  }
}

/** Least share of the sample's non-empty date values the sample's format must parse to be final. */
export const SAMPLE_DATE_SHARE = 0.9;

/**
 * Whether the sample alone settles the date format, so the whole-column count (one more pass over every
 * row, the costliest step of a browser upload) is skipped: one format, no DD/MM-vs-MM/DD ambiguity (a
 * day > 12 in the sample rules the other order out), parsing at least {@link SAMPLE_DATE_SHARE} of the
 * sample, and every sample value it fails on is parsed by no other format either (junk such as
 * `"not a date"`, not evidence of a second format). Later rows that fail are rejected with a reason,
 * as they would be after the whole-column count.
 */
export function sampleDecidesDateFormat(sampleValues: readonly string[], sample: DateFormatGuess): boolean {
  if (!sample.format || sample.ambiguous || !(sample.parsedShare >= SAMPLE_DATE_SHARE)) return false;
  const chosen = sample.format;
  return sampleValues.every((v) => v.trim() === "" || parseDate(v, chosen) !== undefined || DATE_FORMATS.every((d) => parseDate(v, d.format) === undefined));
}

async function decideDateFormat(runner: SqlRunner, mapping: Mapping, sampleValues: string[]): Promise<IngestResult["dateFormat"]> {
  if (mapping.dateFormat) return { format: mapping.dateFormat, parsedShare: NaN, candidates: [mapping.dateFormat], ambiguous: false, hasTime: false, source: "mapping" };
  const sample = detectDateFormat(sampleValues);
  if (sampleDecidesDateFormat(sampleValues, sample)) return { ...sample, source: "values" };
  // Otherwise count over the whole column, for the formats that parse some sample value (all if none).
  const tried = DATE_FORMATS.filter((d) => sampleValues.some((v) => parseDate(v, d.format) !== undefined)).map((d) => d.format);
  const [row] = await runner.query<Record<string, unknown>>(dateFormatCountsSql("tx_raw", quoteIdentifier(mapping.columns.date!), tried.length ? tried : undefined));
  return { ...dateFormatFromCounts(row), source: "values" };
}

/** A file staged as an all-text table, with what the sniffer (CSV) or a sample query saw. */
export interface StagedSource {
  format: SourceFormat;
  sniff?: CsvSniff;
  /** Data columns of the file. */
  columns: string[];
  /** Up to ~1000 sample records (header excluded), as text. */
  sampleRows: string[][];
  /** Surplus-field columns of a CSV staging (empty for Parquet / JSON). */
  extraColumns: string[];
}

/**
 * Stage `source` into the all-VARCHAR table `table` (see `stagingSql.ts`). Throws {@link IngestError}
 * for an empty, binary or unreadable file. The mapping's dialect settings, when given, override the sniffer.
 */
export async function stageSource(runner: SqlRunner, source: IngestSource, saved: Mapping | undefined, table: string): Promise<StagedSource> {
  const file = source.displayName ?? source.fileName;
  const format = source.format ?? formatFromFileName(source.fileName);
  if (format === "csv") {
    if (source.sampleText === undefined) throw new Error("sampleText is required for csv");
    const sniff = sniffCsv(source.sampleText, { truncated: source.truncated, delimiter: saved?.delimiter, quote: saved?.quote, header: saved?.header });
    if (sniff.binary) throw new IngestError(`${file}: not a text file (binary content); expected CSV/TSV text, Parquet or JSON`);
    if (sniff.empty && source.truncated && source.sampleText.replace(/^\uFEFF/, "").trim() !== "") {
      throw new IngestError(`${file}: no line break in the first ${source.sampleText.length} characters; is this a delimited text file?`);
    }
    if (sniff.empty) throw new IngestError(`${file}: the file is empty (no header, no rows)`);
    const extraColumns = Array.from({ length: EXTRA_COLUMNS }, (_, k) => extraColumnName(k + 1));
    await runStatements(runner, stagingCsvSql(source.fileName, { delimiter: sniff.delimiter, quote: sniff.quote, header: sniff.header, columns: sniff.columns }, table), file);
    return { format, sniff, columns: sniff.columns, sampleRows: sniff.rows, extraColumns };
  }
  let described: { column_name: string; column_type: string }[];
  try {
    described = await runner.query(`DESCRIBE SELECT * FROM ${readTypedSql(source.fileName, format)}`);
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    const hint = /extension/i.test(message) ? `; reading ${format} needs DuckDB's ${format} extension, which could not be loaded (offline browser tab?): save the file as CSV or use the CLI (cvw validate)` : "";
    throw new IngestError(`${file}: cannot read as ${format} (${message})${hint}`);
  }
  const columns = described.map((d) => d.column_name);
  await runStatements(runner, [stagingTypedSql(source.fileName, format, described, table)], file);
  const sample = await runner.query<Record<string, string | null>>(`SELECT * FROM ${quoteIdentifier(table)} LIMIT 1000`);
  return { format, columns, sampleRows: sample.map((row) => columns.map((c) => row[c] ?? "")), extraColumns: [] };
}

/**
 * Ingest a transactions file. Creates `tx_clean`, `tx_rejected`, `tx_ingest_meta` (and keeps `tx_raw`
 * when asked). Throws {@link IngestError} for an empty, binary or unreadable file and for a mapping that
 * does not fit the header; bad rows are never errors, they are rejected with a reason.
 */
export async function ingestTransactions(runner: SqlRunner, source: IngestSource, options: IngestOptions = {}): Promise<IngestResult> {
  const file = source.displayName ?? source.fileName;
  const saved = options.mapping;
  const { format, sniff, columns, sampleRows, extraColumns } = await stageSource(runner, source, saved, "tx_raw");
  const inference = inferMapping(columns, sampleRows, "transactions", sniff ? { decimal: sniff.numberFormat.decimal, thousands: sniff.numberFormat.thousands } : undefined);
  const mapping: Mapping = {
    ...inference.mapping,
    columns: saved ? { ...saved.columns } : { ...inference.mapping.columns },
    decimal: saved?.decimal ?? inference.mapping.decimal,
    thousands: saved?.thousands ?? inference.mapping.thousands,
  };
  if (sniff) Object.assign(mapping, { delimiter: sniff.delimiter, quote: sniff.quote, header: sniff.header });
  const problems = mappingProblems(mapping, columns);
  if (problems.length) throw new IngestError(`${file}: ${problems.join("; ")}`);
  const dateIndex = columns.indexOf(mapping.columns.date!);
  const dateFormat = await decideDateFormat(runner, { ...mapping, dateFormat: saved?.dateFormat }, sampleRows.map((r) => r[dateIndex] ?? ""));
  if (!dateFormat.format) throw new IngestError(`${file}: column ${JSON.stringify(mapping.columns.date)} (date) holds no date in a supported format (first value: ${JSON.stringify(sampleRows[0]?.[dateIndex] ?? null)}); set dateFormat in the mapping`);
  mapping.dateFormat = dateFormat.format;
  const rowNumbering = await prepareRowNumbering(runner, "tx_raw", source.fileName, sniff?.header ?? true, format === "csv");
  const statements = validationSql({ mapping, columns, extraColumns, readerRejects: format === "csv", rowNumbering }, options);
  await runStatements(runner, statements, file);
  const report = await qualityReport(runner);
  if (dateFormat.ambiguous) report.warnings.unshift(`dates in ${JSON.stringify(mapping.columns.date)} fit both ${dateFormat.candidates.join(" and ")}; assumed ${dateFormat.format} — set dateFormat in the mapping if that is wrong`);
  report.warnings.push(...inference.warnings.filter((w) => !saved || !w.startsWith("no column found")));
  let rejectedColumns = [...columns];
  if (extraColumns.length) {
    const [used] = await runner.query<Record<string, number>>(`SELECT ${extraColumns.map((c, k) => `count(${quoteIdentifier(c)}) AS x${k}`).join(", ")} FROM tx_rejected`);
    rejectedColumns = [...columns, ...extraColumns.filter((_, k) => Number(used[`x${k}`]) > 0)];
  }
  if (!options.keepRaw) await runStatements(runner, ["DROP TABLE IF EXISTS tx_raw"], file);
  return { format, sniff, columns, rejectedColumns, inference, mapping, dateFormat, report };
}
