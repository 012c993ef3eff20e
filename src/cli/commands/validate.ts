/**
 * `cvw validate <file>`: ingest a transactions file (CSV/TSV, Parquet, JSON) in native DuckDB and
 * print its data-quality report: rows read / used / rejected by reason, returns, customers, the
 * mapping used. `--rejected out.csv` writes the rejected rows (row number, reason, raw values).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from "node:fs";
import { parseArgs, stringOption, onePositional } from "../args.js";
import { InputError, UsageError, type CliCommand } from "../command.js";
import { parseDayOption } from "../options.js";
import { IngestError, ingestTransactions, type IngestResult } from "../../data/ingest.js";
import { mappingToJson, parseMappingJson, type Mapping } from "../../data/mapping.js";
import { copyRejectedSql, describeRejections } from "../../data/qualityReport.js";
import { REJECT_REASON_LABELS } from "../../data/reasons.js";
import { formatFromFileName, type SourceFormat } from "../../data/stagingSql.js";
import type { DuplicatePolicy } from "../../data/validationSql.js";
import { NodeDuckDB } from "../../node/duckdb.js";

const usage = `Usage: cvw validate <file> [--mapping m.json] [--json] [--rejected out.csv] [options]

Reads a transaction log (CSV/TSV with any delimiter, Parquet, JSON), maps its columns, validates every
row in DuckDB and prints the data-quality report. Counts reconcile: read = used + rejected.

Options:
  --mapping FILE        column mapping JSON (version 1), e.g. saved from the Data page
  --save-mapping FILE   write the mapping used (inferred or given) as JSON
  --rejected FILE       write rejected rows as CSV (row_number, line, reason, label, column, value, raw fields)
  --format F            csv | parquet | json (default: from the extension)
  --window-start DATE   reject rows before this date (YYYY-MM-DD) as date_outside_window
  --window-end DATE     reject rows after this date (YYYY-MM-DD) as date_outside_window
  --today DATE          reject rows after this date as future_date (default: today, UTC; "none" to skip)
  --duplicates P        exact duplicate rows: auto (reject when an order id is mapped) | reject | keep
  --json                print the report as JSON`;

/** Bytes read for sniffing. */
export const SAMPLE_BYTES = 65_536;

/** Read the first `bytes` of a file as UTF-8 text (the file is not read whole). */
export function readSample(path: string, bytes = SAMPLE_BYTES): { text: string; truncated: boolean } {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    let end = n;
    const truncated = n === bytes && statSync(path).size > bytes;
    // do not split a UTF-8 sequence at the cut
    if (truncated) while (end > 0 && (buffer[end - 1] & 0xc0) === 0x80) end--;
    if (truncated && end > 0 && buffer[end - 1] >= 0xc0) end--;
    return { text: buffer.subarray(0, end).toString("utf8"), truncated };
  } finally {
    closeSync(fd);
  }
}

function dateOption(value: string | undefined, name: string): number | undefined {
  return value === undefined ? undefined : parseDayOption(value, name);
}

/** The JSON printed by `cvw validate --json`. */
export function validateJson(file: string, result: IngestResult): Record<string, unknown> {
  const r = result.report;
  return {
    file,
    format: result.format,
    rowsRead: r.rowsRead,
    rowsUsed: r.rowsUsed,
    rowsRejected: r.rowsRejected,
    rejectedByReason: r.rejectedByReason,
    returns: { rows: r.returns.rows, amount: Math.round(r.returns.amount * 100) / 100 },
    customers: r.customers,
    totalAmount: Math.round(r.totalAmount * 100) / 100,
    dateRange: r.dateRange && { first: r.dateRange.first, last: r.dateRange.last },
    duplicatesKept: r.duplicatesKept,
    dateFormat: { format: result.dateFormat.format, ambiguous: result.dateFormat.ambiguous, candidates: result.dateFormat.candidates, source: result.dateFormat.source },
    mapping: result.mapping,
    examples: r.examples,
    warnings: r.warnings,
  };
}

