/** `cvw summary <file>`: headline statistics of a transaction log, computed in DuckDB. */
import { parseArgs, stringOption } from "../args.js";
import { InputError, UsageError, type CliCommand } from "../command.js";
import { csvSourceSql, guessTransactionColumns, logStatsSql, type LogStats, type TransactionColumns } from "../../data/logStats.js";
import { NodeDuckDB } from "../../node/duckdb.js";
import { existsSync, readFileSync } from "node:fs";
import { parseMappingJson } from "../../data/mapping.js";

/** The mapped columns of a saved mapping file, or undefined without `--mapping`. */
function readMappingColumns(path: string | undefined): Partial<Record<string, string>> | undefined {
  if (path === undefined) return undefined;
  if (!existsSync(path)) throw new InputError(`${path}: no such file`);
  try {
    return parseMappingJson(readFileSync(path, "utf8"), path).columns;
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

const usage = `Usage: cvw summary <file.csv> [--mapping m.json] [--customer COL] [--date COL] [--amount COL] [--json]

Prints rows, customers, first and last purchase date and total amount of a transaction log.
Columns are guessed from the header (customer_id/masterid/..., date/..., amount/sales/...);
name them with --customer, --date, --amount when the guess fails, or pass a saved column mapping
(--mapping, the JSON written by \`cvw validate --save-mapping\` or the Data page).`;

export const command: CliCommand = {
  summary: "rows, customers, date range and total amount of a transaction log",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, {
      json: { type: "boolean" },
      customer: { type: "string" },
      date: { type: "string" },
      amount: { type: "string" },
      mapping: { type: "string" },
    });
    const [file] = parsed.positionals;
    if (!file) throw new UsageError("missing <file>");
    if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[1])}`);
    if (!existsSync(file)) throw new InputError(`${file}: no such file`);
    const db = await NodeDuckDB.open();
    try {
      const source = csvSourceSql(file);
      const header = (await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`)).map((row) => row.column_name);
      const guess = guessTransactionColumns(header);
      const mapped = readMappingColumns(stringOption(parsed, "mapping"));
      const columns = {
        customer: stringOption(parsed, "customer") ?? mapped?.customerId ?? guess.columns.customer,
        date: stringOption(parsed, "date") ?? mapped?.date ?? guess.columns.date,
        amount: stringOption(parsed, "amount") ?? mapped?.amount ?? guess.columns.amount,
      };
      for (const [field, column] of Object.entries(columns)) {
        if (column === undefined) throw new InputError(`${file}: no ${field} column found in header [${header.join(", ")}]; name it with --${field}`);
        if (!header.includes(column)) throw new InputError(`${file}: column ${JSON.stringify(column)} (--${field}) is not in header [${header.join(", ")}]`);
      }
      const [stats] = await db.query<LogStats>(logStatsSql(source, columns as TransactionColumns));
      const result = { file, columns, ...stats, totalAmount: Math.round(stats.totalAmount * 100) / 100 };
      if (parsed.options.json) {
        io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        io.stdout(
          `${file}\n  rows       ${result.rows}\n  customers  ${result.customers}\n  dates      ${result.firstDate} .. ${result.lastDate}\n  total      ${result.totalAmount.toFixed(2)}\n`,
        );
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
