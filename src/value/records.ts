/**
 * The optional customers and prospects tables, read from all-text rows (as DuckDB's
 * `read_csv(all_varchar = true)` gives them, in the browser and in Node) into {@link CustomerRecord}
 * and {@link ProspectRecord}. Columns are found by name (case, spaces, dots and dashes ignored; the
 * aliases are listed in {@link CUSTOMER_COLUMN_ALIASES} / {@link PROSPECT_COLUMN_ALIASES}); every
 * column but the id is optional. Empty cells are unknown (null). A bad value throws a
 * {@link RecordError} naming the file, line (header = line 1), column and value.
 *
 * Transactions come from `tx_clean` (the ingest pipeline) and are converted by
 * {@link transactionsFromColumns}.
 */
import type { CustomerRecord, ProspectRecord, Transaction } from "../types.js";

/** A bad value in a customers or prospects table; the message names file, line, column and value. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecordError";
  }
}

/** One table row as text (null or "" = empty cell). */
export type TextRow = Readonly<Record<string, string | null | undefined>>;

/** Accepted column names per customers-table field (after normalising: lower case, `_` for spaces, dots, dashes). */
export const CUSTOMER_COLUMN_ALIASES = {
  id: ["customer_id", "customerid", "customer", "cust_id", "client_id", "id"],
  name: ["name", "customer_name", "company", "company_name"],
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
} as const;

/** Accepted column names per prospects-table field. */
export const PROSPECT_COLUMN_ALIASES = {
  id: ["prospect_id", "prospectid", "prospect", "id"],
  name: ["name", "prospect_name", "company", "company_name"],
  segment: ["segment", "industry"],
  wallet: ["wallet_per_year", "wallet", "estimated_wallet"],
  fit: ["fit", "propensity", "fit_score"],
} as const;

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s.-]+/g, "_");
}

function findColumns<F extends string>(header: readonly string[], aliases: Readonly<Record<F, readonly string[]>>): Record<F, string | undefined> {
  const normalized = header.map(normalizeName);
  const out = {} as Record<F, string | undefined>;
  for (const field of Object.keys(aliases) as F[]) {
    const index = aliases[field].map((a) => normalized.indexOf(a)).find((i) => i >= 0);
    out[field] = index === undefined ? undefined : header[index];
  }
  return out;
}

function isoToEpochDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms / 86_400_000 : null;
}

/** Typed readers of one field of a row; errors name file, line, column and value. */
function reader<F extends string>(file: string, columns: Record<F, string | undefined>) {
  const text = (row: TextRow, field: F): string | null => {
    const c = columns[field];
    const v = c === undefined ? null : row[c];
    return v === null || v === undefined || v.trim() === "" ? null : v.trim();
  };
  const fail = (line: number, field: F, what: string, v: string) => new RecordError(`${file}: line ${line}: column ${columns[field]}: ${what} ${JSON.stringify(v)}`);
  return {
    text,
    number(row: TextRow, line: number, field: F): number | null {
      const v = text(row, field);
      if (v === null) return null;
      const x = Number(v);
      if (!Number.isFinite(x)) throw fail(line, field, "non-numeric value", v);
      return x;
    },
    date(row: TextRow, line: number, field: F): number | null {
      const v = text(row, field);
      if (v === null) return null;
      const day = isoToEpochDay(v.slice(0, 10));
      if (day === null) throw fail(line, field, "unparseable date (expected YYYY-MM-DD)", v);
      return day;
    },
    bool(row: TextRow, line: number, field: F): boolean | null {
      const v = text(row, field);
      if (v === null) return null;
      const t = v.toLowerCase();
      if (["true", "1", "yes", "y"].includes(t)) return true;
      if (["false", "0", "no", "n"].includes(t)) return false;
      throw fail(line, field, "not a yes/no value", v);
    },
  };
}

/** A customers table read into records, plus the per-customer extras that are not part of {@link CustomerRecord}. */
export interface CustomerTable {
  customers: CustomerRecord[];
  /** Display name by id (when the table has a name column). */
  names: Map<string, string>;
  /** Given future value / CLV by id (a `future_value` or `clv` column). */
  futureValue: Map<string, number>;
  /** Yearly retention cost by id. */
  retentionCostPerYear: Map<string, number>;
  /** Column used per field (undefined = absent from the table). */
  columns: Record<keyof typeof CUSTOMER_COLUMN_ALIASES, string | undefined>;
}