export const command: CliCommand = {
  summary: "data-quality report of a transaction log: rows read, used, rejected by reason",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, {
      json: { type: "boolean" },
      mapping: { type: "string" },
      "save-mapping": { type: "string" },
      rejected: { type: "string" },
      format: { type: "string" },
      "window-start": { type: "string" },
      "window-end": { type: "string" },
      today: { type: "string" },
      duplicates: { type: "string" },
    });
    const file = onePositional(parsed);
    const format = (stringOption(parsed, "format") ?? formatFromFileName(file)) as SourceFormat;
    if (!["csv", "parquet", "json"].includes(format)) throw new UsageError(`invalid --format: ${JSON.stringify(format)}`);
    const duplicates = (stringOption(parsed, "duplicates") ?? "auto") as DuplicatePolicy;
    if (!["auto", "reject", "keep"].includes(duplicates)) throw new UsageError(`invalid --duplicates: ${JSON.stringify(duplicates)}`);
    const todayText = stringOption(parsed, "today");
    const todayEpochDay = todayText === "none" ? undefined : (dateOption(todayText, "today") ?? Math.floor(Date.now() / 86_400_000));
    const windowStartEpochDay = dateOption(stringOption(parsed, "window-start"), "window-start");
    const windowEndEpochDay = dateOption(stringOption(parsed, "window-end"), "window-end");
    if (!existsSync(file)) throw new InputError(`${file}: no such file`);
    if (statSync(file).isDirectory()) throw new InputError(`${file}: is a directory`);
    let mapping: Mapping | undefined;
    const mappingFile = stringOption(parsed, "mapping");
    if (mappingFile) {
      if (!existsSync(mappingFile)) throw new InputError(`${mappingFile}: no such file`);
      try {
        mapping = parseMappingJson(readFileSync(mappingFile, "utf8"), mappingFile);
      } catch (error) {
        throw new InputError((error as Error).message);
      }
      if (mapping.table !== "transactions") throw new InputError(`${mappingFile}: table is ${JSON.stringify(mapping.table)}; cvw validate checks transactions`);
    }
    const sample = format === "csv" ? readSample(file) : undefined;
    const db = await NodeDuckDB.open();
    try {
      let result: IngestResult;
      try {
        result = await ingestTransactions(
          db,
          { fileName: file, format, sampleText: sample?.text, truncated: sample?.truncated },
          { mapping, todayEpochDay, windowStartEpochDay, windowEndEpochDay, duplicates },
        );
      } catch (error) {
        if (error instanceof IngestError) throw new InputError(error.message);
        throw error;
      }
      const rejectedFile = stringOption(parsed, "rejected");
      if (rejectedFile) await db.exec(copyRejectedSql(result.rejectedColumns, rejectedFile));
      const saveMapping = stringOption(parsed, "save-mapping");
      if (saveMapping) writeFileSync(saveMapping, mappingToJson(result.mapping));
      const r = result.report;
      if (parsed.options.json) {
        io.stdout(`${JSON.stringify(validateJson(file, result), null, 2)}\n`);
      } else {
        const lines = [
          file,
          `  rows read      ${r.rowsRead}`,
          `  rows used      ${r.rowsUsed}`,
          `  rows rejected  ${r.rowsRejected}`,
          ...Object.entries(r.rejectedByReason).map(([reason, n]) => `    ${String(n).padStart(8)}  ${reason}: ${REJECT_REASON_LABELS[reason as keyof typeof REJECT_REASON_LABELS]}`),
          `  returns        ${r.returns.rows} rows, ${r.returns.amount.toFixed(2)}`,
          `  customers      ${r.customers}`,
          `  dates          ${r.dateRange ? `${r.dateRange.first} .. ${r.dateRange.last}` : "none"} (${result.dateFormat.format}${result.dateFormat.ambiguous ? ", ambiguous" : ""})`,
          `  total amount   ${r.totalAmount.toFixed(2)}`,
          `  mapping        ${Object.entries(result.mapping.columns).map(([f, c]) => `${f}=${JSON.stringify(c)}`).join(" ")}`,
          ...describeRejections(r, file).map((line) => `  ! ${line}`),
          ...r.warnings.map((w) => `  warning: ${w}`),
          ...(rejectedFile ? [`  rejected rows written to ${rejectedFile}`] : []),
        ];
        io.stdout(`${lines.join("\n")}\n`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
