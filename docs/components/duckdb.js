/**
 * Thin DuckDB-WASM connector for the pages: one database per page load, files registered by handle
 * (a File is read lazily, never copied whole into wasm memory), and an SqlRunner (see
 * src/sql/runner.ts) so library SQL runs here exactly as in the CLI.
 */
import * as duckdb from "npm:@duckdb/duckdb-wasm";
import {arrowTableColumns, plainArrowValue} from "../lib/sql/arrowColumns.js";

const utf8 = new TextDecoder();
const decodeUtf8 = (bytes) => utf8.decode(bytes);

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
      row[fields[j].name] = plainArrowValue(raw, type.typeId);
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
   * and has no nulls, strings decoded once per record batch): the fast path for handing many rows to
   * the library's columnar functions (see src/sql/arrowColumns.ts).
   */
  queryColumns(sql) {
    return this.run(async (connection) => arrowTableColumns(await connection.query(sql), decodeUtf8));
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
