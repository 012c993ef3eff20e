/**
 * Simple (textbook) customer lifetime value with a constant retention rate, for teaching and quick
 * estimates: Gupta & Lehmann (2003) "Customers as assets", J. Interactive Marketing 17(1);
 * Gupta, Lehmann & Stuart (2004) "Valuing customers", J. Marketing Research 41(1).
 *
 * A customer pays a margin m at the end of every period t = 1, 2, ... while still a customer; they
 * are still a customer at the end of period t with probability r^t; cash at the end of period t is
 * discounted by (1 + d)^t. Then
 *
 *   CLV = Σ_{t≥1} m · r^t / (1 + d)^t = m · r / (1 + d − r)              (infinite horizon)
 *   CLV = m · ρ · (1 − ρ^N) / (1 − ρ),  ρ = r / (1 + d)                   (N periods)
 *
 * With `includeInitialMargin` the margin of the current period (t = 0, certain, undiscounted) is
 * added: m · (1 + d) / (1 + d − r) in the infinite case. `acquisitionCost`, when given, is subtracted.
 * The retention elasticity of the infinite-horizon value, (1 + d) / (1 + d − r), is
 * {@link simpleClvRetentionElasticity}.
 */

/** Options of {@link simpleClv}. Rates are fractions per period (0.8 = 80 %), margin is money per period. */
export interface SimpleClvOptions {
  /** Margin (money) the customer brings per period while retained. Any finite number. */
  marginPerPeriod: number;
  /** Probability a customer still active at the start of a period is retained to its end, in [0, 1]. */
  retentionRate: number;
  /** Discount rate per period, ≥ 0 (0.1 = 10 % per period). */
  discountRatePerPeriod: number;
  /** Money spent to acquire the customer, subtracted once (default 0). */
  acquisitionCost?: number;
  /** Add the margin of the current period t = 0 (received now, for sure). Default false. */
  includeInitialMargin?: boolean;
  /** Number of future periods counted (a non-negative integer); default Infinity. */
  horizonPeriods?: number;
}

function check(name: string, value: number, ok: boolean): void {
  if (!ok) throw new RangeError(`invalid ${name}: ${value}`);
}

/**
 * Textbook CLV m·r/(1+d−r) and its variants (initial margin, finite horizon, acquisition cost).
 * Throws a RangeError naming the value on invalid input. With r = 1, d = 0 and an infinite horizon
 * the value is infinite (returned as ±Infinity, or NaN when the margin is 0).
 *
 * @example simpleClv({ marginPerPeriod: 100, retentionRate: 0.8, discountRatePerPeriod: 0.1 }) // 266.67
 */
export function simpleClv(options: SimpleClvOptions): number {
  const { marginPerPeriod: m, retentionRate: r, discountRatePerPeriod: d } = options;
  const acquisitionCost = options.acquisitionCost ?? 0;
  const horizon = options.horizonPeriods ?? Infinity;
  check("marginPerPeriod", m, Number.isFinite(m));
  check("retentionRate", r, r >= 0 && r <= 1);
  check("discountRatePerPeriod", d, d >= 0 && Number.isFinite(d));
  check("acquisitionCost", acquisitionCost, Number.isFinite(acquisitionCost));
  check("horizonPeriods", horizon, horizon === Infinity || (Number.isInteger(horizon) && horizon >= 0));
  const rho = r / (1 + d);
  let future: number;
  if (horizon === Infinity) future = rho === 1 ? m * Infinity : (m * r) / (1 + d - r);
  else if (rho === 1) future = m * horizon;
  else future = (m * rho * (1 - rho ** horizon)) / (1 - rho);
  return (options.includeInitialMargin ? m : 0) + future - acquisitionCost;
}

/**
 * Retention elasticity of the infinite-horizon simple CLV (without acquisition cost): the % change
 * in m·r/(1+d−r) for a 1 % change in r, = (1 + d) / (1 + d − r). Dimensionless.
 */
export function simpleClvRetentionElasticity(retentionRate: number, discountRatePerPeriod: number): number {
  check("retentionRate", retentionRate, retentionRate >= 0 && retentionRate <= 1);
  check("discountRatePerPeriod", discountRatePerPeriod, discountRatePerPeriod >= 0 && Number.isFinite(discountRatePerPeriod));
  return (1 + discountRatePerPeriod) / (1 + discountRatePerPeriod - retentionRate);
}
