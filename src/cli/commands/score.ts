/**
 * `cvw score <transactions.csv> [--customers c.csv] [--prospects p.csv] [--weights w.json] --out scores.csv`:
 * customer value index, opportunity index, pyramid tier and value × opportunity cell of every
 * customer and prospect (src/value/), written as CSV. Files are read with DuckDB (all columns as
 * text; our parsing decides), so the first bad value is reported with its file, line and column.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs, numberOption, stringOption } from "../args.js";
import { InputError, UsageError, type CliCommand } from "../command.js";
import { csvSourceSql, guessTransactionColumns, isoOrCompactDateSql } from "../../data/logStats.js";
import { NodeDuckDB } from "../../node/duckdb.js";
import { quoteIdentifier } from "../../sql/runner.js";
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
  --customer COL, --date COL, --amount COL, --margin COL, --category COL   name the log's columns
  --out FILE           output CSV (required)
  --json               print the summary as JSON`;

const MARGIN_NAMES = ["margin", "gross_margin", "profit", "contribution"];
const CATEGORY_NAMES = ["category", "product_category", "category_name", "product"];

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s.-]+/g, "_");
}

function pick(header: string[], candidates: string[]): string | undefined {
  const normalized = header.map(normalizeName);
  for (const candidate of candidates) {
    const index = normalized.indexOf(candidate);
    if (index >= 0) return header[index];
  }
  return undefined;
}

function isoToEpochDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / 86_400_000;
  return new Date(ms).toISOString().slice(0, 10) === text.trim() ? day : null;
}

async function headerOf(db: NodeDuckDB, source: string): Promise<string[]> {
  return (await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`)).map((row) => row.column_name);
}

/** Read the transaction log; the first bad row stops with its line, column and value. */
async function readTransactions(db: NodeDuckDB, file: string, names: Record<string, string | undefined>): Promise<Transaction[]> {
  const source = csvSourceSql(file);
  const header = await headerOf(db, source);
  const guess = guessTransactionColumns(header);
  const columns = {
    customer: names.customer ?? guess.columns.customer,
    date: names.date ?? guess.columns.date,
    amount: names.amount ?? guess.columns.amount,
    margin: names.margin ?? pick(header, MARGIN_NAMES),
    category: names.category ?? pick(header, CATEGORY_NAMES),
  };
  for (const field of ["customer", "date", "amount"] as const) {
    const column = columns[field];
    if (column === undefined) throw new InputError(`${file}: no ${field} column found in header [${header.join(", ")}]; name it with --${field}`);
  }
  for (const [field, column] of Object.entries(columns)) {
    if (column !== undefined && !header.includes(column)) throw new InputError(`${file}: column ${JSON.stringify(column)} (--${field}) is not in header [${header.join(", ")}]`);
  }
  const q = (c: string) => quoteIdentifier(c);
  const text = (c: string | undefined) => (c === undefined ? "NULL" : `nullif(trim(${q(c)}), '')`);
  const rows = await db.query<{ line: number; id: string | null; day: number | null; rawDate: string | null; amount: number | null; rawAmount: string | null; margin: number | null; rawMargin: string | null; category: string | null }>(`
    SELECT row_number() OVER () + 1 AS line,
      ${text(columns.customer)} AS id,
      ${isoOrCompactDateSql(columns.date!)} AS day, ${text(columns.date)} AS rawDate,
      try_cast(${text(columns.amount)} AS DOUBLE) AS amount, ${text(columns.amount)} AS rawAmount,
      try_cast(${text(columns.margin)} AS DOUBLE) AS margin, ${text(columns.margin)} AS rawMargin,
      ${text(columns.category)} AS category
    FROM ${source}`);
  return rows.map((r) => {
    if (r.id === null) throw new InputError(`${file}: line ${r.line}: column ${columns.customer}: missing customer id`);
    if (r.day === null) throw new InputError(`${file}: line ${r.line}: column ${columns.date}: unparseable date ${JSON.stringify(r.rawDate ?? "")}`);
    if (r.amount === null || !Number.isFinite(r.amount)) throw new InputError(`${file}: line ${r.line}: column ${columns.amount}: non-numeric amount ${JSON.stringify(r.rawAmount ?? "")}`);
    if (r.rawMargin !== null && r.margin === null) throw new InputError(`${file}: line ${r.line}: column ${columns.margin}: non-numeric margin ${JSON.stringify(r.rawMargin)}`);
    return { customerId: r.id, epochDay: r.day, amount: r.amount, margin: r.margin, category: r.category };
  });
}

type Table = { header: string[]; rows: Record<string, string | null>[] };

