/**
 * Sensitivity of customer equity to each lever: elasticities (% change of equity per 1 % change of a
 * relative lever, or per 1 point of a points lever) by central finite differences, and the tornado
 * (equity at −step and +step of each lever, from a reference scenario). For the retention lever of an
 * sBG baseline the elasticity of current customers' value is Fader & Hardie (2010)'s retention
 * elasticity (see `sbgRetentionElasticity`).
 */
import type { ScenarioBaseline } from "./baseline.js";
import { runScenario, type ScenarioResult } from "./engine.js";
import { checkLevers, LEVERS, NO_CHANGE, type NumericLever, type ScenarioLevers } from "./levers.js";

/** Which total an elasticity or tornado measures. */
export type EquityMeasure = "equity" | "currentValue";

/** One lever's elasticity. */
export interface LeverElasticity {
  lever: NumericLever;
  label: string;
  /** "%": % change of the measure per 1 % lever change; "pt": per 1 point. */
  per: "%" | "pt";
  elasticity: number;
}

/** One bar of a tornado chart. */
export interface TornadoBar {
  lever: NumericLever;
  label: string;
  /** Lever values tried: reference − step and reference + step (clamped to the lever's range). */
  low: number;
  high: number;
  /** Measure at low / high and its change from the reference. */
  valueLow: number;
  valueHigh: number;
  deltaLow: number;
  deltaHigh: number;
  /** max(|deltaLow|, |deltaHigh|): bars are sorted by it, largest first. */
  swing: number;
}

const measureOf = (r: ScenarioResult, measure: EquityMeasure) => (measure === "equity" ? r.equity : r.currentValue);

function withLever(levers: ScenarioLevers, key: NumericLever, value: number): ScenarioLevers {
  return { ...levers, [key]: value };
}

/** The levers a baseline can move (complaint churn needs complaints, cross-sell needs categories, acquisition levers need new customers and a cost). */
export function availableLevers(baseline: ScenarioBaseline): NumericLever[] {
  return LEVERS.filter((l) => {
    if (l.key === "removeTopN") return false;
    if (l.key === "complaintChurnPct") return baseline.has.complaints && baseline.complaintChurnShare.some((v) => v > 0);
    if (l.key === "acquisitionCostPct") return baseline.settings.acquisitionCostPerCustomer > 0 && baseline.settings.newCustomersPerYear > 0;
    if (l.key === "crossSellPct") return baseline.has.categories;
    if (l.key === "acquisitionVolumePct") return baseline.settings.newCustomersPerYear > 0;
    return true;
  }).map((l) => l.key);
}

/**
 * Elasticity of the measure to each available lever at `reference` (default: the baseline), by a
 * central difference of ± `h` (default 0.01 % or point). Dimensionless; NaN when the measure is 0.
 */
export function leverElasticities(baseline: ScenarioBaseline, options: { reference?: Partial<ScenarioLevers>; measure?: EquityMeasure; h?: number } = {}): LeverElasticity[] {
  const reference = checkLevers(options.reference ?? NO_CHANGE);
  const measure = options.measure ?? "equity";
  const h = options.h ?? 0.01;
  const base = measureOf(runScenario(baseline, reference, { perCustomer: false }), measure);
  return availableLevers(baseline).map((key) => {
    const info = LEVERS.find((l) => l.key === key)!;
    const up = measureOf(runScenario(baseline, withLever(reference, key, reference[key] + h), { perCustomer: false }), measure);
    const down = measureOf(runScenario(baseline, withLever(reference, key, reference[key] - h), { perCustomer: false }), measure);
    const elasticity = base === 0 ? NaN : ((up - down) / (2 * h) / base) * 100;
    return { lever: key, label: info.label, per: info.unit === "pt" ? "pt" : "%", elasticity };
  });
}

/** The retention elasticity of a baseline's measure: % change per 1 % rise of every retention probability. */
export function scenarioRetentionElasticity(baseline: ScenarioBaseline, measure: EquityMeasure = "currentValue", h = 0.01): number {
  const value = (eps: number) => measureOf(runScenario(baseline, { retentionPct: eps }, { perCustomer: false }), measure);
  const base = value(0);
  return base === 0 ? NaN : ((value(h) - value(-h)) / (2 * h) / base) * 100;
}

/**
 * Tornado of the available levers around `reference` (default baseline): each lever moved by −step
 * and +step (its `tornadoStep`, or `steps[lever]`), others fixed; sorted by swing.
 */
export function tornado(baseline: ScenarioBaseline, options: { reference?: Partial<ScenarioLevers>; measure?: EquityMeasure; steps?: Partial<Record<NumericLever, number>> } = {}): TornadoBar[] {
  const reference = checkLevers(options.reference ?? NO_CHANGE);
  const measure = options.measure ?? "equity";
  const base = measureOf(runScenario(baseline, reference, { perCustomer: false }), measure);
  const bars = availableLevers(baseline).map((key): TornadoBar => {
    const info = LEVERS.find((l) => l.key === key)!;
    const step = options.steps?.[key] ?? info.tornadoStep;
    if (!(step > 0)) throw new RangeError(`invalid tornado step for ${key}: ${step}`);
    const low = Math.max(info.min, reference[key] - step);
    const high = Math.min(info.max, reference[key] + step);
    const valueLow = measureOf(runScenario(baseline, withLever(reference, key, low), { perCustomer: false }), measure);
    const valueHigh = measureOf(runScenario(baseline, withLever(reference, key, high), { perCustomer: false }), measure);
    const deltaLow = valueLow - base;
    const deltaHigh = valueHigh - base;
    return { lever: key, label: info.label, low, high, valueLow, valueHigh, deltaLow, deltaHigh, swing: Math.max(Math.abs(deltaLow), Math.abs(deltaHigh)) };
  });
  return bars.sort((a, b) => b.swing - a.swing);
}
