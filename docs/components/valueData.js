/**
 * Everything the Value & opportunity and Portfolio pages score, built once per page load from the
 * active dataset (docs/components/dataset.js) through the library:
 * tx_clean → Transaction[] (src/value/records.ts) → customerFeatures as of the last day of the log;
 * customers_raw / prospects_raw → records; a P(alive)-weighted CLV per customer from BG/NBD +
 * Gamma-Gamma fitted on the purchase lines (src/value/futureValue.ts); then preparePortfolio (the
 * normalised components, so a weight change is only a cheap re-score).
 *
 * Returns (negative lines) count in revenue and margin (they are netted in the features) but are
 * left out of the purchase and spend models: a return on its own day is not a purchase, and the
 * spend model needs a positive mean spend. The share of revenue returned is reported with the CLV.
 */
import {loadDataset} from "./dataset.js";
import {customerSummaryFromSql} from "../lib/data/customerSummarySql.js";
import {customerFeatures} from "../lib/value/features.js";
import {futureValueFromSummary, DEFAULT_FUTURE_VALUE_OPTIONS} from "../lib/value/futureValue.js";
import {preparePortfolio} from "../lib/value/portfolio.js";
import {customerRecordsFromRows, prospectRecordsFromRows, transactionsFromColumns} from "../lib/value/records.js";

/** Let the browser paint (progress messages) between long steps. */
const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));

async function readTextTable(runner, table) {
  const header = (await runner.query(`DESCRIBE ${table}`)).map((row) => row.column_name);
  const rows = await runner.query(`SELECT * FROM ${table}`);
  return {header, rows};
}

/**
 * Load the active dataset and prepare the portfolio. `onProgress(message)` hears each step.
 * @returns {Promise<{dataset, asOfEpochDay, transactions: number, features, prospects, names: Map<string,string>,
 *   prepared, futureValue: {source: "model"|"table"|null, total, n, bgnbd?, gammaGamma?, options?, probabilityAlive?, warnings: string[], error?},
 *   returns: {lines: number, amount: number, share: number}, hasKeyAccounts: boolean, timings: Record<string, number>}>}
 */
export async function loadValueData(selection, {onProgress = () => {}} = {}) {
  const timings = {};
  let t = performance.now();
  const dataset = await loadDataset(selection, {onProgress});
  const {runner} = dataset;
  timings.loadMs = performance.now() - t;

  onProgress("reading the clean transactions");
  await yieldToBrowser();
  t = performance.now();
  const columns = await runner.queryColumns("SELECT customer_id, epoch_day, amount, margin, category FROM tx_clean ORDER BY row_number");
  const transactions = transactionsFromColumns(columns);
  if (transactions.length === 0) throw new Error(`${dataset.label}: no usable transaction rows (see the Data page's quality report)`);
  const [stats] = await runner.query(`SELECT max(epoch_day)::INTEGER AS as_of,
      count(*) FILTER (WHERE amount < 0)::INTEGER AS return_lines,
      coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)::DOUBLE AS returned,
      coalesce(sum(amount) FILTER (WHERE amount > 0), 0)::DOUBLE AS gross
    FROM tx_clean`);
  const asOfEpochDay = stats.as_of;

  let customers = {customers: [], names: new Map(), futureValue: new Map(), retentionCostPerYear: new Map(), columns: {}};
  let prospects = {prospects: [], names: new Map(), columns: {}};
  if (dataset.tables.customers) {
    onProgress("reading the customers table");
    const {header, rows} = await readTextTable(runner, "customers_raw");
    customers = customerRecordsFromRows(header, rows, dataset.demo ? "customers.csv" : selection.files?.customers?.name ?? "customers");
  }
  if (dataset.tables.prospects) {
    onProgress("reading the prospects table");
    const {header, rows} = await readTextTable(runner, "prospects_raw");
    prospects = prospectRecordsFromRows(header, rows, dataset.demo ? "prospects.csv" : selection.files?.prospects?.name ?? "prospects");
  }
  timings.readMs = performance.now() - t;

  onProgress(`computing features of ${transactions.length.toLocaleString("en-US")} lines`);
  await yieldToBrowser();
  t = performance.now();
  const features = customerFeatures(transactions, customers.customers, {asOfEpochDay});
  timings.featuresMs = performance.now() - t;

  // Future value: the customers table's own column when it has one, else BG/NBD + Gamma-Gamma.
  let futureValue;
  if (customers.futureValue.size > 0) {
    futureValue = {source: "table", map: customers.futureValue, total: [...customers.futureValue.values()].reduce((a, b) => a + b, 0), n: customers.futureValue.size, warnings: []};
  } else {
    onProgress("fitting BG/NBD and Gamma-Gamma for each customer's future value");
    await yieldToBrowser();
    t = performance.now();
    try {
      await runner.exec("CREATE OR REPLACE TEMP VIEW tx_purchases AS SELECT * FROM tx_clean WHERE amount > 0");
      const summary = await customerSummaryFromSql(runner, {unit: "week", calibrationEndEpochDay: asOfEpochDay, table: "tx_purchases"});
      const fit = futureValueFromSummary(summary, DEFAULT_FUTURE_VALUE_OPTIONS);
      futureValue = {source: "model", map: fit.futureValue, total: fit.total, n: summary.n, bgnbd: fit.bgnbd, gammaGamma: fit.gammaGamma, options: fit.options, probabilityAlive: fit.probabilityAlive, warnings: fit.warnings};
    } catch (error) {
      futureValue = {source: null, map: null, total: NaN, n: 0, warnings: [], error: error.message};
    }
    timings.futureValueMs = performance.now() - t;
  }

  onProgress("normalising the index components");
  await yieldToBrowser();
  t = performance.now();
  const prepared = preparePortfolio({
    features,
    prospects: prospects.prospects,
    futureValue: futureValue.map ?? undefined,
    clv: futureValue.map ?? undefined,
    retentionCostPerYear: customers.retentionCostPerYear
  });
  timings.prepareMs = performance.now() - t;

  const names = new Map([...customers.names, ...prospects.names]);
  return {
    dataset,
    asOfEpochDay,
    transactions: transactions.length,
    features,
    prospects: prospects.prospects,
    names,
    prepared,
    futureValue,
    returns: {lines: stats.return_lines, amount: stats.returned, share: stats.gross > 0 ? stats.returned / stats.gross : 0},
    hasKeyAccounts: features.some((f) => f.isKeyAccount !== null),
    timings
  };
}

/** ISO date of an epoch day. */
export function isoDate(epochDay) {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}
