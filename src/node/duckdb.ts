/**
 * SqlRunner over native DuckDB for Node (CLI, data loaders, tests). Node-only: never import from pages.
 */
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBTimestampValue,
  type DuckDBConnection,
} from "@duckdb/node-api";
import { SqlError, type SqlRunner } from "../sql/runner.js";

const MS_PER_DAY = 86_400_000;

/** Convert a DuckDB value read by @duckdb/node-api to a plain JS value. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof DuckDBDateValue) return value.days;
  if (value instanceof DuckDBTimestampValue) return Number(value.micros) / 1000 / MS_PER_DAY;
  if (value instanceof DuckDBDecimalValue) return Number(value.toString());
  return value;
}

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
