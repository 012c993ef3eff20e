/**
 * From an ingested dataset to a scenario baseline: the SQL that gathers the per-customer inputs
 * (purchase days, revenue, margin, categories from `tx_clean`; referrals, complaints, acquisition
 * cost from a customers table) and {@link baselineFromData}, which joins them to a fitted
 * transaction model by customer id. Used by `cvw scenario` and the Scenarios page alike.
 *
 * As-of date: the scenarios value the customer base from the last day of the data on, so the model
 * is fitted on everything up to that day (no holdout).
 */
import type { CustomerSummary } from "../data/summary.js";
import { conditionalExpectedSpend, populationMeanSpend, type GammaGammaParams } from "../models/gammagamma.js";
import type { TransactionModel } from "../clv/transactionModel.js";
import { quoteIdentifier } from "../sql/runner.js";
import type { ScenarioBaseline, ScenarioSettings } from "./baseline.js";
import { transactionBaseline } from "./transactionBaseline.js";

/** One row of {@link customerInputsSql}. */
export interface CustomerInputRow {
  customer_id: string;
  purchase_days: number;
  revenue: number;
  margin: number | null;
  categories: number | null;
}

/**
 * Per-customer purchase days, revenue, margin (NULL without a margin column) and distinct categories
 * bought (NULL without a category column) up to `asOfEpochDay`, from `table` (default `tx_clean`).
 */
export function customerInputsSql(options: { asOfEpochDay: number; hasMargin: boolean; hasCategory: boolean; table?: string }): string {
  if (!Number.isInteger(options.asOfEpochDay)) throw new RangeError(`invalid asOfEpochDay: ${options.asOfEpochDay}`);
  const t = quoteIdentifier(options.table ?? "tx_clean");
  return `SELECT customer_id,
  count(DISTINCT epoch_day) FILTER (WHERE amount > 0)::INTEGER AS purchase_days,
  sum(amount)::DOUBLE AS revenue,
  ${options.hasMargin ? "sum(margin)::DOUBLE" : "NULL::DOUBLE"} AS margin,
  ${options.hasCategory ? "count(DISTINCT category) FILTER (WHERE amount > 0)::INTEGER" : "NULL::INTEGER"} AS categories
FROM ${t} WHERE epoch_day <= ${options.asOfEpochDay} GROUP BY customer_id`;
}

/** SQL: number of distinct categories in `table` (default `tx_clean`), as `categories`. */
export function categoryCountSql(table = "tx_clean"): string {
  return `SELECT count(DISTINCT category)::INTEGER AS categories FROM ${quoteIdentifier(table)} WHERE category IS NOT NULL AND amount > 0`;
}

/** Optional customers-table facts of one customer. */
export interface CustomerFacts {
  referrals?: number | null;
  complaints?: number | null;
  acquisitionCost?: number | null;
  /** True when the customer was acquired by a referral. */
  referred?: boolean | null;
  /** First purchase day (epoch days). */
  firstEpochDay?: number | null;
}

/** Input of {@link baselineFromData}. */
export interface BaselineFromDataInput {
  /** The summary the model was fitted on (calibration end = as-of day). */
  summary: CustomerSummary;
  model: TransactionModel;
  gammaGamma: GammaGammaParams;
  /** Per-customer rows of {@link customerInputsSql}. */
  inputs: readonly CustomerInputRow[];
  /** Margin rate to use when the data has no margin (e.g. 0.3), and as the floor of the fallback. */
  defaultMarginRate: number;
  /** Number of categories on offer (null without categories). */
  categoriesTotal: number | null;
  /** Customers-table facts by id; omit without a customers table. */
  facts?: ReadonlyMap<string, CustomerFacts>;
  /** Horizon and discount rate; new customers per year and cost default to the data's (see below). */
  settings: Pick<ScenarioSettings, "horizonYears" | "discountRatePerYear"> & Partial<ScenarioSettings>;
}

/**
 * Baseline of a fitted transaction model on a dataset. Spend per purchase: Gamma-Gamma E[M | x, m̄];
 * margin rate: the customer's margin ÷ revenue when the data has margins (the data's overall rate
 * when the customer's revenue is not positive), else `defaultMarginRate`. New customers per year
 * default to the customers whose first purchase is in the last 365.25 days before the as-of day,
 * minus those acquired by referral (they are counted through referrals); acquisition cost to the mean
 * of the customers table's acquisition costs (0 without).
 */
