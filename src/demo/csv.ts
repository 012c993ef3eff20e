/**
 * CSV text of the demo company's three tables, byte-for-byte deterministic (fixed column order,
 * ISO dates, amounts with two decimals, `\n` line ends, header first). Used by
 * `scripts/generate-demo.ts` and by data loaders that print a table to stdout.
 * Column meanings are documented in `data/demo/README.md`.
 */
import { csvField as field } from "../data/csvWrite.js";
import type { DemoCompany } from "./generate.js";

/** ISO `YYYY-MM-DD` of an epoch day. */
export function epochDayToIso(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

function table(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return [header.join(","), ...rows.map((row) => row.map(field).join(","))].join("\n") + "\n";
}

const money = (x: number | null | undefined): string => (x === null || x === undefined ? "" : x.toFixed(2));

/** Header of `transactions.csv`. */
export const DEMO_TRANSACTION_COLUMNS = ["customer_id", "date", "order_id", "category", "channel", "quantity", "amount", "margin"];
/** Header of `customers.csv`. */
export const DEMO_CUSTOMER_COLUMNS = [
  "customer_id", "name", "segment", "acquisition_date", "acquisition_channel", "acquisition_cost", "referred_by", "referrals",
  "complaints", "wallet_per_year", "is_key_account", "churn_date", "cost_to_serve_per_year", "retention_cost_per_year",
];
/** Header of `prospects.csv`. */
export const DEMO_PROSPECT_COLUMNS = ["prospect_id", "name", "segment", "wallet_per_year", "fit", "source"];

/** The three tables of a generated company as CSV text. */
export function demoCompanyCsv(company: DemoCompany): { transactions: string; customers: string; prospects: string } {
  return {
    transactions: table(
      DEMO_TRANSACTION_COLUMNS,
      company.transactions.map((t) => [t.customerId, epochDayToIso(t.epochDay), t.orderId, t.category, t.channel, t.quantity, money(t.amount), money(t.margin)]),
    ),
    customers: table(
      DEMO_CUSTOMER_COLUMNS,
      company.customers.map((c) => [
        c.customerId, c.name, c.segment, c.acquisitionEpochDay == null ? "" : epochDayToIso(c.acquisitionEpochDay), c.acquisitionChannel,
        money(c.acquisitionCost), c.referredBy, c.referrals, c.complaints, c.walletPerYear, c.isKeyAccount ? "true" : "false",
        c.churnEpochDay == null ? "" : epochDayToIso(c.churnEpochDay), c.costToServePerYear, c.retentionCostPerYear,
      ]),
    ),
    prospects: table(
      DEMO_PROSPECT_COLUMNS,
      company.prospects.map((p) => [p.prospectId, p.name, p.segment, p.walletPerYear, p.fit, p.source]),
    ),
  };
}
