/**
 * Column mapping: which source column holds each field of a table (transactions, customers,
 * prospects), plus how the file writes dates and numbers. The mapping is inferred from header names and
 * values ({@link inferMapping}), always shown to the user and editable, and saved as a versioned JSON
 * file ({@link parseMappingJson} / {@link mappingToJson}) that both the Data page and `cvw --mapping` read.
 *
 * File format (version 1):
 * ```json
 * { "version": 1, "table": "transactions",
 *   "columns": { "customerId": "masterid", "date": "date", "amount": "sales" },
 *   "dateFormat": "%Y%m%d", "decimal": ".", "thousands": "",
 *   "delimiter": ",", "quote": "\"", "header": true }
 * ```
 * Only `version`, `table` and `columns` are required; omitted settings are inferred from the file.
 */
import type { NumberFormat } from "./numberFormat.js";
import { dateFormatSpec } from "./dateFormat.js";

/** The kinds of input table. */
export type TableKind = "transactions" | "customers" | "prospects";

/** Fields of each table kind; the first entries of `required` must be mapped. */
export const TABLE_FIELDS = {
  transactions: ["customerId", "date", "amount", "margin", "cost", "category", "channel", "orderId", "quantity", "returnFlag"],
  customers: ["customerId", "segment", "acquisitionDate", "acquisitionCost", "referrals", "complaints", "walletPerYear", "isKeyAccount", "churnDate", "costToServePerYear", "referredBy"],
  prospects: ["prospectId", "segment", "walletPerYear", "fit"],
} as const;

/** Fields that must be mapped for each table kind. */
export const REQUIRED_FIELDS: Readonly<Record<TableKind, readonly string[]>> = {
  transactions: ["customerId", "date", "amount"],
  customers: ["customerId"],
  prospects: ["prospectId"],
};

/** A saved (or inferred) column mapping. */
export interface Mapping {
  version: 1;
  table: TableKind;
  /** Field name → source column name. Unmapped fields are absent. */
  columns: Partial<Record<string, string>>;
  /** `strptime` format of the date columns' date part (see `DATE_FORMATS`). */
  dateFormat?: string;
  /** Decimal separator of number columns. */
  decimal?: NumberFormat["decimal"];
  /** Thousands separator of number columns (`""` = none). */
  thousands?: NumberFormat["thousands"];
  /** CSV field delimiter (one character; `\t` for TSV). */
  delimiter?: string;
  /** CSV quote character (`""` = none). */
  quote?: string;
  /** The first CSV record is a header. */
  header?: boolean;
}

/** How confident the inference is about one field, and why. */
export interface FieldGuess {
  column: string;
  /** 0..1: 0.9+ name and values agree, ~0.6 name only, ~0.4 values only. */
  confidence: number;
  /** Plain-language reason, shown next to the choice. */
  reason: string;
}

/** The output of {@link inferMapping}. */
export interface MappingInference {
  mapping: Mapping;
  /** Field → guess, for every mapped field. */
  fields: Partial<Record<string, FieldGuess>>;
  /** Soft problems: required fields not found, ambiguous choices. */
  warnings: string[];
}

