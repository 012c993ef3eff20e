/**
 * JSON transaction files turned into CSV text for engines without a JSON reader (DuckDB-WASM in an
 * offline tab cannot load DuckDB's json extension). Accepts a JSON array of records (objects) or
 * newline-delimited JSON (one object per line). Columns are the union of the records' keys in order of
 * first appearance; every value becomes text (numbers as written by `String`, booleans as `true` /
 * `false`, nested objects and arrays as JSON, null and missing keys as empty fields), so the CSV ingest
 * applies the same parsing and rejection rules as to any text file.
 */
import { rowsToCsv } from "./csvWrite.js";

/** Result of {@link jsonRecordsToCsv}. */
export interface JsonRecordsCsv {
  /** RFC 4180 CSV text with a header row. */
  csv: string;
  /** Column names (keys), in order of first appearance. */
  columns: string[];
  /** Number of records (data rows). */
  rows: number;
}

function fieldText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function parseLines(text: string, source: string): unknown[] {
  const records: unknown[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      throw new Error(`${source}: line ${i + 1} is not valid JSON (${(error as Error).message})`);
    }
  }
  return records;
}

/**
 * Convert JSON records to CSV text.
 * @param text the file's text (a leading byte-order mark is ignored)
 * @param source a name for messages (the file name)
 * @throws when the text is neither a JSON array of objects nor one JSON object per line; the message
 *   names the file and the line or record
 * @example jsonRecordsToCsv('[{"customer_id":"a","date":"2024-01-02","amount":5}]').csv
 *   // "customer_id,date,amount\na,2024-01-02,5\n"
 */
export function jsonRecordsToCsv(text: string, source = "json"): JsonRecordsCsv {
  const body = text.replace(/^\uFEFF/, "").trim();
  if (body === "") throw new Error(`${source}: the file is empty (no records)`);
  let records: unknown[];
  if (body.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new Error(`${source}: not valid JSON (${(error as Error).message})`);
    }
    records = parsed as unknown[];
  } else {
    records = parseLines(body, source);
  }
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows: Record<string, string>[] = [];
  records.forEach((record, index) => {
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      throw new Error(`${source}: record ${index + 1} is not an object: ${JSON.stringify(record)?.slice(0, 80)}`);
    }
    const row: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
      row[key] = fieldText(value);
    }
    rows.push(row);
  });
  if (columns.length === 0) throw new Error(`${source}: the records have no fields`);
  return { csv: rowsToCsv(columns, rows), columns, rows: rows.length };
}
