/**
 * `cvw fit <file>`: summarise a transaction log per customer (in DuckDB) and fit BG/NBD, Pareto/NBD,
 * MBG/NBD and Gamma-Gamma; report parameters, log-likelihoods, standard errors, holdout check and
 * mean P(alive).
 */
import { parseArgs, stringOption, onePositional } from "../args.js";
import { InputError, UsageError, type CliCommand } from "../command.js";
import { parseDayOption } from "../options.js";
import { readTransactionsInput, TRANSACTION_INPUT_SPEC, TRANSACTION_INPUT_USAGE, transactionInputOptions, checkInputFile } from "../readInput.js";
import { customerSummaryFromSql } from "../../data/customerSummarySql.js";
import type { CustomerSummary } from "../../data/summary.js";
import { NodeDuckDB } from "../../node/duckdb.js";
import type { TimeUnit } from "../../types.js";
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive, fitBgNbd } from "../../models/bgnbd.js";
import { fitMbgNbd } from "../../models/mbgnbd.js";
import { fitParetoNbd, pnbdConditionalExpectedPurchases, pnbdProbabilityAlive } from "../../models/pnbd.js";
import { fitGammaGamma } from "../../models/gammagamma.js";
import type { ModelFit } from "../../models/types.js";

const MODELS = ["bgnbd", "pnbd", "mbgnbd", "gg"] as const;
type ModelName = (typeof MODELS)[number];

const usage = `Usage: cvw fit <file> --calibration-end YYYY-MM-DD [--holdout-end YYYY-MM-DD]
               [--mapping m.json] [--customer COL] [--date COL] [--amount COL] [--strict]
               [--unit day|week|month] [--models bgnbd,pnbd,mbgnbd,gg] [--json]

Summarises the transaction log per customer (purchase days = days with a line of amount >= 0, first
purchase excluded, calibration up to and including --calibration-end; returns are left out of the
spend model) and fits the chosen models (default: all four). With --holdout-end, compares the
purchases predicted for (calibration end, holdout end] with the actual ones. The file is read like
\`cvw validate\` reads it (CSV/TSV, Parquet, JSON; columns, date and number formats inferred).
--unit (default week) is the time unit of recency, age and the fitted rates. Warnings go to stderr.

${TRANSACTION_INPUT_USAGE}`;

type ModelReport = { params: Record<string, number>; logLikelihood: number; standardErrors: Record<string, number> | null; converged: boolean };

function report<P extends object>(fit: ModelFit<P>): ModelReport {
  return {
    params: { ...(fit.params as Record<string, number>) },
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors ? { ...(fit.standardErrors as Record<string, number>) } : null,
    converged: fit.diagnostics.converged,
  };
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
      ...TRANSACTION_INPUT_SPEC,
      json: { type: "boolean" },
      "calibration-end": { type: "string" },
      "holdout-end": { type: "string" },
      unit: { type: "string" },
      models: { type: "string" },
    });
    const file = onePositional(parsed);
    const calText = stringOption(parsed, "calibration-end");
    if (!calText) throw new UsageError("missing --calibration-end YYYY-MM-DD");
    const calibrationEndEpochDay = parseDayOption(calText, "calibration-end");
    const holdText = stringOption(parsed, "holdout-end");
    const holdoutEndEpochDay = holdText === undefined ? undefined : parseDayOption(holdText, "holdout-end");
    if (holdoutEndEpochDay !== undefined && holdoutEndEpochDay <= calibrationEndEpochDay) {
      throw new UsageError(`invalid --holdout-end: ${holdText} is not after --calibration-end ${calText}`);
    }
    const unit = (stringOption(parsed, "unit") ?? "week") as TimeUnit;
    if (!["day", "week", "month"].includes(unit)) throw new UsageError(`invalid --unit: ${JSON.stringify(unit)} (day, week or month)`);
    const models = (stringOption(parsed, "models") ?? MODELS.join(",")).split(",").map((m) => m.trim()).filter(Boolean);
    for (const m of models) if (!(MODELS as readonly string[]).includes(m)) throw new UsageError(`invalid --models entry: ${JSON.stringify(m)} (bgnbd, pnbd, mbgnbd, gg)`);
    const wanted = new Set(models as ModelName[]);
    checkInputFile(file);

    const db = await NodeDuckDB.open();
    let summary: CustomerSummary;
    const warnings: string[] = [];
    try {
      const input = await readTransactionsInput(db, file, transactionInputOptions(parsed));
      warnings.push(...input.warnings);
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
