/**
 * `cvw scenario <file>`: customer equity, profit by year and tier counts of a baseline and named
 * what-if scenarios (`--scenario "Churn -5%: churn=-5%"`, repeatable), from a transaction log and an
 * optional customers table. The pipeline is the library's: ingest (`../readInput.ts`), SQL summary
 * of the positive lines up to the last day of the data, BG/NBD or Pareto/NBD + Gamma-Gamma fits, the
 * scenario baseline (`src/scenarios/fromData.ts`) and engine (`src/scenarios/engine.ts`).
 */
import { writeFileSync } from "node:fs";
import { numberOption, parseArgs, stringOption, onePositional } from "../args.js";
import { InputError, UsageError, type CliCommand } from "../command.js";
import { checkInputFile, readTableInput, readTransactionsInput, TRANSACTION_INPUT_SPEC, TRANSACTION_INPUT_USAGE, transactionInputOptions, type TransactionInputOptions } from "../readInput.js";
import { csvField } from "../../data/csvWrite.js";
import { customerSummaryFromSql } from "../../data/customerSummarySql.js";
import { NodeDuckDB } from "../../node/duckdb.js";
import type { TimeUnit } from "../../types.js";
import { fitBgNbd } from "../../models/bgnbd.js";
import { fitParetoNbd } from "../../models/pnbd.js";
import { fitGammaGamma } from "../../models/gammagamma.js";
import { transactionModelFromFit, type TransactionModelFit } from "../../clv/adapters.js";
import type { ScenarioBaseline } from "../../scenarios/baseline.js";
import { runScenario, type ScenarioResult } from "../../scenarios/engine.js";
import { NO_CHANGE, type Scenario } from "../../scenarios/levers.js";
import { leverElasticities, tornado } from "../../scenarios/tornado.js";
import { formatLevers, parseScenario } from "../../scenarios/url.js";
import {
  baselineFromData,
  categoryCountSql,
  customerFactsMap,
  customerFactsSql,
  customerInputsSql,
  type CustomerFactsRow,
  type CustomerInputRow,
} from "../../scenarios/fromData.js";

const usage = `Usage: cvw scenario <transactions> [--customers FILE] [--scenario "NAME: LEVER=VALUE, ..."]... [options]

Values the customer base from the last day of the data: current customers' expected margin (fitted
BG/NBD or Pareto/NBD + Gamma-Gamma), the customers they refer, and yearly cohorts of new customers net
of acquisition cost, over --horizon-years, for the baseline and each scenario, with the differences.

Levers (relative % or points "pt"): churn=-5%  retention=+1%  retention-pt=+2pt  frequency=+10%
  spend=+10%  margin=+2pt  discount=+1pt  acquisition=+20%  acquisition-cost=+20%  cross-sell=+10%
  complaint-churn=-50%  remove-top=1  remove=ID;ID
Options:
  --customers FILE         customers table (customer_id, referrals, complaints, acquisition_cost, referred_by)
  --scenario TEXT          a scenario; repeat for several (name optional: "churn=-5%")
  --model M                bgnbd (default) | pnbd
  --unit U                 model time unit: day | week (default) | month
  --horizon-years N        whole years valued (default 5)
  --discount-rate D        yearly discount rate (default 0.1)
  --margin-rate R          margin ÷ revenue when the data has no margin column (default 0.3)
  --new-customers N        new customers per year (default: first purchases in the last year, not referred)
  --acquisition-cost C     cost per new customer (default: mean acquisition_cost of the customers table, else 0)
  --tornado                add elasticities and the tornado of every lever to the JSON
  --out FILE               write the side-by-side comparison as CSV
  --json                   print everything as JSON
${TRANSACTION_INPUT_USAGE}`;

/** Options of {@link loadScenarioBaseline}. */
export interface ScenarioLoadOptions {
  file: string;
  customersFile?: string;
  model?: "bgnbd" | "pnbd";
  unit?: TimeUnit;
  horizonYears?: number;
  discountRatePerYear?: number;
  marginRate?: number;
  newCustomersPerYear?: number;
  acquisitionCostPerCustomer?: number;
  /** How to read the transaction log (mapping file, named columns, strict); default: inferred, lenient. */
  input?: TransactionInputOptions;
}

