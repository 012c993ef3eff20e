/**
 * `cvw score <transactions.csv> [--customers c.csv] [--prospects p.csv] [--weights w.json] --out scores.csv`:
 * customer value index, opportunity index, pyramid tier and value × opportunity cell of every
 * customer and prospect (src/value/), written as CSV. Files are read by the shared reader
 * (`../readInput.ts`: the ingest pipeline for the log, `ingestTable` for customers and prospects);
 * rejected rows are left out with a warning, or stop the command with `--strict`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs, numberOption, stringOption, onePositional } from "../args.js";
import { InputError, UsageError, type CliCommand } from "../command.js";
import { parseDayOption } from "../options.js";
import { checkInputFile, readTableInput, readTransactionsInput, TRANSACTION_INPUT_SPEC_WITH_EXTRAS, transactionInputOptions } from "../readInput.js";
import { csvSourceSql } from "../../data/logStats.js";
import { normalizeName } from "../../data/mapping.js";
import { numberSqlUnchecked } from "../../data/numberFormat.js";
import { NodeDuckDB } from "../../node/duckdb.js";
import { quoteIdentifier } from "../../sql/runner.js";
import { CUSTOMER_COLUMN_ALIASES } from "../../value/records.js";
import type { CustomerRecord, ProspectRecord, Transaction } from "../../types.js";
import { customerFeatures } from "../../value/features.js";
import { CELLS, type CellKey } from "../../value/matrix.js";
import { portfolioRows, preparePortfolio, scorePortfolio, type PortfolioOptions } from "../../value/portfolio.js";
import { CVI_COMPONENTS, OI_COMPONENTS, isProfileName, type CviWeights, type OiWeights, type ProfileName } from "../../value/profiles.js";
import type { TierCutoffs } from "../../value/tiers.js";

const usage = `Usage: cvw score <transactions.csv> --out scores.csv [options]

Scores every customer (and prospect) on the customer value index (CVI, 0-100) and the opportunity
index (OI, 0-100), assigns a pyramid tier (platinum/gold/silver/bronze/lead) and a cell of the
3 x 3 value x opportunity matrix with its strategy. Components the data lacks (no margins, no
referrals, ...) are reported as absent and their weight goes to the others.

Options:
  --customers FILE     customers table: customer_id, segment, acquisition_date, acquisition_cost,
                       referrals, complaints, wallet_per_year, is_key_account, churn_date,
                       cost_to_serve_per_year, retention_cost_per_year, future_value (all optional but the id)
  --prospects FILE     prospects table: prospect_id, segment, wallet_per_year, fit (0-1)
  --weights FILE       JSON: {"cvi": "finance" | {"revenue": 2, ...}, "oi": "sales" | {...},
                       "tierCutoffs": {"platinum": 0.05, "gold": 0.2, "silver": 0.5},
                       "valueCutoffs": [40, 70], "opportunityCutoffs": [40, 70], "resourceShares": {...}}
                       (a flat object of CVI component weights is accepted too)
  --profile NAME       weight profile for both indices: balanced (default), sales, finance, service
  --as-of DATE         scoring date YYYY-MM-DD (default: last date in the log)
  --window-days N      trailing window for revenue and margin, days (default 365)
  --clv FILE           per-customer CLV (id, clv columns; e.g. the output of \`cvw clv\`): the OI's
                       predicted future value and the basis of --tier-basis clv (overrides future_value)
  --tier-basis B       cvi (default) or clv (needs --clv or future_value in --customers)
  --mapping FILE       column mapping JSON of the log (\`cvw validate --save-mapping\` or the Data page)
  --customer COL, --date COL, --amount COL, --margin COL, --category COL   name the log's columns
  --strict             stop at the first rejected row or unparseable value (default: leave out, warn)
  --out FILE           output CSV (required)
  --json               print the summary as JSON`;

/** The used rows of `tx_clean`, in file order, as transactions (margin and category when mapped). */
async function readTransactions(db: NodeDuckDB): Promise<Transaction[]> {
  const rows = await db.query<{ customer_id: string; epoch_day: number; amount: number; margin: number | null; category: string | null }>(
    "SELECT customer_id, epoch_day, amount, margin, category FROM tx_clean ORDER BY row_number",
  );
  return rows.map((r) => ({ customerId: r.customer_id, epochDay: Number(r.epoch_day), amount: r.amount, margin: r.margin, category: r.category }));
}