/**
 * Read a customers table (all-text rows, `header` in file order) into {@link CustomerTable}.
 * @param file name used in error messages
 * @example customerRecordsFromRows(["customer_id", "referrals"], [{ customer_id: "a", referrals: "2" }], "customers.csv").customers[0].referrals // 2
 */
export function customerRecordsFromRows(header: readonly string[], rows: readonly TextRow[], file = "customers"): CustomerTable {
  const columns = findColumns(header, CUSTOMER_COLUMN_ALIASES);
  if (columns.id === undefined) throw new RecordError(`${file}: no customer id column in header [${header.join(", ")}]`);
  const f = reader(file, columns);
  const out: CustomerTable = { customers: [], names: new Map(), futureValue: new Map(), retentionCostPerYear: new Map(), columns };
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const id = f.text(row, "id");
    if (id === null) throw new RecordError(`${file}: line ${line}: column ${columns.id}: missing customer id`);
    if (seen.has(id)) throw new RecordError(`${file}: line ${line}: column ${columns.id}: duplicate customer id ${JSON.stringify(id)}`);
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
    const name = f.text(row, "name");
    if (name !== null) out.names.set(id, name);
    const future = f.number(row, line, "future");
    if (future !== null) out.futureValue.set(id, future);
    const retention = f.number(row, line, "retention");
    if (retention !== null) out.retentionCostPerYear.set(id, retention);
  });
  return out;
}

/** A prospects table read into records. */
export interface ProspectTable {
  prospects: ProspectRecord[];
  names: Map<string, string>;
  columns: Record<keyof typeof PROSPECT_COLUMN_ALIASES, string | undefined>;
}

/** Read a prospects table (all-text rows); fit must lie in [0, 1]. */
export function prospectRecordsFromRows(header: readonly string[], rows: readonly TextRow[], file = "prospects"): ProspectTable {
  const columns = findColumns(header, PROSPECT_COLUMN_ALIASES);
  if (columns.id === undefined) throw new RecordError(`${file}: no prospect id column in header [${header.join(", ")}]`);
  const f = reader(file, columns);
  const names = new Map<string, string>();
  const seen = new Set<string>();
  const prospects = rows.map((row, i): ProspectRecord => {
    const line = i + 2;
    const id = f.text(row, "id");
    if (id === null) throw new RecordError(`${file}: line ${line}: column ${columns.id}: missing prospect id`);
    if (seen.has(id)) throw new RecordError(`${file}: line ${line}: column ${columns.id}: duplicate prospect id ${JSON.stringify(id)}`);
    seen.add(id);
    const fit = f.number(row, line, "fit");
    if (fit !== null && (fit < 0 || fit > 1)) throw new RecordError(`${file}: line ${line}: column ${columns.fit}: fit ${fit} is outside 0..1`);
    const name = f.text(row, "name");
    if (name !== null) names.set(id, name);
    return { prospectId: id, segment: f.text(row, "segment"), walletPerYear: f.number(row, line, "wallet"), fit };
  });
  return { prospects, names, columns };
}

/** Columns of `tx_clean` as a query returns them (numbers may be typed arrays; null = unknown). */
export interface TxCleanColumns {
  customer_id: ArrayLike<string>;
  epoch_day: ArrayLike<number>;
  amount: ArrayLike<number>;
  margin?: ArrayLike<number | null>;
  category?: ArrayLike<string | null>;
}

/** {@link Transaction} objects from `tx_clean` columns (margin and category when present). */
export function transactionsFromColumns(columns: TxCleanColumns): Transaction[] {
  const n = columns.customer_id.length;
  for (const key of ["epoch_day", "amount", "margin", "category"] as const) {
    const c = columns[key];
    if (c !== undefined && c.length !== n) throw new RangeError(`invalid ${key} length: ${c.length} (customer_id: ${n})`);
  }
  const out = new Array<Transaction>(n);
  for (let i = 0; i < n; i++) {
    const margin = columns.margin?.[i];
    out[i] = {
      customerId: columns.customer_id[i],
      epochDay: columns.epoch_day[i],
      amount: columns.amount[i],
      margin: typeof margin === "number" && Number.isFinite(margin) ? margin : null,
      category: columns.category?.[i] ?? null,
    };
  }
  return out;
}
