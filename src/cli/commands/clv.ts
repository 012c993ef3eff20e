/**
 * `cvw clv <file>`: per-customer discounted CLV from a transaction log. Reads and validates the file
 * with the library's ingest pipeline (`src/data/ingest.ts`, the same one as `cvw validate`), summarises
 * it per customer in DuckDB (`src/data/customerSummarySql.ts`), fits BG/NBD or Pareto/NBD and
 * Gamma-Gamma, and writes one CSV row per customer: id, x, t_x, T, p_alive, expected_purchases,
 * expected_spend, clv.
 */
import { writeFileSync } from "node:fs";
import { numberOption, parseArgs, stringOption, onePositional } from "../args.js";
import { InputError, UsageError, type CliCommand } from "../command.js";
import { choiceOption as choice, parseDayOption as parseDay } from "../options.js";
import { checkInputFile, readTransactionsInput, TRANSACTION_INPUT_SPEC, transactionInputOptions } from "../readInput.js";
import { csvField } from "../../data/csvWrite.js";
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
  --mapping FILE           column mapping JSON (\`cvw validate --save-mapping\` or the Data page)
  --customer COL, --date COL, --amount COL   columns (default: the mapping, else inferred from the header and values)
  --strict                 stop at the first rejected row (default: leave rejected rows out, with a warning)
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

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const command: CliCommand = {
  summary: "per-customer discounted CLV (BG/NBD or Pareto/NBD + Gamma-Gamma) to CSV",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, {
      ...TRANSACTION_INPUT_SPEC,
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
    const file = onePositional(parsed);
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
    checkInputFile(file);

    const warnings: string[] = [];
    let summary: CustomerSummary;
    let rowsRejected = 0;
    const db = await NodeDuckDB.open();
    try {
      const input = await readTransactionsInput(db, file, transactionInputOptions(parsed));
      rowsRejected = input.ingest.report.rowsRejected;
      warnings.push(...input.warnings);
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
