/**
 * Infer a column mapping from header names and sample values. Names are matched against synonym lists
 * (normalized: lower case, `CustomerID` → `customer_id`); values confirm or veto the choice (a date
 * field must hold dates, an amount numbers). The result always says why, so the UI can show it.
 */
import { detectDateFormat } from "./dateFormat.js";
import { detectNumberFormat, parseNumber, type NumberFormat } from "./numberFormat.js";
import { TABLE_FIELDS, normalizeName, type FieldGuess, type Mapping, type MappingInference, type TableKind, REQUIRED_FIELDS } from "./mapping.js";

/** Header-name synonyms per field (normalized), best first. */
export const FIELD_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  customerId: ["customer_id", "customerid", "customer", "cust_id", "custid", "cust", "client_id", "client", "masterid", "master_id", "user_id", "userid", "account_id", "member_id", "buyer_id", "customer_no", "customer_number", "customer_key", "kundennummer", "id"],
  prospectId: ["prospect_id", "prospect", "lead_id", "lead", "company_id", "account_id", "id"],
  date: ["date", "order_date", "transaction_date", "purchase_date", "invoice_date", "invoicedate", "sale_date", "txn_date", "order_datetime", "datetime", "timestamp", "created_at", "time", "datum"],
  amount: ["amount", "sales", "revenue", "total_amount", "sales_amount", "net_amount", "order_value", "value", "total", "spend", "monetary", "price", "line_total", "turnover", "umsatz"],
  margin: ["margin", "gross_margin", "profit", "gross_profit", "contribution", "contribution_margin"],
  cost: ["cost", "total_cost", "cogs", "cost_of_goods", "purchase_cost"],
  category: ["category", "product_category", "category_name", "product", "product_type", "department", "item_category"],
  channel: ["channel", "sales_channel", "order_channel", "medium", "source"],
  orderId: ["order_id", "orderid", "invoice_id", "invoice_no", "invoiceno", "invoice", "transaction_id", "txn_id", "receipt_id", "order_number", "order"],
  quantity: ["quantity", "qty", "units", "cds", "items", "num_items", "count"],
  returnFlag: ["is_return", "return_flag", "returned", "return", "refund", "is_refund", "credit"],
  segment: ["segment", "customer_segment", "industry", "sector", "tier"],
  acquisitionDate: ["acquisition_date", "acquired", "signup_date", "customer_since", "since", "join_date", "first_purchase_date", "created_at"],
  acquisitionCost: ["acquisition_cost", "cac", "cost_of_acquisition"],
  referrals: ["referrals", "referral_count", "referred", "references"],
  complaints: ["complaints", "complaint_count", "tickets"],
  walletPerYear: ["wallet_per_year", "wallet", "estimated_wallet", "category_spend", "potential"],
  isKeyAccount: ["is_key_account", "key_account", "kam"],
  churnDate: ["churn_date", "churned_at", "cancel_date", "end_date", "status_date"],
  costToServePerYear: ["cost_to_serve_per_year", "cost_to_serve", "service_cost"],
  fit: ["fit", "fit_score", "propensity", "lead_score", "score"],
  referredBy: ["referred_by", "referrer", "referrer_id", "referred_by_customer"],
};

const DATE_FIELDS = new Set(["date", "acquisitionDate", "churnDate"]);
const NUMBER_FIELDS = new Set(["amount", "margin", "cost", "quantity", "acquisitionCost", "referrals", "complaints", "walletPerYear", "costToServePerYear", "fit"]);

interface ColumnProfile {
  name: string;
  normalized: string;
  nonEmpty: number;
  dateShare: number;
  numberShare: number;
  /** Share of values with a fractional part or currency (money-like). */
  decimalShare: number;
  distinctShare: number;
}

function profile(name: string, values: string[], format: NumberFormat): ColumnProfile {
  const nonEmpty = values.map((v) => v.trim()).filter((v) => v !== "");
  const n = nonEmpty.length;
  const date = detectDateFormat(nonEmpty);
  const numbers = nonEmpty.filter((v) => parseNumber(v, format) !== undefined);
  const decimals = numbers.filter((v) => /[.,]\d{1,2}\s*\D*$/.test(v.trim()) || /[$€£¥₹]/.test(v));
  return {
    name,
    normalized: normalizeName(name),
    nonEmpty: n,
    dateShare: n ? date.parsedShare : 0,
    numberShare: n ? numbers.length / n : 0,
    decimalShare: n ? decimals.length / n : 0,
    distinctShare: n ? new Set(nonEmpty).size / n : 0,
  };
}

function valuesFit(field: string, p: ColumnProfile): { ok: boolean; why: string } {
  if (p.nonEmpty === 0) return { ok: true, why: "no sample values to check" };
  if (DATE_FIELDS.has(field)) return p.dateShare >= 0.5 ? { ok: true, why: `${Math.round(p.dateShare * 100)}% of sample values are dates` } : { ok: false, why: `only ${Math.round(p.dateShare * 100)}% of sample values are dates` };
  if (NUMBER_FIELDS.has(field)) return p.numberShare >= 0.5 ? { ok: true, why: `${Math.round(p.numberShare * 100)}% of sample values are numbers` } : { ok: false, why: `only ${Math.round(p.numberShare * 100)}% of sample values are numbers` };
  return { ok: true, why: "" };
}

