/**
 * The one interface through which library code runs SQL. Implementations are thin: DuckDB in Node
 * (`src/node/duckdb.ts`, @duckdb/node-api) and DuckDB-WASM in the browser (`docs/components/duckdb.js`).
 * Library modules build SQL strings and call `query`; they never import a DuckDB package themselves,
 * so the same query runs in the CLI, data loaders, tests and pages.
 */
export interface SqlRunner {
  /** Run one statement and return its rows as plain objects (BIGINT → number, DATE → epoch day). */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Run statements that return nothing (CREATE, INSERT, ...). */
  exec(sql: string): Promise<void>;
  /**
   * Optional columnar fetch: one array per result column, in column order. A numeric (or DATE, as
   * epoch days) column without NULLs is a Float64Array; any other column is an array of plain values
   * as {@link query} gives them (null for NULL). The fast path for handing many rows to the library's
   * columnar functions; callers fall back to `query` when a runner lacks it.
   */
  queryColumns?(sql: string): Promise<QueryColumns>;
}

/** Result of {@link SqlRunner.queryColumns}: column name → values. */
export type QueryColumns = Record<string, Float64Array | unknown[]>;

/** Error raised when a query fails; carries the SQL for diagnosis. */
export class SqlError extends Error {
  constructor(message: string, readonly sql: string) {
    super(message);
    this.name = "SqlError";
  }
}

/** Quote an SQL identifier (column or table name) for DuckDB. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quote an SQL string literal for DuckDB. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
