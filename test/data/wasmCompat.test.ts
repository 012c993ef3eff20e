import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { ingestTransactions, type IngestResult } from "../../src/data/ingest.js";
import { customerSummaryFromSql } from "../../src/data/customerSummarySql.js";
import { readSample } from "../../src/cli/commands/validate.js";
import type { SqlRunner } from "../../src/sql/runner.js";
import { ingestPath, writeZoo, zooDir } from "./ingestHelpers.js";
import { openWasmRunner } from "./wasmRunner.js";
import { DATE_FORMATS, dateSql, parseDate } from "../../src/data/dateFormat.js";
import { quoteLiteral } from "../../src/sql/runner.js";
import { DATE_CORPUS } from "./dateCorpus.js";

const dir = zooDir();
let wasm: SqlRunner & { version: string };
beforeAll(async () => {
  wasm = await openWasmRunner();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ingestWasm(path: string, options = {}): Promise<IngestResult> {
  const sample = readSample(path);
  return ingestTransactions(wasm, { fileName: path, sampleText: sample.text, truncated: sample.truncated }, options);
}

describe("the ingest SQL runs unchanged in DuckDB-WASM (the pages' engine)", () => {
  it("is the browser's DuckDB version", () => {
    expect(wasm.version).toMatch(/^v1\.1\./);
  });

  it("gives the native report for a file with every kind of defect", async () => {
    const text = [
      "order_id;customer;date;amount;note",
      "o1;A;31/01/2024;12,50;ok",
      "o2;;01/02/2024;3,00;no id",
      "o3;B;30/02/2024;1,00;bad date",
      'o4;C;02/02/2024;zwölf;"bad; amount"',
      "o5;D;03/02/2024;-2,50;return",
      "o5;D;03/02/2024;-2,50;return",
      "o6;E;04/02/2024;1,00",
      `o7;E;04/02/2024;1,00;${"x;".repeat(20)}`,
      'o8;F;05/02/2024;"1.234,00";"multi\nline"',
    ].join("\n");
    const path = writeZoo(dir, "defects-eu.csv", text + "\n");
    const options = { todayEpochDay: 20_000 };
    const native = await ingestPath(path, options);
    const browser = await ingestWasm(path, options);
    expect(browser.report).toEqual(native.report);
    expect(browser.mapping).toEqual(native.mapping);
    expect(native.report.rejectedByReason).toEqual({ malformed_row: 2, missing_customer_id: 1, unparseable_date: 1, non_numeric_amount: 1, exact_duplicate: 1 });
  });

  it("parses dates as the TS parser does, in every format", async () => {
    for (const spec of DATE_FORMATS) {
      const rows = await wasm.query<{ v: string; d: number | null }>(`SELECT v, ${dateSql("v", spec.format)} AS d FROM (SELECT unnest([${DATE_CORPUS.map(quoteLiteral).join(", ")}]) AS v)`);
      for (const { v, d } of rows) expect(d ?? undefined, `${JSON.stringify(v)} in ${spec.format}`).toBe(parseDate(v, spec.format));
    }
  });

  it("gives the native CDNOW report and per-customer summary", async () => {
    const browser = await ingestWasm("data/cdnow/cdnow_sample.csv");
    expect(browser.report).toMatchObject({ rowsRead: 6919, rowsUsed: 6919, rowsRejected: 0, customers: 2357, duplicatesKept: 21 });
    const summary = await customerSummaryFromSql(wasm, { unit: "week", calibrationEndEpochDay: 10134, holdoutEndEpochDay: 10407 });
    expect(summary.n).toBe(2357);
    expect(summary.x.reduce((a, b) => a + b, 0)).toBe(2457);
    expect(summary.xHoldout!.reduce((a, b) => a + b, 0)).toBe(1882);
  });
});
