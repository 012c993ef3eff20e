/**
 * A seeded, generated log (customers with purchases, returns, categories, margins, churn dates that
 * purchases may follow, key accounts and referrals) plus a brute-force TypeScript implementation of
 * the report's status rule, written independently of the SQL, to cross-check the report queries.
 */
import type { SqlRunner } from "../../src/sql/runner.js";
import { periodIndexOf, periodStartEpochDay, type ReportPeriod } from "../../src/reports/index.js";

export interface GenTx { customer: string; day: number; amount: number; margin: number; category: string }
export interface GenCustomer { customer: string; keyAccount: boolean; churnDay: number | null; referredBy: string | null; cost: number | null }
export interface GeneratedLog { tx: GenTx[]; customers: GenCustomer[]; firstDay: number; lastDay: number }

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Generate `n` customers buying between `firstDay` and `lastDay` (epoch days). */
export function generateLog(n: number, firstDay: number, lastDay: number, seed = 7): GeneratedLog {
  const rand = mulberry32(seed);
  const categories = ["a", "b", "c", "d", "e"];
  const tx: GenTx[] = [];
  const customers: GenCustomer[] = [];
  for (let i = 0; i < n; i++) {
    const customer = `c${i}`;
    let d = firstDay + Math.floor(rand() * (lastDay - firstDay + 1));
    const meanGap = 5 + rand() * 200;
    const first = d;
    while (d <= lastDay) {
      const lines = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < lines; k++) {
        const amount = Math.round((5 + rand() * 300) * 100) / 100;
        const category = categories[Math.floor(rand() * rand() * categories.length)];
        tx.push({ customer, day: d, amount, margin: Math.round(amount * 30) / 100, category });
      }
      if (rand() < 0.08) tx.push({ customer, day: d + Math.floor(rand() * 20), amount: -10, margin: -3, category: "a" });
      d += 1 + Math.floor(-Math.log(1 - rand()) * meanGap);
    }
    const churnDay = rand() < 0.2 ? first + Math.floor(rand() * 500) : null;
    const referredBy = i > 0 && rand() < 0.2 ? `c${Math.floor(rand() * i)}` : null;
    customers.push({ customer, keyAccount: rand() < 0.1, churnDay, referredBy, cost: rand() < 0.7 ? Math.round(rand() * 100) : null });
  }
  // A returns-only id, and a return after the last day that the as-of filter must drop.
  tx.push({ customer: "returns-only", day: firstDay + 40, amount: -25, margin: -5, category: "b" });
  return { tx: tx.filter((t) => t.day <= lastDay), customers, firstDay, lastDay };
}

/** Create `tx_clean` and `customers` from a generated log. */
export async function loadGenerated(db: SqlRunner, log: GeneratedLog): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE tx_clean (customer_id VARCHAR, epoch_day INTEGER, amount DOUBLE, margin DOUBLE, category VARCHAR)`);
  for (let i = 0; i < log.tx.length; i += 5000) {
    const values = log.tx.slice(i, i + 5000).map((t) => `('${t.customer}', ${t.day}, ${t.amount}, ${t.margin}, '${t.category}')`);
    await db.exec(`INSERT INTO tx_clean VALUES ${values.join(", ")}`);
  }
  await db.exec(`CREATE OR REPLACE TABLE customers (customer_id VARCHAR, acquisition_epoch_day INTEGER, acquisition_cost DOUBLE,
    is_key_account BOOLEAN, churn_epoch_day INTEGER, referred_by VARCHAR)`);
  const values = log.customers.map(
    (c) => `('${c.customer}', NULL, ${c.cost ?? "NULL"}, ${c.keyAccount}, ${c.churnDay ?? "NULL"}, ${c.referredBy ? `'${c.referredBy}'` : "NULL"})`,
  );
  await db.exec(`INSERT INTO customers VALUES ${values.join(", ")}`);
}

/** Per-period customer flows computed by brute force, straight from the definitions. */
export interface BruteFlows { period: number; activeStart: number; newCustomers: number; recovered: number; deserters: number; activeEnd: number; retained: number; revenue: number; keyActiveEnd: number }

/** Walk every customer through every period with plain loops (independent of the SQL). */
export function bruteForceFlows(log: GeneratedLog, period: ReportPeriod, lapseDays: number): BruteFlows[] {
  const asOf = log.tx.reduce((m, t) => Math.max(m, t.day), -Infinity);
  const first = log.tx.reduce((m, t) => Math.min(m, t.day), Infinity);
  const p0 = periodIndexOf(first, period);
  const p1 = periodIndexOf(asOf, period);
  const byCustomer = new Map<string, GenTx[]>();
  for (const t of log.tx) (byCustomer.get(t.customer) ?? byCustomer.set(t.customer, []).get(t.customer)!).push(t);
  const info = new Map(log.customers.map((c) => [c.customer, c]));
  const out: BruteFlows[] = [];
  const wasActive = new Map<string, boolean>();
  for (let p = p0; p <= p1; p++) {
    const start = periodStartEpochDay(p, period);
    const status = Math.min(periodStartEpochDay(p + 1, period) - 1, asOf);
    const row: BruteFlows = { period: p, activeStart: 0, newCustomers: 0, recovered: 0, deserters: 0, activeEnd: 0, retained: 0, revenue: 0, keyActiveEnd: 0 };
    for (const [customer, rows] of byCustomer) {
      for (const t of rows) if (t.day >= start && t.day <= status) row.revenue += t.amount;
      const purchases = rows.filter((t) => t.amount >= 0).map((t) => t.day);
      if (purchases.length === 0) continue;
      const before = purchases.filter((d) => d < start);
      const inPeriod = purchases.filter((d) => d >= start && d <= status);
      const last = Math.max(...purchases.filter((d) => d <= status), -Infinity);
      const churn = info.get(customer)?.churnDay ?? null;
      const active = last > -Infinity && status - last < lapseDays && !(churn !== null && churn >= last && churn <= status);
      const prev = wasActive.get(customer) ?? false;
      if (prev) row.activeStart++;
      if (inPeriod.length > 0 && before.length === 0) row.newCustomers++;
      if (inPeriod.length > 0 && before.length > 0 && !prev) row.recovered++;
      if (!active && (prev || inPeriod.length > 0)) row.deserters++;
      if (active) row.activeEnd++;
      if (active && prev) row.retained++;
      if (active && info.get(customer)?.keyAccount) row.keyActiveEnd++;
      wasActive.set(customer, active);
    }
    out.push(row);
  }
  return out;
}
