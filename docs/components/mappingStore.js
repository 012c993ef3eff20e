/**
 * Remembered column mappings: a mapping the user applied is stored in localStorage under the file's
 * header signature (table kind + column names), so the next export with the same columns is read the
 * same way without a click. Mapping objects are the library's (src/data/mapping.ts) and are checked
 * with `checkMapping` when read back; nothing here leaves the browser.
 */
import {checkMapping} from "../lib/data/mapping.js";
import {sniffCsv} from "../lib/data/sniff.js";
import {inferMapping} from "../lib/data/inferMapping.js";
import {formatFromFileName} from "../lib/data/stagingSql.js";
import {SNIFF_SAMPLE_BYTES} from "../lib/data/browserLimits.js";

const PREFIX = "cvw-mapping:";

/** The localStorage key of a header: table kind and the column names in order. */
export function headerSignature(table, columns) {
  return `${PREFIX}${table}:${JSON.stringify(columns)}`;
}

/** Remember `mapping` for files whose header is `columns`. Storage failures (private mode) are ignored. */
export function rememberMapping(columns, mapping) {
  try {
    localStorage.setItem(headerSignature(mapping.table, columns), JSON.stringify(mapping));
  } catch {
    // storage unavailable or full: the mapping still applies to this session
  }
}

/** The mapping remembered for a `table` file with header `columns`, or undefined. */
export function recallMapping(table, columns) {
  try {
    const text = localStorage.getItem(headerSignature(table, columns));
    return text ? checkMapping(JSON.parse(text), "remembered mapping") : undefined;
  } catch {
    return undefined;
  }
}

/** Forget the mapping remembered for a header. */
export function forgetMapping(table, columns) {
  try {
    localStorage.removeItem(headerSignature(table, columns));
  } catch {
    // nothing to forget
  }
}

/**
 * The column names of a CSV file from its first bytes (undefined for Parquet / JSON, binary or empty
 * files): enough to look up a remembered mapping before ingesting.
 */
export async function peekColumns(file) {
  if (formatFromFileName(file.name) !== "csv") return undefined;
  const sniff = sniffCsv(await file.slice(0, SNIFF_SAMPLE_BYTES).text(), {truncated: file.size > SNIFF_SAMPLE_BYTES});
  return sniff.empty || sniff.binary ? undefined : sniff.columns;
}

/**
 * What the mapping editor needs when ingest could not map a CSV file (a required field not found):
 * the file's columns and the inferred mapping from its first bytes, shaped like an ingest result
 * (`{columns, inference, mapping, dateFormat}`). Undefined for Parquet / JSON, binary or empty files.
 */
export async function draftIngest(file, table = "transactions", saved) {
  if (formatFromFileName(file.name) !== "csv") return undefined;
  const sniff = sniffCsv(await file.slice(0, SNIFF_SAMPLE_BYTES).text(), {truncated: file.size > SNIFF_SAMPLE_BYTES});
  if (sniff.empty || sniff.binary) return undefined;
  const inference = inferMapping(sniff.columns, sniff.rows, table, {decimal: sniff.numberFormat.decimal, thousands: sniff.numberFormat.thousands});
  const mapping = {...inference.mapping, ...(saved ?? {}), columns: {...(saved?.columns ?? inference.mapping.columns)}};
  for (const [field, column] of Object.entries(mapping.columns)) if (!sniff.columns.includes(column)) delete mapping.columns[field];
  return {columns: sniff.columns, inference, mapping, dateFormat: undefined};
}
