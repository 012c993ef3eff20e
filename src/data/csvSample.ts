/**
 * A small RFC 4180 parser for the first kilobytes of a delimited file: enough to sniff the dialect and
 * show a preview. The full file is always read by DuckDB (`stagingSql.ts`), never by this parser.
 *
 * Rules: fields separated by `delimiter`; a field that starts with `quote` runs to the matching quote,
 * a doubled quote inside is a literal quote, and delimiters and newlines inside are data; records end at
 * LF, CRLF or CR; blank lines are skipped (DuckDB skips them too).
 */

/** Options of {@link parseCsvSample}. */
export interface CsvSampleOptions {
  /** Field separator, one character. */
  delimiter: string;
  /** Quote character, or `""` for none. */
  quote: string;
  /** The text was cut from a longer file: drop the last (possibly partial) record. */
  truncated?: boolean;
  /** Stop after this many records (default: all). */
  maxRecords?: number;
}

/**
 * Split `text` into records of fields.
 * @param text decoded text (a leading BOM is ignored)
 * @return the records; an empty array for empty text
 */
export function parseCsvSample(text: string, options: CsvSampleOptions): string[][] {
  const { delimiter, quote } = options;
  if (delimiter.length !== 1) throw new Error(`invalid delimiter: ${JSON.stringify(delimiter)}`);
  if (quote.length > 1) throw new Error(`invalid quote: ${JSON.stringify(quote)}`);
  const max = options.maxRecords ?? Infinity;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let complete = true; // the last record ended with a newline
  while (i < n && records.length < max) {
    const ch = text[i];
    if (quote && ch === quote && field === "") {
      // quoted field
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === quote) {
          if (text[i + 1] === quote) {
            field += quote;
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        field += c;
        i++;
      }
      if (!closed) {
        complete = false;
        break;
      }
      continue;
    }
    if (ch === delimiter) {
      record.push(field);
      field = "";
      i++;
      continue;
    }
    if (ch === "\n" || ch === "\r") {
      record.push(field);
      field = "";
      if (!(record.length === 1 && record[0] === "")) records.push(record);
      record = [];
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      complete = true;
      continue;
    }
    field += ch;
    complete = false;
    i++;
  }
  if (records.length < max && (field !== "" || record.length > 0)) {
    record.push(field);
    complete = false;
    if (!(record.length === 1 && record[0] === "")) records.push(record);
  }
  if (options.truncated && !complete && records.length > 0 && records.length < max) records.pop();
  return records;
}
