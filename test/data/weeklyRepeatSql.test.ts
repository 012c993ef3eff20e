import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { weeklyRepeatFromCleanSql } from "../../src/data/weeklyRepeatSql.js";
import { ingestTransactions } from "../../src/data/ingest.js";
import type { WeeklyRepeatRow } from "../../src/data/logStats.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";

describe("weeklyRepeatFromCleanSql", () => {
  let db: NodeDuckDB;
  beforeAll(async () => {
    db = await NodeDuckDB.open();
  });
  afterAll(() => db.close());

  it("on the ingested CDNOW sample, accumulates to BTYD's cu.tracking for all 78 weeks", async () => {
    const path = "data/cdnow/cdnow_sample.csv";
    await ingestTransactions(db, { fileName: path, sampleText: readFileSync(path, "utf-8"), truncated: false });
    const rows = await db.query<WeeklyRepeatRow>(weeklyRepeatFromCleanSql());
    const published = readFileSync("data/cdnow/cdnowSummary_cu_tracking.csv", "utf-8").trim().split("\n").slice(1).map((line) => Number(line.split(",")[1]));
    expect(published).toHaveLength(78);
    const byWeek = new Map(rows.map((row) => [row.week, row.repeatTransactions]));
    let cumulative = 0;
    expect(published.map((_, week) => (cumulative += byWeek.get(week) ?? 0))).toEqual(published);
    expect(rows[0]).toMatchObject({ week: 1, weekStartEpochDay: Date.UTC(1997, 0, 8) / 86_400_000 });
  });

  it("merges same-day purchases, skips each customer's first day and counts weeks from the first day in the table", async () => {
    await db.exec(`CREATE OR REPLACE TABLE t AS SELECT * FROM (VALUES ('a', 100), ('a', 100), ('a', 101), ('a', 108), ('b', 103), ('b', 110), ('b', 110), ('c', 120)) v(customer_id, epoch_day)`);
    expect(await db.query<WeeklyRepeatRow>(weeklyRepeatFromCleanSql("t"))).toEqual([
      { week: 0, weekStartEpochDay: 100, repeatTransactions: 1 },
      { week: 1, weekStartEpochDay: 107, repeatTransactions: 2 },
    ]);
  });
});
