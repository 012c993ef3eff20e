/**
 * Explicit conversion between the time unit of a fitted model and the periods a CLV is asked in
 * (horizon, discounting). Every conversion goes through {@link periodInModelUnits}; nothing guesses.
 *
 * Two conventions for the length of a month:
 * - `"calendar"` (default): a month is 365.25 / 12 = 30.4375 days (`DAYS_PER_UNIT.month`), a year 365.25 days.
 * - `"lifetimes"`: lifetimes' `customer_lifetime_value` convention, a month is 30 days for a daily model,
 *   4.345 weeks (30.415 days) for a weekly model and 1 month for a monthly model; a year is 12 such
 *   months. Days and weeks are unchanged. Use it to reproduce lifetimes' figures.
 */
import { DAYS_PER_UNIT, type TimeUnit } from "../types.js";

/** A period a horizon or a discount rate can be expressed in. */
export type PeriodUnit = TimeUnit | "year";

/** How long a month is; see the module header. */
export type MonthConvention = "calendar" | "lifetimes";

const DAYS_PER_YEAR = 365.25;
/** lifetimes' months per model unit: `{"W": 4.345, "M": 1.0, "D": 30}`. */
const LIFETIMES_MONTH: Readonly<Record<TimeUnit, number>> = { day: 30, week: 4.345, month: 1 };

/** Validate a period unit name, throwing with the bad value. */
export function checkPeriodUnit(name: string, unit: string): asserts unit is PeriodUnit {
  if (unit !== "day" && unit !== "week" && unit !== "month" && unit !== "year") throw new RangeError(`invalid ${name}: ${JSON.stringify(unit)}`);
}

/**
 * Length of one `period` expressed in the model's time unit, e.g. a month in weeks = 4.348
 * (calendar) or 4.345 (lifetimes); a year in months = 12.
 */
export function periodInModelUnits(period: PeriodUnit, modelUnit: TimeUnit, convention: MonthConvention = "calendar"): number {
  checkPeriodUnit("period", period);
  if (!(modelUnit in DAYS_PER_UNIT)) throw new RangeError(`invalid model unit: ${JSON.stringify(modelUnit)}`);
  if (convention !== "calendar" && convention !== "lifetimes") throw new RangeError(`invalid month convention: ${JSON.stringify(convention)}`);
  if (convention === "lifetimes" && (period === "month" || period === "year")) {
    return (period === "year" ? 12 : 1) * LIFETIMES_MONTH[modelUnit];
  }
  const days = period === "year" ? DAYS_PER_YEAR : DAYS_PER_UNIT[period];
  return days / DAYS_PER_UNIT[modelUnit];
}

/**
 * Convert a discount rate given per `discountPer` into the equivalent continuously compounded rate
 * per model unit: ln(1 + d) / L for a discrete rate (cash at the end of each period divided by
 * (1 + d)), d / L for a continuous one (factor e^{−d}), L = length of `discountPer` in model units.
 */
export function continuousRatePerModelUnit(
  discountRate: number,
  discountPer: PeriodUnit,
  modelUnit: TimeUnit,
  compounding: "discrete" | "continuous" = "discrete",
  convention: MonthConvention = "calendar",
): number {
  if (!(discountRate >= 0) || !Number.isFinite(discountRate)) throw new RangeError(`invalid discountRate: ${discountRate}`);
  const length = periodInModelUnits(discountPer, modelUnit, convention);
  return (compounding === "continuous" ? discountRate : Math.log1p(discountRate)) / length;
}
