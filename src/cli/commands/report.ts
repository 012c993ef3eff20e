/**
 * `cvw report <file>`: the monthly / quarterly report (acquisition, cross-selling, retention, key
 * accounts, cohort matrix, revenue bridge, who we won / lost) computed in native DuckDB with the
 * library's report queries (`src/reports/`), written as JSON or CSV.
 *
 * Loading is deliberately small: the CSV is read as text, columns are guessed from the header (or named
 * with options), and `tx_clean` / `customers` are built in the report schema. A row whose date or
 * amount does not parse stops the command with its file, row, column and value (or is dropped with
 * `--skip-invalid`). The full ingest pipeline (`src/data/`) can replace this loader later.
 */
import { existsSync, writeFileSync } from "node:fs";
import { parseArgs, numberOption, stringOption } from "../args.js";
import { InputError, UsageError, type CliCommand } from "../command.js";
import { csvSourceSql, guessTransactionColumns, isoOrCompactDateSql } from "../../data/logStats.js";
import { NodeDuckDB } from "../../node/duckdb.js";
import { quoteIdentifier } from "../../sql/runner.js";
import { buildReport, reconcileReport, REPORT_DEFINITIONS, toCsv, type Report, type ReportPeriod } from "../../reports/index.js";
import { civilFromEpochDay, epochDayFromCivil } from "../../reports/periods.js";

const usage = `Usage: cvw report <transactions.csv> [--customers customers.csv] [--period month|quarter]
                  [--lapse-days 180] [--as-of YYYY-MM-DD] [--top 10] [--out report.json|report.csv]
                  [--customer COL] [--date COL] [--amount COL] [--margin COL] [--category COL] [--skip-invalid]

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
  --skip-invalid     drop rows whose date or amount does not parse instead of stopping`;

const MARGIN_NAMES = ["margin", "gross_margin", "profit", "gross_profit"];
const COST_NAMES = ["cost", "cogs", "cost_of_goods"];
const CATEGORY_NAMES = ["category", "product_category", "category_name", "product_line", "product"];
const CUSTOMER_COLUMNS: Record<string, string[]> = {
  acquisition: ["acquisition_date", "acquired_at", "acquisition_day", "acquired", "signup_date", "first_date"],
  cost: ["acquisition_cost", "cac", "cost_of_acquisition"],
  key: ["is_key_account", "key_account", "keyaccount", "is_key", "kam"],
  churn: ["churn_date", "churned_at", "churn_day", "end_date", "contract_end"],
  referred: ["referred_by", "referrer", "referrer_id", "referred_by_id"],
};

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/[\s.-]+/g, "_");
}

function pick(header: string[], names: string[]): string | undefined {
  const normalized = header.map(normalize);
  for (const name of names) {
    const index = normalized.indexOf(name);
    if (index >= 0) return header[index];
  }
  return undefined;
}

