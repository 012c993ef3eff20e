/**
 * SQL for text fields of staged (all-VARCHAR) tables.
 */

/**
 * SQL expression of the VARCHAR expression `text` with surrounding spaces removed, NULL when empty:
 * the same value as `nullif(trim(text), '')`. `trim` copies every value and is the costliest string
 * function of an ingest in DuckDB-WASM, so it only runs on values that start or end with a space
 * (two prefix/suffix LIKEs, which DuckDB evaluates without copying).
 */
export function trimmedTextSql(text: string): string {
  return `CASE WHEN ${text} LIKE ' %' OR ${text} LIKE '% ' THEN nullif(trim(${text}), '') ELSE nullif(${text}, '') END`;
}
