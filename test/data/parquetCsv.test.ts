/**
 * Parquet → CSV for the browser (hyparquet): the page's path must read the values native DuckDB reads
 * from the same Parquet file (the CLI's path), for every compression codec DuckDB writes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, rmSync } from "node:fs";
import { parquetToCsv, parquetValueText } from "../../src/data/parquetCsv.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { ingestPath, writeZoo, zooDir } from "./ingestHelpers.js";

const dir = zooDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (path: string): ArrayBuffer => {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

const CODECS = ["snappy", "zstd", "gzip", "brotli", "lz4", "uncompressed"];

beforeAll(async () => {
  const db = await NodeDuckDB.open();
  try {
    // CDNOW with typed columns: BIGINT id, DATE, DECIMAL(10,2) amount, a TIMESTAMP, text.
    await db.exec(`CREATE TABLE cd AS SELECT masterid::BIGINT AS masterid, strptime(date::VARCHAR, '%Y%m%d')::DATE AS order_date,
      sales::DECIMAL(10,2) AS sales, strptime(date::VARCHAR, '%Y%m%d') + INTERVAL (masterid % 86400) SECOND AS created_at, 'c' || cds AS note FROM read_csv('data/cdnow/cdnow_sample.csv')`);
    for (const codec of CODECS) await db.exec(`COPY cd TO '${dir}/cdnow-${codec}.parquet' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 2048)`);
  } finally {
    db.close();
  }
}, 60_000);

describe("parquetToCsv", () => {
  it("reads every codec to the text native DuckDB casts the same file to, row group by row group", async () => {
    const db = await NodeDuckDB.open();
    try {
      const native = await db.query<Record<string, string>>(`SELECT COLUMNS(*)::VARCHAR FROM '${dir}/cdnow-snappy.parquet'`);
      for (const codec of CODECS) {
        const progress: number[] = [];
        const converted = await parquetToCsv(bytes(`${dir}/cdnow-${codec}.parquet`), `cdnow-${codec}.parquet`, { onProgress: (done) => progress.push(done) });
        expect(converted.rows, codec).toBe(6919);
        expect(converted.columns).toEqual(["masterid", "order_date", "sales", "created_at", "note"]);
        expect(progress.length, `${codec}: one progress call per row group`).toBeGreaterThan(1);
        expect(progress.at(-1)).toBe(6919);
        const path = writeZoo(dir, `cdnow-${codec}.csv`, converted.csv);
        const back = await db.query<Record<string, string>>(`SELECT * FROM read_csv('${path}', all_varchar = true)`);
        expect(back, codec).toEqual(native.map((row) => ({ masterid: row.masterid, order_date: row.order_date, sales: row.sales, created_at: row.created_at, note: row.note })));
      }
    } finally {
      db.close();
    }
  }, 60_000);

  it("ingests to the report of native DuckDB reading the Parquet file itself", async () => {
    const nativeParquet = await ingestPath(`${dir}/cdnow-zstd.parquet`);
    const converted = await parquetToCsv(bytes(`${dir}/cdnow-zstd.parquet`), "cdnow-zstd.parquet");
    const viaCsv = await ingestPath(writeZoo(dir, "cdnow-via-hyparquet.csv", converted.csv));
    expect(viaCsv.report).toEqual(nativeParquet.report);
    expect(viaCsv.report).toMatchObject({ rowsRead: 6919, rowsUsed: 6919, customers: 2357 });
    expect(viaCsv.report.totalAmount).toBeCloseTo(244091.94, 6);
  });

  it("writes values as DuckDB casts them to text", () => {
    expect(parquetValueText(29.330000000000002, { decimalScale: 2 })).toBe("29.33");
    expect(parquetValueText(-0.5, { decimalScale: 3 })).toBe("-0.500");
    expect(parquetValueText(new Date(Date.UTC(1997, 0, 1)), "date")).toBe("1997-01-01");
    expect(parquetValueText(new Date(Date.UTC(1997, 0, 1, 13, 5, 9, 250)), "timestamp")).toBe("1997-01-01 13:05:09.250");
    expect(parquetValueText(9007199254740993n)).toBe("9007199254740993");
    expect(parquetValueText(true)).toBe("true");
    expect(parquetValueText(null)).toBe("");
    expect(parquetValueText({ a: [1, 2n] })).toBe('{"a":[1,"2"]}');
    expect(parquetValueText(new Uint8Array([0, 255]))).toBe("00ff");
  });

  it("a file that is not Parquet is an error naming it", async () => {
    await expect(parquetToCsv(new TextEncoder().encode("customer,date,amount\na,2024-01-01,1\n").buffer as ArrayBuffer, "orders.parquet")).rejects.toThrow(/^orders\.parquet: not a readable Parquet file/);
  });
});
