/**
 * A small hand-made log (8 buying customers + 1 returns-only id, 2023-Q1..Q3) whose every report
 * figure is computed by hand in `periodReport.test.ts` and `bridge.test.ts`. Loaded into DuckDB as
 * `tx_clean` and `customers` with the documented report schema.
 */
import type { SqlRunner } from "../../src/sql/runner.js";
import { epochDayFromCivil } from "../../src/reports/periods.js";

/** Epoch day of an ISO date `YYYY-MM-DD`. */
export function day(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return epochDayFromCivil(y, m, d);
}

/** customer, date, amount, margin, category */
export const HANDMADE_TX: [string, string, number, number | null, string | null][] = [
  ["A", "2023-01-10", 100, 40, "X"],
  ["A", "2023-02-15", 50, 20, "Y"],
  ["A", "2023-05-20", 80, 30, "X"],
  ["A", "2023-08-01", 60, 25, "X"],
  ["B", "2023-01-20", 200, 50, "X"],
  ["B", "2023-02-10", -50, -12.5, "X"],
  ["C", "2023-02-05", 120, 60, "Y"],
  ["C", "2023-07-15", 90, 45, "Y"],
  ["C", "2023-07-15", 30, 10, "Z"],
  ["D", "2023-03-30", 70, 20, "X"],
  ["D", "2023-03-30", 30, 10, "Z"],
  ["D", "2023-04-02", 40, 15, "Y"],
  ["E", "2023-04-25", 300, 100, "X"],
  ["E", "2023-09-10", 100, 30, "Y"],
  ["F", "2023-06-30", 10, 2, "X"],
  ["G", "2023-08-20", 500, 150, "Z"],
  ["H", "2023-01-05", 40, 10, "X"],
  ["H", "2023-04-04", 60, 15, "X"],
  ["J", "2023-03-03", -20, -5, "X"],
];

/** customer, acquisition date, acquisition cost, key account, churn date, referred by */
export const HANDMADE_CUSTOMERS: [string, string | null, number | null, boolean | null, string | null, string | null][] = [
  ["A", "2023-01-10", 30, true, null, null],
  ["B", "2023-01-20", 40, false, null, null],
  ["C", "2023-02-05", 20, false, null, "A"],
  ["D", "2023-03-30", null, true, "2023-06-15", "A"],
  ["E", "2023-04-25", 50, true, null, null],
  ["F", "2023-06-30", null, false, null, null],
  ["G", "2023-08-20", 60, false, "2023-09-05", "E"],
  ["H", "2023-01-05", 10, false, null, null],
  ["I", "2023-05-05", null, false, null, "B"],
];

const lit = (v: string | number | boolean | null) => (v === null ? "NULL" : typeof v === "string" ? `'${v}'` : String(v));

/** Create `tx_clean` and `customers` holding the hand-made log. */
export async function loadHandmade(db: SqlRunner): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE tx_clean (customer_id VARCHAR, epoch_day INTEGER, amount DOUBLE, margin DOUBLE,
    category VARCHAR, channel VARCHAR, order_id VARCHAR)`);
  const rows = HANDMADE_TX.map(([c, d, a, m, k]) => `(${lit(c)}, ${day(d)}, ${a}, ${lit(m)}, ${lit(k)}, NULL, NULL)`);
  await db.exec(`INSERT INTO tx_clean VALUES ${rows.join(", ")}`);
  await db.exec(`CREATE OR REPLACE TABLE customers (customer_id VARCHAR, acquisition_epoch_day INTEGER, acquisition_cost DOUBLE,
    referrals INTEGER, complaints INTEGER, is_key_account BOOLEAN, churn_epoch_day INTEGER, referred_by VARCHAR)`);
  const customers = HANDMADE_CUSTOMERS.map(
    ([c, acq, cost, ka, churn, ref]) => `(${lit(c)}, ${acq ? day(acq) : "NULL"}, ${lit(cost)}, NULL, NULL, ${lit(ka)}, ${churn ? day(churn) : "NULL"}, ${lit(ref)})`,
  );
  await db.exec(`INSERT INTO customers VALUES ${customers.join(", ")}`);
}
