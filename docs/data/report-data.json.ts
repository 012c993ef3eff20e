// Data loader: every figure of the published report (docs/report.md), computed at build time in native
// DuckDB from the files named in the report config (default report.config.json at the repo root: the
// Northwind demo company; CVW_REPORT_CONFIG names another; documented in data/report/README.md).
// Transactions go through the library's ingest pipeline (src/data/ingest.ts), the customers CSV through
// createReportCustomers, then buildReport runs quarterly and monthly (src/reports/). Fails loudly on a
// bad config, an unreadable file or an empty result. Output: one JSON document on stdout.
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readSample } from "../../src/cli/commands/validate.js";
import { ingestTransactions } from "../../src/data/ingest.js";
import { parseMappingJson } from "../../src/data/mapping.js";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import { buildReport, createReportClv, createReportCustomers, reconcileReport, REPORT_DEFINITIONS } from "../../src/reports/index.js";
import type { ReportPeriod } from "../../src/reports/options.js";
import { civilFromEpochDay, epochDayFromCivil } from "../../src/reports/periods.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const configPath = resolve(process.env.CVW_REPORT_CONFIG ?? resolve(root, "report.config.json"));
const shown = (path: string) => relative(root, path) || path;

interface ReportConfig {
  title: string;
  source: string | null;
  transactions: string;
  mapping: string | null;
  customers: string | null;
  period: ReportPeriod;
  lapseDays: number;
  asOf: string | null;
  top: number;
  clv: boolean;
  currency: string;
}

function fail(message: string): never {
  throw new Error(`${shown(configPath)}: ${message}`);
}

function readConfig(): ReportConfig {
  if (!existsSync(configPath)) fail("no such file (set CVW_REPORT_CONFIG or create report.config.json, see data/report/README.md)");
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(configPath, "utf8"));
  } catch (error) {
    fail(`not valid JSON (${(error as Error).message})`);
  }
  const known = ["title", "source", "transactions", "mapping", "customers", "period", "lapseDays", "asOf", "top", "clv", "currency"];
  for (const key of Object.keys(raw)) if (!known.includes(key)) fail(`unknown key ${JSON.stringify(key)} (known: ${known.join(", ")})`);
  const file = (key: string, required: boolean): string | null => {
    const value = raw[key];
    if (value === undefined || value === null || value === "") {
      if (required) fail(`missing ${JSON.stringify(key)}: the transactions file to report on`);
      return null;
    }
    if (typeof value !== "string") fail(`invalid ${key}: ${JSON.stringify(value)} (a file path)`);
    const path = resolve(dirname(configPath), value);
    if (!existsSync(path)) fail(`${key}: ${shown(path)}: no such file`);
    return path;
  };
  const period = raw.period ?? "quarter";
  if (period !== "month" && period !== "quarter") fail(`invalid period: ${JSON.stringify(period)} (month or quarter)`);
  const lapseDays = raw.lapseDays ?? 180;
  if (!Number.isInteger(lapseDays) || (lapseDays as number) < 1) fail(`invalid lapseDays: ${JSON.stringify(lapseDays)} (a positive whole number of days)`);
  const top = raw.top ?? 10;
  if (!Number.isInteger(top) || (top as number) < 1) fail(`invalid top: ${JSON.stringify(top)} (a positive whole number)`);
  const asOf = raw.asOf ?? null;
  if (asOf !== null && (typeof asOf !== "string" || parseIsoDay(asOf) === null)) fail(`invalid asOf: ${JSON.stringify(asOf)} (YYYY-MM-DD or null)`);
  const clv = raw.clv ?? true;
  if (typeof clv !== "boolean") fail(`invalid clv: ${JSON.stringify(clv)} (true or false)`);
  const text = (key: string, fallback: string | null) => {
    const value = raw[key] ?? fallback;
    if (value !== null && typeof value !== "string") fail(`invalid ${key}: ${JSON.stringify(value)} (text)`);
    return value as string | null;
  };
  return {
    title: text("title", "Customer report")!,
    source: text("source", null),
    transactions: file("transactions", true)!,
    mapping: file("mapping", false),
    customers: file("customers", false),
    period: period as ReportPeriod,
    lapseDays: lapseDays as number,
    asOf: asOf as string | null,
    top: top as number,
    clv: clv as boolean,
    currency: text("currency", "")!,
  };
}

function parseIsoDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = epochDayFromCivil(y, m, d);
  const back = civilFromEpochDay(day);
  return back.month === m && back.day === d ? day : null;
}

