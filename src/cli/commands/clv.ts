/**
 * `cvw clv <file>`: per-customer discounted CLV from a transaction log. Reads and validates the file
 * with the library's ingest pipeline (`src/data/ingest.ts`, the same one as `cvw validate`), summarises
 * it per customer in DuckDB (`src/data/customerSummarySql.ts`), fits BG/NBD or Pareto/NBD and
 * Gamma-Gamma, and writes one CSV row per customer: id, x, t_x, T, p_alive, expected_purchases,
 * expected_spend, clv.
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { numberOption, parseArgs, stringOption } from "../args.js";
import { InputError, UsageError, type CliCommand } from "../command.js";
import { readSample } from "./validate.js";
import { IngestError, ingestTransactions } from "../../data/ingest.js";
import { inferMapping } from "../../data/inferMapping.js";
import type { Mapping } from "../../data/mapping.js";
import { sniffCsv } from "../../data/sniff.js";
import { formatFromFileName, readTypedSql, type SourceFormat } from "../../data/stagingSql.js";
import { customerSummaryFromSql } from "../../data/customerSummarySql.js";
import type { CustomerSummary } from "../../data/summary.js";
import { NodeDuckDB } from "../../node/duckdb.js";
import type { TimeUnit } from "../../types.js";
import { fitBgNbd } from "../../models/bgnbd.js";
import { fitParetoNbd } from "../../models/pnbd.js";
import { fitGammaGamma } from "../../models/gammagamma.js";
import { transactionModelFromFit, type TransactionModelFit } from "../../clv/adapters.js";
import { discountedClv, type DiscountedClvOptions } from "../../clv/discountedClv.js";
import { holdoutValidation } from "../../clv/holdout.js";
import type { MonthConvention, PeriodUnit } from "../../clv/periods.js";

const usage = `Usage: cvw clv <file> --calibration-end YYYY-MM-DD [options]

Fits a purchase model (BG/NBD or Pareto/NBD) and the Gamma-Gamma spend model on the calibration
period and writes each customer's discounted CLV over the horizon as CSV (to --out, or stdout):
  id, x, t_x, T, p_alive, expected_purchases, expected_spend, clv
(x = repeat purchases, t_x = recency and T = age in --unit; expected_purchases undiscounted over the
horizon; expected_spend per purchase; clv = discounted expected spend over the horizon).

Options:
  --customer COL, --date COL, --amount COL   columns (default: inferred from the header and values)
  --calibration-end DATE   last day of the calibration period (required)
  --holdout-end DATE       also compare predicted and actual purchases in (calibration end, DATE]
  --unit U                 time unit of the model: day | week | month (default week)
  --model M                bgnbd | pnbd (default bgnbd)
  --horizon N              horizon length (default 12); "inf" with --method dert
  --horizon-unit U         day | week | month | year (default month)
  --discount-rate D        discount rate per --discount-per (default 0.01)
  --discount-per U         day | week | month | year (default month)
  --compounding C          discrete (divide by 1+D per period, default) | continuous (D is a force of interest)
  --month-convention C     calendar (30.44 days, default) | lifetimes (4.345 weeks / 30 days)
  --method M               periods (default) | dert (Pareto/NBD closed form, infinite horizon)
  --out FILE               write the CSV here instead of stdout
  --json                   print a JSON summary (fits, totals, settings, holdout) to stdout`;

const UNITS: readonly TimeUnit[] = ["day", "week", "month"];
const PERIODS: readonly PeriodUnit[] = ["day", "week", "month", "year"];

function parseDay(text: string, option: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 : NaN;
  if (!m || new Date(day * 86_400_000).toISOString().slice(0, 10) !== text) throw new UsageError(`invalid --${option}: ${JSON.stringify(text)} (expected YYYY-MM-DD)`);
  return day;
}

function choice<T extends string>(value: string | undefined, fallback: T, allowed: readonly T[], option: string): T {
  const v = (value ?? fallback) as T;
  if (!allowed.includes(v)) throw new UsageError(`invalid --${option}: ${JSON.stringify(v)} (${allowed.join(", ")})`);
  return v;
}

/** A mapping with the columns named on the command line, the others inferred; undefined when none is named. */
async function mappingFromFlags(db: NodeDuckDB, file: string, format: SourceFormat, sampleText: string | undefined, flags: Record<"customerId" | "date" | "amount", string | undefined>): Promise<Mapping | undefined> {
  if (!flags.customerId && !flags.date && !flags.amount) return undefined;
  let header: string[];
  let rows: string[][] = [];
  if (format === "csv") {
    const sniff = sniffCsv(sampleText ?? "");
    header = sniff.columns;
    rows = sniff.rows;
  } else {
    header = (await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${readTypedSql(file, format)}`)).map((r) => r.column_name);
  }
  const inferred = inferMapping(header, rows, "transactions").mapping;
  const columns: Mapping["columns"] = {};
  for (const field of ["customerId", "date", "amount"] as const) {
    const column = flags[field] ?? inferred.columns[field];
    if (column !== undefined && !header.includes(column)) {
      const option = field === "customerId" ? "customer" : field;
      throw new InputError(`${file}: column ${JSON.stringify(column)} (--${option}) is not in header [${header.join(", ")}]`);
    }
    if (column !== undefined) columns[field] = column;
  }
  return { ...inferred, columns };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const command: CliCommand = {
  summary: "per-customer discounted CLV (BG/NBD or Pareto/NBD + Gamma-Gamma) to CSV",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, {
      customer: { type: "string" },
      date: { type: "string" },
      amount: { type: "string" },
      "calibration-end": { type: "string" },
      "holdout-end": { type: "string" },
      unit: { type: "string" },
      model: { type: "string" },
      horizon: { type: "string" },
      "horizon-unit": { type: "string" },
      "discount-rate": { type: "string" },
      "discount-per": { type: "string" },
      compounding: { type: "string" },
      "month-convention": { type: "string" },
      method: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
    });
    const [file] = parsed.positionals;
    if (!file) throw new UsageError("missing <file>");
    if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[1])}`);
    const calText = stringOption(parsed, "calibration-end");
    if (!calText) throw new UsageError("missing --calibration-end YYYY-MM-DD");
    const calibrationEndEpochDay = parseDay(calText, "calibration-end");
    const holdText = stringOption(parsed, "holdout-end");
    const holdoutEndEpochDay = holdText === undefined ? undefined : parseDay(holdText, "holdout-end");
    if (holdoutEndEpochDay !== undefined && holdoutEndEpochDay <= calibrationEndEpochDay) throw new UsageError(`invalid --holdout-end: ${holdText} is not after --calibration-end ${calText}`);
    const unit = choice(stringOption(parsed, "unit"), "week", UNITS, "unit");
    const modelName = choice(stringOption(parsed, "model"), "bgnbd", ["bgnbd", "pnbd"] as const, "model");
    const method = choice(stringOption(parsed, "method"), "periods", ["periods", "dert"] as const, "method");
    const horizonText = stringOption(parsed, "horizon");
    let horizon: number;
    if (method === "dert") {
      if (horizonText !== undefined && horizonText !== "inf") throw new UsageError(`invalid --horizon with --method dert: ${JSON.stringify(horizonText)} (dert is over an infinite horizon; omit --horizon or say "inf")`);
      if (modelName !== "pnbd") throw new UsageError(`invalid --method dert with --model ${modelName}: only pnbd has a closed-form DERT`);
      horizon = Infinity;
    } else {
      horizon = numberOption(parsed, "horizon", 12)!;
      if (!(horizon > 0)) throw new UsageError(`invalid --horizon: ${horizon} (must be > 0)`);
    }
    const discountRate = numberOption(parsed, "discount-rate", 0.01)!;
    if (!(discountRate >= 0)) throw new UsageError(`invalid --discount-rate: ${discountRate} (must be ≥ 0)`);
    const clvOptions: DiscountedClvOptions = {
      horizon,
      horizonUnit: choice(stringOption(parsed, "horizon-unit"), "month", PERIODS, "horizon-unit"),
      discountRate,
      discountPer: choice(stringOption(parsed, "discount-per"), "month", PERIODS, "discount-per"),
      compounding: choice(stringOption(parsed, "compounding"), "discrete", ["discrete", "continuous"] as const, "compounding"),
      monthConvention: choice<MonthConvention>(stringOption(parsed, "month-convention"), "calendar", ["calendar", "lifetimes"], "month-convention"),
      method,
    };
    if (!existsSync(file)) throw new InputError(`${file}: no such file`);
    if (statSync(file).isDirectory()) throw new InputError(`${file}: is a directory`);
    const format = formatFromFileName(file);

    const warnings: string[] = [];
    let summary: CustomerSummary;
    let rowsRejected = 0;
    const db = await NodeDuckDB.open();
    try {
      const sample = format === "csv" ? readSample(file) : undefined;
      const mapping = await mappingFromFlags(db, file, format, sample?.text, {
        customerId: stringOption(parsed, "customer"),
        date: stringOption(parsed, "date"),
        amount: stringOption(parsed, "amount"),
      });
      try {
        const ingest = await ingestTransactions(db, { fileName: file, format, sampleText: sample?.text, truncated: sample?.truncated }, { mapping, todayEpochDay: undefined });
        rowsRejected = ingest.report.rowsRejected;
        if (rowsRejected > 0) warnings.push(`${rowsRejected} of ${ingest.report.rowsRead} rows rejected (\`cvw validate ${file}\` lists them by reason)`);
        warnings.push(...ingest.report.warnings);
      } catch (error) {
        if (error instanceof IngestError) throw new InputError(error.message);
        throw error;
      }
      summary = await customerSummaryFromSql(db, { unit, calibrationEndEpochDay, holdoutEndEpochDay });
    } finally {
      db.close();
    }
    if (summary.n === 0) throw new InputError(`${file}: no customer made a first purchase on or before ${calText}`);

    const fit: TransactionModelFit = modelName === "pnbd" ? fitParetoNbd(summary) : fitBgNbd(summary);
    warnings.push(...fit.warnings.map((w) => `${modelName}: ${w}`));
    const spend = [];
    for (let i = 0; i < summary.n; i++) if (summary.x[i] > 0) spend.push({ customerId: summary.customerIds[i], x: summary.x[i], monetary: summary.monetary[i] });
    if (spend.length === 0) throw new InputError(`${file}: no customer made a repeat purchase by ${calText}; the spend model cannot be fitted`);
    let gg;
    try {
      gg = fitGammaGamma(spend, { qConstraint: true });
    } catch (error) {
      throw new InputError(`${file}: ${(error as Error).message}`);
    }
    warnings.push(...gg.warnings.map((w) => `gg: ${w}`));
    const model = transactionModelFromFit(fit);
    let result;
    try {
      result = discountedClv(model, summary, gg.params, clvOptions);
    } catch (error) {
      throw new InputError(`${file}: ${(error as Error).message}`);
    }
    warnings.push(...result.warnings);

    const lines = ["id,x,t_x,T,p_alive,expected_purchases,expected_spend,clv"];
    for (let i = 0; i < summary.n; i++) {
      const x = summary.x[i];
      const tx = summary.tx[i];
      const T = summary.T[i];
      lines.push(
        [
          csvField(summary.customerIds[i]),
          x,
          round(tx, 6),
          round(T, 6),
          round(model.probabilityAlive(x, tx, T), 6),
          round(result.expectedPurchases[i], 6),
          round(result.expectedSpend[i], 4),
          round(result.clv[i], 4),
        ].join(","),
      );
    }
    const csv = `${lines.join("\n")}\n`;
    const out = stringOption(parsed, "out");
    if (out) writeFileSync(out, csv);

    const holdout = summary.xHoldout ? holdoutValidation(model, summary) : null;
    for (const w of [...new Set(warnings)]) io.stderr(`warning: ${w}\n`);
    if (parsed.options.json) {
      const json = {
        file,
        out: out ?? null,
        customers: summary.n,
        rowsRejected,
        unit,
        calibrationEnd: calText,
        model: { name: fit.model, params: fit.params, logLikelihood: fit.logLikelihood, converged: fit.diagnostics.converged },
        spend: { name: "gg", params: gg.params, logLikelihood: gg.logLikelihood, converged: gg.diagnostics.converged },
        settings: { ...clvOptions, horizon: Number.isFinite(horizon) ? horizon : "inf", horizonInModelUnits: Number.isFinite(result.horizonInModelUnits) ? result.horizonInModelUnits : "inf", continuousRatePerModelUnit: result.continuousRatePerModelUnit },
        totalClv: round(result.total, 2),
        meanClv: round(result.total / summary.n, 4),
        holdout: holdout && {
          end: holdText,
          length: holdout.holdoutLength,
          actual: holdout.total.actual,
          predicted: round(holdout.total.predicted, 2),
          bins: holdout.bins.map((b) => ({ frequency: b.label, customers: b.customers, actualMean: b.customers ? round(b.actualMean, 4) : null, predictedMean: b.customers ? round(b.predictedMean, 4) : null })),
        },
        warnings: [...new Set(warnings)],
      };
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    } else if (!out) {
      io.stdout(csv);
    } else {
      const h = Number.isFinite(horizon) ? `${horizon} ${clvOptions.horizonUnit}(s)` : "an infinite horizon (DERT)";
      io.stdout(`${file}: ${summary.n} customers, ${fit.model} + gg, ${h} at ${discountRate} per ${clvOptions.discountPer}\n  total CLV ${result.total.toFixed(2)}, mean ${(result.total / summary.n).toFixed(2)}\n  written to ${out}\n`);
      if (holdout) io.stdout(`  holdout purchases: actual ${holdout.total.actual}, predicted ${holdout.total.predicted.toFixed(1)}\n`);
    }
    return 0;
  },
};
