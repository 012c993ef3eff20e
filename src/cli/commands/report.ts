/**
 * `cvw report <file>`: the monthly / quarterly report (acquisition, cross-selling, retention, key
 * accounts, cohort matrix, revenue bridge, who we won / lost) computed in native DuckDB with the
 * library's report queries (`src/reports/`), written as JSON or CSV.
 *
 * Files are read by the shared reader (`../readInput.ts`): the transaction log through the ingest pipeline
 * into `tx_clean`, the customers table through `ingestTable`. Rejected rows are left out with a warning
 * naming the first one, or stop the command with `--strict`.
 */
import { writeFileSync } from "node:fs";
import { parseArgs, numberOption, stringOption, onePositional } from "../args.js";
import { UsageError, type CliCommand } from "../command.js";
import { parseDayOption } from "../options.js";
import { checkInputFile, readTableInput, readTransactionsInput, TRANSACTION_INPUT_SPEC_WITH_EXTRAS, transactionInputOptions } from "../readInput.js";
import { NodeDuckDB } from "../../node/duckdb.js";
import { buildReport, reconcileReport, REPORT_DEFINITIONS, toCsv, type Report, type ReportPeriod, type TransactionField } from "../../reports/index.js";
import { civilFromEpochDay } from "../../reports/periods.js";

const usage = `Usage: cvw report <transactions> [--customers customers.csv] [--period month|quarter]
                  [--lapse-days 180] [--as-of YYYY-MM-DD] [--top 10] [--out report.json|report.csv]
                  [--mapping m.json] [--customer COL] [--date COL] [--amount COL] [--margin COL]
                  [--category COL] [--strict]

Monthly or quarterly report: new customers and their first-period revenue and margin, acquisition cost
per new customer, cross-selling, active customers, deserters (no purchase for --lapse-days days, or an
explicit churn date), recovered customers, referrals, key accounts won / lost / retained, cohort
retention matrix, revenue bridge, and the top customers won and lost each period.

  --customers FILE   customers table: customer_id plus any of acquisition_date, acquisition_cost,
                     is_key_account, churn_date, referred_by (dates YYYY-MM-DD or YYYYMMDD)
  --period P         month (default) or quarter, calendar periods in UTC
  --lapse-days N     a customer lapses N days after the last purchase (default 180)
  --as-of DATE       ignore later rows; judge the last period on this day (default: last date in the file)
  --top N            customers listed per period as won and as lost (default 10)
  --out FILE         .json: every table in one file; .csv: the period table, plus FILE's siblings
                     <name>.bridge.csv, .cohorts.csv, .cross-sell.csv, .movers.csv. Without --out a
                     summary table is printed.
  --mapping FILE     column mapping JSON of the log (\`cvw validate --save-mapping\` or the Data page)
  --customer COL, --date COL, --amount COL, --margin COL, --category COL   name the log's columns
  --strict           stop at the first rejected row (default: leave rejected rows out, with a warning)
  --skip-invalid     accepted for compatibility: rejected rows are always left out unless --strict`;

