/**
 * Write rows as RFC 4180 CSV text (for downloads built in the browser, e.g. the rejected rows from
 * `rejectedRowsSql`). Fields containing the delimiter, a quote, CR or LF are quoted, quotes doubled;
 * null / undefined and non-finite numbers are empty fields. Lines end with CRLF-free `\n`. The one CSV
 * field writer of the library: the report tables (`reports/csv.ts`), the demo company files
 * (`demo/csv.ts`) and the CLI use it too.
 */

/** Format one field: empty for null, undefined, NaN and ±Infinity; numbers in full precision. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isFinite(value)) return "";
  const text = typeof value === "string" ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV text of `rows` (objects) with a header of `columns`.
 * @example rowsToCsv(["row_number", "reason"], [{ row_number: 2, reason: "missing_customer_id" }])
 */
export function rowsToCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return `${lines.join("\n")}\n`;
}
