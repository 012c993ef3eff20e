/**
 * The report SQL runs unchanged in DuckDB-WASM v1.1 (the pages' engine; the library is developed on
 * native DuckDB 1.5): the Northwind demo company's full quarterly and monthly report, customers table
 * and CLV included, is identical in both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSample } from "../../src/cli/commands/validate.js";
import { ingestTransactions } from "../../src/data/ingest.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { buildReport, createReportClv, createReportCustomers, reconcileReport, type Report } from "../../src/reports/index.js";
import type { SqlRunner } from "../../src/sql/runner.js";
import { openWasmRunner } from "../data/wasmRunner.js";
import { day } from "./handmadeLog.js";

let wasm: SqlRunner & { version: string };
let native: NodeDuckDB;

async function load(runner: SqlRunner): Promise<void> {
  const file = "data/demo/transactions.csv";
  const sample = readSample(file);
  await ingestTransactions(runner, { fileName: file, sampleText: sample.text, truncated: sample.truncated });
  await runner.exec(`CREATE OR REPLACE TABLE customers_raw AS SELECT * FROM read_csv('data/demo/customers.csv', header = true, all_varchar = true)`);
  await createReportCustomers(runner, "customers_raw", "customers");
}

beforeAll(async () => {
  wasm = await openWasmRunner();
  native = await NodeDuckDB.open();
  await load(wasm);
  await load(native);
}, 180_000);
afterAll(() => native?.close());

describe("the report in DuckDB-WASM (the pages' engine)", () => {
  it("is the browser's DuckDB version", () => {
    expect(wasm.version).toMatch(/^v1\.1\./);
  });

  it.each(["quarter", "month"] as const)("gives the native %sly report of the demo company, every identity holding", async (period) => {
    const options = { period, customersTable: "customers" };
    const inWasm = await buildReport(wasm, options, { limit: 5 });
    const inNative = await buildReport(native, options, { limit: 5 });
    expect(inWasm).toEqual(inNative);
    expect(inWasm.options.asOfEpochDay).toBe(day("2025-12-31"));
    expect(inWasm.periods).toHaveLength(period === "quarter" ? 12 : 36);
    expect(reconcileReport(inWasm.periods, inWasm.bridge)).toEqual([]);
    // the customers table is used: key accounts (71 in data/demo/README.md), referrals (379), acquisition cost
    const sum = (rows: Report["periods"], key: "referrals" | "newCustomers") => rows.reduce((a, r) => a + (r[key] ?? 0), 0);
    expect(sum(inWasm.periods, "newCustomers")).toBe(3000);
    expect(sum(inWasm.periods, "referrals")).toBe(379);
    expect(inWasm.periods.some((p) => (p.keyAccountsActiveEnd ?? 0) > 0)).toBe(true);
    expect(inWasm.periods.every((p) => p.newCustomers === 0 || (p.acquisitionCostPerNew ?? 0) > 0)).toBe(true);
  }, 120_000);

  it("ranks won and lost customers by CLV in both engines alike", async () => {
    const asOf = day("2025-12-31");
    const a = await createReportClv(wasm, asOf);
    const b = await createReportClv(native, asOf);
    expect(a.customers).toBe(3000);
    expect(Math.abs(a.total - b.total) / b.total).toBeLessThan(1e-9); // same fit; sums differ only in float order
    const options = { period: "quarter" as const, customersTable: "customers", clvTable: "report_clv" };
    const inWasm = await buildReport(wasm, options, { limit: 3, rankBy: "clv" });
    const inNative = await buildReport(native, options, { limit: 3, rankBy: "clv" });
    expect(inWasm.movers.map((m) => m.customerId)).toEqual(inNative.movers.map((m) => m.customerId));
    const last = inWasm.movers.filter((m) => m.period === "2025-Q4" && m.kind === "lost");
    expect(last.map((m) => m.clv!)).toEqual([...last.map((m) => m.clv!)].sort((x, y) => y - x));
    // the CLV ranking beside the revenue one, from one report: the same rows as a report ranked by CLV
    const both = await buildReport(native, options, { limit: 3 }, ["clv"]);
    expect(both.moversBy?.clv).toEqual(inNative.movers);
    const plain = await buildReport(native, options, { limit: 3 });
    expect(both.movers).toEqual(plain.movers);
    expect(plain.moversBy).toBeUndefined();
  }, 120_000);
});
