/**
 * Data row numbers of a staged CSV when DuckDB's reader could not split some records (stored in
 * {@link READER_REJECTS_TABLE} with a `line`). The staged table holds only the records the reader split,
 * so `rowid + 1` undercounts after each rejected record. DuckDB's `line` counts the header, every
 * record (a quoted field spanning lines still counts once) and blank lines, which it skips. So when the
 * file has no blank line, a rejected record's data row number is `line` minus the header, and each
 * staged row's true number is `rowid + 1` plus the rejected records before it, found with one ASOF join
 * on a table with one row per rejected record. With blank lines, `rowid + 1` is kept and the report
 * says row numbers after the first unsplittable record count only the records that could be split.
 * Checked in DuckDB 1.1 (WASM) and 1.5 (native).
 *
 * For the i-th rejected record (by line) with data row number R_i, R_i − i staged rows precede it; a
 * staged row with `rowid + 1 = k` is preceded by every rejected record with R_i − i < k, i.e. by the
 * largest such i.
 */
import { quoteIdentifier, quoteLiteral, type SqlRunner } from "../sql/runner.js";
import { READER_REJECTS_TABLE } from "./stagingSql.js";

/** How row numbers of a staged table are found (see module doc). */
export type RowNumbering =
  /** No reader rejects, or not a CSV: `rowid + 1`. */
  | { kind: "rowid" }
  /** Reader rejects, no blank line: `rowid + 1` shifted by the rejected records before it. */
  | { kind: "shifted"; shiftTable: string; /** 1 when the file has a header line, else 0. */ headerLines: 0 | 1 }
  /** Reader rejects and blank lines: `rowid + 1` is kept, and is approximate after the first reject. */
  | { kind: "approximate" };

/**
 * Decide the numbering of staged table `raw` after a CSV staging of `fileName`, and create the shift
 * table `<raw>_row_shift(accepted_before, shift)` when rows must be shifted. Costs nothing more when
 * the reader rejected no record; else one read of the file's text to look for blank lines.
 * @param header the file's first line is a header (data row 1 = line 2)
 */
export async function prepareRowNumbering(runner: SqlRunner, raw: string, fileName: string, header: boolean, readerRejects: boolean): Promise<RowNumbering> {
  if (!readerRejects) return { kind: "rowid" };
  const [{ n }] = await runner.query<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM ${READER_REJECTS_TABLE}`);
  if (Number(n) === 0) return { kind: "rowid" };
  // A blank line: two line ends in a row (LF LF, CR LF CR LF, CR CR), trailing ones at the end excepted.
  const [{ blank }] = await runner.query<{ blank: boolean }>(`SELECT contains(t, chr(10) || chr(10)) OR contains(t, chr(10) || chr(13) || chr(10)) OR contains(t, chr(13) || chr(13)) AS blank
FROM (SELECT rtrim(content, chr(10) || chr(13)) AS t FROM read_text(${quoteLiteral(fileName)}))`);
  if (blank) return { kind: "approximate" };
  const shiftTable = `${raw}_row_shift`;
  await runner.exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(shiftTable)} AS
SELECT accepted_before, max(shift) AS shift FROM (
  SELECT line - ${header ? 1 : 0} - row_number() OVER (ORDER BY line) AS accepted_before, row_number() OVER (ORDER BY line) AS shift
  FROM (SELECT DISTINCT line::BIGINT AS line FROM ${READER_REJECTS_TABLE})
) GROUP BY accepted_before`);
  return { kind: "shifted", shiftTable, headerLines: header ? 1 : 0 };
}

/**
 * Subquery reading `raw` with two more columns: `__cvw_raw_row` (`rowid + 1`, for joining back to
 * `raw`) and `__cvw_row` (the data row number, see {@link RowNumbering}).
 */
export function numberedRowsSql(raw: string, numbering: RowNumbering): string {
  const table = quoteIdentifier(raw);
  if (numbering.kind !== "shifted") return `(SELECT rowid + 1 AS __cvw_raw_row, rowid + 1 AS __cvw_row, * FROM ${table})`;
  return `(SELECT r.__cvw_raw_row, r.__cvw_raw_row + coalesce(s.shift, 0) AS __cvw_row, r.* EXCLUDE (__cvw_raw_row)
  FROM (SELECT rowid + 1 AS __cvw_raw_row, * FROM ${table}) r ASOF LEFT JOIN ${quoteIdentifier(numbering.shiftTable)} s ON r.__cvw_raw_row > s.accepted_before)`;
}