async function readTable(db: NodeDuckDB, file: string): Promise<Table> {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  const source = csvSourceSql(file);
  const header = await headerOf(db, source);
  const rows = await db.query<Record<string, string | null>>(`SELECT * FROM ${source}`);
  return { header, rows };
}

/** Typed field readers over one table row; errors name file, line (header = line 1) and column. */
function fieldReader(file: string, table: Table, aliases: Record<string, string[]>) {
  const columns: Record<string, string | undefined> = {};
  for (const [field, names] of Object.entries(aliases)) columns[field] = pick(table.header, names);
  return {
    columns,
    text(row: Record<string, string | null>, field: string): string | null {
      const c = columns[field];
      const v = c === undefined ? null : row[c];
      return v === null || v === undefined || v.trim() === "" ? null : v.trim();
    },
    number(row: Record<string, string | null>, line: number, field: string): number | null {
      const v = this.text(row, field);
      if (v === null) return null;
      const x = Number(v);
      if (!Number.isFinite(x)) throw new InputError(`${file}: line ${line}: column ${columns[field]}: non-numeric value ${JSON.stringify(v)}`);
      return x;
    },
    date(row: Record<string, string | null>, line: number, field: string): number | null {
      const v = this.text(row, field);
      if (v === null) return null;
      const day = isoToEpochDay(v.slice(0, 10));
      if (day === null) throw new InputError(`${file}: line ${line}: column ${columns[field]}: unparseable date ${JSON.stringify(v)} (expected YYYY-MM-DD)`);
      return day;
    },
    bool(row: Record<string, string | null>, line: number, field: string): boolean | null {
      const v = this.text(row, field);
      if (v === null) return null;
      const t = v.toLowerCase();
      if (["true", "1", "yes", "y"].includes(t)) return true;
      if (["false", "0", "no", "n"].includes(t)) return false;
      throw new InputError(`${file}: line ${line}: column ${columns[field]}: not a yes/no value ${JSON.stringify(v)}`);
    },
  };
}

interface CustomerTable {
  customers: CustomerRecord[];
  futureValue: Map<string, number>;
  retentionCost: Map<string, number>;
}

async function readCustomers(db: NodeDuckDB, file: string): Promise<CustomerTable> {
  const table = await readTable(db, file);
  const f = fieldReader(file, table, {
    id: ["customer_id", "customerid", "customer", "cust_id", "client_id", "id"],
    segment: ["segment", "industry"],
    acquisition: ["acquisition_date", "acquired", "acquisition_day"],
    acquisitionCost: ["acquisition_cost", "cac"],
    referrals: ["referrals", "referrals_made"],
    complaints: ["complaints"],
    wallet: ["wallet_per_year", "wallet", "estimated_wallet"],
    key: ["is_key_account", "key_account"],
    churn: ["churn_date", "churned_date", "churn"],
    cts: ["cost_to_serve_per_year", "cost_to_serve"],
    retention: ["retention_cost_per_year", "retention_cost"],
    future: ["future_value", "clv", "predicted_clv"],
  });
  if (f.columns.id === undefined) throw new InputError(`${file}: no customer id column in header [${table.header.join(", ")}]`);
  const out: CustomerTable = { customers: [], futureValue: new Map(), retentionCost: new Map() };
  const seen = new Set<string>();
  table.rows.forEach((row, i) => {
    const line = i + 2;
    const id = f.text(row, "id");
    if (id === null) throw new InputError(`${file}: line ${line}: column ${f.columns.id}: missing customer id`);
    if (seen.has(id)) throw new InputError(`${file}: line ${line}: column ${f.columns.id}: duplicate customer id ${JSON.stringify(id)}`);
    seen.add(id);
    out.customers.push({
      customerId: id,
      segment: f.text(row, "segment"),
      acquisitionEpochDay: f.date(row, line, "acquisition"),
      acquisitionCost: f.number(row, line, "acquisitionCost"),
      referrals: f.number(row, line, "referrals"),
      complaints: f.number(row, line, "complaints"),
      walletPerYear: f.number(row, line, "wallet"),
      isKeyAccount: f.bool(row, line, "key"),
      churnEpochDay: f.date(row, line, "churn"),
      costToServePerYear: f.number(row, line, "cts"),
    });
    const future = f.number(row, line, "future");
    if (future !== null) out.futureValue.set(id, future);
    const retention = f.number(row, line, "retention");
    if (retention !== null) out.retentionCost.set(id, retention);
  });
  return out;
}

