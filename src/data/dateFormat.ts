/**
 * Date formats of text columns: ISO `YYYY-MM-DD`, compact `YYYYMMDD`, `DD/MM/YYYY` vs `MM/DD/YYYY`
 * (also with `.` or `-`), two-digit years, each optionally followed by a time (`10:30`, `T10:30:00.123Z`,
 * `10:30 PM`, `+02:00`). The date is the calendar date as written: a time or time-zone suffix never
 * moves it to another day.
 *
 * The format is inferred from the values: {@link detectDateFormat} on a sample (pure TS) and
 * {@link dateFormatCountsSql} + {@link chooseDateFormat} over the whole column (DuckDB). Day-first and
 * month-first formats are **ambiguous** when every value has day and month ≤ 12; the caller shows that.
 * Parsed years outside 1900..2199 are treated as unparseable (a `%Y` format would read `5/1/24` as AD 24).
 */
import { quoteLiteral } from "../sql/runner.js";
import { epochDayFromCivil } from "../util/dates.js";

/** A supported date format: a DuckDB `strptime` pattern of the date part. */
export interface DateFormatSpec {
  /** `strptime` format of the date part, e.g. `%d/%m/%Y`. */
  format: string;
  /** Field order, to pair day-first with month-first alternatives. */
  order: "ymd" | "dmy" | "mdy";
  /** Human-readable pattern, e.g. `DD/MM/YYYY`. */
  label: string;
}

/** Supported date formats, in the order ties are broken. */
export const DATE_FORMATS: readonly DateFormatSpec[] = [
  { format: "%Y-%m-%d", order: "ymd", label: "YYYY-MM-DD" },
  { format: "%Y%m%d", order: "ymd", label: "YYYYMMDD" },
  { format: "%Y/%m/%d", order: "ymd", label: "YYYY/MM/DD" },
  { format: "%Y.%m.%d", order: "ymd", label: "YYYY.MM.DD" },
  { format: "%d/%m/%Y", order: "dmy", label: "DD/MM/YYYY" },
  { format: "%m/%d/%Y", order: "mdy", label: "MM/DD/YYYY" },
  { format: "%d.%m.%Y", order: "dmy", label: "DD.MM.YYYY" },
  { format: "%m.%d.%Y", order: "mdy", label: "MM.DD.YYYY" },
  { format: "%d-%m-%Y", order: "dmy", label: "DD-MM-YYYY" },
  { format: "%m-%d-%Y", order: "mdy", label: "MM-DD-YYYY" },
  { format: "%d/%m/%y", order: "dmy", label: "DD/MM/YY" },
  { format: "%m/%d/%y", order: "mdy", label: "MM/DD/YY" },
  { format: "%d.%m.%y", order: "dmy", label: "DD.MM.YY" },
];

/** Earliest and latest accepted year. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** Optional time (and zone) after the date part, as a regular expression source (RE2 and JS). */
const TIME_SUFFIX = "(?:[T ]\\s*\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?\\s*(?:[AaPp][Mm])?\\s*(?:Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?)?";
const DATE_PART = "\\d+[./-]?\\d+[./-]?\\d+";
const VALUE_RE = new RegExp(`^(${DATE_PART})${TIME_SUFFIX}$`);

/** Look up a format; throws for an unsupported one. */
export function dateFormatSpec(format: string): DateFormatSpec {
  const spec = DATE_FORMATS.find((f) => f.format === format);
  if (!spec) throw new Error(`unsupported dateFormat: ${JSON.stringify(format)} (supported: ${DATE_FORMATS.map((f) => f.format).join(", ")})`);
  return spec;
}

