/** Test helpers for the ingest tests: a temp dir for generated files and a one-call ingest in native DuckDB. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingestTransactions, type IngestOptions, type IngestResult } from "../../src/data/ingest.js";
import { readSample } from "../../src/cli/commands/validate.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";

/** A fresh temp directory for generated zoo files. */
export function zooDir(): string {
  return mkdtempSync(join(tmpdir(), "cvw-zoo-"));
}

/** Write `content` to `dir/name` and return the path. */
export function writeZoo(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Ingest `path` in a fresh in-memory DuckDB; `inspect` may query the tables before the db closes. */
export async function ingestPath(path: string, options: IngestOptions = {}, inspect?: (db: NodeDuckDB, result: IngestResult) => Promise<void>): Promise<IngestResult> {
  const db = await NodeDuckDB.open();
  try {
    const sample = path.endsWith(".parquet") || path.endsWith(".json") ? undefined : readSample(path);
    const result = await ingestTransactions(db, { fileName: path, sampleText: sample?.text, truncated: sample?.truncated }, options);
    if (inspect) await inspect(db, result);
    return result;
  } finally {
    db.close();
  }
}
