import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trimmedTextSql } from "../../src/data/textSql.js";
import { quoteLiteral } from "../../src/sql/runner.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";

let db: NodeDuckDB;
beforeAll(async () => {
  db = await NodeDuckDB.open();
});
afterAll(() => db.close());

describe("trimmedTextSql", () => {
  it("equals nullif(trim(x), '') on a corpus, NULL included", async () => {
    const corpus = ["C1", " C1", "C1 ", "  C1  ", "", " ", "   ", "a b", "\tC1", "C1\t", " \tC1\t ", "ü ", " %", "_", "%"];
    const values = `${corpus.map(quoteLiteral).join(", ")}, NULL`;
    const rows = await db.query<{ v: string | null; ours: string | null; reference: string | null }>(
      `SELECT v, ${trimmedTextSql("v")} AS ours, nullif(trim(v), '') AS reference FROM (SELECT unnest([${values}]) AS v)`,
    );
    expect(rows).toHaveLength(corpus.length + 1);
    for (const { v, ours, reference } of rows) expect(ours, JSON.stringify(v)).toBe(reference);
  });
});
