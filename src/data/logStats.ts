/**
 * Headline statistics of a raw transaction log (rows, customers, date range, total amount), as one
 * SQL query over any table or `read_csv(...)` source. Used by `cvw summary` and the Data page.
 *
 * Column mapping inference and full validation live in the ingest modules; this module only needs
 * three column names.
 */
import { quoteIdentifier } from "../sql/runner.js";

/** Which source column holds each transaction field. */
export interface TransactionColumns {
  customer: string;
  date: string;
  amount: string;
}

/** Headline statistics of a transaction log. */
export interface LogStats {
  /** Data rows read (header excluded). */
  rows: number;
  /** Distinct non-empty customer ids. */
  customers: number;
  /** First purchase date, ISO `YYYY-MM-DD`, or null when no date parsed. */
  firstDate: string | null;
  /** Last purchase date, ISO `YYYY-MM-DD`, or null when no date parsed. */
  lastDate: string | null;
  /** Sum of the amount column over rows whose amount parsed, in the file's currency. */
  totalAmount: number;
}

const CUSTOMER_NAMES = ["customer_id", "customerid", "customer", "cust_id", "cust", "client_id", "client", "masterid", "id", "user_id", "account_id"];
const DATE_NAMES = ["date", "order_date", "orderdate", "transaction_date", "purchase_date", "invoicedate", "invoice_date", "timestamp", "datetime", "time"];
const AMOUNT_NAMES = ["amount", "sales", "revenue", "price", "value", "total", "spend", "monetary", "order_value"];

function pick(header: string[], candidates: string[]): string | undefined {
  const normalized = header.map((name) => name.trim().toLowerCase().replace(/[\s.-]+/g, "_"));
  for (const candidate of candidates) {
    const index = normalized.indexOf(candidate);
    if (index >= 0) return header[index];
  }
  return undefined;
}

/**
 * Guess the customer, date and amount columns from header names alone. Returns the guess and the
 * fields it could not find (empty when all three were found).
 */
export function guessTransactionColumns(header: string[]): { columns: Partial<TransactionColumns>; missing: (keyof TransactionColumns)[] } {
  const columns: Partial<TransactionColumns> = {
    customer: pick(header, CUSTOMER_NAMES),
    date: pick(header, DATE_NAMES),
    amount: pick(header, AMOUNT_NAMES),
  };
  const missing = (Object.keys(columns) as (keyof TransactionColumns)[]).filter((key) => columns[key] === undefined);
  return { columns, missing };
}

/** SQL expression parsing a VARCHAR column holding `YYYYMMDD` or ISO dates (with or without time) to DATE. */
export function isoOrCompactDateSql(column: string): string {
  const c = `trim(${quoteIdentifier(column)})`;
  return `coalesce(try_strptime(${c}, '%Y%m%d'), try_strptime(${c}, '%Y-%m-%d'), try_strptime(${c}, '%Y-%m-%d %H:%M:%S'), try_strptime(${c}, '%Y-%m-%dT%H:%M:%S'))::DATE`;
}

/** SQL source reading a CSV file with every column as text (type decisions are ours, not the sniffer's). */
export function csvSourceSql(fileName: string): string {
  return `read_csv('${fileName.replace(/'/g, "''")}', header = true, all_varchar = true, auto_detect = true)`;
}

/** The query computing {@link LogStats} over `source` (a table name or `read_csv(...)`). */
export function logStatsSql(source: string, columns: TransactionColumns): string {
  return `SELECT
  count(*) AS rows,
  count(DISTINCT nullif(trim(${quoteIdentifier(columns.customer)}), '')) AS customers,
  strftime(min(${isoOrCompactDateSql(columns.date)}), '%Y-%m-%d') AS firstDate,
  strftime(max(${isoOrCompactDateSql(columns.date)}), '%Y-%m-%d') AS lastDate,
  coalesce(sum(try_cast(trim(${quoteIdentifier(columns.amount)}) AS DECIMAL(38, 6))), 0)::DOUBLE AS totalAmount
FROM ${source}`;
}

/** One week of the repeat-purchase tracking series. */
export interface WeeklyRepeatRow {
  /** Week index since the first date in the log (0 = the log's first 7 days). */
  week: number;
  /** Epoch day of the first day of that week. */
  weekStartEpochDay: number;
  /** Repeat purchase days in that week: customer-days after each customer's first purchase day. */
  repeatTransactions: number;
}

/**
 * Weekly repeat transactions, the series BTYD and lifetimes plot as "tracking": every distinct
 * (customer, day) after the customer's first purchase day counts once (same-day purchases merged).
 */
export function weeklyRepeatTransactionsSql(source: string, columns: TransactionColumns): string {
  const date = isoOrCompactDateSql(columns.date);
  return `WITH days AS (
  SELECT DISTINCT nullif(trim(${quoteIdentifier(columns.customer)}), '') AS customer, ${date} AS day
  FROM ${source}
), valid AS (SELECT * FROM days WHERE customer IS NOT NULL AND day IS NOT NULL),
firsts AS (SELECT customer, min(day) AS first_day FROM valid GROUP BY customer),
origin AS (SELECT min(day) AS origin FROM valid)
SELECT
  ((v.day - o.origin) // 7)::INTEGER AS week,
  (o.origin - DATE '1970-01-01' + 7 * ((v.day - o.origin) // 7))::INTEGER AS weekStartEpochDay,
  count(*)::INTEGER AS repeatTransactions
FROM valid v JOIN firsts f USING (customer), origin o
WHERE v.day > f.first_day
GROUP BY ALL
ORDER BY week`;
}
