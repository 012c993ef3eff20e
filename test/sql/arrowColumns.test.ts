/**
 * arrowColumns on DuckDB-WASM's own Arrow results (the browser engine, v1.1): the fast column paths
 * give exactly what the per-cell path gives, over several record batches, NULLs and non-ASCII text.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { arrowTableColumns, plainArrowValue, type ArrowTableLike } from "../../src/sql/arrowColumns.js";
import { openWasmRunner } from "../data/wasmRunner.js";

let wasm: Awaited<ReturnType<typeof openWasmRunner>>;
beforeAll(async () => {
  wasm = await openWasmRunner();
}, 120_000);

const utf8 = new TextDecoder();
const decode = (bytes: Uint8Array) => utf8.decode(bytes);

/** The reference: one `get(i)` per cell. */
function perCell(table: ArrowTableLike): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name)!;
    out[field.name] = Array.from({ length: table.numRows }, (_, i) => plainArrowValue(vector.get(i), field.type.typeId));
  }
  return out;
}

describe("arrowTableColumns", () => {
  it("equals the per-cell values on 5,000 rows (several batches), NULLs, non-ASCII text, dates and BIGINT", () => {
    const table = wasm.queryArrow(`SELECT i::BIGINT AS id, 'C' || i AS ascii_id,
      CASE WHEN i = 7 THEN 'Zoë ' || i WHEN i % 500 = 3 THEN NULL ELSE 'x' || i END AS mixed,
      i / 3.0 AS ratio, CASE WHEN i % 10 = 0 THEN NULL ELSE i * 0.5 END AS nullable, NULL::DOUBLE AS empty,
      DATE '2024-01-01' + (i % 400)::INTEGER AS day, (i % 7)::INTEGER AS small
      FROM range(5000) t(i)`) as ArrowTableLike;
    expect(table.numRows).toBe(5000);
    // several record batches: the first (with "Zoë") is decoded value by value, the others in one go
    expect(table.getChild("mixed")!.data.length).toBeGreaterThan(1);
    const fast = arrowTableColumns(table, decode);
    const reference = perCell(table);
    for (const name of Object.keys(reference)) expect(Array.from(fast[name] as ArrayLike<unknown>), name).toEqual(reference[name]);
    expect(fast.id).toBeInstanceOf(Float64Array);
    expect(fast.ratio).toBeInstanceOf(Float64Array);
    expect(fast.small).toBeInstanceOf(Float64Array);
    expect((fast.mixed as unknown[])[7]).toBe("Zoë 7");
    expect((fast.mixed as unknown[])[3]).toBeNull();
    expect(fast.empty).toEqual(new Array(5000).fill(null));
    expect((fast.day as unknown[])[0]).toBe(19723); // 2024-01-01 as an epoch day
  });

  it("an empty result gives empty columns", () => {
    const table = wasm.queryArrow(`SELECT 'a' AS s, 1.5 AS x WHERE false`) as ArrowTableLike;
    const columns = arrowTableColumns(table, decode);
    expect(Array.from(columns.s as ArrayLike<unknown>)).toEqual([]);
    expect(Array.from(columns.x as ArrayLike<unknown>)).toEqual([]);
  });
});
