/**
 * Baseline from a fitted non-contractual transaction model (BG/NBD: Fader, Hardie & Lee 2005;
 * MBG/NBD: Batislam et al. 2007; Pareto/NBD: Schmittlein et al. 1987) through the
 * {@link TransactionModel} interface of `src/clv/`.
 *
 * For every distinct history (x, t_x, T) the expected cumulative purchases given alive today,
 * G(t) = E[X(T, T + t] | x, t_x, T] ÷ P(alive | x, t_x, T), are tabulated every `knotYears` up to
 * twice the horizon. All three models share the structure E[X(T, T + t] | history] = P(alive) · G(t),
 * and with every future dropout probability (BG/NBD: p per purchase; Pareto/NBD: rate μ) multiplied
 * by m, the expectation given alive is exactly G(m·t)/m (BG/NBD: E[(1 − e^{−λ m p t})/(m p)];
 * Pareto/NBD: E[λ/(mμ)·(1 − e^{−mμt})]), which is what the churn lever evaluates by interpolation.
 * Time conversion: a year is `periodInModelUnits("year", unit)` model units (365.25 days).
 */
import { periodInModelUnits } from "../clv/periods.js";
import type { TransactionModel } from "../clv/transactionModel.js";
import type { TimeUnit } from "../types.js";
import {
  checkScenarioSettings,
  complaintChurnShares,
  scenarioCustomerColumns,
  newCustomerDefaults,
  type BaselineCustomerInput,
  type NewCustomerInput,
  type ScenarioBaseline,
  type ScenarioSettings,
} from "./baseline.js";
import { finishBaseline } from "./finish.js";

/**
 * G(t) given alive is increasing and concave in t for these models (the purchase rate of a live
 * customer only falls as dropout accumulates). When a tabulated curve breaks that (the special
 * functions lose precision for very large x at long t), continue it from the last sound knot at the
 * last sound increment (an upper bound). Returns true when the curve was repaired.
 */
export function repairPurchaseCurve(values: Float64Array, offset: number, knots: number): boolean {
  let previous = Infinity;
  for (let k = 1; k < knots; k++) {
    const inc = values[offset + k] - values[offset + k - 1];
    if (inc >= -1e-12 && inc <= previous * (1 + 1e-6) + 1e-12 && Number.isFinite(inc)) {
      previous = inc;
      continue;
    }
    const step = previous === Infinity ? 0 : previous;
    for (let j = k; j < knots; j++) values[offset + j] = values[offset + j - 1] + step;
    return true;
  }
  return false;
}

/** Input of {@link transactionBaseline}. */
export interface TransactionBaselineInput extends BaselineCustomerInput {
  /** The fitted model (e.g. `transactionModelFromFit(fitBgNbd(summary))`). */
  model: TransactionModel;
  /** Histories in the model's unit: repeat purchases, recency and age. */
  unit: TimeUnit;
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  settings: ScenarioSettings;
  newCustomer?: NewCustomerInput;
  /** Grid step of the purchase curves, years (default 0.25). */
  knotYears?: number;
}

/**
 * Precompute a transaction-model baseline (see the module header). Throws, naming the value, on a
 * unit mismatch, columns of different lengths or invalid settings.
 */
