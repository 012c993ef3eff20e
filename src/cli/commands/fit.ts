/**
 * `cvw fit <file>`: summarise a transaction log per customer (in DuckDB) and fit BG/NBD, Pareto/NBD,
 * MBG/NBD and Gamma-Gamma; report parameters, log-likelihoods, standard errors, holdout check and
 * mean P(alive).
 */
import { existsSync } from "node:fs";
import { parseArgs, stringOption } from "../args.js";
import { InputError, UsageError, type CliCommand } from "../command.js";
import { csvSourceSql, guessTransactionColumns, isoOrCompactDateSql } from "../../data/logStats.js";
import { customerSummaryFromSql } from "../../data/customerSummarySql.js";
import type { CustomerSummary } from "../../data/summary.js";
import { quoteIdentifier } from "../../sql/runner.js";
import { NodeDuckDB } from "../../node/duckdb.js";
import type { TimeUnit } from "../../types.js";
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive, fitBgNbd } from "../../models/bgnbd.js";
import { fitMbgNbd } from "../../models/mbgnbd.js";
import { fitParetoNbd, pnbdConditionalExpectedPurchases, pnbdProbabilityAlive } from "../../models/pnbd.js";
import { fitGammaGamma } from "../../models/gammagamma.js";
import type { ModelFit } from "../../models/types.js";

const MODELS = ["bgnbd", "pnbd", "mbgnbd", "gg"] as const;
type ModelName = (typeof MODELS)[number];

const usage = `Usage: cvw fit <file.csv> --calibration-end YYYY-MM-DD [--holdout-end YYYY-MM-DD]
               [--customer COL] [--date COL] [--amount COL] [--unit day|week|month]
               [--models bgnbd,pnbd,mbgnbd,gg] [--json]

Summarises the transaction log per customer (same-day purchases merged, first purchase excluded,
calibration up to and including --calibration-end) and fits the chosen models (default: all four).
With --holdout-end, compares the purchases predicted for (calibration end, holdout end] with the
actual ones. Dates in the file may be YYYYMMDD or ISO; the delimiter is detected. Columns are guessed
from the header; name them with --customer, --date, --amount. --unit (default week) is the time unit
of recency, age and the fitted rates. Warnings go to stderr.`;

function parseDay(text: string, option: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const day = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 : NaN;
  if (!m || !Number.isInteger(day) || new Date(day * 86_400_000).toISOString().slice(0, 10) !== text.trim()) {
    throw new UsageError(`invalid --${option}: ${JSON.stringify(text)} is not a date YYYY-MM-DD`);
  }
  return day;
}

type ModelReport = { params: Record<string, number>; logLikelihood: number; standardErrors: Record<string, number> | null; converged: boolean };

function report<P extends object>(fit: ModelFit<P>): ModelReport {
  return {
    params: { ...(fit.params as Record<string, number>) },
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors ? { ...(fit.standardErrors as Record<string, number>) } : null,
    converged: fit.diagnostics.converged,
  };
}

/** Read the file into DuckDB table `tx_clean` (customer_id, epoch_day, amount, row_number); throws on bad rows. */
async function loadTransactions(db: NodeDuckDB, file: string, columns: { customer: string; date: string; amount: string }): Promise<void> {
  const source = csvSourceSql(file);
  const c = quoteIdentifier(columns.customer);
  const a = quoteIdentifier(columns.amount);
  await db.exec(`CREATE TEMP TABLE tx_parsed AS
SELECT row_number() OVER () AS row_number,
  nullif(trim(${c}), '') AS customer_id,
  ${isoOrCompactDateSql(columns.date)} AS day,
  ${quoteIdentifier(columns.date)} AS date_text,
  try_cast(trim(${a}) AS DOUBLE) AS amount,
  ${a} AS amount_text
FROM ${source}`);
  const bad = await db.query<{ row_number: number; customer_id: string | null; day: number | null; date_text: string | null; amount: number | null; amount_text: string | null; bad_rows: number }>(
    `SELECT *, count(*) OVER () AS bad_rows FROM tx_parsed WHERE customer_id IS NULL OR day IS NULL OR amount IS NULL OR NOT isfinite(amount) ORDER BY row_number LIMIT 1`,
  );
  if (bad.length > 0) {
    const row = bad[0];
    const where = `${file}: row ${row.row_number} (line ${row.row_number + 1})`;
    const more = row.bad_rows > 1 ? ` (${row.bad_rows} bad rows in all; \`cvw validate\` lists them)` : "";
    if (row.customer_id === null) throw new InputError(`${where}: column ${JSON.stringify(columns.customer)} is empty${more}`);
    if (row.day === null) throw new InputError(`${where}: column ${JSON.stringify(columns.date)} value ${JSON.stringify(row.date_text)} is not a date (YYYYMMDD or YYYY-MM-DD)${more}`);
    throw new InputError(`${where}: column ${JSON.stringify(columns.amount)} value ${JSON.stringify(row.amount_text)} is not a number${more}`);
  }
  await db.exec(`CREATE TEMP TABLE tx_clean AS
SELECT customer_id, (day - DATE '1970-01-01')::INTEGER AS epoch_day, amount, row_number FROM tx_parsed`);
}

