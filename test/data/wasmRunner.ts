/**
 * Test helper: an SqlRunner over DuckDB-WASM's Node blocking build (the same DuckDB version the pages
 * run, v1.1.x), reading local files directly. Used to check that the ingest SQL runs unchanged there.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { SqlRunner } from "../../src/sql/runner.js";
import { SqlError } from "../../src/sql/runner.js";

const require = createRequire(import.meta.url);

/** The part of `duckdb-node-blocking.cjs` used here (the package ships no types for that entry). */
interface Blocking {
  createDuckDB(bundles: unknown, logger: unknown, runtime: unknown): Promise<{ instantiate(): Promise<void>; connect(): { query(sql: string): unknown } }>;
  VoidLogger: new () => unknown;
  NODE_RUNTIME: unknown;
}
interface ArrowTable {
  schema: { fields: { name: string; type: { typeId: number } }[] };
  numRows: number;
  getChild(name: string): { get(i: number): unknown };
}

/** Open DuckDB-WASM in-process (blocking API); returns a runner and its version. */
export async function openWasmRunner(): Promise<SqlRunner & { version: string; queryArrow(sql: string): unknown }> {
  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs") as Blocking;
  const dist = dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs"));
  const bundles = {
    mvp: { mainModule: join(dist, "duckdb-mvp.wasm"), mainWorker: join(dist, "duckdb-node-mvp.worker.cjs") },
    eh: { mainModule: join(dist, "duckdb-eh.wasm"), mainWorker: join(dist, "duckdb-node-eh.worker.cjs") },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const connection = db.connect();
  const toRows = (table: ArrowTable) => {
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < table.numRows; i++) {
      const row: Record<string, unknown> = {};
      for (const field of table.schema.fields) {
        let value = table.getChild(field.name).get(i);
        if (typeof value === "bigint") value = Number(value);
        else if (field.type.typeId === 8 && value !== null) value = Math.round(Number(value) / 86_400_000); // DATE
        row[field.name] = value;
      }
      rows.push(row);
    }
    return rows;
  };
  const run = (sql: string) => {
    try {
      return connection.query(sql) as ArrowTable;
    } catch (error) {
      throw new SqlError((error as Error).message, sql);
    }
  };
  const [{ v }] = toRows(run("SELECT version() AS v")) as { v: string }[];
  return {
    version: v,
    /** The result as DuckDB-WASM's Arrow table (what the pages' runner converts). */
    queryArrow: (sql: string) => run(sql),
    async query<T>(sql: string) {
      return toRows(run(sql)) as T[];
    },
    async exec(sql: string) {
      run(sql);
    },
  };
}