interface CustomerTable {
  customers: CustomerRecord[];
  futureValue: Map<string, number>;
  retentionCost: Map<string, number>;
}

/** The first raw column whose normalised name is one of `aliases`. */
function aliasColumn(header: readonly string[], aliases: readonly string[]): string | undefined {
  const normalized = header.map(normalizeName);
  for (const alias of aliases) {
    const i = normalized.indexOf(alias);
    if (i >= 0) return header[i];
  }
  return undefined;
}

/**
 * The customers table through the shared reader (`ingestTable`), plus the two columns score uses that
 * are not customer fields: future value / CLV and yearly retention cost (read from the raw staging,
 * with the table's number format; an unparseable value is an error naming row, column and value).
 */
async function readCustomers(db: NodeDuckDB, file: string, strict: boolean, warnings: string[]): Promise<CustomerTable> {
  const input = await readTableInput(db, file, "customers", { strict, keepRaw: true });
  warnings.push(...input.warnings);
  const { columns, mapping } = input.ingest;
  const future = aliasColumn(columns, CUSTOMER_COLUMN_ALIASES.future);
  const retention = aliasColumn(columns, CUSTOMER_COLUMN_ALIASES.retention);
  const format = { decimal: mapping.decimal ?? ".", thousands: mapping.thousands ?? "" } as const;
  const extra = (column: string | undefined, name: string) => {
    if (column === undefined) return `NULL::VARCHAR AS ${name}_raw, NULL::DOUBLE AS ${name}`;
    const c = `r.${quoteIdentifier(column)}`;
    const v = numberSqlUnchecked(c, format);
    return `nullif(trim(${c}), '') AS ${name}_raw, CASE WHEN isfinite(${v}) THEN ${v} END AS ${name}`;
  };
  const rows = await db.query<{
    row_number: number; customer_id: string; segment: string | null; acquisition_epoch_day: number | null; acquisition_cost: number | null; referrals: number | null;
    complaints: number | null; wallet_per_year: number | null; is_key_account: boolean | null; churn_epoch_day: number | null; cost_to_serve_per_year: number | null;
    future_raw: string | null; future: number | null; retention_raw: string | null; retention: number | null;
  }>(`SELECT c.*, ${extra(future, "future")}, ${extra(retention, "retention")}
    FROM customers c JOIN customers_raw r ON r.rowid + 1 = c.row_number ORDER BY c.row_number`);
  await db.exec("DROP TABLE customers_raw");
  const out: CustomerTable = { customers: [], futureValue: new Map(), retentionCost: new Map() };
  const num = (v: number | null) => (v === null ? null : Number(v));
  for (const r of rows) {
    for (const [raw, value, column] of [[r.future_raw, r.future, future], [r.retention_raw, r.retention, retention]] as const) {
      if (raw !== null && value === null) throw new InputError(`${file}: row ${r.row_number} (line ${Number(r.row_number) + 1}): column ${JSON.stringify(column)} value ${JSON.stringify(raw)} is not a number`);
    }
    out.customers.push({
      customerId: r.customer_id,
      segment: r.segment,
      acquisitionEpochDay: num(r.acquisition_epoch_day),
      acquisitionCost: num(r.acquisition_cost),
      referrals: num(r.referrals),
      complaints: num(r.complaints),
      walletPerYear: num(r.wallet_per_year),
      isKeyAccount: r.is_key_account,
      churnEpochDay: num(r.churn_epoch_day),
      costToServePerYear: num(r.cost_to_serve_per_year),
    });
    if (r.future !== null) out.futureValue.set(r.customer_id, r.future);
    if (r.retention !== null) out.retentionCost.set(r.customer_id, r.retention);
  }
  return out;
}