/** Ingest a transaction log (and customers table), fit the models and build the scenario baseline. */
export async function loadScenarioBaseline(options: ScenarioLoadOptions): Promise<{ baseline: ScenarioBaseline; warnings: string[]; asOf: string; rowsRejected: number }> {
  const { file } = options;
  checkInputFile(file);
  if (options.customersFile !== undefined) checkInputFile(options.customersFile);
  const warnings: string[] = [];
  const db = await NodeDuckDB.open();
  try {
    const input = await readTransactionsInput(db, file, options.input);
    const ingest = input.ingest;
    const rowsRejected = ingest.report.rowsRejected;
    warnings.push(...input.warnings);
    await db.exec("CREATE OR REPLACE VIEW tx_positive AS SELECT * FROM tx_clean WHERE amount > 0");
    const [{ last }] = await db.query<{ last: number | null }>("SELECT max(epoch_day) AS last FROM tx_positive");
    if (last === null) throw new InputError(`${file}: no purchase with a positive amount`);
    const summary = await customerSummaryFromSql(db, { unit: options.unit ?? "week", calibrationEndEpochDay: Number(last), table: "tx_positive" });
    const hasMargin = ingest.mapping.columns.margin !== undefined;
    const hasCategory = ingest.mapping.columns.category !== undefined;
    const inputs = await db.query<CustomerInputRow>(customerInputsSql({ asOfEpochDay: Number(last), hasMargin, hasCategory }));
    const categoriesTotal = hasCategory ? Number((await db.query<{ categories: number }>(categoryCountSql()))[0].categories) : null;
    let facts;
    if (options.customersFile) {
      const customers = await readTableInput(db, options.customersFile, "customers", { strict: options.input?.strict });
      warnings.push(...customers.warnings);
      // only the mapped columns, so an absent field reads as unknown rather than as empty
      const mapped = customers.ingest.mapping.columns;
      const present = (["referrals", "complaints", "acquisitionCost", "referredBy"] as const).filter((f) => mapped[f] !== undefined);
      const columns = ["customer_id", ...present.map((f) => ({ referrals: "referrals", complaints: "complaints", acquisitionCost: "acquisition_cost", referredBy: "referred_by" })[f])];
      let sql;
      try {
        sql = customerFactsSql(columns, "customers");
      } catch (error) {
        throw new InputError(`${options.customersFile}: ${(error as Error).message}`);
      }
      facts = customerFactsMap(await db.query<CustomerFactsRow>(sql));
    }
    const fit: TransactionModelFit = options.model === "pnbd" ? fitParetoNbd(summary) : fitBgNbd(summary);
    warnings.push(...fit.warnings.map((w) => `${fit.model}: ${w}`));
    const spend = [];
    for (let i = 0; i < summary.n; i++) if (summary.x[i] > 0) spend.push({ customerId: summary.customerIds[i], x: summary.x[i], monetary: summary.monetary[i] });
    if (spend.length === 0) throw new InputError(`${file}: no customer made a repeat purchase; the spend model cannot be fitted`);
    const gg = fitGammaGamma(spend, { qConstraint: true });
    warnings.push(...gg.warnings.map((w) => `gg: ${w}`));
    const baseline = baselineFromData({
      summary,
      model: transactionModelFromFit(fit),
      gammaGamma: gg.params,
      inputs,
      defaultMarginRate: options.marginRate ?? 0.3,
      categoriesTotal,
      facts,
      settings: {
        horizonYears: options.horizonYears ?? 5,
        discountRatePerYear: options.discountRatePerYear ?? 0.1,
        newCustomersPerYear: options.newCustomersPerYear,
        acquisitionCostPerCustomer: options.acquisitionCostPerCustomer,
      },
    });
    warnings.push(...baseline.warnings);
    return { baseline, warnings, asOf: new Date(Number(last) * 86_400_000).toISOString().slice(0, 10), rowsRejected };
  } finally {
    db.close();
  }
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** One scenario's figures as plain JSON (money rounded to cents). */
function resultJson(name: string, r: ScenarioResult, base: ScenarioResult) {
  return {
    name,
    levers: formatLevers(r.levers),
    equity: round(r.equity),
    equityChange: round(r.equity - base.equity),
    equityChangePct: base.equity !== 0 ? round(((r.equity - base.equity) / Math.abs(base.equity)) * 100, 3) : null,
    currentValue: round(r.currentValue),
    referralValue: round(r.referralValue),
    cohortValue: round(r.cohortValue),
    acquisitionSpend: round(r.acquisitionSpend),
    profitByYear: Array.from(r.profitByYear, (v) => round(v)),
    profitByYearChange: Array.from(r.profitByYear, (v, k) => round(v - base.profitByYear[k])),
    tierCounts: r.tierCounts,
    warnings: r.warnings,
  };
}

export const command: CliCommand = {
  summary: "customer equity of a baseline and what-if scenarios (churn, spend, margin, acquisition, lost clients)",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, {
      ...TRANSACTION_INPUT_SPEC,
      customers: { type: "string" },
      scenario: { type: "string", multiple: true },
      model: { type: "string" },
      unit: { type: "string" },
      "horizon-years": { type: "string" },
      "discount-rate": { type: "string" },
      "margin-rate": { type: "string" },
      "new-customers": { type: "string" },
      "acquisition-cost": { type: "string" },
      tornado: { type: "boolean" },
      out: { type: "string" },
      json: { type: "boolean" },
    });
    const file = onePositional(parsed);
    const model = stringOption(parsed, "model") ?? "bgnbd";
    if (model !== "bgnbd" && model !== "pnbd") throw new UsageError(`invalid --model: ${JSON.stringify(model)} (bgnbd, pnbd)`);
    const unit = stringOption(parsed, "unit") ?? "week";
    if (unit !== "day" && unit !== "week" && unit !== "month") throw new UsageError(`invalid --unit: ${JSON.stringify(unit)} (day, week, month)`);
    const horizonYears = numberOption(parsed, "horizon-years", 5)!;
    if (!Number.isInteger(horizonYears) || horizonYears < 1 || horizonYears > 200) throw new UsageError(`invalid --horizon-years: ${horizonYears} (a whole number of years, 1..200)`);
    const discountRatePerYear = numberOption(parsed, "discount-rate", 0.1)!;
    if (!(discountRatePerYear >= 0)) throw new UsageError(`invalid --discount-rate: ${discountRatePerYear} (must be ≥ 0)`);
    const marginRate = numberOption(parsed, "margin-rate", 0.3)!;
    if (!(marginRate > -1 && marginRate <= 1)) throw new UsageError(`invalid --margin-rate: ${marginRate} (a share, e.g. 0.3)`);
    const newCustomersPerYear = numberOption(parsed, "new-customers");
    if (newCustomersPerYear !== undefined && !(newCustomersPerYear >= 0)) throw new UsageError(`invalid --new-customers: ${newCustomersPerYear}`);
    const acquisitionCostPerCustomer = numberOption(parsed, "acquisition-cost");
    if (acquisitionCostPerCustomer !== undefined && !(acquisitionCostPerCustomer >= 0)) throw new UsageError(`invalid --acquisition-cost: ${acquisitionCostPerCustomer}`);
    const scenarios: Scenario[] = [];
    for (const [k, text] of ((parsed.options.scenario as string[] | undefined) ?? []).entries()) {
      try {
        scenarios.push(parseScenario(text, `Scenario ${k + 1}`));
      } catch (error) {
        throw new UsageError(`invalid --scenario ${JSON.stringify(text)}: ${(error as Error).message}`);
      }
    }
    const { baseline, warnings, asOf, rowsRejected } = await loadScenarioBaseline({
      file,
      customersFile: stringOption(parsed, "customers"),
      model,
      unit,
      horizonYears,
      discountRatePerYear,
      marginRate,
      newCustomersPerYear,
      acquisitionCostPerCustomer,
      input: transactionInputOptions(parsed),
    });
    const base = runScenario(baseline, NO_CHANGE, { perCustomer: false });
    const results = scenarios.map((s) => ({ name: s.name, result: runScenario(baseline, s.levers, { perCustomer: false }) }));
    for (const r of results) warnings.push(...r.result.warnings.map((w) => `${r.name}: ${w}`));
    const rows = [{ name: "Baseline", result: base }, ...results];
    const out = stringOption(parsed, "out");
    if (out) {
      const H = baseline.settings.horizonYears;
      const header = ["scenario", "levers", "equity", "equity_change", "current_value", "referral_value", "cohort_value", "acquisition_spend", ...Array.from({ length: H }, (_, k) => `profit_year_${k + 1}`), "platinum", "gold", "silver", "bronze", "removed"];
      const lines = [header.join(",")];
      for (const { name, result: r } of rows) {
        lines.push([csvField(name), csvField(formatLevers(r.levers).join(" ")), round(r.equity), round(r.equity - base.equity), round(r.currentValue), round(r.referralValue), round(r.cohortValue), round(r.acquisitionSpend), ...Array.from(r.profitByYear, (v) => round(v)), r.tierCounts.platinum, r.tierCounts.gold, r.tierCounts.silver, r.tierCounts.bronze, r.tierCounts.removed].join(","));
      }
      writeFileSync(out, `${lines.join("\n")}\n`);
    }
    for (const w of [...new Set(warnings)]) io.stderr(`warning: ${w}\n`);
    if (parsed.options.json) {
      const json = {
        file,
        asOf,
        customers: baseline.n,
        rowsRejected,
        valueModel: baseline.description,
        settings: baseline.settings,
        baseline: resultJson("Baseline", base, base),
        scenarios: results.map((r) => resultJson(r.name, r.result, base)),
        elasticities: parsed.options.tornado ? leverElasticities(baseline).map((e) => ({ ...e, elasticity: round(e.elasticity, 4) })) : undefined,
        tornado: parsed.options.tornado ? tornado(baseline).map((b) => ({ ...b, valueLow: round(b.valueLow), valueHigh: round(b.valueHigh), deltaLow: round(b.deltaLow), deltaHigh: round(b.deltaHigh), swing: round(b.swing) })) : undefined,
        warnings: [...new Set(warnings)],
      };
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      const money = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 0 });
      io.stdout(`${file}: ${baseline.n} customers as of ${asOf}\n  value model: ${baseline.description}\n`);
      for (const { name, result: r } of rows) {
        const change = r === base ? "" : `  (${r.equity >= base.equity ? "+" : ""}${money(r.equity - base.equity)})`;
        io.stdout(`  ${name}: equity ${money(r.equity)}${change}; profit by year ${Array.from(r.profitByYear, money).join(" / ")}\n`);
      }
      if (out) io.stdout(`  written to ${out}\n`);
    }
    return 0;
  },
};