/**
 * Infer the mapping of `table` from a header and sample rows (records as returned by `parseCsvSample`,
 * header excluded).
 * @param numberFormat the file's number format, when already known (else detected from the sample)
 */
export function inferMapping(header: readonly string[], sampleRows: readonly string[][], table: TableKind = "transactions", numberFormat?: NumberFormat): MappingInference {
  const columnValues = header.map((_, j) => sampleRows.map((row) => row[j] ?? ""));
  const format = numberFormat ?? detectNumberFormat(columnValues.flat());
  const profiles = header.map((name, j) => profile(name, columnValues[j], format));
  const used = new Set<number>();
  const fields: MappingInference["fields"] = {};
  const warnings: string[] = [];
  const order = [...TABLE_FIELDS[table]].sort((a, b) => Number(DATE_FIELDS.has(b) || b === "amount") - Number(DATE_FIELDS.has(a) || a === "amount"));
  const record = (field: string, guess: (FieldGuess & { index: number }) | undefined) => {
    if (!guess) return;
    used.add(guess.index);
    fields[field] = { column: guess.column, confidence: guess.confidence, reason: guess.reason };
  };
  // Pass 1: header names (confirmed or vetoed by values).
  for (const field of order) {
    const synonyms = FIELD_SYNONYMS[field] ?? [];
    let guess: (FieldGuess & { index: number }) | undefined;
    // 1. exact synonym, best first
    for (let s = 0; s < synonyms.length && !guess; s++) {
      const index = profiles.findIndex((p, j) => !used.has(j) && p.normalized === synonyms[s]);
      if (index < 0) continue;
      const fit = valuesFit(field, profiles[index]);
      if (!fit.ok) {
        warnings.push(`column ${JSON.stringify(header[index])} is named like ${field} but ${fit.why}`);
        continue;
      }
      const weak = synonyms[s] === "id";
      guess = { index, column: header[index], confidence: weak ? 0.6 : fit.why && profiles[index].nonEmpty ? 0.95 : 0.7, reason: `header ${JSON.stringify(header[index])} matches ${field}${fit.why ? `; ${fit.why}` : ""}` };
    }
    // 2. header contains a synonym (e.g. "order_date_utc", "net_sales_eur"), values permitting
    for (let s = 0; s < synonyms.length && !guess; s++) {
      if (synonyms[s].length < 4) continue;
      // A partial name match holding dates is a date, not this field ("ordered_at" is no order id).
      const index = profiles.findIndex((p, j) => !used.has(j) && p.normalized.split("_").join("_").includes(synonyms[s]) && (DATE_FIELDS.has(field) || p.dateShare < 0.9));
      if (index < 0 || !valuesFit(field, profiles[index]).ok) continue;
      guess = { index, column: header[index], confidence: 0.6, reason: `header ${JSON.stringify(header[index])} contains "${synonyms[s]}"` };
    }
    record(field, guess);
  }
  // Pass 2: values only, for required fields no name matched.
  for (const field of order) {
    if (fields[field] || !REQUIRED_FIELDS[table].includes(field)) continue;
    let guess: (FieldGuess & { index: number }) | undefined;
    {
      const free = profiles.map((p, j) => ({ p, j })).filter(({ p, j }) => !used.has(j) && p.nonEmpty > 0);
      const best = (score: (p: ColumnProfile) => number) => free.reduce<{ j: number; score: number }>((b, { p, j }) => (score(p) > b.score ? { j, score: score(p) } : b), { j: -1, score: 0 }).j;
      let index = -1;
      // dates: the most date-like column; amounts: numeric columns, money-looking first;
      // customer ids: non-date, non-money columns, repeating values first.
      if (DATE_FIELDS.has(field)) index = best((p) => (p.dateShare >= 0.95 ? p.dateShare : 0));
      else if (field === "amount") index = best((p) => (p.numberShare >= 0.95 && p.dateShare < 0.5 ? 1 + p.decimalShare : 0));
      else index = best((p) => (p.dateShare < 0.5 && p.decimalShare < 0.5 ? 2 - p.distinctShare : 0));
      if (index >= 0) guess = { index, column: header[index], confidence: 0.4, reason: `no header matches ${field}; chosen from its values` };
    }
    record(field, guess);
    if (!guess) warnings.push(`no column found for required field ${field}`);
  }
  const columns: Record<string, string> = {};
  for (const field of TABLE_FIELDS[table]) if (fields[field]) columns[field] = fields[field]!.column;
  if (columns.margin && columns.cost) {
    warnings.push(`both margin (${JSON.stringify(columns.margin)}) and cost (${JSON.stringify(columns.cost)}) found; margin is used`);
    delete columns.cost;
    delete fields.cost;
  }
  const mapping: Mapping = { version: 1, table, columns, decimal: format.decimal, thousands: format.thousands };
  return { mapping, fields, warnings };
}
