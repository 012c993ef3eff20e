import { describe, expect, it } from "vitest";
import { NodeDuckDB } from "../../src/node/duckdb.js";

describe("NodeDuckDB.queryColumns", () => {
  it("returns numeric columns without NULLs as Float64Array and the rest as plain values, matching query()", async () => {
    const db = await NodeDuckDB.open();
    try {
      // 5,000 rows span several 2,048-row chunks
      const sql = `SELECT i::INTEGER AS int_col, (i * 0.5)::DOUBLE AS dbl, (i * 1000000000000)::BIGINT AS big,
          (DATE '2024-01-01' + i::INTEGER) AS day, (i / 4)::DECIMAL(10, 2) AS dec, 'c' || i AS text,
          CASE WHEN i % 7 = 0 THEN NULL ELSE i END::DOUBLE AS with_null, i % 2 = 0 AS flag
        FROM range(5000) t(i) ORDER BY i`;
      const columns = await db.queryColumns(sql);
      const rows = await db.query<Record<string, unknown>>(sql);
      expect(Object.keys(columns)).toEqual(["int_col", "dbl", "big", "day", "dec", "text", "with_null", "flag"]);
      for (const name of ["int_col", "dbl", "big", "day", "dec"]) expect(columns[name], name).toBeInstanceOf(Float64Array);
      for (const name of ["text", "with_null", "flag"]) expect(Array.isArray(columns[name]), name).toBe(true);
      for (const name of Object.keys(columns)) expect(Array.from(columns[name]), name).toEqual(rows.map((r) => r[name]));
      expect(columns.day[0]).toBe(19723); // 2024-01-01 as epoch days
      expect(columns.big[4999]).toBe(4999e12);
      expect(columns.dec[3]).toBe(0.75);
      expect(columns.with_null[7]).toBeNull();
    } finally {
      db.close();
    }
  });

  it("gives empty arrays for an empty result and names the SQL on error", async () => {
    const db = await NodeDuckDB.open();
    try {
      const empty = await db.queryColumns("SELECT 1.5::DOUBLE AS a, 'x' AS b WHERE false");
      expect(Array.from(empty.a)).toEqual([]);
      expect(Array.from(empty.b)).toEqual([]);
      await expect(db.queryColumns("SELECT * FROM no_such_table")).rejects.toThrow("no_such_table");
    } finally {
      db.close();
    }
  });
});