function sumOver(summary: CustomerSummary, f: (x: number, tx: number, T: number) => number): number {
  let total = 0;
  for (let i = 0; i < summary.n; i++) total += f(summary.x[i], summary.tx[i], summary.T[i]);
  return total;
}

export const command: CliCommand = {
  summary: "fit BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma to a transaction log",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, {
      json: { type: "boolean" },
      customer: { type: "string" },
      date: { type: "string" },
      amount: { type: "string" },
      "calibration-end": { type: "string" },
      "holdout-end": { type: "string" },
      unit: { type: "string" },
      models: { type: "string" },
    });
    const [file] = parsed.positionals;
    if (!file) throw new UsageError("missing <file>");
    if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[1])}`);
    const calText = stringOption(parsed, "calibration-end");
    if (!calText) throw new UsageError("missing --calibration-end YYYY-MM-DD");
    const calibrationEndEpochDay = parseDay(calText, "calibration-end");
    const holdText = stringOption(parsed, "holdout-end");
    const holdoutEndEpochDay = holdText === undefined ? undefined : parseDay(holdText, "holdout-end");
    if (holdoutEndEpochDay !== undefined && holdoutEndEpochDay <= calibrationEndEpochDay) {
      throw new UsageError(`invalid --holdout-end: ${holdText} is not after --calibration-end ${calText}`);
    }
    const unit = (stringOption(parsed, "unit") ?? "week") as TimeUnit;
    if (!["day", "week", "month"].includes(unit)) throw new UsageError(`invalid --unit: ${JSON.stringify(unit)} (day, week or month)`);
    const models = (stringOption(parsed, "models") ?? MODELS.join(",")).split(",").map((m) => m.trim()).filter(Boolean);
    for (const m of models) if (!(MODELS as readonly string[]).includes(m)) throw new UsageError(`invalid --models entry: ${JSON.stringify(m)} (bgnbd, pnbd, mbgnbd, gg)`);
    const wanted = new Set(models as ModelName[]);
    if (!existsSync(file)) throw new InputError(`${file}: no such file`);

    const db = await NodeDuckDB.open();
    let summary: CustomerSummary;
    try {
      const header = (await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${csvSourceSql(file)}`)).map((row) => row.column_name);
      const guess = guessTransactionColumns(header);
      const columns = {
        customer: stringOption(parsed, "customer") ?? guess.columns.customer,
        date: stringOption(parsed, "date") ?? guess.columns.date,
        amount: stringOption(parsed, "amount") ?? guess.columns.amount,
      };
      for (const [field, column] of Object.entries(columns)) {
        if (column === undefined) throw new InputError(`${file}: no ${field} column found in header [${header.join(", ")}]; name it with --${field}`);
        if (!header.includes(column)) throw new InputError(`${file}: column ${JSON.stringify(column)} (--${field}) is not in header [${header.join(", ")}]`);
      }
      await loadTransactions(db, file, columns as { customer: string; date: string; amount: string });
      summary = await customerSummaryFromSql(db, { unit, calibrationEndEpochDay, holdoutEndEpochDay });
    } finally {
      db.close();
    }
    if (summary.n === 0) throw new InputError(`${file}: no customer made a first purchase on or before ${calText}`);

    let repeaters = 0;
    let repeatTransactions = 0;
    for (let i = 0; i < summary.n; i++) {
      if (summary.x[i] > 0) repeaters++;
      repeatTransactions += summary.x[i];
    }
    const warnings: string[] = [];
    const result: {
      summary: { customers: number; repeaters: number; repeatTransactions: number };
      models: Partial<Record<ModelName, ModelReport>>;
      holdout: { actualPurchases: number; predicted: { bgnbd?: number; pnbd?: number } } | null;
      meanPAlive: { bgnbd?: number; pnbd?: number };
    } = { summary: { customers: summary.n, repeaters, repeatTransactions }, models: {}, holdout: null, meanPAlive: {} };

    const fitOne = <P extends object>(name: ModelName, fit: () => ModelFit<P>): ModelFit<P> | undefined => {
      if (!wanted.has(name)) return undefined;
      const f = fit();
      result.models[name] = report(f);
      for (const w of f.warnings) warnings.push(`${name}: ${w}`);
      return f;
    };
    const bg = fitOne("bgnbd", () => fitBgNbd(summary));
    const pn = fitOne("pnbd", () => fitParetoNbd(summary));
    fitOne("mbgnbd", () => fitMbgNbd(summary));
    if (wanted.has("gg")) {
      const spend = [];
      for (let i = 0; i < summary.n; i++) if (summary.x[i] > 0) spend.push({ customerId: summary.customerIds[i], x: summary.x[i], monetary: summary.monetary[i] });
      if (spend.length === 0) warnings.push("gg: no repeat purchases, Gamma-Gamma not fitted");
      else fitOne("gg", () => fitGammaGamma(spend));
    }

    if (bg) result.meanPAlive.bgnbd = sumOver(summary, (x, tx, T) => bgnbdProbabilityAlive(bg.params, x, tx, T)) / summary.n;
    if (pn) result.meanPAlive.pnbd = sumOver(summary, (x, tx, T) => pnbdProbabilityAlive(pn.params, x, tx, T)) / summary.n;
    if (summary.xHoldout && summary.holdoutLength !== null) {
      const t = summary.holdoutLength;
      let actual = 0;
      for (let i = 0; i < summary.n; i++) actual += summary.xHoldout[i];
      const predicted: { bgnbd?: number; pnbd?: number } = {};
      if (bg) predicted.bgnbd = sumOver(summary, (x, tx, T) => bgnbdConditionalExpectedPurchases(bg.params, t, x, tx, T));
      if (pn) predicted.pnbd = sumOver(summary, (x, tx, T) => pnbdConditionalExpectedPurchases(pn.params, t, x, tx, T));
      result.holdout = { actualPurchases: actual, predicted };
    }

    for (const w of [...new Set(warnings)]) io.stderr(`warning: ${w}\n`);
    if (parsed.options.json) {
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `${file} (unit: ${unit}, calibration to ${calText}${holdText ? `, holdout to ${holdText}` : ""})`,
      `  customers ${result.summary.customers}, repeaters ${repeaters}, repeat transactions ${repeatTransactions}`,
      "",
    ];
    for (const [name, m] of Object.entries(result.models)) {
      const params = Object.entries(m.params).map(([k, v]) => `${k} ${v.toFixed(4)}${m.standardErrors ? ` (±${m.standardErrors[k].toFixed(4)})` : ""}`);
      lines.push(`  ${name.padEnd(7)} ${params.join(", ")}; LL ${m.logLikelihood.toFixed(4)}${m.converged ? "" : " (did not converge)"}`);
    }
    if (result.holdout) {
      const p = result.holdout.predicted;
      lines.push("", `  holdout purchases: actual ${result.holdout.actualPurchases}${p.bgnbd !== undefined ? `, BG/NBD ${p.bgnbd.toFixed(1)}` : ""}${p.pnbd !== undefined ? `, Pareto/NBD ${p.pnbd.toFixed(1)}` : ""}`);
    }
    const a = result.meanPAlive;
    if (a.bgnbd !== undefined || a.pnbd !== undefined) {
      lines.push(`  mean P(alive):${a.bgnbd !== undefined ? ` BG/NBD ${a.bgnbd.toFixed(4)}` : ""}${a.pnbd !== undefined ? ` Pareto/NBD ${a.pnbd.toFixed(4)}` : ""}`);
    }
    io.stdout(`${lines.join("\n")}\n`);
    return 0;
  },
};
