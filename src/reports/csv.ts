/**
 * Report tables as CSV text (RFC 4180: comma-separated, fields with commas, quotes or line breaks
 * quoted, quotes doubled, `\n` line ends). Nulls are empty fields; numbers print in full precision.
 */
import { rowsToCsv } from "../data/csvWrite.js";

/**
 * Rows as CSV with a header line. Columns default to the keys of the first row.
 * @example toCsv([{ period: "2024-Q1", activeEnd: 12 }]) // "period,activeEnd\n2024-Q1,12\n"
 */
export function toCsv(rows: readonly object[], columns?: readonly string[]): string {
  const names = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  return rowsToCsv(names, rows as readonly Record<string, unknown>[]);
}
