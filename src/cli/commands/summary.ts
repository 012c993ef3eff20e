/** `cvw summary <file>`: headline statistics of a transaction log, read by the shared reader (ingest in DuckDB). */
import { parseArgs, onePositional } from "../args.js";
import type { CliCommand } from "../command.js";
import { readTransactionsInput, TRANSACTION_INPUT_SPEC, TRANSACTION_INPUT_USAGE, transactionInputOptions } from "../readInput.js";
import { NodeDuckDB } from "../../node/duckdb.js";

const usage = `Usage: cvw summary <file> [--mapping m.json] [--customer COL] [--date COL] [--amount COL] [--strict] [--json]

Prints rows used (and rejected), customers, first and last purchase date and total amount (returns
included) of a transaction log. The file is read like \`cvw validate\` reads it (CSV/TSV, Parquet,
JSON); columns are inferred from the header and values unless named or given by a saved mapping.

${TRANSACTION_INPUT_USAGE}`;

export const command: CliCommand = {
  summary: "rows, customers, date range and total amount of a transaction log",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, { ...TRANSACTION_INPUT_SPEC, json: { type: "boolean" } });
    const file = onePositional(parsed);
    const db = await NodeDuckDB.open();
    try {
      const { ingest, warnings } = await readTransactionsInput(db, file, transactionInputOptions(parsed));
      const r = ingest.report;
      const m = ingest.mapping.columns;
      const result = {
        file,
        columns: { customer: m.customerId, date: m.date, amount: m.amount },
        rows: r.rowsUsed,
        rowsRejected: r.rowsRejected,
        customers: r.customers,
        firstDate: r.dateRange?.first ?? null,
        lastDate: r.dateRange?.last ?? null,
        totalAmount: Math.round(r.totalAmount * 100) / 100,
      };
      for (const w of warnings) io.stderr(`warning: ${w}\n`);
      if (parsed.options.json) {
        io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        io.stdout(
          `${file}\n  rows       ${result.rows}${result.rowsRejected ? ` (${result.rowsRejected} rejected)` : ""}\n  customers  ${result.customers}\n  dates      ${result.firstDate} .. ${result.lastDate}\n  total      ${result.totalAmount.toFixed(2)}\n`,
        );
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
