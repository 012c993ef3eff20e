/**
 * Plain-language definitions of every report metric, for pages and the printed report to display
 * beside the figures. Keys are the field names of the report rows.
 */

/** One metric's label and definition. */
export interface ReportDefinition {
  label: string;
  definition: string;
  /** `"customers"`, `"currency"`, `"share"` (0-1), `"days"` or `"period"`. */
  unit: "customers" | "currency" | "share" | "days" | "period";
}

/** Definitions shown beside the monthly / quarterly report. */
export const REPORT_DEFINITIONS: Readonly<Record<string, ReportDefinition>> = {
  period: {
    label: "Period",
    definition: "A calendar month or quarter in UTC. The report runs from the period of the first transaction to the period of the as-of day (the last transaction day unless set); the last period is partial when the data ends before it does.",
    unit: "period",
  },
  statusEpochDay: {
    label: "Status day",
    definition: "The day on which a period's end-of-period status is judged: the period's last day, or the as-of day for the current, partial period.",
    unit: "days",
  },
  purchase: {
    label: "Purchase",
    definition: "A transaction line with a non-negative amount (a zero-amount line, e.g. a free order, is still a visit). Returns and credits (negative amounts) count in revenue, never as a purchase, so they never make a customer new, active or recovered.",
    unit: "customers",
  },
  activeEnd: {
    label: "Active customers",
    definition: "Customers alive at the status day: their last purchase is fewer than `lapseDays` days before it, and they have no churn date between that purchase and the status day.",
    unit: "customers",
  },
  activeStart: {
    label: "Active at start",
    definition: "Active customers at the end of the previous period (0 in the first period).",
    unit: "customers",
  },
  newCustomers: {
    label: "New customers",
    definition: "Customers whose first purchase falls in the period.",
    unit: "customers",
  },
  recovered: {
    label: "Recovered customers",
    definition: "Customers not active at the end of the previous period (lapsed or churned) who had bought before and bought again in the period.",
    unit: "customers",
  },
  deserters: {
    label: "Deserters",
    definition: "Customers active at the end of the previous period, or new or recovered in the period, who are not active at its end: their lapse window ran out or their churn date fell in it. So active = active at start + new + recovered − deserters, every period.",
    unit: "customers",
  },
  desertersLapsed: { label: "Deserters (lapsed)", definition: "Deserters whose last purchase is `lapseDays` or more days before the status day.", unit: "customers" },
  desertersChurned: { label: "Deserters (churned)", definition: "Deserters with an explicit churn date on or after their last purchase, up to the status day.", unit: "customers" },
  retained: { label: "Retained", definition: "Customers active at both the previous and this period's end.", unit: "customers" },
  retentionRate: { label: "Retention rate", definition: "Retained ÷ active at start; empty when no customer was active at the start.", unit: "share" },
  dropoutRate: { label: "Dropout rate", definition: "(Active at start − retained) ÷ active at start = 1 − retention rate.", unit: "share" },
  buyers: { label: "Buyers", definition: "Customers with at least one purchase in the period.", unit: "customers" },
  revenue: { label: "Revenue", definition: "Net amount of every line in the period, returns included.", unit: "currency" },
  margin: { label: "Margin", definition: "Sum of line margins (revenue − cost) in the period; empty when the log has no margin.", unit: "currency" },
  newRevenue: { label: "New customers' revenue", definition: "Net revenue of the period's new customers in their first period.", unit: "currency" },
  newMargin: { label: "New customers' margin", definition: "Margin of the period's new customers in their first period: the quality of new profit.", unit: "currency" },
  newRevenuePerCustomer: { label: "Revenue per new customer", definition: "New customers' revenue ÷ new customers.", unit: "currency" },
  newMarginPerCustomer: { label: "Margin per new customer", definition: "New customers' margin ÷ new customers.", unit: "currency" },
  acquisitionCost: { label: "Acquisition cost", definition: "Sum of the customers table's acquisition cost over the period's new customers whose cost is known.", unit: "currency" },
  acquisitionCostPerNew: { label: "Acquisition cost per new customer", definition: "Acquisition cost ÷ new customers with a known cost.", unit: "currency" },
  crossSellEvents: {
    label: "Cross-sell events",
    definition: "Customer × category pairs whose first purchase in the category falls in the period while the customer had bought another category on an earlier day (categories first bought together on one day are one basket, not a cross-sell).",
    unit: "customers",
  },
  crossSellCustomers: { label: "Cross-sold customers", definition: "Distinct customers with at least one cross-sell event in the period.", unit: "customers" },
  crossSellOrders: { label: "Cross-sell orders", definition: "Customer-days with at least one cross-sell event.", unit: "customers" },
  crossSellAmount: { label: "Cross-sell amount", definition: "Net amount of the newly bought categories' lines on cross-sell orders.", unit: "currency" },
  avgCrossSellOrderAmount: { label: "Average cross-sell size", definition: "Cross-sell amount ÷ cross-sell orders.", unit: "currency" },
  referrals: {
    label: "Referrals",
    definition: "Referred customers (non-empty `referred_by` in the customers table) acquired in the period: dated by their first purchase, or by their acquisition date when they never bought.",
    unit: "customers",
  },
  keyAccountsWon: { label: "Key accounts won", definition: "Key accounts (customers table flag) new or recovered in the period.", unit: "customers" },
  keyAccountsLost: { label: "Key accounts lost", definition: "Key accounts among the period's deserters.", unit: "customers" },
  keyAccountsRetained: { label: "Key accounts retained", definition: "Key accounts active at both the previous and this period's end.", unit: "customers" },
  keyAccountsActiveEnd: { label: "Active key accounts", definition: "Key accounts active at the status day; equals active at start + won − lost.", unit: "customers" },
  keyAccountRetentionRate: { label: "Key-account retention", definition: "Key accounts retained ÷ key accounts active at the start.", unit: "share" },
  keyAccountDropoutRate: { label: "Key-account dropout", definition: "1 − key-account retention rate.", unit: "share" },
  cohort: {
    label: "Cohort retention",
    definition: "Customers grouped by the period of their first purchase × periods since; each cell gives the share of the cohort purchasing in that period and the share active at its end.",
    unit: "share",
  },
  bridge: {
    label: "Revenue bridge",
    definition: "Previous period's revenue + new + recovered + expansion − contraction − lost = this period's revenue, per customer: new = no revenue last period and no purchase before; recovered = no revenue last period but a purchase before; expansion / contraction = change of a customer present in both; lost = last period's revenue of customers absent this period.",
    unit: "currency",
  },
  movers: {
    label: "Who we won, who we lost",
    definition: "Per period, the most valuable customers won (new or recovered; by revenue in the period) and lost (deserters; by revenue to date), or both by CLV when a CLV table is given.",
    unit: "customers",
  },
};
