import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { ingestTable } from "../../src/data/tableIngest.js";
import { parseDate } from "../../src/data/dateFormat.js";
import { readSample } from "../../src/cli/commands/validate.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { writeZoo, zooDir } from "./ingestHelpers.js";

const dir = zooDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ingest(path: string, table: "customers" | "prospects", inspect: (db: NodeDuckDB) => Promise<void>) {
  const db = await NodeDuckDB.open();
  try {
    const sample = readSample(path);
    const result = await ingestTable(db, { fileName: path, sampleText: sample.text, truncated: sample.truncated }, { table });
    await inspect(db);
    return result;
  } finally {
    db.close();
  }
}

describe("ingestTable", () => {
  it("types a customers file, rejects missing and repeated ids, and warns about values it had to leave empty", async () => {
    const path = writeZoo(
      dir,
      "customers.csv",
      [
        "Customer ID;Industry;Customer since;CAC;Referrals;Complaints;Wallet;Key account;Churn date;Referred by",
        "c1;retail;15/01/2020;120,50;2;0;10.000,00;yes;;",
        "c2;b2b;31/12/2021;80;0;3;n/a;no;30/06/2023;c1",
        ";retail;01/01/2022;10;0;0;1;no;;",
        "c1;retail;01/02/2022;10;0;0;1;maybe;;",
        "c3;b2b;2022-13-45;5;1;1;2;1;;c2",
      ].join("\n") + "\n",
    );
    const r = await ingest(path, "customers", async (db) => {
      const rows = await db.query("SELECT * FROM customers ORDER BY row_number");
      expect(rows).toEqual([
        { row_number: 1, customer_id: "c1", segment: "retail", acquisition_epoch_day: parseDate("2020-01-15", "%Y-%m-%d"), acquisition_cost: 120.5, referrals: 2, complaints: 0, wallet_per_year: 10000, is_key_account: true, churn_epoch_day: null, cost_to_serve_per_year: null, referred_by: null },
        { row_number: 2, customer_id: "c2", segment: "b2b", acquisition_epoch_day: parseDate("2021-12-31", "%Y-%m-%d"), acquisition_cost: 80, referrals: 0, complaints: 3, wallet_per_year: null, is_key_account: false, churn_epoch_day: parseDate("2023-06-30", "%Y-%m-%d"), cost_to_serve_per_year: null, referred_by: "c1" },
        { row_number: 5, customer_id: "c3", segment: "b2b", acquisition_epoch_day: null, acquisition_cost: 5, referrals: 1, complaints: 1, wallet_per_year: 2, is_key_account: true, churn_epoch_day: null, cost_to_serve_per_year: null, referred_by: "c2" },
      ]);
      const rejected = await db.query<{ row_number: number; reason: string }>("SELECT row_number, reason FROM customers_rejected");
      expect(rejected).toEqual([{ row_number: 3, reason: "missing_id" }, { row_number: 4, reason: "duplicate_id" }]);
    });
    expect(r.mapping).toMatchObject({ dateFormat: "%d/%m/%Y", decimal: ",", thousands: "." });
    expect(r.report).toMatchObject({ rowsRead: 5, rowsUsed: 3, rowsRejected: 2, rejectedByReason: { missing_id: 1, duplicate_id: 1 } });
    expect(r.report.warnings).toEqual(
      expect.arrayContaining([
        'acquisitionDate ("Customer since"): 1 values are not dates in %d/%m/%Y and were left empty (first at row 5)',
        'walletPerYear ("Wallet"): 1 values are not numbers and were left empty (first at row 2)',
      ]),
    );
  });

  it("types a prospects file", async () => {
    const path = writeZoo(dir, "prospects.csv", "lead_id,segment,wallet,propensity\np1,smb,1000,0.4\np2,enterprise,50000,0.9\n");
    const r = await ingest(path, "prospects", async (db) => {
      expect(await db.query("SELECT prospect_id, segment, wallet_per_year, fit FROM prospects ORDER BY row_number")).toEqual([
        { prospect_id: "p1", segment: "smb", wallet_per_year: 1000, fit: 0.4 },
        { prospect_id: "p2", segment: "enterprise", wallet_per_year: 50000, fit: 0.9 },
      ]);
    });
    expect(r.report).toMatchObject({ rowsRead: 2, rowsUsed: 2, rowsRejected: 0 });
  });
});
