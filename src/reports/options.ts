/**
 * Options shared by every report query, and their validation.
 *
 * Input tables (documented schema; the ingest layer creates `tx_clean`, the optional `customers`
 * table comes from the user's customer file):
 *
 * - transactions, default `tx_clean`: `customer_id VARCHAR`, the purchase day (`epoch_day INTEGER`,
 *   days since 1970-01-01 UTC, or a `DATE` column, see {@link ReportOptions.dayColumnType}),
 *   `amount DOUBLE` (negative for returns), `margin DOUBLE NULL`, `category VARCHAR NULL`.
 *   Other columns (`channel`, `order_id`, ...) are ignored by the reports.
 * - customers (optional): `customer_id VARCHAR` plus any of the {@link CustomerField} columns;
 *   a missing column reads as NULL.
 */

/** Calendar period of a report row (UTC): `"month"` or `"quarter"`. */
export type ReportPeriod = "month" | "quarter";

/** Optional columns of the customers table that the reports read. */
export type CustomerField =
  | "acquisition_epoch_day"
  | "acquisition_cost"
  | "is_key_account"
  | "churn_epoch_day"
  | "referred_by";

/** Optional columns of the transactions table that the reports read. */
export type TransactionField = "margin" | "category";

/** Every {@link CustomerField}, in a fixed order. */
export const CUSTOMER_FIELDS: readonly CustomerField[] = [
  "acquisition_epoch_day",
  "acquisition_cost",
  "is_key_account",
  "churn_epoch_day",
  "referred_by",
];

/** What a report is computed over and how "active" is judged. */
export interface ReportOptions {
  /** Report rows per calendar month or quarter (UTC). Default `"month"`. */
  period?: ReportPeriod;
  /**
   * Lapse window in days: a customer whose last purchase is `lapseDays` or more days before the
   * status day is lapsed (not active). Positive integer, default 180.
   */
  lapseDays?: number;
  /**
   * Last day of data, epoch days: transactions after it are ignored, and the last (partial) period's
   * status is judged on this day. Default: the last transaction day.
   */
  asOfEpochDay?: number;
  /** Transactions table or view. Default `"tx_clean"`. */
  transactionsTable?: string;
  /** Column of the transactions table holding the day. Default `"epoch_day"`. */
  dayColumn?: string;
  /** Whether {@link dayColumn} holds epoch days (INTEGER) or a DATE. Default `"epoch_day"`. */
  dayColumnType?: "epoch_day" | "date";
  /**
   * Which optional columns the transactions table has (`"margin"`, `"category"`); a missing one reads
   * as NULL. `buildReport` fills this from the table; default both.
   */
  transactionFields?: readonly TransactionField[];
  /** Customers table or view; omit when there is none. */
  customersTable?: string;
  /**
   * Which {@link CustomerField} columns the customers table has (others read as NULL). `buildReport`
   * fills this from the table's columns; SQL builders called directly default to all fields.
   */
  customerFields?: readonly CustomerField[];
  /** Whether the customers table's day columns hold epoch days (INTEGER) or DATEs. Default `"epoch_day"`. */
  customerDayType?: "epoch_day" | "date";
  /** Optional table `(customer_id VARCHAR, clv DOUBLE)` used to show and rank lost / won customers. */
  clvTable?: string;
}

/** {@link ReportOptions} with every default applied and validated. */
export interface ResolvedReportOptions {
  period: ReportPeriod;
  lapseDays: number;
  asOfEpochDay: number | undefined;
  transactionsTable: string;
  dayColumn: string;
  dayColumnType: "epoch_day" | "date";
  transactionFields: readonly TransactionField[];
  customersTable: string | undefined;
  customerDayType: "epoch_day" | "date";
  customerFields: readonly CustomerField[];
  clvTable: string | undefined;
  /** Set by `materializeReportBase`: read the base CTEs from tables with this name prefix. */
  baseTablesPrefix?: string;
}

/** Default lapse window, days. */
export const DEFAULT_LAPSE_DAYS = 180;

/** Apply defaults and validate; throws `invalid <option>: <value>` on a bad value. */
export function resolveReportOptions(options: ReportOptions = {}): ResolvedReportOptions {
  const period = options.period ?? "month";
  if (period !== "month" && period !== "quarter") throw new Error(`invalid period: ${JSON.stringify(period)}`);
  const lapseDays = options.lapseDays ?? DEFAULT_LAPSE_DAYS;
  if (!Number.isInteger(lapseDays) || lapseDays < 1) throw new Error(`invalid lapseDays: ${lapseDays}`);
  const asOfEpochDay = options.asOfEpochDay;
  if (asOfEpochDay !== undefined && !Number.isInteger(asOfEpochDay)) throw new Error(`invalid asOfEpochDay: ${asOfEpochDay}`);
  const dayColumnType = options.dayColumnType ?? "epoch_day";
  if (dayColumnType !== "epoch_day" && dayColumnType !== "date") throw new Error(`invalid dayColumnType: ${JSON.stringify(dayColumnType)}`);
  const customerFields = options.customerFields ?? CUSTOMER_FIELDS;
  for (const field of customerFields) {
    if (!CUSTOMER_FIELDS.includes(field)) throw new Error(`invalid customer field: ${JSON.stringify(field)}`);
  }
  return {
    period,
    lapseDays,
    asOfEpochDay,
    transactionsTable: options.transactionsTable ?? "tx_clean",
    dayColumn: options.dayColumn ?? "epoch_day",
    dayColumnType,
    transactionFields: options.transactionFields ?? ["margin", "category"],
    customersTable: options.customersTable,
    customerDayType: options.customerDayType ?? "epoch_day",
    customerFields,
    clvTable: options.clvTable,
  };
}
