/**
 * Thin DuckDB-WASM connector for the pages: one database per page load, files registered by handle
 * (a File is read lazily, never copied whole into wasm memory), and an SqlRunner (see
 * src/sql/runner.ts) so library SQL runs here exactly as in the CLI.
 */
import * as duckdb from "npm:@duckdb/duckdb-wasm";

const bundles = {
  mvp: {
    mainModule: import.meta.resolve("npm:@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm"),
    mainWorker: import.meta.resolve("npm:@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js"),
  },
  eh: {
    mainModule: import.meta.resolve("npm:@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"),
    mainWorker: import.meta.resolve("npm:@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js"),
  },
};

let databasePromise;

/** The page's DuckDB-WASM database (created on first use). */
export function getDatabase() {
  return (databasePromise ??= (async () => {
    const bundle = await duckdb.selectBundle(bundles);
    const worker = new Worker(bundle.mainWorker);
    const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
    await db.instantiate(bundle.mainModule);
    return db;
  })());
}

const MS_PER_DAY = 86_400_000;

function plainValue(value, type) {
  if (value == null) return value;
  if (typeof value === "bigint") return Number(value);
  switch (type.typeId) {
    case 8: // Date: ms since epoch → epoch day
      return Math.round(Number(value) / MS_PER_DAY);
    case 10: // Timestamp: ms → fractional epoch day
      return Number(value) / MS_PER_DAY;
    default:
      return value;
  }
}

/**
 * Convert an Arrow table to plain row objects following the SqlRunner conventions (BIGINT → number,
 * DATE → epoch day). DECIMAL columns must be cast to DOUBLE in the SQL itself.
 */
export function tableToRows(table) {
  const fields = table.schema.fields;
  const columns = fields.map((f) => table.getChild(f.name));
  const rows = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row = {};
    for (let j = 0; j < fields.length; j++) {
      const raw = columns[j].get(i);
      const type = fields[j].type;
      row[fields[j].name] = plainValue(raw, type);
    }
    rows[i] = row;
  }
  return rows;
}

/**
 * An SqlRunner over the page's database. It keeps ONE connection, as the CLI's runner does, so TEMP
 * tables and settings live across statements; statements run one after another.
 */
export class WasmRunner {
  constructor(db) {
    this.db = db;
    this.connection = undefined;
    this.queue = Promise.resolve();
  }
  /** Run `action(connection)` after every earlier statement of this runner has finished. */
  run(action) {
    const result = this.queue.then(async () => action((this.connection ??= await this.db.connect())));
    this.queue = result.catch(() => {});
    return result;
  }
  query(sql) {
    return this.run(async (connection) => tableToRows(await connection.query(sql)));
  }
  /**
   * Run a query and return its columns as arrays (numbers as Float64Array where the column is numeric
   * and has no nulls): the fast path for handing many rows to the library's columnar functions.
   */
  queryColumns(sql) {
    return this.run(async (connection) => {
      const table = await connection.query(sql);
      const out = {};
      for (const field of table.schema.fields) {
        const vector = table.getChild(field.name);
        if (field.type.typeId === 3 /* Float */ && vector.nullCount === 0) out[field.name] = Float64Array.from(vector.toArray());
        else if (field.type.typeId === 2 /* Int */ && vector.nullCount === 0) out[field.name] = Float64Array.from(vector.toArray(), Number);
        else out[field.name] = Array.from({length: table.numRows}, (_, i) => plainValue(vector.get(i), field.type));
      }
      return out;
    });
  }
  exec(sql) {
    return this.run(async (connection) => {
      await connection.query(sql);
    });
  }
}

/** Register a browser File (by handle: read lazily) or a same-origin URL under `name`. */
export async function registerSource(db, name, source) {
  if (typeof source === "string") {
    await db.registerFileURL(name, new URL(source, location.href).href, duckdb.DuckDBDataProtocol.HTTP, false);
  } else {
    await db.registerFileHandle(name, source, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  }
}

/** Open (or reuse) the database and return `{db, runner}`. */
export async function openWorkbenchDatabase() {
  const db = await getDatabase();
  return { db, runner: new WasmRunner(db) };
}
