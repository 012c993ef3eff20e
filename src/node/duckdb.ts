/**
 * SqlRunner over native DuckDB for Node (CLI, data loaders, tests). Node-only: never import from pages.
 */
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBConnection,
} from "@duckdb/node-api";
import { SqlError, type QueryColumns, type SqlRunner } from "../sql/runner.js";

const MS_PER_DAY = 86_400_000;

/** Convert a DuckDB value read by @duckdb/node-api to a plain JS value. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof DuckDBDateValue) return value.days;
  if (value instanceof DuckDBTimestampValue) return Number(value.micros) / 1000 / MS_PER_DAY;
  if (value instanceof DuckDBDecimalValue) return Number(value.toString());
  return value;
}

/** Column types read into a Float64Array by `queryColumns` (when the column has no NULL). */
const NUMERIC_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT, DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL, DuckDBTypeId.DATE,
]);

/** A DuckDB connection wrapped as an {@link SqlRunner}. Close it with `close()`. */
export class NodeDuckDB implements SqlRunner {
  private constructor(private readonly instance: DuckDBInstance, private readonly connection: DuckDBConnection) {}

  /** Open an in-memory database (or a file path). */
  static async open(path = ":memory:"): Promise<NodeDuckDB> {
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    return new NodeDuckDB(instance, connection);
  }

  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql);
      const rows = reader.getRowObjects();
      return rows.map((row) => {
        const out: Record<string, unknown> = {};
        for (const key in row) out[key] = plain(row[key]);
        return out as T;
      });
    } catch (error) {
      throw new SqlError((error as Error).message, sql);
    }
  }

  /**
   * Columnar fetch (see {@link SqlRunner.queryColumns}): reads the result chunk by chunk straight into
   * one array per column, without building a row object per row.
   */
  async queryColumns(sql: string): Promise<QueryColumns> {
    try {
      const result = await this.connection.run(sql);
      const names = result.deduplicatedColumnNames();
      const chunks = await result.fetchAllChunks();
      let n = 0;
      for (const chunk of chunks) n += chunk.rowCount;
      const out: QueryColumns = {};
      names.forEach((name, c) => {
        if (NUMERIC_TYPES.has(result.columnTypeId(c))) {
          const values = new Float64Array(n);
          let offset = 0;
          let hasNull = false;
          for (const chunk of chunks) {
            const vector = chunk.getColumnVector(c);
            const rows = chunk.rowCount;
            for (let i = 0; i < rows; i++) {
              const v = vector.getItem(i);
              if (v === null) {
                hasNull = true;
                break;
              }
              values[offset + i] = typeof v === "number" ? v : Number(plain(v));
            }
            if (hasNull) break;
            offset += rows;
          }
          if (!hasNull) {
            out[name] = values;
            return;
          }
        }
        const values = new Array<unknown>(n);
        let offset = 0;
        for (const chunk of chunks) {
          const vector = chunk.getColumnVector(c);
          const rows = chunk.rowCount;
          for (let i = 0; i < rows; i++) values[offset + i] = plain(vector.getItem(i));
          offset += rows;
        }
        out[name] = values;
      });
      return out;
    } catch (error) {
      throw new SqlError((error as Error).message, sql);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.connection.run(sql);
    } catch (error) {
      throw new SqlError((error as Error).message, sql);
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