function daysInMonth(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * Parse one value in `format` (date part plus optional time) the way {@link dateSql} does.
 * @return epoch days (days since 1970-01-01), or `undefined` when the value is not a valid date
 */
export function parseDate(value: string, format: string): number | undefined {
  const spec = dateFormatSpec(format);
  const match = VALUE_RE.exec(value.trim());
  if (!match) return undefined;
  const part = match[1];
  let parts: string[];
  if (format === "%Y%m%d") {
    if (!/^\d{8}$/.test(part)) return undefined;
    parts = [part.slice(0, 4), part.slice(4, 6), part.slice(6, 8)];
  } else {
    const sep = format[2];
    parts = part.split(sep);
    if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return undefined;
  }
  const yearText = spec.order === "ymd" ? parts[0] : parts[2];
  const [month, day] = spec.order === "ymd" ? [+parts[1], +parts[2]] : spec.order === "dmy" ? [+parts[1], +parts[0]] : [+parts[0], +parts[1]];
  const twoDigit = format.endsWith("%y");
  if (twoDigit ? yearText.length !== 2 : yearText.length > 4) return undefined;
  if (parts.some((p, i) => p.length > 2 && (spec.order === "ymd" ? i !== 0 : i !== 2))) return undefined;
  // DuckDB %y: 00-68 → 20xx, 69-99 → 19xx.
  const year = twoDigit ? (+yearText <= 68 ? 2000 + +yearText : 1900 + +yearText) : +yearText;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return epochDayFromCivil(year, month, day);
}

/** ISO `YYYY-MM-DD` text of an epoch day. */
export function isoFromEpochDay(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

/** Result of a date format decision. */
export interface DateFormatGuess {
  /** Chosen `strptime` format, or `undefined` when nothing parsed. */
  format: string | undefined;
  /** Share of non-empty values parsed by `format`, 0..1 (NaN when there are no values). */
  parsedShare: number;
  /** Formats that parse as many values as `format` (more than one = ambiguous). */
  candidates: string[];
  /** True when a day-first and a month-first format parse the same values. */
  ambiguous: boolean;
  /** Some values carry a time of day. */
  hasTime: boolean;
}

/**
 * Decide between formats from per-format parse counts. Ties go to day-first when `preferDayFirst`,
 * else month-first; ISO and compact formats win over all others.
 */
export function chooseDateFormat(counts: Readonly<Record<string, number>>, nonEmpty: number, preferDayFirst = true, hasTime = false): DateFormatGuess {
  let best = 0;
  for (const spec of DATE_FORMATS) best = Math.max(best, counts[spec.format] ?? 0);
  if (best === 0) return { format: undefined, parsedShare: nonEmpty ? 0 : NaN, candidates: [], ambiguous: false, hasTime };
  const candidates = DATE_FORMATS.filter((f) => (counts[f.format] ?? 0) === best).map((f) => f.format);
  const specs = candidates.map(dateFormatSpec);
  const ambiguous = specs.some((s) => s.order === "dmy") && specs.some((s) => s.order === "mdy");
  const preferred = specs.find((s) => s.order === "ymd") ?? specs.find((s) => s.order === (preferDayFirst ? "dmy" : "mdy")) ?? specs[0];
  return { format: preferred.format, parsedShare: nonEmpty ? best / nonEmpty : NaN, candidates, ambiguous, hasTime };
}

/** Guess the date format of sample values (pure TS). */
export function detectDateFormat(values: readonly string[], preferDayFirst = true): DateFormatGuess {
  const nonEmpty = values.map((v) => v.trim()).filter((v) => v !== "");
  const counts: Record<string, number> = {};
  for (const spec of DATE_FORMATS) counts[spec.format] = nonEmpty.filter((v) => parseDate(v, spec.format) !== undefined).length;
  const hasTime = nonEmpty.some((v) => /\d:\d\d/.test(v));
  return chooseDateFormat(counts, nonEmpty.length, preferDayFirst, hasTime);
}

/**
 * SQL expression converting the VARCHAR expression `text` to DATE in `format`; NULL when empty, not a
 * valid date, or the year is outside 1900..2199. Values without a time take a fast `try_strptime` path.
 */
export function dateSql(text: string, format: string): string {
  const parsed = dateSqlUnchecked(text, format);
  return `CASE WHEN year(${parsed}) BETWEEN ${MIN_YEAR} AND ${MAX_YEAR} THEN ${parsed} END`;
}

/** Like {@link dateSql} without the year-range check (for callers that check it on a computed column). */
export function dateSqlUnchecked(text: string, format: string): string {
  dateFormatSpec(format);
  const f = quoteLiteral(format);
  const t = `trim(${text})`;
  const slow = `CASE WHEN regexp_full_match(${t}, ${quoteLiteral(`(${DATE_PART})${TIME_SUFFIX}`)}) THEN try_strptime(regexp_extract(${t}, ${quoteLiteral(`^${DATE_PART}`)}), ${f}) END`;
  // coalesce evaluates an argument only for the rows still NULL, so the cheapest parse goes first and
  // trim (costly in DuckDB-WASM) only runs for values the untrimmed parse missed.
  // ISO: DuckDB's DATE cast is ~2x faster than strptime but lenient (other separators, signs), so only
  // for values shaped exactly `____-__-__` (a LIKE, ~10x cheaper in WASM than slicing characters);
  // a sign or space it lets through gives a year outside MIN_YEAR..MAX_YEAR, which callers reject.
  // Compact: exactly eight digits (the integer cast rejects signs and spaces at that length).
  if (format === "%Y%m%d") {
    const fastCompact = `CASE WHEN length(${text}) = 8 AND try_cast(${text} AS INTEGER) BETWEEN 10000101 AND 99991231 THEN try_strptime(${text}, ${f})::DATE END`;
    return `coalesce(${fastCompact}, CASE WHEN length(regexp_extract(${t}, '^[0-9]+')) = 8 THEN coalesce(try_strptime(${t}, ${f})::DATE, ${slow}::DATE) END)`;
  }
  const fast = format === "%Y-%m-%d" ? `CASE WHEN ${text} LIKE '____-__-__' THEN try_cast(${text} AS DATE) END` : `try_strptime(${text}, ${f})::DATE`;
  return `coalesce(${fast}, try_strptime(${t}, ${f})::DATE, ${slow}::DATE)`;
}

/**
 * One-row query counting, over the whole `column` of `source`, the non-empty values and how many parse
 * in each supported format (`n_<index>` in {@link DATE_FORMATS} order; 0 for formats not in `formats`),
 * plus values carrying a time.
 */
export function dateFormatCountsSql(source: string, columnSql: string, formats?: readonly string[]): string {
  const counts = DATE_FORMATS.map((spec, i) => (!formats || formats.includes(spec.format) ? `count(${dateSql(columnSql, spec.format)}) AS n_${i}` : `0 AS n_${i}`)).join(",\n  ");
  return `SELECT count(nullif(trim(${columnSql}), '')) AS non_empty,
  count(*) FILTER (WHERE ${columnSql} LIKE '%:%') AS with_time,
  ${counts}
FROM ${source}`;
}

/** Turn the row of {@link dateFormatCountsSql} into a {@link DateFormatGuess}. */
export function dateFormatFromCounts(row: Record<string, unknown>, preferDayFirst = true): DateFormatGuess {
  const counts: Record<string, number> = {};
  DATE_FORMATS.forEach((spec, i) => (counts[spec.format] = Number(row[`n_${i}`] ?? 0)));
  return chooseDateFormat(counts, Number(row.non_empty ?? 0), preferDayFirst, Number(row.with_time ?? 0) > 0);
}
