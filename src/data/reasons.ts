/**
 * Why an input row was rejected: stable machine names (used in JSON output, the rejected-rows CSV and
 * tests) with plain-language labels for people. Every input row is either used or rejected with exactly
 * one reason; when several apply, the first in {@link REJECT_REASONS} order wins.
 */

/** Machine names of the rejection reasons, in priority order. */
export const REJECT_REASONS = [
  "malformed_row",
  "missing_customer_id",
  "unparseable_date",
  "non_numeric_amount",
  "date_outside_window",
  "future_date",
  "exact_duplicate",
] as const;

/** One rejection reason. */
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Plain-language label of each reason, for the data-quality report and the rejected-rows CSV. */
export const REJECT_REASON_LABELS: Readonly<Record<RejectReason, string>> = {
  malformed_row: "row does not have the header's number of fields",
  missing_customer_id: "customer id is empty",
  unparseable_date: "date is empty or not a valid date",
  non_numeric_amount: "amount is empty or not a number",
  date_outside_window: "date is outside the chosen window",
  future_date: "date is after today",
  exact_duplicate: "row is an exact copy of an earlier row",
};

/** The source column a reason is about (`undefined` for whole-row reasons). */
export const REJECT_REASON_FIELD: Readonly<Record<RejectReason, "customerId" | "date" | "amount" | undefined>> = {
  malformed_row: undefined,
  missing_customer_id: "customerId",
  unparseable_date: "date",
  non_numeric_amount: "amount",
  date_outside_window: "date",
  future_date: "date",
  exact_duplicate: undefined,
};