function isoOf(epochDay: number): string {
  const { year, month, day } = civilFromEpochDay(epochDay);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const config = readConfig();
const db = await NodeDuckDB.open();
try {
  const sample = readSample(config.transactions);
  const mapping = config.mapping ? parseMappingJson(readFileSync(config.mapping, "utf8"), shown(config.mapping)) : undefined;
  const ingest = await ingestTransactions(db, { fileName: config.transactions, displayName: shown(config.transactions), sampleText: sample.text, truncated: sample.truncated }, { mapping });
  if (ingest.report.rowsUsed === 0) throw new Error(`${shown(config.transactions)}: no usable transaction rows (${ingest.report.rowsRejected} rejected)`);

  let customers = null;
  if (config.customers) {
    const path = config.customers.replace(/'/g, "''");
    await db.exec(`CREATE OR REPLACE TABLE customers_raw AS SELECT * FROM read_csv('${path}', header = true, all_varchar = true)`);
    const made = await createReportCustomers(db, "customers_raw", "customers", shown(config.customers));
    customers = { file: shown(config.customers), rows: made.rows, columns: made.columns, warnings: made.warnings };
  }

  const asOfEpochDay = config.asOf === null ? undefined : parseIsoDay(config.asOf)!;
  const clvAsOf = asOfEpochDay ?? ingest.report.dateRange!.lastEpochDay;
  let clv: Record<string, unknown> | null = null;
  if (config.clv) {
    try {
      const made = await createReportClv(db, clvAsOf);
      clv = { customers: made.customers, total: made.total, options: made.options, warnings: made.warnings, asOf: isoOf(clvAsOf) };
    } catch (error) {
      clv = { error: (error as Error).message };
    }
  }
  const hasClv = clv !== null && !("error" in clv);

  const reports: Record<string, unknown> = {};
  for (const period of ["quarter", "month"] as const) {
    const options = { period, lapseDays: config.lapseDays, asOfEpochDay, customersTable: customers ? "customers" : undefined, clvTable: hasClv ? "report_clv" : undefined };
    const report = await buildReport(db, options, { limit: config.top, rankBy: "revenue" }, hasClv ? ["clv"] : []);
    if (report.periods.length === 0) throw new Error(`${shown(config.transactions)}: the report has no periods`);
    const { options: used, moversBy, ...tables } = report;
    reports[period] = { ...tables, moversByClv: moversBy?.clv ?? null, reconciliation: reconcileReport(report.periods, report.bridge), transactionFields: used.transactionFields, customerFields: used.customerFields };
  }

  // Names of the customers listed as won / lost, when the customers table has a name column.
  let names: Record<string, string> | null = null;
  const nameColumn = customers ? (await db.query<{ column_name: string }>("DESCRIBE customers_raw")).map((c) => c.column_name).find((c) => /^(name|customer_name|company|company_name)$/i.test(c.trim())) : undefined;
  if (nameColumn) {
    const ids = new Set(Object.values(reports).flatMap((rep) => {
      const t = rep as { movers: { customerId: string }[]; moversByClv: { customerId: string }[] | null };
      return [...t.movers, ...(t.moversByClv ?? [])].map((m) => m.customerId);
    }));
    const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
    const rows = await db.query<{ id: string; name: string }>(`SELECT trim(${q(customers!.columns.customer_id!)}) AS id, any_value(${q(nameColumn)}) AS name FROM customers_raw WHERE ${q(nameColumn)} IS NOT NULL GROUP BY 1`);
    names = Object.fromEntries(rows.filter((row) => ids.has(row.id)).map((row) => [row.id, row.name]));
  }

  const r = ingest.report;
  const result = {
    meta: {
      title: config.title,
      source: config.source ?? `${shown(config.transactions)}${customers ? ` and ${customers.file}` : ""}`,
      config: shown(configPath),
      period: config.period,
      lapseDays: config.lapseDays,
      top: config.top,
      currency: config.currency,
      firstDate: r.dateRange!.first,
      asOf: isoOf(clvAsOf),
      asOfEpochDay: clvAsOf,
      transactions: { file: shown(config.transactions), rowsRead: r.rowsRead, rowsUsed: r.rowsUsed, rowsRejected: r.rowsRejected, rejectedByReason: r.rejectedByReason, customers: r.customers, returns: r.returns, totalAmount: r.totalAmount, warnings: r.warnings, columns: ingest.mapping.columns },
      customers,
      clv,
      names,
    },
    reports,
    definitions: REPORT_DEFINITIONS,
  };
  process.stdout.write(JSON.stringify(result));
} finally {
  db.close();
}
