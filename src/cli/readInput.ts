/**
 * The one way `cvw` commands read their input files: transaction logs through the library's ingest
 * pipeline (`ingestTransactions`, the same rules as `cvw validate` and the Data page), customers and
 * prospects tables through `ingestTable`. Columns come from a saved mapping (`--mapping m.json`), with
 * `--customer/--date/--amount/--margin/--category` overriding single columns, or are inferred.
 *
 * Rows that cannot be used are rejected with a reason, never silently: by default the command goes on
 * without them and one warning says how many were rejected, why, and where the first one is; with
 * `--strict` the first rejected row (or, in a customers / prospects table, the first value left empty
 * because it does not parse) stops the command with an {@link InputError} naming file, row, column and
 * value.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { stringOption, type OptionSpec, type ParsedArgs } from "./args.js";
import { InputError } from "./command.js";
import { readSample } from "./commands/validate.js";
import { IngestError, ingestTransactions, type IngestResult } from "../data/ingest.js";
import { inferMapping } from "../data/inferMapping.js";
import { parseMappingJson, type Mapping, type TableKind } from "../data/mapping.js";
import type { RejectExample } from "../data/qualityReport.js";
import { REJECT_REASON_LABELS, type RejectReason } from "../data/reasons.js";
import { sniffCsv } from "../data/sniff.js";
import { formatFromFileName, readTypedSql, type SourceFormat } from "../data/stagingSql.js";
import { ingestTable, TABLE_REJECT_REASON_LABELS, type TableIngestResult, type TableRejectReason } from "../data/tableIngest.js";
import { quoteIdentifier, type SqlRunner } from "../sql/runner.js";

/** Transaction fields a command line can name a column for, and their option names. */
export const COLUMN_OPTIONS = { customerId: "customer", date: "date", amount: "amount", margin: "margin", category: "category" } as const;
export type ColumnField = keyof typeof COLUMN_OPTIONS;

/** The options every command reading a transaction log accepts (spread into its `parseArgs` spec). */
export const TRANSACTION_INPUT_SPEC: Record<string, OptionSpec> = {
  mapping: { type: "string" },
  customer: { type: "string" },
  date: { type: "string" },
  amount: { type: "string" },
  strict: { type: "boolean" },
};

/** {@link TRANSACTION_INPUT_SPEC} plus `--margin` and `--category` (commands that use them). */
export const TRANSACTION_INPUT_SPEC_WITH_EXTRAS: Record<string, OptionSpec> = {
  ...TRANSACTION_INPUT_SPEC,
  margin: { type: "string" },
  category: { type: "string" },
};

/** Usage lines for the shared options. */
export const TRANSACTION_INPUT_USAGE = `  --mapping FILE     column mapping JSON (\`cvw validate --save-mapping\` or the Data page)
  --customer COL, --date COL, --amount COL   name a column (overrides the mapping / inference)
  --strict           stop at the first rejected row (default: leave rejected rows out, with a warning)`;

/** How to read a transaction log. */
export interface TransactionInputOptions {
  /** Saved mapping file (`--mapping`). */
  mappingFile?: string;
  /** Columns named on the command line; they override the mapping file or the inference. */
  columns?: Partial<Record<ColumnField, string>>;
  /** Fail on the first rejected row instead of warning. */
  strict?: boolean;
}

/** A transaction log ingested into `tx_clean` (see `src/data/validationSql.ts` for its columns). */
export interface TransactionInput {
  file: string;
  ingest: IngestResult;
  /** The rejected-rows warning (when rows were rejected) followed by the ingest's soft warnings. */
  warnings: string[];
}

/** Read the `--mapping`, column and `--strict` options of a parsed command line. */
export function transactionInputOptions(parsed: ParsedArgs): TransactionInputOptions {
  const columns: Partial<Record<ColumnField, string>> = {};
  for (const [field, option] of Object.entries(COLUMN_OPTIONS) as [ColumnField, string][]) {
    const value = stringOption(parsed, option);
    if (value !== undefined) columns[field] = value;
  }
  return { mappingFile: stringOption(parsed, "mapping"), columns, strict: parsed.options.strict === true };
}

/** Throw an {@link InputError} unless `file` is an existing regular file. */
export function checkInputFile(file: string): void {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  if (statSync(file).isDirectory()) throw new InputError(`${file}: is a directory`);
}

