/**
 * Sniff a delimited text file from its first kilobytes (pure TS, ~64 KB is plenty): byte-order mark,
 * binary content, delimiter, header, column names, sample records, number format and date-format
 * candidates. The result configures DuckDB's reader explicitly (`stagingSql.ts`), so the type and
 * dialect decisions are ours and shown to the user, not DuckDB's silent guesses.
 */
import { parseCsvSample } from "./csvSample.js";
import { detectDateFormat, type DateFormatGuess } from "./dateFormat.js";
import { detectNumberFormat, type NumberFormatGuess } from "./numberFormat.js";

/** Delimiters tried, in tie-break order. */
export const DELIMITERS = [",", "\t", ";", "|"] as const;

/** Result of {@link sniffCsv}. */
export interface CsvSniff {
  /** The sample holds no records at all (empty file or only blank lines / a BOM). */
  empty: boolean;
  /** The sample looks like binary data (NUL bytes, many control or undecodable characters). */
  binary: boolean;
  /** The sample starts with a UTF-8 byte-order mark. */
  bom: boolean;
  /** `"\r\n"`, `"\n"` or `"\r"` (of the first record). */
  lineEnding: string;
  delimiter: string;
  quote: string;
  /** The first record is a header. */
  header: boolean;
  /** Column names: the header (trimmed, de-duplicated, blanks named `columnN`) or `column1..N`. */
  columns: string[];
  /** Sample data records (header excluded). */
  rows: string[][];
  /** Number format pooled over the numeric-looking columns. */
  numberFormat: NumberFormatGuess;
  /** Per column: date format guess when most sample values are dates, else undefined. */
  dateFormats: (DateFormatGuess | undefined)[];
  warnings: string[];
}

/** Options of {@link sniffCsv}. */
export interface SniffOptions {
  /** The sample was cut from a longer file (its last record may be partial). */
  truncated?: boolean;
  /** Force a delimiter instead of detecting it. */
  delimiter?: string;
  /** Force the quote character (default `"`). */
  quote?: string;
  /** Force header presence. */
  header?: boolean;
}

/** True when the text looks like binary data rather than text. */
export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
    else if (c === 0xfffd) replacement++;
  }
  return text.length > 0 && (control / text.length > 0.01 || replacement / text.length > 0.05);
}

function chooseDelimiter(text: string, quote: string): string {
  let best: { delimiter: string; score: number; width: number } = { delimiter: ",", score: -1, width: 0 };
  for (const delimiter of DELIMITERS) {
    const records = parseCsvSample(text, { delimiter, quote, truncated: true, maxRecords: 200 });
    if (records.length === 0) continue;
    const width = records[0].length;
    if (width < 2) continue;
    const score = records.filter((r) => r.length === width).length / records.length;
    if (score > best.score || (score === best.score && width > best.width)) best = { delimiter, score, width };
  }
  return best.delimiter;
}

function looksLikeValue(text: string): boolean {
  const t = text.trim();
  return t !== "" && (/^[-+(]?[$€£]?\s*\d[\d.,\s]*\)?$/.test(t) || detectDateFormat([t]).format !== undefined);
}

/** Name columns: trimmed header text, blanks → `columnN`, duplicates → `name_2`, `name_3`. */
export function uniqueColumnNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, j) => {
    let name = raw.trim() || `column${j + 1}`;
    const count = seen.get(name.toLowerCase()) ?? 0;
    seen.set(name.toLowerCase(), count + 1);
    if (count > 0) {
      let k = count + 1;
      while (seen.has(`${name}_${k}`.toLowerCase())) k++;
      name = `${name}_${k}`;
      seen.set(name.toLowerCase(), 1);
    }
    return name;
  });
}

/**
 * Sniff the dialect and content of a delimited text sample.
 * @param sampleText the first bytes of the file decoded as UTF-8 (with replacement characters)
 */
export function sniffCsv(sampleText: string, options: SniffOptions = {}): CsvSniff {
  const bom = sampleText.charCodeAt(0) === 0xfeff;
  const text = bom ? sampleText.slice(1) : sampleText;
  const quote = options.quote ?? '"';
  const warnings: string[] = [];
  const lineEnding = /\r\n/.test(text.slice(0, 65536)) ? "\r\n" : /\r(?!\n)/.test(text) && !/\n/.test(text) ? "\r" : "\n";
  const base = { bom, lineEnding, quote, warnings };
  const emptyFormat = detectNumberFormat([]);
  if (looksBinary(text)) return { ...base, empty: false, binary: true, delimiter: ",", header: false, columns: [], rows: [], numberFormat: emptyFormat, dateFormats: [] };
  const delimiter = options.delimiter ?? chooseDelimiter(text, quote);
  const records = parseCsvSample(text, { delimiter, quote, truncated: options.truncated });
  if (records.length === 0) return { ...base, empty: true, binary: false, delimiter, header: false, columns: [], rows: [], numberFormat: emptyFormat, dateFormats: [] };
  const first = records[0];
  const header = options.header ?? !first.some(looksLikeValue);
  const width = first.length;
  if (width === 1) warnings.push("only one column found: is the delimiter one of , ; tab | ?");
  const columns = header ? uniqueColumnNames(first) : first.map((_, j) => `column${j + 1}`);
  if (header && columns.some((c, j) => c !== first[j].trim())) warnings.push("blank or repeated header names were renamed");
  const rows = header ? records.slice(1) : records;
  const odd = rows.filter((r) => r.length !== width).length;
  if (odd > 0) warnings.push(`${odd} of ${rows.length} sample rows do not have ${width} fields`);
  const dateFormats = columns.map((_, j) => {
    const guess = detectDateFormat(rows.map((r) => r[j] ?? ""));
    return guess.format !== undefined && guess.parsedShare >= 0.8 ? guess : undefined;
  });
  const numeric = columns.flatMap((_, j) => (dateFormats[j] ? [] : rows.map((r) => r[j] ?? "")));
  const numberFormat = detectNumberFormat(numeric, delimiter === ";");
  return { ...base, empty: false, binary: false, delimiter, header, columns, rows, numberFormat, dateFormats };
}
