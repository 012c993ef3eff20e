/**
 * The report's `customers` table from an all-text customers table (as DuckDB's
 * `read_csv(all_varchar = true)` gives it: the pages' `customers_raw`, or a CSV read by a data
 * loader). Columns are found by name (case, spaces, dots and dashes ignored, aliases in
 * {@link REPORT_CUSTOMER_COLUMN_ALIASES}); only the columns found are written, so `buildReport`
 * sees which optional fields exist. Days are parsed as `YYYY-MM-DD` (optionally with a time) or
 * `YYYYMMDD`; flags as true/t/yes/y/1 and false/f/no/n/0. A non-empty value that does not parse
 * reads as NULL and is counted in a warning naming the column and one such value.
 *
 * Output: `<target>(customer_id VARCHAR [, acquisition_epoch_day INTEGER] [, acquisition_cost DOUBLE]
 * [, is_key_account BOOLEAN] [, churn_epoch_day INTEGER] [, referred_by VARCHAR])`, rows with an
 * empty id left out.
 */
import { isoOrCompactDateSql } from "../data/logStats.js";
import { quoteIdentifier, type SqlRunner } from "../sql/runner.js";
import type { CustomerField } from "./options.js";

/** Accepted column names (normalised: lower case, `_` for spaces, dots, dashes) per report field. */
export const REPORT_CUSTOMER_COLUMN_ALIASES: Readonly<Record<"customer_id" | CustomerField, readonly string[]>> = {
  customer_id: ["customer_id", "customerid", "customer", "cust_id", "client_id", "id"],
  acquisition_epoch_day: ["acquisition_date", "acquired_at", "acquisition_day", "acquired", "signup_date", "first_date"],
  acquisition_cost: ["acquisition_cost", "cac", "cost_of_acquisition"],
  is_key_account: ["is_key_account", "key_account", "keyaccount", "is_key", "kam"],
  churn_epoch_day: ["churn_date", "churned_at", "churn_day", "churned_date", "end_date", "contract_end"],
  referred_by: ["referred_by", "referrer", "referrer_id", "referred_by_id"],
};

const TRUE_FLAGS = ["true", "t", "yes", "y", "1"];
const FALSE_FLAGS = ["false", "f", "no", "n", "0"];

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/[\s.-]+/g, "_");
}

/** Which source column feeds each report field (undefined = absent), found by {@link REPORT_CUSTOMER_COLUMN_ALIASES}. */
export function findReportCustomerColumns(header: readonly string[]): Partial<Record<"customer_id" | CustomerField, string>> {
  const normalized = header.map(normalize);
  const found: Partial<Record<"customer_id" | CustomerField, string>> = {};
  for (const [field, aliases] of Object.entries(REPORT_CUSTOMER_COLUMN_ALIASES) as ["customer_id" | CustomerField, readonly string[]][]) {
    const index = aliases.map((a) => normalized.indexOf(a)).find((i) => i >= 0);
    if (index !== undefined) found[field] = header[index];
  }
  return found;
}

const list = (values: string[]) => values.map((v) => `'${v}'`).join(", ");

/** SQL expression: the report value of `field` read from text column `column`. */
function valueSql(field: CustomerField, column: string): string {
  const c = quoteIdentifier(column);
  const text = `NULLIF(trim(${c}), '')`;
  switch (field) {
    case "acquisition_epoch_day":
    case "churn_epoch_day":
      return `(${isoOrCompactDateSql(column)} - DATE '1970-01-01')::INTEGER`;
    case "acquisition_cost":
      return `TRY_CAST(${text} AS DOUBLE)`;
    case "is_key_account":
      return `CASE WHEN lower(trim(${c})) IN (${list(TRUE_FLAGS)}) THEN true WHEN lower(trim(${c})) IN (${list(FALSE_FLAGS)}) THEN false END`;
    case "referred_by":
      return text;
  }
}

/** Result of {@link createReportCustomers}. */
export interface ReportCustomersResult {
  /** Source column used for each report field present. */
  columns: Partial<Record<"customer_id" | CustomerField, string>>;
  /** Rows written (non-empty id). */
  rows: number;
  /** Values that did not parse (read as empty), one line per column, in words. */
  warnings: string[];
}

/**
 * Create `target` in the report's customers schema from the all-text table `source`.
 * Throws `no customer id column in <source> [<header>]` when no id column is found.
 * @param displayName file name used in warnings (default `source`)
 * @example await createReportCustomers(runner, "customers_raw", "customers", "customers.csv")
 */
export async function createReportCustomers(runner: SqlRunner, source: string, target = "customers", displayName = source): Promise<ReportCustomersResult> {
  const header = (await runner.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`)).map((row) => row.column_name);
  const columns = findReportCustomerColumns(header);
  if (!columns.customer_id) throw new Error(`no customer id column in ${displayName} [${header.join(", ")}]`);
  const fields = (Object.keys(columns) as ("customer_id" | CustomerField)[]).filter((f): f is CustomerField => f !== "customer_id");
  const select = [`NULLIF(trim(${quoteIdentifier(columns.customer_id)}), '') AS customer_id`, ...fields.map((f) => `${valueSql(f, columns[f]!)} AS ${f}`)];
  await runner.exec(`CREATE OR REPLACE TABLE ${target} AS SELECT ${select.join(", ")}
FROM (SELECT * FROM ${source}) WHERE NULLIF(trim(${quoteIdentifier(columns.customer_id)}), '') IS NOT NULL`);
  const [{ rows }] = await runner.query<{ rows: number }>(`SELECT count(*)::INTEGER AS rows FROM ${target}`);
  const warnings: string[] = [];
  for (const field of fields.filter((f) => f !== "referred_by")) {
    const c = quoteIdentifier(columns[field]!);
    const [bad] = await runner.query<{ n: number; value: string | null }>(`SELECT count(*)::INTEGER AS n, min(raw) AS value
FROM (SELECT ${c} AS raw, ${valueSql(field, columns[field]!)} AS parsed FROM ${source})
WHERE NULLIF(trim(raw), '') IS NOT NULL AND parsed IS NULL`);
    if (bad.n > 0) warnings.push(`${displayName}: ${bad.n} values of column ${JSON.stringify(columns[field])} do not parse and read as empty (e.g. ${JSON.stringify(bad.value)})`);
  }
  return { columns, rows, warnings };
}