/** Read a CLV table (e.g. the output of `cvw clv`): id column and a clv / future_value column. */
async function readClv(db: NodeDuckDB, file: string): Promise<Map<string, number>> {
  checkInputFile(file);
  const source = csvSourceSql(file);
  const header = (await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`)).map((r) => r.column_name);
  const id = aliasColumn(header, ["id", "customer_id", "customerid", "customer"]);
  const clv = aliasColumn(header, ["clv", "future_value", "predicted_clv"]);
  if (id === undefined || clv === undefined) throw new InputError(`${file}: needs an id column and a clv column, header is [${header.join(", ")}]`);
  const rows = await db.query<{ line: number; id: string | null; raw: string | null; clv: number | null }>(
    `SELECT row_number() OVER () + 1 AS line, nullif(trim(${quoteIdentifier(id)}), '') AS id, nullif(trim(${quoteIdentifier(clv)}), '') AS raw, try_cast(nullif(trim(${quoteIdentifier(clv)}), '') AS DOUBLE) AS clv FROM ${source}`,
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.raw !== null && (r.clv === null || !Number.isFinite(r.clv))) throw new InputError(`${file}: line ${r.line}: column ${clv}: non-numeric value ${JSON.stringify(r.raw)}`);
    if (r.id !== null && r.clv !== null) out.set(r.id, r.clv);
  }
  return out;
}

async function readProspects(db: NodeDuckDB, file: string, strict: boolean, warnings: string[]): Promise<ProspectRecord[]> {
  const input = await readTableInput(db, file, "prospects", { strict });
  warnings.push(...input.warnings);
  const rows = await db.query<{ row_number: number; prospect_id: string; segment: string | null; wallet_per_year: number | null; fit: number | null }>(
    "SELECT row_number, prospect_id, segment, wallet_per_year, fit FROM prospects ORDER BY row_number",
  );
  return rows.map((r) => {
    if (r.fit !== null && (r.fit < 0 || r.fit > 1)) throw new InputError(`${file}: row ${r.row_number} (line ${Number(r.row_number) + 1}): column ${JSON.stringify(input.ingest.mapping.columns.fit)}: fit ${r.fit} is outside 0..1`);
    return { prospectId: r.prospect_id, segment: r.segment, walletPerYear: r.wallet_per_year, fit: r.fit };
  });
}

/** Read the weights file into portfolio options (profile names or custom weights). */
function readWeights(file: string, profile: ProfileName): PortfolioOptions {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`${file}: invalid JSON (${(error as Error).message})`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new InputError(`${file}: expected a JSON object`);
  const o = json as Record<string, unknown>;
  const flat = Object.keys(o).length > 0 && Object.keys(o).every((k) => (CVI_COMPONENTS as readonly string[]).includes(k));
  const weightsOf = (value: unknown, keys: readonly string[], name: string): ProfileName | Record<string, number> | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === "string") {
      if (!isProfileName(value)) throw new InputError(`${file}: ${name}: unknown profile ${JSON.stringify(value)} (expected balanced, sales, finance, service)`);
      return value;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new InputError(`${file}: ${name}: expected a profile name or an object of weights`);
    for (const [k, v] of Object.entries(value)) {
      if (!keys.includes(k)) throw new InputError(`${file}: ${name}: unknown component ${JSON.stringify(k)} (expected ${keys.join(", ")})`);
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new InputError(`${file}: ${name}.${k}: invalid weight ${JSON.stringify(v)}`);
    }
    return value as Record<string, number>;
  };
  const known = new Set(["cvi", "oi", "tierCutoffs", "valueCutoffs", "opportunityCutoffs", "resourceShares", "strategies"]);
  if (!flat) for (const k of Object.keys(o)) if (!known.has(k)) throw new InputError(`${file}: unknown key ${JSON.stringify(k)} (expected ${[...known].join(", ")} or CVI component weights)`);
  const pair = (v: unknown, name: string): [number, number] | undefined => {
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === "number")) throw new InputError(`${file}: ${name}: expected two numbers, got ${JSON.stringify(v)}`);
    return [v[0], v[1]];
  };
  return {
    cviWeights: (flat ? weightsOf(o, CVI_COMPONENTS, "weights") : weightsOf(o.cvi, CVI_COMPONENTS, "cvi")) as ProfileName | CviWeights | undefined ?? profile,
    oiWeights: (flat ? undefined : weightsOf(o.oi, OI_COMPONENTS, "oi")) as ProfileName | OiWeights | undefined ?? profile,
    tierCutoffs: flat ? undefined : (o.tierCutoffs as TierCutoffs | undefined),
    matrix: flat ? undefined : {
      valueCutoffs: pair(o.valueCutoffs, "valueCutoffs"),
      opportunityCutoffs: pair(o.opportunityCutoffs, "opportunityCutoffs"),
      resourceShares: o.resourceShares as Record<CellKey, number> | undefined,
      strategies: o.strategies as Partial<Record<CellKey, string>> | undefined,
    },
  };
}

function csvField(value: string | number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value))) return "";
  if (typeof value === "number") return value.toFixed(decimals);
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const command: CliCommand = {
  summary: "value index, opportunity index, tier and portfolio cell per customer and prospect",
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, {
      ...TRANSACTION_INPUT_SPEC_WITH_EXTRAS,
      customers: { type: "string" },
      prospects: { type: "string" },
      clv: { type: "string" },
      weights: { type: "string" },
      profile: { type: "string" },
      "as-of": { type: "string" },
      "window-days": { type: "string" },
      "tier-basis": { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
    });
    const file = onePositional(parsed, "<transactions.csv>");
    const out = stringOption(parsed, "out");
    if (!out) throw new UsageError("missing --out FILE");
    const profileName = stringOption(parsed, "profile") ?? "balanced";
    if (!isProfileName(profileName)) throw new UsageError(`invalid --profile: ${JSON.stringify(profileName)} (expected balanced, sales, finance, service)`);
    const tierBasis = stringOption(parsed, "tier-basis") ?? "cvi";
    if (tierBasis !== "cvi" && tierBasis !== "clv") throw new UsageError(`invalid --tier-basis: ${JSON.stringify(tierBasis)} (expected cvi or clv)`);
    const windowDays = numberOption(parsed, "window-days", 365)!;
    if (!(Number.isInteger(windowDays) && windowDays >= 1)) throw new UsageError(`invalid --window-days: ${windowDays}`);
    const asOfText = stringOption(parsed, "as-of");
    const asOfOption = asOfText === undefined ? undefined : parseDayOption(asOfText, "as-of");
    checkInputFile(file);
    const options: PortfolioOptions = parsed.options.weights ? readWeights(stringOption(parsed, "weights")!, profileName) : { cviWeights: profileName, oiWeights: profileName };
    options.tierBasis = tierBasis;

    const db = await NodeDuckDB.open();
    let transactions: Transaction[];
    let customers: CustomerTable = { customers: [], futureValue: new Map(), retentionCost: new Map() };
    let prospects: ProspectRecord[] = [];
    const readWarnings: string[] = [];
    try {
      const input = transactionInputOptions(parsed);
      readWarnings.push(...(await readTransactionsInput(db, file, input)).warnings);
      transactions = await readTransactions(db);
      const customersFile = stringOption(parsed, "customers");
      if (customersFile) customers = await readCustomers(db, customersFile, input.strict === true, readWarnings);
      const prospectsFile = stringOption(parsed, "prospects");
      if (prospectsFile) prospects = await readProspects(db, prospectsFile, input.strict === true, readWarnings);
      const clvFile = stringOption(parsed, "clv");
      if (clvFile) for (const [id, value] of await readClv(db, clvFile)) customers.futureValue.set(id, value);
    } finally {
      db.close();
    }
    for (const w of readWarnings) io.stderr(`warning: ${w}\n`);
    if (transactions.length === 0) throw new InputError(`${file}: no transactions`);
    const asOfEpochDay = asOfOption ?? transactions.reduce((m, t) => Math.max(m, t.epochDay), -Infinity);
    if (tierBasis === "clv" && customers.futureValue.size === 0) throw new UsageError("--tier-basis clv needs --clv FILE or a future_value (or clv) column in --customers");

    const features = customerFeatures(transactions, customers.customers, { asOfEpochDay, windowDays });
    const futureValue = customers.futureValue.size ? customers.futureValue : undefined;
    let result;
    let prepared;
    try {
      prepared = preparePortfolio({ features, prospects, futureValue, clv: futureValue, retentionCostPerYear: customers.retentionCost });
      result = scorePortfolio(prepared, options);
    } catch (error) {
      throw new InputError(`${stringOption(parsed, "weights") ?? "scoring"}: ${(error as Error).message}`);
    }

    const cviModel = result.cviScores;
    const header = ["id", "kind", "segment", "cvi", "oi", "tier", "value_level", "opportunity_level", "strategy", "revenue_window", "margin_window", "revenue_to_date", "next_category",
      ...CVI_COMPONENTS.map((k) => `cvi_${k}`), ...OI_COMPONENTS.map((k) => `oi_${k}`)];
    const lines = [header.join(",")];
    const nCustomers = features.length;
    // component scores (0-100) from the prepared models; rows are customers, then prospects
    const cviScores = new Map(prepared.cvi.components.map((c) => [c.key, c.scores]));
    const oiScores = new Map(prepared.oi.components.map((c) => [c.key, c.scores]));
    portfolioRows(prepared, result).forEach((row, i) => {
      const f = i < nCustomers ? features[i] : null;
      const [valueLevel, opportunityLevel] = row.cell.split("-");
      lines.push([
        csvField(row.id), row.kind, csvField(row.segment), csvField(row.cvi), csvField(row.oi), row.tier, valueLevel, opportunityLevel, csvField(row.strategy),
        csvField(f?.revenueInWindow), csvField(f?.marginInWindow), csvField(f?.revenueToDate), csvField(prepared.oi.rows[i].nextCategory),
        ...CVI_COMPONENTS.map((k) => csvField(i < nCustomers ? cviScores.get(k)![i] : null)),
        ...OI_COMPONENTS.map((k) => csvField(oiScores.get(k)![i])),
      ].join(","));
    });
    writeFileSync(out, lines.join("\n") + "\n");

    const summary = {
      file, out, asOf: new Date(asOfEpochDay * 86_400_000).toISOString().slice(0, 10), windowDays,
      customers: nCustomers, prospects: prospects.length, transactions: transactions.length,
      cviWeights: cviModel.weights, cviAbsent: cviModel.absent, oiWeights: result.oiScores.weights, oiAbsent: result.oiScores.absent,
      tierBasis,
      tiers: result.tiers.map((t) => ({ tier: t.tier, count: t.count, revenueShare: t.revenueShare })),
      matrix: result.matrix.cells.map((c) => ({ cell: c.key, strategy: c.strategy, customers: c.customers, prospects: c.prospects, resourceShare: c.resourceShare })),
      warnings: result.warnings,
    };
    if (parsed.options.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      const pct = (x: number | null) => (x === null ? "" : `${(100 * x).toFixed(1)} %`);
      const text = [
        `${file} as of ${summary.asOf}: ${nCustomers} customers, ${prospects.length} prospects → ${out}`,
        `  CVI weights: ${Object.entries(cviModel.weights).filter(([, w]) => (w as number) > 0).map(([k, w]) => `${k} ${(w as number).toFixed(3)}`).join(", ")}${cviModel.absent.length ? ` (absent: ${cviModel.absent.join(", ")})` : ""}`,
        `  OI weights:  ${Object.entries(result.oiScores.weights).filter(([, w]) => (w as number) > 0).map(([k, w]) => `${k} ${(w as number).toFixed(3)}`).join(", ")}${result.oiScores.absent.length ? ` (absent: ${result.oiScores.absent.join(", ")})` : ""}`,
        `  tiers (by ${tierBasis}): ${result.tiers.map((t) => `${t.tier} ${t.count}${t.revenueShare === null || t.tier === "lead" ? "" : ` (${pct(t.revenueShare)} of revenue)`}`).join(", ")}`,
        `  matrix: ${CELLS.map((k) => { const c = result.matrix.cells.find((x) => x.key === k)!; return `${k} ${c.count}`; }).join(", ")}`,
        ...result.warnings.map((w) => `  warning: ${w}`),
      ];
      io.stdout(`${text.join("\n")}\n`);
    }
    return 0;
  },
};