export function baselineFromData(input: BaselineFromDataInput): ScenarioBaseline {
  const { summary, facts } = input;
  const n = summary.n;
  const byId = new Map(input.inputs.map((r) => [r.customer_id, r]));
  const hasMargin = input.inputs.some((r) => r.margin !== null);
  const hasCategories = input.categoriesTotal !== null && input.inputs.some((r) => r.categories !== null);
  if (!(input.defaultMarginRate > -1 && input.defaultMarginRate <= 1)) throw new RangeError(`invalid defaultMarginRate: ${input.defaultMarginRate}`);
  let totalRevenue = 0;
  let totalMargin = 0;
  for (const r of input.inputs) {
    totalRevenue += r.revenue;
    totalMargin += r.margin ?? 0;
  }
  const overallMarginRate = hasMargin && totalRevenue > 0 ? totalMargin / totalRevenue : input.defaultMarginRate;
  const marginRate = new Float64Array(n);
  const purchasesToDate = new Float64Array(n);
  const categoriesBought = new Float64Array(n);
  const spend = new Float64Array(n);
  const popSpend = populationMeanSpend(input.gammaGamma);
  for (let i = 0; i < n; i++) {
    const id = summary.customerIds[i];
    const row = byId.get(id);
    if (!row) throw new RangeError(`invalid inputs: no row for customer ${JSON.stringify(id)}`);
    marginRate[i] = hasMargin ? (row.revenue > 0 && row.margin !== null ? row.margin / row.revenue : overallMarginRate) : input.defaultMarginRate;
    purchasesToDate[i] = row.purchase_days;
    categoriesBought[i] = Math.min(row.categories ?? 0, input.categoriesTotal ?? 0);
    spend[i] = summary.x[i] > 0 && summary.monetary[i] > 0 ? conditionalExpectedSpend(input.gammaGamma, summary.x[i], summary.monetary[i]) : popSpend;
  }
  let referrals: Float64Array | undefined;
  let complaints: Float64Array | undefined;
  let costSum = 0;
  let costCount = 0;
  if (facts) {
    const f = (i: number) => facts.get(summary.customerIds[i]);
    if ([...facts.values()].some((v) => v.referrals != null)) referrals = Float64Array.from({ length: n }, (_, i) => Math.max(0, f(i)?.referrals ?? 0));
    if ([...facts.values()].some((v) => v.complaints != null)) complaints = Float64Array.from({ length: n }, (_, i) => Math.max(0, f(i)?.complaints ?? 0));
    for (const v of facts.values()) {
      if (v.acquisitionCost != null && Number.isFinite(v.acquisitionCost)) {
        costSum += v.acquisitionCost;
        costCount++;
      }
    }
  }
  const asOf = summary.calibrationEndEpochDay;
  let newCustomers = 0;
  for (let i = 0; i < n; i++) {
    if (summary.firstEpochDay[i] > asOf - 365.25 && !(facts?.get(summary.customerIds[i])?.referred && referrals)) newCustomers++;
  }
  const settings: ScenarioSettings = {
    horizonYears: input.settings.horizonYears,
    discountRatePerYear: input.settings.discountRatePerYear,
    newCustomersPerYear: input.settings.newCustomersPerYear ?? newCustomers,
    acquisitionCostPerCustomer: input.settings.acquisitionCostPerCustomer ?? (costCount ? costSum / costCount : 0),
  };
  const baseline = transactionBaseline({
    model: input.model,
    unit: summary.unit,
    customerIds: summary.customerIds,
    x: summary.x,
    tx: summary.tx,
    T: summary.T,
    spendPerPurchase: spend,
    marginRate,
    referrals,
    purchasesToDate: referrals ? purchasesToDate : undefined,
    complaints,
    categoriesBought: hasCategories ? categoriesBought : undefined,
    categoriesTotal: hasCategories ? input.categoriesTotal! : undefined,
    settings,
    newCustomer: { spendPerPurchase: popSpend, marginRate: overallMarginRate },
  });
  if (!hasMargin) baseline.warnings.push(`the data has no margin column: margin = ${(input.defaultMarginRate * 100).toFixed(0)} % of revenue (an assumption)`);
  baseline.has.acquisitionCost = costCount > 0;
  return baseline;
}

/** Row of {@link customerFactsSql}. */
export interface CustomerFactsRow {
  customer_id: string;
  referrals: number | null;
  complaints: number | null;
  acquisition_cost: number | null;
  referred: boolean | null;
}

/** The customers-table columns {@link customerFactsSql} reads (any subset; `customer_id` required). */
export const CUSTOMER_FACT_COLUMNS = ["customer_id", "referrals", "complaints", "acquisition_cost", "referred_by", "acquisition_channel"] as const;

/**
 * SQL reading the scenario facts from a customers table with all-text columns (`customers_raw`, as
 * the Data page and the CLI load it): `columns` are the table's column names; missing facts are NULL,
 * unparseable numbers NULL. Throws when there is no `customer_id` column.
 */
export function customerFactsSql(columns: readonly string[], table = "customers_raw"): string {
  const has = (c: string) => columns.includes(c);
  if (!has("customer_id")) throw new RangeError(`invalid customers table: no customer_id column among [${columns.join(", ")}]`);
  const num = (c: string) => (has(c) ? `TRY_CAST(${quoteIdentifier(c)} AS DOUBLE)` : "NULL::DOUBLE");
  const referred = has("referred_by")
    ? `(nullif(trim(referred_by), '') IS NOT NULL)`
    : has("acquisition_channel")
      ? `(lower(trim(acquisition_channel)) = 'referral')`
      : "NULL::BOOLEAN";
  return `SELECT CAST(customer_id AS VARCHAR) AS customer_id, ${num("referrals")} AS referrals, ${num("complaints")} AS complaints, ${num("acquisition_cost")} AS acquisition_cost, ${referred} AS referred FROM ${quoteIdentifier(table)}`;
}

/** Facts by id from {@link customerFactsSql} rows. */
export function customerFactsMap(rows: readonly CustomerFactsRow[]): Map<string, CustomerFacts> {
  return new Map(rows.map((r) => [r.customer_id, { referrals: r.referrals, complaints: r.complaints, acquisitionCost: r.acquisition_cost, referred: r.referred }]));
}