async function headerOf(db: NodeDuckDB, file: string): Promise<string[]> {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  return (await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${csvSourceSql(file)}`)).map((row) => row.column_name);
}

function parseIsoDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new UsageError(`invalid --as-of: ${JSON.stringify(text)} is not YYYY-MM-DD`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = epochDayFromCivil(y, m, d);
  const back = civilFromEpochDay(day);
  if (back.month !== m || back.day !== d) throw new UsageError(`invalid --as-of: ${JSON.stringify(text)} is not a calendar date`);
  return day;
}

function isoOf(epochDay: number | null): string | null {
  if (epochDay === null) return null;
  const { year, month, day } = civilFromEpochDay(epochDay);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Build `tx_clean` from the CSV; returns the columns used and the rows dropped. */
async function loadTransactions(db: NodeDuckDB, file: string, named: Record<string, string | undefined>, skipInvalid: boolean) {
  const header = await headerOf(db, file);
  const guess = guessTransactionColumns(header).columns;
  const columns = {
    customer: named.customer ?? guess.customer,
    date: named.date ?? guess.date,
    amount: named.amount ?? guess.amount,
    margin: named.margin ?? pick(header, MARGIN_NAMES),
    cost: named.margin ? undefined : pick(header, COST_NAMES),
    category: named.category ?? pick(header, CATEGORY_NAMES),
  };
  for (const field of ["customer", "date", "amount"] as const) {
    if (columns[field] === undefined) throw new InputError(`${file}: no ${field} column found in header [${header.join(", ")}]; name it with --${field}`);
  }
  for (const [field, column] of Object.entries(columns)) {
    if (column !== undefined && !header.includes(column)) throw new InputError(`${file}: column ${JSON.stringify(column)} (--${field}) is not in header [${header.join(", ")}]`);
  }
  const q = (column: string) => quoteIdentifier(column);
  const num = (column: string | undefined) => (column ? `TRY_CAST(NULLIF(trim(${q(column)}), '') AS DOUBLE)` : "NULL::DOUBLE");
  const margin = columns.margin ? num(columns.margin) : columns.cost ? `${num(columns.amount)} - ${num(columns.cost)}` : "NULL::DOUBLE";
  await db.exec(`CREATE OR REPLACE TABLE tx_raw AS SELECT row_number() OVER () AS row_number, * FROM ${csvSourceSql(file)}`);
  await db.exec(`CREATE OR REPLACE TABLE tx_typed AS SELECT row_number,
    NULLIF(trim(${q(columns.customer!)}), '') AS customer_id, ${q(columns.customer!)} AS raw_customer,
    (${isoOrCompactDateSql(columns.date!)} - DATE '1970-01-01')::INTEGER AS epoch_day, ${q(columns.date!)} AS raw_date,
    ${num(columns.amount)} AS amount, ${q(columns.amount!)} AS raw_amount,
    ${margin} AS margin, ${columns.category ? `NULLIF(trim(${q(columns.category)}), '')` : "NULL::VARCHAR"} AS category
  FROM tx_raw`);
  const bad = await db.query<{ row_number: number; customer_id: string | null; epoch_day: number | null; raw_customer: string | null; raw_date: string | null; raw_amount: string | null; n: number }>(
    `SELECT *, count(*) OVER () AS n FROM tx_typed WHERE customer_id IS NULL OR epoch_day IS NULL OR amount IS NULL ORDER BY row_number LIMIT 1`,
  );
  let dropped = 0;
  if (bad.length > 0) {
    const row = bad[0];
    const [column, value] = row.customer_id === null ? [columns.customer, row.raw_customer] : row.epoch_day === null ? [columns.date, row.raw_date] : [columns.amount, row.raw_amount];
    const what = row.customer_id === null ? "missing customer id" : row.epoch_day === null ? "unparseable date" : "non-numeric amount";
    if (!skipInvalid) {
      throw new InputError(`${file}: row ${row.row_number}, column ${JSON.stringify(column)}: ${what} ${JSON.stringify(value ?? "")} (${row.n} such rows; use --skip-invalid to drop them)`);
    }
    dropped = row.n;
  }
  await db.exec(`CREATE OR REPLACE TABLE tx_clean AS SELECT customer_id, epoch_day, amount, margin, category FROM tx_typed
    WHERE customer_id IS NOT NULL AND epoch_day IS NOT NULL AND amount IS NOT NULL`);
  await db.exec("DROP TABLE tx_typed");
  await db.exec("DROP TABLE tx_raw");
  const used = Object.fromEntries(Object.entries(columns).filter(([, c]) => c !== undefined));
  return { columns: used, dropped, hasMargin: columns.margin !== undefined || columns.cost !== undefined, hasCategory: columns.category !== undefined };
}

/** Build `customers` from the customers CSV in the report schema; returns the columns used. */
async function loadCustomers(db: NodeDuckDB, file: string): Promise<Record<string, string>> {
  const header = await headerOf(db, file);
  const id = pick(header, ["customer_id"]) ?? guessTransactionColumns(header).columns.customer;
  if (!id) throw new InputError(`${file}: no customer id column found in header [${header.join(", ")}]`);
  const found = Object.fromEntries(Object.entries(CUSTOMER_COLUMNS).map(([key, names]) => [key, pick(header, names)]));
  const q = quoteIdentifier;
  const day = (column: string | undefined) => (column ? `(${isoOrCompactDateSql(column)} - DATE '1970-01-01')::INTEGER` : "NULL::INTEGER");
  const bool = (column: string | undefined) =>
    column
      ? `CASE WHEN lower(trim(${q(column)})) IN ('true', 't', 'yes', 'y', '1') THEN true WHEN lower(trim(${q(column)})) IN ('false', 'f', 'no', 'n', '0') THEN false END`
      : "NULL::BOOLEAN";
  const columns = [
    `NULLIF(trim(${q(id)}), '') AS customer_id`,
    `${day(found.acquisition)} AS acquisition_epoch_day`,
    `${found.cost ? `TRY_CAST(NULLIF(trim(${q(found.cost)}), '') AS DOUBLE)` : "NULL::DOUBLE"} AS acquisition_cost`,
    `${bool(found.key)} AS is_key_account`,
    `${day(found.churn)} AS churn_epoch_day`,
    `${found.referred ? `NULLIF(trim(${q(found.referred)}), '')` : "NULL::VARCHAR"} AS referred_by`,
  ];
  const keep = ["customer_id", ...["acquisition", "cost", "key", "churn", "referred"].filter((k) => found[k] !== undefined).map((k) => REPORT_FIELD[k])];
  await db.exec(`CREATE OR REPLACE TABLE customers_full AS SELECT ${columns.join(", ")} FROM ${csvSourceSql(file)} WHERE NULLIF(trim(${q(id)}), '') IS NOT NULL`);
  await db.exec(`CREATE OR REPLACE VIEW customers AS SELECT ${keep.join(", ")} FROM customers_full`);
  return { customer_id: id, ...Object.fromEntries(Object.entries(found).filter(([, c]) => c !== undefined).map(([k, c]) => [REPORT_FIELD[k], c!])) };
}

const REPORT_FIELD: Record<string, string> = {
  acquisition: "acquisition_epoch_day",
  cost: "acquisition_cost",
  key: "is_key_account",
  churn: "churn_epoch_day",
  referred: "referred_by",
};

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
      customers: { type: "string" },
      period: { type: "string" },
      "lapse-days": { type: "string" },
      "as-of": { type: "string" },
      top: { type: "string" },
      out: { type: "string" },
      customer: { type: "string" },
      date: { type: "string" },
      amount: { type: "string" },
      margin: { type: "string" },
      category: { type: "string" },
      "skip-invalid": { type: "boolean" },
    });
    const [file] = parsed.positionals;
    if (!file) throw new UsageError("missing <file>");
    if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[1])}`);
    const period = stringOption(parsed, "period") ?? "month";
    if (period !== "month" && period !== "quarter") throw new UsageError(`invalid --period: ${JSON.stringify(period)} (month or quarter)`);
    const lapseDays = numberOption(parsed, "lapse-days", 180)!;
    if (!Number.isInteger(lapseDays) || lapseDays < 1) throw new UsageError(`invalid --lapse-days: ${lapseDays} (a positive whole number of days)`);
    const limit = numberOption(parsed, "top", 10)!;
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`invalid --top: ${limit} (a positive whole number)`);
    const asOfText = stringOption(parsed, "as-of");
    const asOfEpochDay = asOfText === undefined ? undefined : parseIsoDay(asOfText);
    const out = stringOption(parsed, "out");
    if (out !== undefined && !/\.(json|csv)$/i.test(out)) throw new UsageError(`invalid --out: ${JSON.stringify(out)} (name a .json or .csv file)`);
    const customersFile = stringOption(parsed, "customers");
    if (!existsSync(file)) throw new InputError(`${file}: no such file`);

    const db = await NodeDuckDB.open();
    try {
      const named = { customer: stringOption(parsed, "customer"), date: stringOption(parsed, "date"), amount: stringOption(parsed, "amount"), margin: stringOption(parsed, "margin"), category: stringOption(parsed, "category") };
      const loaded = await loadTransactions(db, file, named, parsed.options["skip-invalid"] === true);
      const customerColumns = customersFile ? await loadCustomers(db, customersFile) : undefined;
      const report = await buildReport(
        db,
        { period: period as ReportPeriod, lapseDays, asOfEpochDay, customersTable: customersFile ? "customers" : undefined },
        { limit },
      );
      const warnings = [...report.warnings];
      if (loaded.dropped > 0) warnings.unshift(`${file}: ${loaded.dropped} rows with a missing id, unparseable date or non-numeric amount were dropped (--skip-invalid)`);
      const problems = reconcileReport(report.periods, report.bridge);
      for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
      for (const problem of problems) io.stderr(`error: figures do not reconcile: ${problem}\n`);
      const meta = {
        file,
        customersFile: customersFile ?? null,
        columns: { transactions: loaded.columns, customers: customerColumns ?? null },
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