/** Normalize a header name for matching: lower case, separators to `_`, camelCase split. */
export function normalizeName(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const ALLOWED_KEYS = new Set(["version", "table", "columns", "dateFormat", "decimal", "thousands", "delimiter", "quote", "header"]);

/**
 * Parse and check a mapping JSON text. Errors name the key and the bad value.
 * @param source a name for messages (file name)
 */
export function parseMappingJson(text: string, source = "mapping"): Mapping {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${(error as Error).message})`);
  }
  return checkMapping(value, source);
}

/** Check a mapping object (from JSON or the UI); returns it typed or throws naming the bad key. */
export function checkMapping(value: unknown, source = "mapping"): Mapping {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${source}: expected a JSON object`);
  const m = value as Record<string, unknown>;
  for (const key of Object.keys(m)) if (!ALLOWED_KEYS.has(key)) throw new Error(`${source}: unknown key ${JSON.stringify(key)}`);
  if (m.version !== 1) throw new Error(`${source}: unsupported version: ${JSON.stringify(m.version)} (expected 1)`);
  const table = m.table ?? "transactions";
  if (table !== "transactions" && table !== "customers" && table !== "prospects") throw new Error(`${source}: invalid table: ${JSON.stringify(table)}`);
  if (typeof m.columns !== "object" || m.columns === null || Array.isArray(m.columns)) throw new Error(`${source}: "columns" must be an object of field → column name`);
  const fields = TABLE_FIELDS[table] as readonly string[];
  const columns: Record<string, string> = {};
  for (const [field, column] of Object.entries(m.columns as Record<string, unknown>)) {
    if (!fields.includes(field)) throw new Error(`${source}: unknown ${table} field ${JSON.stringify(field)} (fields: ${fields.join(", ")})`);
    if (column === null || column === undefined) continue;
    if (typeof column !== "string" || column === "") throw new Error(`${source}: invalid column for ${field}: ${JSON.stringify(column)}`);
    columns[field] = column;
  }
  const mapping: Mapping = { version: 1, table, columns };
  if (m.dateFormat !== undefined) {
    if (typeof m.dateFormat !== "string") throw new Error(`${source}: invalid dateFormat: ${JSON.stringify(m.dateFormat)}`);
    dateFormatSpec(m.dateFormat);
    mapping.dateFormat = m.dateFormat;
  }
  if (m.decimal !== undefined) {
    if (m.decimal !== "." && m.decimal !== ",") throw new Error(`${source}: invalid decimal: ${JSON.stringify(m.decimal)}`);
    mapping.decimal = m.decimal;
  }
  if (m.thousands !== undefined) {
    if (!["", ",", ".", " ", "'"].includes(m.thousands as string)) throw new Error(`${source}: invalid thousands: ${JSON.stringify(m.thousands)}`);
    mapping.thousands = m.thousands as NumberFormat["thousands"];
  }
  if (mapping.decimal && mapping.thousands && mapping.decimal === mapping.thousands) throw new Error(`${source}: decimal and thousands are both ${JSON.stringify(mapping.decimal)}`);
  if (m.delimiter !== undefined) {
    if (typeof m.delimiter !== "string" || m.delimiter.length !== 1) throw new Error(`${source}: invalid delimiter: ${JSON.stringify(m.delimiter)}`);
    mapping.delimiter = m.delimiter;
  }
  if (m.quote !== undefined) {
    if (typeof m.quote !== "string" || m.quote.length > 1) throw new Error(`${source}: invalid quote: ${JSON.stringify(m.quote)}`);
    mapping.quote = m.quote;
  }
  if (m.header !== undefined) {
    if (typeof m.header !== "boolean") throw new Error(`${source}: invalid header: ${JSON.stringify(m.header)}`);
    mapping.header = m.header;
  }
  return mapping;
}

/** Serialize a mapping as pretty JSON (the downloadable / `--mapping` file). */
export function mappingToJson(mapping: Mapping): string {
  return `${JSON.stringify(checkMapping(mapping), null, 2)}\n`;
}

/** Text from a file made safe for a one-line message: control characters (ANSI escapes, newlines) shown as `\uXXXX`. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Check that every mapped column exists in `header` and every required field is mapped.
 * @return problems as messages naming the field and column (empty when the mapping fits)
 */
export function mappingProblems(mapping: Mapping, header: readonly string[]): string[] {
  const problems: string[] = [];
  for (const field of REQUIRED_FIELDS[mapping.table]) {
    if (!mapping.columns[field]) problems.push(`no column mapped to required field ${field}`);
  }
  for (const [field, column] of Object.entries(mapping.columns)) {
    if (column !== undefined && !header.includes(column)) problems.push(`column ${JSON.stringify(column)} (${field}) is not in header [${header.map(printable).join(", ")}]`);
  }
  return problems;
}
