/**
 * Number formats of text columns: decimal point or decimal comma, thousands separators, currency
 * symbols, accounting negatives. Detection looks at sample values (pure TS); parsing is an SQL
 * expression so the whole file is converted inside DuckDB.
 *
 * Accepted by {@link numberSql}, after removing currency symbols / codes and spaces:
 * `1234.5`, `-1,234.50` (thousands ","), `1.234,50` (decimal ","), `1 234,50`, `1'234.50`, `$12`,
 * `12 €`, `(12.50)` and `12.50-` (negative), `1e3`. Not accepted: empty text, `NaN`, `Infinity`, words.
 */
import { quoteLiteral } from "../sql/runner.js";

/** How numbers are written in a file. */
export interface NumberFormat {
  /** Decimal separator. */
  decimal: "." | ",";
  /** Thousands separator removed before parsing (`""` = none). */
  thousands: "" | "," | "." | " " | "'";
}

/** Result of {@link detectNumberFormat}. */
export interface NumberFormatGuess extends NumberFormat {
  /** Share of non-empty values that parse as numbers with this format, 0..1 (NaN when no values). */
  parsedShare: number;
  /** True when the sample could not decide between decimal point and decimal comma. */
  ambiguous: boolean;
  /** Currency symbols or codes seen in the values. */
  currencies: string[];
}

/** Currency symbols and ISO codes stripped from amounts (also listed in the SQL pattern). */
export const CURRENCY_PATTERN = "[$€£¥₹₽₩¤]|USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|INR|CNY|BRL";
const CURRENCY_RE = new RegExp(CURRENCY_PATTERN, "g");
/** Spaces removed from numbers: ASCII whitespace, no-break space, narrow no-break space. */
const SPACE_RE = /[\s\u00a0\u202f]/g;

/** Strip currency and spaces; `undefined` for empty text. */
function clean(value: string): string | undefined {
  const text = value.replace(CURRENCY_RE, "").replace(SPACE_RE, "");
  return text === "" ? undefined : text;
}

/**
 * Parse one value the way {@link numberSql} does (used for previews and tests of the SQL).
 * @return the number, or `undefined` when the text is not a finite number in `format`
 */
export function parseNumber(value: string, format: NumberFormat): number | undefined {
  let text = value.replace(CURRENCY_RE, "").replace(/[\s\u00a0\u202f]/g, "");
  if (format.thousands) text = text.split(format.thousands).join("");
  if (format.decimal === ",") text = text.replace(",", ".");
  let sign = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1);
  } else if (text.length > 1 && text.endsWith("-")) {
    sign = -1;
    text = text.slice(0, -1);
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return undefined;
  const number = sign * Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * Guess the number format of sample values (all numeric columns of one file pooled).
 * Evidence for a decimal comma: `12,5`, `1.234,56`, `1 234,56`; for a decimal point: `12.5`,
 * `1,234.56`. `1,234` and `1.234` alone are ambiguous; the fallback is `preferComma` (true for
 * `;`-delimited files, where a decimal comma is the norm).
 */
export function detectNumberFormat(values: readonly string[], preferComma = false): NumberFormatGuess {
  let commaVotes = 0;
  let pointVotes = 0;
  let spaceGroups = 0;
  let apostropheGroups = 0;
  let commaGroups = 0;
  let pointGroups = 0;
  const currencies = new Set<string>();
  const cleaned: string[] = [];
  for (const raw of values) {
    for (const match of raw.matchAll(CURRENCY_RE)) currencies.add(match[0]);
    if (/\d[\s\u00a0\u202f]\d{3}(?!\d)/.test(raw.trim())) spaceGroups++;
    const text = clean(raw);
    if (text === undefined) continue;
    cleaned.push(text);
    if (text.includes("'")) apostropheGroups++;
    const body = text.replace(/^[(+-]+|[)-]+$/g, "");
    if (/^\d{1,3}(\.\d{3})+,\d*$/.test(body) || /^\d+,(\d{1,2}|\d{4,})$/.test(body)) commaVotes++;
    else if (/^\d{1,3}(,\d{3})+\.\d*$/.test(body) || /^\d+\.(\d{1,2}|\d{4,})$/.test(body)) pointVotes++;
    else if (/^\d{1,3}(,\d{3}){2,}$/.test(body)) commaGroups++;
    else if (/^\d{1,3}(\.\d{3}){2,}$/.test(body)) pointGroups++;
    else if (/^\d{1,3},\d{3}$/.test(body)) {
      if (preferComma) commaVotes++;
      else commaGroups++;
    } else if (/^\d{1,3}\.\d{3}$/.test(body)) {
      if (preferComma) pointGroups++;
      else pointVotes++;
    }
  }
  const decimal: "." | "," = commaVotes > pointVotes || (commaVotes === pointVotes && (pointGroups > commaGroups || (pointGroups === commaGroups && preferComma))) ? "," : ".";
  const ambiguous = commaVotes === 0 && pointVotes === 0 ? commaGroups + pointGroups > 0 : commaVotes > 0 && pointVotes > 0;
  let thousands: NumberFormat["thousands"] = "";
  if (apostropheGroups > 0) thousands = "'";
  else if (spaceGroups > 0) thousands = " ";
  else if (decimal === "." && (commaGroups > 0 || cleaned.some((t) => /\d,\d{3}(?!\d)/.test(t)))) thousands = ",";
  else if (decimal === "," && (pointGroups > 0 || cleaned.some((t) => /\d\.\d{3}(?!\d)/.test(t)))) thousands = ".";
  const format: NumberFormat = { decimal, thousands };
  const parsed = cleaned.filter((text) => parseNumber(text, format) !== undefined).length;
  return { ...format, parsedShare: cleaned.length ? parsed / cleaned.length : NaN, ambiguous, currencies: [...currencies] };
}

/**
 * SQL expression converting the VARCHAR expression `text` to DOUBLE in `format`; NULL when the text is
 * empty or not a finite number. Plain numbers take a fast `try_cast` path.
 */
export function numberSql(text: string, format: NumberFormat): string {
  const parsed = numberSqlUnchecked(text, format);
  return `CASE WHEN isfinite(${parsed}) THEN ${parsed} END`;
}

/**
 * Like {@link numberSql} but without the finiteness check: `NaN` / `inf` text gives a non-finite
 * DOUBLE. For callers that check `isfinite` on a computed column (evaluates the parse once).
 */
export function numberSqlUnchecked(text: string, format: NumberFormat): string {
  let s = `regexp_replace(${text}, ${quoteLiteral(`${CURRENCY_PATTERN}|[\\s\u00a0\u202f]`)}, '', 'g')`;
  if (format.thousands && format.thousands !== " ") s = `replace(${s}, ${quoteLiteral(format.thousands)}, '')`;
  if (format.decimal === ",") s = `replace(${s}, ',', '.')`;
  const slow = `CASE WHEN ${s} LIKE '(%)' THEN -try_cast((${s})[2:-2] AS DOUBLE) WHEN length(${s}) > 1 AND ${s} LIKE '%-' THEN -try_cast((${s})[1:-2] AS DOUBLE) ELSE try_cast(${s} AS DOUBLE) END`;
  return format.decimal === "." && format.thousands !== "." ? `coalesce(try_cast(${text} AS DOUBLE), ${slow})` : slow;
}
