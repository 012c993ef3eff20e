import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvSourceSql, guessTransactionColumns, logStatsSql, weeklyRepeatTransactionsSql, type WeeklyRepeatRow } from "../../src/data/logStats.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";

const CDNOW = csvSourceSql("data/cdnow/cdnow_sample.csv");
const COLUMNS = { customer: "masterid", date: "date", amount: "sales" };

describe("logStats", () => {
  let db: NodeDuckDB;
  beforeAll(async () => {
    db = await NodeDuckDB.open();
  });
  afterAll(() => db.close());

  it("guesses CDNOW and generic column names, and reports what it cannot find", () => {
    expect(guessTransactionColumns(["masterid", "sampleid", "date", "cds", "sales"])).toEqual({ columns: COLUMNS, missing: [] });
    expect(guessTransactionColumns(["Customer ID", "Order Date", "Amount"]).columns).toEqual({ customer: "Customer ID", date: "Order Date", amount: "Amount" });
    expect(guessTransactionColumns(["a", "b"]).missing).toEqual(["customer", "date", "amount"]);
  });

  it("reproduces the CDNOW sample's headline numbers (REFERENCES §1: 6,919 rows, Σ $244,091.94)", async () => {
    const [stats] = await db.query(logStatsSql(CDNOW, COLUMNS));
    expect(stats).toEqual({ rows: 6919, customers: 2357, firstDate: "1997-01-01", lastDate: "1998-06-30", totalAmount: expect.closeTo(244091.94, 6) });
  });

  it("weekly repeat transactions accumulate to BTYD's cu.tracking for all 78 weeks", async () => {
    const rows = await db.query<WeeklyRepeatRow>(weeklyRepeatTransactionsSql(CDNOW, COLUMNS));
    const published = readFileSync("data/cdnow/cdnowSummary_cu_tracking.csv", "utf-8").trim().split("\n").slice(1).map((line) => Number(line.split(",")[1]));
    expect(published).toHaveLength(78);
    const byWeek = new Map(rows.map((row) => [row.week, row.repeatTransactions]));
    let cumulative = 0;
    const ours = published.map((_, week) => (cumulative += byWeek.get(week) ?? 0));
    expect(ours).toEqual(published);
    expect(rows[0].weekStartEpochDay).toBe(Date.UTC(1997, 0, 8) / 86_400_000);
  });
});