export function transactionBaseline(input: TransactionBaselineInput): ScenarioBaseline {
  const { model, settings } = input;
  checkScenarioSettings(settings);
  if (input.unit !== model.unit) throw new RangeError(`invalid unit: ${JSON.stringify(input.unit)} differs from the ${model.model} model's unit ${JSON.stringify(model.unit)}`);
  const cols = scenarioCustomerColumns(input);
  const n = cols.n;
  for (const [name, col] of [["x", input.x], ["tx", input.tx], ["T", input.T]] as const) {
    if (col.length !== n) throw new RangeError(`invalid ${name}: ${col.length} values for ${n} customers`);
  }
  const knotYears = input.knotYears ?? 0.25;
  if (!(knotYears > 0 && knotYears <= 1)) throw new RangeError(`invalid knotYears: ${knotYears}`);
  const H = settings.horizonYears;
  const knots = Math.ceil((2 * H) / knotYears) + 1;
  const year = periodInModelUnits("year", model.unit);
  const pAlive = new Float64Array(n);
  const curveOf = new Int32Array(n);
  const patterns = new Map<string, number>();
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = input.x[i];
    const tx = input.tx[i];
    const T = input.T[i];
    if (!(x >= 0 && tx >= 0 && T >= tx)) throw new RangeError(`invalid history of customer ${JSON.stringify(input.customerIds[i])}: x = ${x}, tx = ${tx}, T = ${T}`);
    const key = `${x}|${tx}|${T}`;
    let curve = patterns.get(key);
    const pa = model.probabilityAlive(x, tx, T);
    pAlive[i] = pa;
    if (curve === undefined) {
      curve = patterns.size;
      patterns.set(key, curve);
      rows.push(i);
    }
    curveOf[i] = curve;
  }
  const values = new Float64Array(patterns.size * knots);
  let repaired = 0;
  for (let c = 0; c < rows.length; c++) {
    const i = rows[c];
    const pa = pAlive[i];
    if (!(pa > 1e-12)) continue; // practically dead: contributes nothing whatever the levers
    for (let k = 1; k < knots; k++) {
      const g = model.conditionalExpectedPurchases(k * knotYears * year, input.x[i], input.tx[i], input.T[i]) / pa;
      if (!Number.isFinite(g)) throw new RangeError(`non-finite expected purchases for customer ${JSON.stringify(input.customerIds[i])}: ${g}`);
      values[c * knots + k] = g;
    }
    if (repairPurchaseCurve(values, c * knots, knots)) repaired++;
  }
  const newCustomer = new Float64Array(knots);
  for (let k = 1; k < knots; k++) newCustomer[k] = model.expectedPurchases(k * knotYears * year);
  // implied yearly retention of the current base: purchases in year 2 ÷ year 1
  const at = (c: number, years: number) => {
    const pos = years / knotYears;
    const k = Math.floor(pos);
    return values[c * knots + k] + (k + 1 < knots ? (values[c * knots + k + 1] - values[c * knots + k]) * (pos - k) : 0);
  };
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < n; i++) {
    const c = curveOf[i];
    const g1 = at(c, 1);
    y1 += pAlive[i] * g1;
    y2 += pAlive[i] * (at(c, 2) - g1);
  }
  const impliedRetention = y1 > 0 ? Math.min(1, y2 / y1) : 0;
  const newDefaults = newCustomerDefaults(cols.spendPerPurchase, cols.marginRate, Float64Array.from({ length: n }, (_, i) => pAlive[i] * at(curveOf[i], 1)));
  const spendNew = input.newCustomer?.spendPerPurchase ?? newDefaults.spendPerPurchase;
  const marginNew = input.newCustomer?.marginRate ?? newDefaults.marginRate;
  if (!(spendNew >= 0) || !Number.isFinite(spendNew)) throw new RangeError(`invalid newCustomer.spendPerPurchase: ${spendNew}`);
  if (!Number.isFinite(marginNew)) throw new RangeError(`invalid newCustomer.marginRate: ${marginNew}`);
  const warnings: string[] = [];
  if (repaired > 0) warnings.push(`${repaired} customer histor${repaired > 1 ? "ies" : "y"}: the model's expected purchases lost numerical precision at long horizons (not increasing and concave in time); continued at the last sound purchase rate`);
  const complaintChurnShare = cols.complaints ? complaintChurnShares(cols.complaints, pAlive) : new Float64Array(n);
  if (cols.complaints && complaintChurnShare.every((v) => v === 0)) warnings.push("complainers do not churn more than other customers here: the complaint-driven churn lever has no effect");
  const names: Record<string, string> = { bgnbd: "BG/NBD", mbgnbd: "MBG/NBD", pnbd: "Pareto/NBD" };
  const description =
    `${names[model.model] ?? model.model} expected purchases (fitted in ${model.unit}s) × expected spend per purchase × margin rate, ` +
    `per year over ${H} year${H > 1 ? "s" : ""}, discounted at ${(settings.discountRatePerYear * 100).toFixed(1)} % per year`;
  const baseline: ScenarioBaseline = {
    kind: "transaction",
    model: model.model,
    description,
    settings: { ...settings },
    n,
    customerIds: input.customerIds,
    pAlive,
    spendPerPurchase: cols.spendPerPurchase,
    marginRate: cols.marginRate,
    referralsPerPurchase: cols.referralsPerPurchase,
    complaintChurnShare,
    crossSellHeadroom: cols.crossSellHeadroom,
    newCustomer: { spendPerPurchase: spendNew, marginRate: marginNew },
    curves: {
      kind: "transaction",
      dropoutPerPurchase: model.model !== "pnbd",
      knotYears,
      knots,
      curveOf,
      values,
      newCustomer,
      impliedRetention,
    },
    has: { ...cols.has, acquisitionCost: settings.acquisitionCostPerCustomer > 0 },
    value: new Float64Array(n),
    rank: new Int32Array(n),
    tierThresholds: { platinum: Infinity, gold: Infinity, silver: Infinity, bronze: -Infinity },
    warnings,
  };
  return finishBaseline(baseline);
}
