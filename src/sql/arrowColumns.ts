/**
 * Apache Arrow query results (as DuckDB-WASM returns them, apache-arrow 17) turned into the columns of
 * {@link QueryColumns}, without a per-cell `vector.get(i)` where it can be avoided: that call decodes one
 * string at a time and costs ~10 µs a cell, so 100,000 customer ids took about a second.
 *
 * - numeric columns without NULL: one Float64Array (BIGINT values through `Number`);
 * - DATE columns: epoch days (DuckDB-WASM gives milliseconds), TIMESTAMP: fractional epoch days;
 * - VARCHAR: one UTF-8 decode per record batch when the batch's bytes are ASCII (byte offsets are then
 *   character offsets, and each value is a slice of one string); other batches value by value;
 * - a column that is NULL in every row: an array of nulls;
 * - anything else, and numeric columns with some NULL: plain values by `get(i)` (null for NULL).
 *
 * Pure: the caller passes the UTF-8 decoder (`TextDecoder` in browsers and Node), so the module needs no
 * DOM or Node types. Structural types only: no import of apache-arrow.
 */
import type { QueryColumns } from "./runner.js";

/** One record batch of a column (Arrow `Data`). */
export interface ArrowColumnData {
  length: number;
  nullCount: number;
  /** UTF-8 bytes of every value of the batch (VARCHAR). */
  values: ArrayLike<number> & { subarray(start: number, end: number): Uint8Array };
  /** Start of each value in `values`, length + 1 entries (VARCHAR). */
  valueOffsets?: ArrayLike<number>;
  getValid(index: number): boolean;
}

/** A column of an Arrow table (Arrow `Vector`). */
export interface ArrowColumnVector {
  length: number;
  nullCount: number;
  data: readonly ArrowColumnData[];
  get(index: number): unknown;
  toArray(): ArrayLike<number | bigint>;
}

/** The parts of an Arrow `Table` read here. */
export interface ArrowTableLike {
  numRows: number;
  schema: { fields: readonly { name: string; type: { typeId: number } }[] };
  getChild(name: string): ArrowColumnVector | null;
}

/** Arrow type ids (apache-arrow `Type`) handled here. */
const TYPE = { Int: 2, Float: 3, Utf8: 5, Date: 8, Timestamp: 10 } as const;
const MS_PER_DAY = 86_400_000;

/** A plain value of one cell: BIGINT → number, DATE → epoch day, TIMESTAMP → fractional epoch day. */
export function plainArrowValue(value: unknown, typeId: number): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "bigint") return Number(value);
  if (typeId === TYPE.Date) return Math.round(Number(value) / MS_PER_DAY);
  if (typeId === TYPE.Timestamp) return Number(value) / MS_PER_DAY;
  return value;
}

function stringColumn(vector: ArrowColumnVector, decode: (bytes: Uint8Array) => string): string[] | null {
  const out = new Array<string | null>(vector.length);
  let k = 0;
  for (const data of vector.data) {
    const offsets = data.valueOffsets;
    if (!offsets) return null;
    const start = offsets[0];
    const end = offsets[data.length];
    let ascii = true;
    for (let j = start; j < end && ascii; j++) ascii = data.values[j] < 0x80;
    const whole = ascii ? decode(data.values.subarray(start, end)) : "";
    for (let i = 0; i < data.length; i++, k++) {
      if (data.nullCount > 0 && !data.getValid(i)) out[k] = null;
      else out[k] = ascii ? whole.slice(offsets[i] - start, offsets[i + 1] - start) : decode(data.values.subarray(offsets[i], offsets[i + 1]));
    }
  }
  return out as string[];
}

/**
 * The columns of `table` (see module doc), in schema order.
 * @param decode UTF-8 decoder, e.g. `(b) => decoder.decode(b)` with one `new TextDecoder()`
 */
export function arrowTableColumns(table: ArrowTableLike, decode: (bytes: Uint8Array) => string): QueryColumns {
  const out: QueryColumns = {};
  const n = table.numRows;
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name);
    const typeId = field.type.typeId;
    if (!vector) {
      out[field.name] = new Array(n).fill(null);
      continue;
    }
    if (vector.nullCount === vector.length && vector.length > 0) {
      out[field.name] = new Array(n).fill(null);
      continue;
    }
    if ((typeId === TYPE.Float || typeId === TYPE.Int) && vector.nullCount === 0) {
      out[field.name] = Float64Array.from(vector.toArray() as ArrayLike<number>, Number);
      continue;
    }
    if (typeId === TYPE.Utf8) {
      const strings = stringColumn(vector, decode);
      if (strings) {
        out[field.name] = strings;
        continue;
      }
    }
    out[field.name] = Array.from({ length: n }, (_, i) => plainArrowValue(vector.get(i), typeId));
  }
  return out;
}