/** Parse a saved mapping file of the given table kind. */
export function readMappingFile(path: string, table: TableKind): Mapping {
  checkInputFile(path);
  let mapping: Mapping;
  try {
    mapping = parseMappingJson(readFileSync(path, "utf8"), path);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  if (mapping.table !== table) throw new InputError(`${path}: the mapping is for ${mapping.table}, not ${table}`);
  return mapping;
}

/** Header and first rows of a file, for inferring a mapping before the ingest. */
async function peek(db: SqlRunner, file: string, format: SourceFormat, sampleText: string | undefined): Promise<{ header: string[]; rows: string[][] }> {
  if (format === "csv") {
    const sniff = sniffCsv(sampleText ?? "");
    return { header: sniff.columns, rows: sniff.rows };
  }
  const header = (await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${readTypedSql(file, format)}`)).map((r) => r.column_name);
  return { header, rows: [] };
}

/**
 * The mapping to ingest with: the mapping file (if any) with the named columns put in; without a file
 * but with named columns, the inferred mapping with them put in; otherwise undefined (the ingest infers).
 * Only columns are fixed here: date and number formats are still decided by the ingest over the data
 * (unless the mapping file sets them).
 */
async function resolveMapping(db: SqlRunner, file: string, format: SourceFormat, sampleText: string | undefined, options: TransactionInputOptions): Promise<Mapping | undefined> {
  const named = Object.entries(options.columns ?? {}).filter(([, c]) => c !== undefined) as [ColumnField, string][];
  const saved = options.mappingFile === undefined ? undefined : readMappingFile(options.mappingFile, "transactions");
  if (named.length === 0) return saved;
  const { header, rows } = await peek(db, file, format, sampleText);
  for (const [field, column] of named) {
    if (!header.includes(column)) throw new InputError(`${file}: column ${JSON.stringify(column)} (--${COLUMN_OPTIONS[field]}) is not in header [${header.join(", ")}]`);
  }
  const base: Mapping = saved ?? { version: 1, table: "transactions", columns: { ...inferMapping(header, rows, "transactions").mapping.columns } };
  const columns = { ...base.columns };
  for (const [field, column] of named) {
    // a column is used for one field only: drop another field that the inference gave it
    for (const [other, c] of Object.entries(columns)) if (c === column && other !== field) delete columns[other];
    columns[field] = column;
  }
  return { ...base, columns };
}

/** The first example over all reasons (lowest row number; unsplittable rows, which have none, last). */
function firstExample<R extends string>(examples: Partial<Record<R, RejectExample>>): [R, RejectExample] | undefined {
  let best: [R, RejectExample] | undefined;
  for (const [reason, ex] of Object.entries(examples) as [R, RejectExample][]) {
    const key = ex.rowNumber ?? Infinity;
    if (!best || key < (best[1].rowNumber ?? Infinity)) best = [reason, ex];
  }
  return best;
}

/** "row 2 (line 3)" for a data row (header on line 1), or "line 7" for a row the CSV reader could not split. */
function where(ex: { rowNumber: number | null; line: number | null }): string {
  if (ex.rowNumber !== null) return `row ${ex.rowNumber} (line ${ex.rowNumber + 1})`;
  return `line ${ex.line}`;
}

function reasonCounts(byReason: Partial<Record<string, number>>): string {
  return Object.entries(byReason).map(([reason, n]) => `${n} ${reason}`).join(", ");
}

/** The rejected-rows message (without the leading file name): counts by reason and the first row. */
function rejectionSummary(rowsRejected: number, rowsRead: number, byReason: Partial<Record<string, number>>, first: string): string {
  return `${rowsRejected} of ${rowsRead} rows rejected (${reasonCounts(byReason)}); first: ${first}`;
}

function describeExample(reason: RejectReason, ex: RejectExample): string {
  const column = ex.column === null ? "" : `column ${JSON.stringify(ex.column)} `;
  const value = ex.value === null ? "" : `value ${JSON.stringify(ex.value)}: `;
  return `${where(ex)}: ${column}${value}${REJECT_REASON_LABELS[reason]}`;
}

/**
 * Ingest a transaction log into `tx_clean` (and `tx_rejected`) through `db`. No future-date check:
 * analysis commands take the data as of its last day. Throws {@link InputError} for a missing file, a
 * bad mapping or column name, an unreadable file, and (with `strict`) the first rejected row.
 */
export async function readTransactionsInput(db: SqlRunner, file: string, options: TransactionInputOptions = {}): Promise<TransactionInput> {
  checkInputFile(file);
  const format = formatFromFileName(file);
  const sample = format === "csv" ? readSample(file) : undefined;
  const mapping = await resolveMapping(db, file, format, sample?.text, options);
  let ingest: IngestResult;
  try {
    ingest = await ingestTransactions(db, { fileName: file, format, sampleText: sample?.text, truncated: sample?.truncated }, { mapping, todayEpochDay: undefined });
  } catch (error) {
    if (error instanceof IngestError) throw new InputError(error.message);
    throw error;
  }
  const r = ingest.report;
  const warnings: string[] = [];
  if (r.rowsRejected > 0) {
    const [reason, ex] = firstExample(r.examples)!;
    const summary = rejectionSummary(r.rowsRejected, r.rowsRead, r.rejectedByReason, describeExample(reason, ex));
    if (options.strict) throw new InputError(`${file}: ${describeExample(reason, ex)} (--strict; ${r.rowsRejected} of ${r.rowsRead} rows rejected: ${reasonCounts(r.rejectedByReason)}; \`cvw validate ${file}\` lists them)`);
    warnings.push(`${file}: ${summary}; left out (\`cvw validate ${file} --rejected rejected.csv\` lists them, --strict stops instead)`);
  }
  warnings.push(...r.warnings);
  return { file, ingest, warnings };
}

/** A customers or prospects table ingested into `customers` / `prospects` (see `src/data/tableIngest.ts`). */
export interface TableInput {
  file: string;
  ingest: TableIngestResult;
  warnings: string[];
}

/** How to read a customers / prospects table. */
export interface TableInputOptions {
  /** Saved mapping file for this table. */
  mappingFile?: string;
  /** Fail on the first rejected row or unparseable value instead of warning. */
  strict?: boolean;
  /** Keep `<table>_raw` (all-text staging) for columns the typed table does not have. */
  keepRaw?: boolean;
}

/** Message of a value `ingestTable` left empty: `field ("column"): N values are not numbers and were left empty (first at row R)`. */
const SOFT_FAILURE = /^(\w+) \(("(?:[^"\\]|\\.)*")\): (\d+) values are not (.+) and were left empty \(first at row (\d+)\)$/;

function singular(kind: string): string {
  if (kind === "numbers") return "a number";
  if (kind.startsWith("dates in ")) return `a date in ${kind.slice("dates in ".length)}`;
  return kind; // yes/no
}

/**
 * Ingest a customers or prospects file into the table of that name. Rows without an id, repeated ids
 * (the first row is kept) and malformed rows are rejected; optional values that do not parse are left
 * empty. Both are warnings, or with `strict` an {@link InputError} naming file, row, column and value.
 */
export async function readTableInput(db: SqlRunner, file: string, table: "customers" | "prospects", options: TableInputOptions = {}): Promise<TableInput> {
  checkInputFile(file);
  const mapping = options.mappingFile === undefined ? undefined : readMappingFile(options.mappingFile, table);
  const format = formatFromFileName(file);
  const sample = format === "csv" ? readSample(file) : undefined;
  const keepRaw = options.keepRaw || options.strict;
  let ingest: TableIngestResult;
  try {
    ingest = await ingestTable(db, { fileName: file, format, sampleText: sample?.text, truncated: sample?.truncated }, { table, mapping, keepRaw });
  } catch (error) {
    if (error instanceof IngestError) throw new InputError(error.message);
    throw error;
  }
  const r = ingest.report;
  const idColumn = ingest.mapping.columns[table === "customers" ? "customerId" : "prospectId"]!;
  const warnings: string[] = [];
  if (r.rowsRejected > 0) {
    const [first] = await db.query<{ row_number: number | null; line: number | null; reason: TableRejectReason; id: string | null }>(
      `SELECT row_number, line, reason, ${ingest.columns.includes(idColumn) ? quoteIdentifier(idColumn) : "NULL"} AS id FROM ${table}_rejected ORDER BY row_number NULLS LAST, line LIMIT 1`,
    );
    const ex = { rowNumber: first.row_number === null ? null : Number(first.row_number), line: first.line === null ? null : Number(first.line) };
    const what = `${where(ex)}: ${first.reason === "malformed_row" ? "" : `column ${JSON.stringify(idColumn)} value ${JSON.stringify(first.id ?? "")}: `}${TABLE_REJECT_REASON_LABELS[first.reason]}`;
    if (options.strict) throw new InputError(`${file}: ${what} (--strict; ${r.rowsRejected} of ${r.rowsRead} rows rejected: ${reasonCounts(r.rejectedByReason)})`);
    warnings.push(`${file}: ${rejectionSummary(r.rowsRejected, r.rowsRead, r.rejectedByReason, what)}; left out (--strict stops instead)`);
  }
  for (const w of r.warnings) {
    if (r.rowsRejected > 0 && / rows repeat an earlier /.test(w)) continue; // already in the rejected-rows warning
    const m = options.strict ? SOFT_FAILURE.exec(w) : null;
    if (m) {
      const column = JSON.parse(m[2]) as string;
      const row = Number(m[5]);
      const [raw] = await db.query<{ value: string | null }>(`SELECT ${quoteIdentifier(column)} AS value FROM ${quoteIdentifier(`${table}_raw`)} WHERE rowid + 1 = ${row}`);
      throw new InputError(`${file}: row ${row} (line ${row + 1}): column ${JSON.stringify(column)} value ${JSON.stringify(raw?.value ?? "")} is not ${singular(m[4])} (--strict; ${m[3]} such values)`);
    }
    warnings.push(`${file}: ${w}`);
  }
  if (options.strict && !options.keepRaw) await db.exec(`DROP TABLE IF EXISTS ${quoteIdentifier(`${table}_raw`)}`);
  return { file, ingest, warnings };
}
