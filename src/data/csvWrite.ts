/**
 * Write rows as RFC 4180 CSV text (for downloads built in the browser, e.g. the rejected rows from
 * `rejectedRowsSql`). Fields containing the delimiter, a quote, CR or LF are quoted, quotes doubled;
 * null / undefined are empty fields. Lines end with CRLF-free `\n`.
 */

/** Format one field. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
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