/** Read a CLV table (e.g. the output of `cvw clv`): id column and a clv / future_value column. */
async function readClv(db: NodeDuckDB, file: string): Promise<Map<string, number>> {
  const table = await readTable(db, file);
  const f = fieldReader(file, table, { id: ["id", "customer_id", "customerid", "customer"], clv: ["clv", "future_value", "predicted_clv"] });
  if (f.columns.id === undefined || f.columns.clv === undefined) throw new InputError(`${file}: needs an id column and a clv column, header is [${table.header.join(", ")}]`);
  const out = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const id = f.text(row, "id");
    const clv = f.number(row, i + 2, "clv");
    if (id !== null && clv !== null) out.set(id, clv);
  });
  return out;
}

async function readProspects(db: NodeDuckDB, file: string): Promise<ProspectRecord[]> {
  const table = await readTable(db, file);
  const f = fieldReader(file, table, {
    id: ["prospect_id", "prospectid", "prospect", "id"],
    segment: ["segment", "industry"],
    wallet: ["wallet_per_year", "wallet", "estimated_wallet"],
    fit: ["fit", "propensity", "fit_score"],
  });
  if (f.columns.id === undefined) throw new InputError(`${file}: no prospect id column in header [${table.header.join(", ")}]`);
  return table.rows.map((row, i) => {
    const line = i + 2;
    const id = f.text(row, "id");
    if (id === null) throw new InputError(`${file}: line ${line}: column ${f.columns.id}: missing prospect id`);
    const fit = f.number(row, line, "fit");
    if (fit !== null && (fit < 0 || fit > 1)) throw new InputError(`${file}: line ${line}: column ${f.columns.fit}: fit ${fit} is outside 0..1`);
    return { prospectId: id, segment: f.text(row, "segment"), walletPerYear: f.number(row, line, "wallet"), fit };
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
      customers: { type: "string" },
      prospects: { type: "string" },
      clv: { type: "string" },
      weights: { type: "string" },
      profile: { type: "string" },
      "as-of": { type: "string" },
      "window-days": { type: "string" },
      "tier-basis": { type: "string" },
      customer: { type: "string" },
      date: { type: "string" },
      amount: { type: "string" },
      margin: { type: "string" },
      category: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
    });
    const [file] = parsed.positionals;
    if (!file) throw new UsageError("missing <transactions.csv>");
    if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[1])}`);
    const out = stringOption(parsed, "out");
    if (!out) throw new UsageError("missing --out FILE");
    const profileName = stringOption(parsed, "profile") ?? "balanced";
    if (!isProfileName(profileName)) throw new UsageError(`invalid --profile: ${JSON.stringify(profileName)} (expected balanced, sales, finance, service)`);
    const tierBasis = stringOption(parsed, "tier-basis") ?? "cvi";
    if (tierBasis !== "cvi" && tierBasis !== "clv") throw new UsageError(`invalid --tier-basis: ${JSON.stringify(tierBasis)} (expected cvi or clv)`);
    const windowDays = numberOption(parsed, "window-days", 365)!;
    if (!(Number.isInteger(windowDays) && windowDays >= 1)) throw new UsageError(`invalid --window-days: ${windowDays}`);
    const asOfText = stringOption(parsed, "as-of");
    const asOfOption = asOfText === undefined ? undefined : isoToEpochDay(asOfText);
    if (asOfOption === null) throw new UsageError(`invalid --as-of: ${JSON.stringify(asOfText)} (expected YYYY-MM-DD)`);
    if (!existsSync(file)) throw new InputError(`${file}: no such file`);
    const options: PortfolioOptions = parsed.options.weights ? readWeights(stringOption(parsed, "weights")!, profileName) : { cviWeights: profileName, oiWeights: profileName };
    options.tierBasis = tierBasis;

    const db = await NodeDuckDB.open();
    let transactions: Transaction[];
    let customers: CustomerTable = { customers: [], futureValue: new Map(), retentionCost: new Map() };
    let prospects: ProspectRecord[] = [];
    try {
      transactions = await readTransactions(db, file, {
        customer: stringOption(parsed, "customer"), date: stringOption(parsed, "date"), amount: stringOption(parsed, "amount"),
        margin: stringOption(parsed, "margin"), category: stringOption(parsed, "category"),
      });
      const customersFile = stringOption(parsed, "customers");
      if (customersFile) customers = await readCustomers(db, customersFile);
      const prospectsFile = stringOption(parsed, "prospects");
      if (prospectsFile) prospects = await readProspects(db, prospectsFile);
      const clvFile = stringOption(parsed, "clv");
      if (clvFile) for (const [id, value] of await readClv(db, clvFile)) customers.futureValue.set(id, value);
    } finally {
      db.close();
    }
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
