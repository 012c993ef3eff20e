import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSample } from "../../src/cli/commands/validate.js";
import { ingestTransactions } from "../../src/data/ingest.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { createReportClv } from "../../src/reports/index.js";
import { day } from "./handmadeLog.js";

let db: NodeDuckDB;
beforeAll(async () => {
  db = await NodeDuckDB.open();
  const file = "data/cdnow/cdnow_sample.csv";
  const sample = readSample(file);
  await ingestTransactions(db, { fileName: file, sampleText: sample.text, truncated: sample.truncated });
});
afterAll(() => db.close());

describe("createReportClv", () => {
  it("reproduces lifetimes' CDNOW CLV at the 1997-09-30 calibration end: Σ 71,509.90 over 2,357 customers (rel 1e-3, 12 months at 1 %/month)", async () => {
    const result = await createReportClv(db, day("1997-09-30"), { futureValue: { monthConvention: "lifetimes" } });
    expect(result.customers).toBe(2357);
    expect(Math.abs(result.total - 71509.9) / 71509.9).toBeLessThan(1e-3);
    const [stored] = await db.query<{ n: number; total: number }>("SELECT count(*)::INTEGER AS n, sum(clv)::DOUBLE AS total FROM report_clv");
    expect(stored.n).toBe(2357);
    expect(stored.total).toBeCloseTo(result.total, 6);
    expect(await db.query("SELECT * FROM duckdb_views() WHERE view_name = 'report_clv_purchases'")).toEqual([]);
  });

  it("rejects a non-integer as-of day with the value", async () => {
    await expect(createReportClv(db, 10134.5)).rejects.toThrow("invalid asOfEpochDay: 10134.5");
  });
});
