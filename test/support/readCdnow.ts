/**
 * Test helper: parse `data/cdnow/cdnow_sample.csv` (masterid,sampleid,date YYYYMMDD,cds,sales) or
 * `cdnow_master.csv` (customer_id,date,cds,amount) into `Transaction[]` (dates as epoch days).
 */
import { readFileSync } from "node:fs";
import type { Transaction } from "../../src/types.js";
import type { ClvCustomers } from "../../src/clv/discountedClv.js";

/** Epoch day of a `YYYYMMDD` or `YYYY-MM-DD` string (UTC). */
export function epochDayOf(text: string): number {
  const digits = text.replace(/-/g, "");
  const y = Number(digits.slice(0, 4));
  const m = Number(digits.slice(4, 6));
  const d = Number(digits.slice(6, 8));
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * Read a CDNOW transaction file (sample or master layout) as transactions. The published summaries
 * (`cdnow_customers_summary.csv`, `cdnowSummary_cbs.csv`) are keyed by the sample's `sampleid`.
 */
export function readCdnow(path = "data/cdnow/cdnow_sample.csv", idColumn?: string): Transaction[] {
  const lines = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const header = lines[0].split(",");
  const idCol = header.indexOf(idColumn ?? (header.includes("masterid") ? "masterid" : "customer_id"));
  const dateCol = header.indexOf("date");
  const amountCol = header.indexOf(header.includes("sales") ? "sales" : "amount");
  return lines.slice(1).map((line) => {
    const f = line.split(",");
    return { customerId: f[idCol], epochDay: epochDayOf(f[dateCol]), amount: Number(f[amountCol]) };
  });
}

/** Read a small numeric CSV (header row) into column arrays keyed by header name. */
export function readNumericCsv(path: string): Record<string, number[]> {
  const lines = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const header = lines[0].split(",").map((h) => h.replace(/"/g, ""));
  const out: Record<string, number[]> = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) {
    line.split(",").forEach((v, i) => out[header[i]].push(Number(v.replace(/"/g, ""))));
  }
  return out;
}

/** CDNOW calibration end 1997-09-30 and holdout end 1998-06-30, as epoch days. */
export const CDNOW_CAL_END = epochDayOf("19970930");
export const CDNOW_HOLDOUT_END = epochDayOf("19980630");

/**
 * lifetimes' CDNOW calibration summary (`cdnow_customers_summary_with_transactions.csv`:
 * ID,frequency,recency,T,zbar; weeks, rounded to 2 dp) as the customers of a CLV computation.
 */
export function lifetimesCdnowCustomers(): ClvCustomers {
  const rows = readFileSync("data/cdnow/cdnow_customers_summary_with_transactions.csv", "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(","));
  return {
    unit: "week",
    customerIds: rows.map((r) => r[0]),
    x: rows.map((r) => Number(r[1])),
    tx: rows.map((r) => Number(r[2])),
    T: rows.map((r) => Number(r[3])),
    monetary: rows.map((r) => Number(r[4])),
  };
}
