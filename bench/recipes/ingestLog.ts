/**
 * The generated transaction log of the ingest benchmarks (bench/ingest.ts in native DuckDB,
 * bench/browser-ingest.ts on the Data page): {@link INGEST_LOG_ROWS} rows from a seeded LCG, 50,000
 * customers over 2 years from 2023-01-01; columns order id, customer, date, amount with 2 decimals,
 * category; 3 % returns (negative amounts); one row in 1,000 with a missing customer id and one in
 * 1,000 with the date `not a date`. Written in 50,000-row chunks. The same seed gives the same rows.
 */
import { createWriteStream } from "node:fs";

export const INGEST_LOG_ROWS = 1_000_000;
export const INGEST_LOG_CUSTOMERS = 50_000;
/** First day of the dates, epoch days (2023-01-01). */
export const INGEST_LOG_START_DAY = 19_358;
/** Number of days the dates span. */
export const INGEST_LOG_SPAN_DAYS = 730;

const iso = (epochDay: number) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);

/** Write the log to `path`; `european` = `;` delimiter, decimal comma, `DD/MM/YYYY` dates. */
export async function writeIngestLog(path: string, european = false): Promise<void> {
  let seed = 20240601;
  const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const out = createWriteStream(path);
  const sep = european ? ";" : ",";
  out.write(["order_id", "customer_id", "order_date", "amount", "category"].join(sep) + "\n");
  const chunk: string[] = [];
  for (let i = 1; i <= INGEST_LOG_ROWS; i++) {
    const customer = i % 1000 === 0 ? "" : `C${Math.floor(rand() * INGEST_LOG_CUSTOMERS)}`;
    const isoDate = iso(INGEST_LOG_START_DAY + Math.floor(rand() * INGEST_LOG_SPAN_DAYS));
    const date = i % 1000 === 500 ? "not a date" : european ? `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}` : isoDate;
    const value = rand() < 0.03 ? -(1 + rand() * 50) : 1 + rand() * 300;
    const amount = european ? value.toFixed(2).replace(".", ",") : value.toFixed(2);
    chunk.push([`O${i}`, customer, date, amount, `k${Math.floor(rand() * 8)}`].join(sep));
    if (chunk.length === 50_000) {
      if (!out.write(chunk.join("\n") + "\n")) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk.length = 0;
    }
  }
  if (chunk.length) out.write(chunk.join("\n") + "\n");
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