function isoOf(epochDay: number | null): string | null {
  if (epochDay === null) return null;
  const { year, month, day } = civilFromEpochDay(epochDay);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Report column of each customers-table field the report uses (the typed columns of `ingestTable`). */
const REPORT_FIELD: Record<string, string> = {
  acquisitionDate: "acquisition_epoch_day",
  acquisitionCost: "acquisition_cost",
  isKeyAccount: "is_key_account",
  churnDate: "churn_epoch_day",
  referredBy: "referred_by",
};

/**
 * Ingest the customers table and expose its mapped report fields as the view `customers` (over the
 * ingested table, renamed `customers_ingested`; unmapped fields absent, so the report treats them as
 * unknown); returns report column → file column.
 */
async function loadCustomers(db: NodeDuckDB, file: string, strict: boolean, warnings: string[]): Promise<Record<string, string>> {
  const input = await readTableInput(db, file, "customers", { strict });
  warnings.push(...input.warnings);
  const mapped = input.ingest.mapping.columns;
  const fields = Object.keys(REPORT_FIELD).filter((f) => mapped[f] !== undefined);
  await db.exec("ALTER TABLE customers RENAME TO customers_ingested");
  await db.exec(`CREATE VIEW customers AS SELECT ${["customer_id", ...fields.map((f) => REPORT_FIELD[f])].join(", ")} FROM customers_ingested`);
  return { customer_id: mapped.customerId!, ...Object.fromEntries(fields.map((f) => [REPORT_FIELD[f], mapped[f]!])) };
}

function summaryTable(report: Report): string {
  const head = ["period", "active", "new", "recovered", "deserters", "retention", "revenue", "new rev/cust", "cross-sell", "key acc"];
  const rows = report.periods.map((p) => [
    p.period + (p.partial ? "*" : ""),
    String(p.activeEnd),
    String(p.newCustomers),
    String(p.recovered),
    String(p.deserters),
    p.retentionRate === null ? "" : `${(p.retentionRate * 100).toFixed(1)}%`,
    p.revenue.toFixed(2),
    p.newRevenuePerCustomer === null ? "" : p.newRevenuePerCustomer.toFixed(2),
    String(p.crossSellCustomers),
    p.keyAccountsActiveEnd === null ? "" : String(p.keyAccountsActiveEnd),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(head), ...rows.map(line)].join("\n") + "\n";
}

export const command: CliCommand = {
  summary: "monthly / quarterly report: acquisition, cross-sell, retention, key accounts, cohorts, bridge",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, {
      ...TRANSACTION_INPUT_SPEC_WITH_EXTRAS,
      customers: { type: "string" },
      period: { type: "string" },
      "lapse-days": { type: "string" },
      "as-of": { type: "string" },
      top: { type: "string" },
      out: { type: "string" },
      "skip-invalid": { type: "boolean" },
    });
    const file = onePositional(parsed);
    const period = stringOption(parsed, "period") ?? "month";
    if (period !== "month" && period !== "quarter") throw new UsageError(`invalid --period: ${JSON.stringify(period)} (month or quarter)`);
    const lapseDays = numberOption(parsed, "lapse-days", 180)!;
    if (!Number.isInteger(lapseDays) || lapseDays < 1) throw new UsageError(`invalid --lapse-days: ${lapseDays} (a positive whole number of days)`);
    const limit = numberOption(parsed, "top", 10)!;
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`invalid --top: ${limit} (a positive whole number)`);
    const asOfText = stringOption(parsed, "as-of");
    const asOfEpochDay = asOfText === undefined ? undefined : parseDayOption(asOfText, "as-of");
    const out = stringOption(parsed, "out");
    if (out !== undefined && !/\.(json|csv)$/i.test(out)) throw new UsageError(`invalid --out: ${JSON.stringify(out)} (name a .json or .csv file)`);
    const customersFile = stringOption(parsed, "customers");
    checkInputFile(file);

    const db = await NodeDuckDB.open();
    try {
      const input = transactionInputOptions(parsed);
      const readWarnings: string[] = [];
      const loaded = await readTransactionsInput(db, file, input);
      readWarnings.push(...loaded.warnings);
      const tx = loaded.ingest.mapping.columns;
      const transactionColumns = Object.fromEntries(
        (["customer", "date", "amount", "margin", "cost", "category"] as const)
          .map((k) => [k, tx[k === "customer" ? "customerId" : k]] as const)
          .filter(([, c]) => c !== undefined),
      );
      const transactionFields: TransactionField[] = [];
      if (tx.margin !== undefined || tx.cost !== undefined) transactionFields.push("margin");
      if (tx.category !== undefined) transactionFields.push("category");
      const customerColumns = customersFile ? await loadCustomers(db, customersFile, input.strict === true, readWarnings) : undefined;
      const report = await buildReport(
        db,
        { period: period as ReportPeriod, lapseDays, asOfEpochDay, customersTable: customersFile ? "customers" : undefined, transactionFields },
        { limit },
      );
      const warnings = [...readWarnings, ...report.warnings];
      const problems = reconcileReport(report.periods, report.bridge);
      for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
      for (const problem of problems) io.stderr(`error: figures do not reconcile: ${problem}\n`);
      const meta = {
        file,
        customersFile: customersFile ?? null,
        columns: { transactions: transactionColumns, customers: customerColumns ?? null },
        period,
        lapseDays,
        asOf: isoOf(report.options.asOfEpochDay),
        asOfEpochDay: report.options.asOfEpochDay,
      };
      if (out === undefined) {
        io.stdout(summaryTable(report));
      } else if (/\.json$/i.test(out)) {
        const { options: _options, ...tables } = report;
        writeFileSync(out, `${JSON.stringify({ ...meta, ...tables, warnings, reconciliation: problems, definitions: REPORT_DEFINITIONS }, null, 2)}\n`);
        io.stdout(`${out}\n`);
      } else {
        const stem = out.replace(/\.csv$/i, "");
        const files: [string, object[]][] = [
          [out, report.periods],
          [`${stem}.bridge.csv`, report.bridge],
          [`${stem}.cohorts.csv`, report.cohorts],
          [`${stem}.cross-sell.csv`, report.crossSellByCategory],
          [`${stem}.movers.csv`, report.movers],
        ];
        for (const [name, rows] of files) {
          writeFileSync(name, toCsv(rows));
          io.stdout(`${name}\n`);
        }
      }
      return problems.length > 0 ? 1 : 0;
    } finally {
      db.close();
    }
  },
};
