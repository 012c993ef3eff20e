import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { clvTableStatements, createReportCustomers, findReportCustomerColumns } from "../../src/reports/index.js";
import { day } from "./handmadeLog.js";

let db: NodeDuckDB;
beforeAll(async () => {
  db = await NodeDuckDB.open();
});
afterAll(() => db.close());

describe("findReportCustomerColumns", () => {
  it("finds the demo company's columns and ignores case, spaces and dashes", () => {
    const demo = "customer_id,name,segment,acquisition_date,acquisition_channel,acquisition_cost,referred_by,referrals,complaints,wallet_per_year,is_key_account,churn_date".split(",");
    expect(findReportCustomerColumns(demo)).toEqual({
      customer_id: "customer_id",
      acquisition_epoch_day: "acquisition_date",
      acquisition_cost: "acquisition_cost",
      is_key_account: "is_key_account",
      churn_epoch_day: "churn_date",
      referred_by: "referred_by",
    });
    expect(findReportCustomerColumns(["Customer ID", "Key-Account", "CAC"])).toEqual({ customer_id: "Customer ID", is_key_account: "Key-Account", acquisition_cost: "CAC" });
  });
});

describe("createReportCustomers", () => {
  it("types the demo company's customers: 3,000 rows, 71 key accounts, 379 referred (data/demo/README.md)", async () => {
    await db.exec(`CREATE OR REPLACE TABLE demo_raw AS SELECT * FROM read_csv('data/demo/customers.csv', header = true, all_varchar = true)`);
    const result = await createReportCustomers(db, "demo_raw", "demo_customers", "customers.csv");
    expect(result.rows).toBe(3000);
    expect(result.warnings).toEqual([]);
    const [stats] = await db.query<{ ka: number; referred: number; first: number; churned: number }>(`SELECT
      count(*) FILTER (WHERE is_key_account)::INTEGER AS ka, count(referred_by)::INTEGER AS referred,
      min(acquisition_epoch_day)::INTEGER AS first, count(churn_epoch_day)::INTEGER AS churned FROM demo_customers`);
    expect(stats.ka).toBe(71);
    expect(stats.referred).toBe(379);
    expect(stats.first).toBe(day("2023-01-02"));
    expect(stats.churned).toBeGreaterThan(0);
    const types = await db.query<{ column_name: string; column_type: string }>("DESCRIBE demo_customers");
    expect(types.map((t) => `${t.column_name} ${t.column_type}`)).toEqual([
      "customer_id VARCHAR",
      "acquisition_epoch_day INTEGER",
      "acquisition_cost DOUBLE",
      "is_key_account BOOLEAN",
      "churn_epoch_day INTEGER",
      "referred_by VARCHAR",
    ]);
  });

  it("writes only the columns found, parses compact dates and yes/no flags, and warns about values that do not parse", async () => {
    await db.exec(`CREATE OR REPLACE TABLE small_raw AS SELECT * FROM (VALUES
      ('a', '20240105', 'yes'), ('b', '2024-02-30', 'maybe'), (' ', '2024-01-01', 'no'), ('c', '', 'N'), ('d', '31/12/2024', '1')
    ) t("Client ID", "Churn Date", "KAM")`);
    const result = await createReportCustomers(db, "small_raw", "small_customers", "small.csv");
    expect(result.columns).toEqual({ customer_id: "Client ID", is_key_account: "KAM", churn_epoch_day: "Churn Date" });
    expect(result.rows).toBe(4);
    const rows = await db.query("SELECT * FROM small_customers ORDER BY customer_id");
    expect(rows).toEqual([
      { customer_id: "a", churn_epoch_day: day("2024-01-05"), is_key_account: true },
      { customer_id: "b", churn_epoch_day: null, is_key_account: null },
      { customer_id: "c", churn_epoch_day: null, is_key_account: false },
      { customer_id: "d", churn_epoch_day: null, is_key_account: true },
    ]);
    expect(result.warnings).toEqual([
      'small.csv: 1 values of column "KAM" do not parse and read as empty (e.g. "maybe")',
      'small.csv: 2 values of column "Churn Date" do not parse and read as empty (e.g. "2024-02-30")',
    ]);
  });

  it("names the table and header when there is no id column", async () => {
    await db.exec(`CREATE OR REPLACE TABLE noid_raw AS SELECT 'x' AS segment, '2024-01-01' AS churn_date`);
    await expect(createReportCustomers(db, "noid_raw", "noid", "noid.csv")).rejects.toThrow("no customer id column in noid.csv [segment, churn_date]");
  });
});

describe("clvTableStatements", () => {
  it("round-trips ids with quotes, writes non-finite values as NULL and inserts in chunks of 2,000 rows", async () => {
    const values = new Map<string, number>([["O'Brien", 12.5], ["nan", NaN]]);
    for (let i = 0; i < 4500; i++) values.set(`c${i}`, i);
    const statements = clvTableStatements(values, "clv_test");
    expect(statements).toHaveLength(1 + 3);
    for (const s of statements) await db.exec(s);
    const [stats] = await db.query<{ n: number; nulls: number; total: number; obrien: number }>(`SELECT count(*)::INTEGER AS n,
      count(*) FILTER (WHERE clv IS NULL)::INTEGER AS nulls, sum(clv)::DOUBLE AS total,
      max(clv) FILTER (WHERE customer_id = 'O''Brien')::DOUBLE AS obrien FROM clv_test`);
    // Σ 0..4499 = 4499·4500/2 = 10,122,750, plus 12.5
    expect(stats).toEqual({ n: 4502, nulls: 1, total: 10_122_762.5, obrien: 12.5 });
  });
});
