/**
 * Parquet files turned into CSV text for engines without a Parquet reader: DuckDB-WASM in an offline
 * tab cannot load DuckDB's parquet extension, so the Data page reads the file with hyparquet (pure
 * JavaScript; Snappy, Gzip, Zstd, Brotli and LZ4 pages through hyparquet-compressors) and ingests the
 * CSV with the same rules as any text file (see `jsonRecords.ts` for JSON).
 *
 * Every value becomes the text DuckDB's `CAST(... AS VARCHAR)` gives for the Parquet type, so the CLI
 * (native DuckDB reading the Parquet file) and the page read the same values: DECIMAL with its scale
 * (`29.33`, not the float `29.330000000000002`), DATE as `YYYY-MM-DD`, TIMESTAMP as
 * `YYYY-MM-DD HH:MM:SS[.ffffff]` (UTC wall time), 64-bit integers exactly, booleans as `true` / `false`,
 * nested values as JSON, raw bytes as hex, null as an empty field.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { csvField } from "./csvWrite.js";
import type { JsonRecordsCsv } from "./jsonRecords.js";

/** Options of {@link parquetToCsv}. */
export interface ParquetToCsvOptions {
  /** Awaited between row groups so a page can repaint (e.g. a `setTimeout(0)` promise). */
  yieldToEventLoop?: () => Promise<void>;
  /** Told the rows converted so far and the total, after each row group. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

type ColumnKind = "date" | "timestamp" | { decimalScale: number } | "other";

interface SchemaLike {
  type?: string;
  converted_type?: string;
  scale?: number;
  logical_type?: { type: string; scale?: number };
}

function columnKind(element: SchemaLike): ColumnKind {
  const logical = element.logical_type;
  if (logical?.type === "DECIMAL" || element.converted_type === "DECIMAL") return { decimalScale: logical?.scale ?? element.scale ?? 0 };
  if (logical?.type === "DATE" || element.converted_type === "DATE") return "date";
  if (logical?.type === "TIMESTAMP" || element.converted_type === "TIMESTAMP_MILLIS" || element.converted_type === "TIMESTAMP_MICROS" || element.type === "INT96") return "timestamp";
  return "other";
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `YYYY-MM-DD` (date) or `YYYY-MM-DD HH:MM:SS[.mmm]` (timestamp) of a Date, in UTC. */
function dateText(date: Date, kind: ColumnKind): string {
  if (Number.isNaN(date.getTime())) return "";
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  if (kind === "date") return day;
  const ms = date.getUTCMilliseconds();
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ""}`;
}

/** The text of one Parquet value (see module doc). */
export function parquetValueText(value: unknown, kind: ColumnKind = "other"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (typeof kind === "object" && Number.isFinite(value)) return value.toFixed(kind.decimalScale);
    return String(value);
  }
  if (value instanceof Date) return dateText(value, kind);
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("");
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/**
 * Convert a Parquet file to CSV text, one row group at a time.
 * @param file the whole file
 * @param source a name for messages (the file name)
 * @throws when the bytes are not a Parquet file or a page cannot be decoded; the message names the file
 */
export async function parquetToCsv(file: ArrayBuffer, source = "parquet", options: ParquetToCsvOptions = {}): Promise<JsonRecordsCsv> {
  let metadata: ReturnType<typeof parquetMetadata>;
  try {
    metadata = parquetMetadata(file);
  } catch (error) {
    throw new Error(`${source}: not a readable Parquet file (${(error as Error).message})`);
  }
  const tree = parquetSchema(metadata);
  const columns = tree.children.map((child) => child.element.name);
  if (columns.length === 0) throw new Error(`${source}: the Parquet file has no columns`);
  const kinds = tree.children.map((child) => (child.children.length ? "other" : columnKind(child.element as SchemaLike)));
  const total = Number(metadata.num_rows);
  const lines = [columns.map(csvField).join(",")];
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({ file, compressors, rowStart, rowEnd });
    } catch (error) {
      throw new Error(`${source}: cannot decode rows ${rowStart + 1}–${rowEnd} (${(error as Error).message})`);
    }
    for (const row of rows) lines.push(columns.map((c, k) => csvField(parquetValueText(row[c], kinds[k]))).join(","));
    rowStart = rowEnd;
    options.onProgress?.(rowStart, total);
    if (options.yieldToEventLoop) await options.yieldToEventLoop();
  }
  return { csv: `${lines.join("\n")}\n`, columns, rows: rowStart };
}
