/**
 * Completing a baseline: its own per-customer value (the all-zero scenario), the ranking used by
 * "lose the top N clients", and the value thresholds of the customer pyramid (Zeithaml, Rust & Lemon
 * 2001; default top 5 / 20 / 50 % by baseline value, `src/value/tiers.ts`). Scenario tier counts use
 * these fixed *value* thresholds: percentile tiers would always hold the same counts.
 */
import { assignTiers, DEFAULT_TIER_CUTOFFS, type TierCutoffs } from "../value/tiers.js";
import type { ScenarioBaseline } from "./baseline.js";
import { runScenario } from "./engine.js";
import { NO_CHANGE } from "./levers.js";

/** Fill `value`, `rank` and `tierThresholds` of a baseline built with placeholders; returns it. */
export function finishBaseline(baseline: ScenarioBaseline, cutoffs: TierCutoffs = DEFAULT_TIER_CUTOFFS): ScenarioBaseline {
  baseline.tierThresholds = { platinum: Infinity, gold: Infinity, silver: Infinity, bronze: -Infinity };
  const result = runScenario(baseline, NO_CHANGE);
  const n = baseline.n;
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    value[i] = result.customerValue![i] + result.customerReferralValue![i];
    if (!Number.isFinite(value[i])) throw new RangeError(`non-finite baseline value of customer ${JSON.stringify(baseline.customerIds[i])}: ${value[i]}`);
  }
  baseline.value = value;
  baseline.rank = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => value[b] - value[a] || a - b);
  const tiers = assignTiers(value, undefined, cutoffs);
  const min = { platinum: Infinity, gold: Infinity, silver: Infinity, bronze: -Infinity };
  for (let i = 0; i < n; i++) {
    const t = tiers[i];
    if (t === "platinum" || t === "gold" || t === "silver") min[t] = Math.min(min[t], value[i]);
  }
  // An empty tier starts where the next one up starts (nobody falls in it).
  if (min.gold === Infinity) min.gold = min.platinum;
  if (min.silver === Infinity) min.silver = min.gold;
  baseline.tierThresholds = min;
  baseline.warnings.push(...result.warnings);
  return baseline;
}
