/**
 * The transparent weighted composite behind both the customer value index (CVI) and the
 * opportunity index (OI). Each component is normalised once to 0-100 (`normalise.ts`), and the index
 * of row i is the weighted mean of its known component scores:
 *
 *     index_i = Σ_k w_k · s_ik · [s_ik known] / Σ_k w_k · [s_ik known]
 *
 * so weights are relative (any positive multiple gives the same scores), a component missing for the
 * whole data set (no margins, no referrals column, or constant) is reported as absent and its weight
 * goes to the others in proportion, and a value missing for one row is redistributed for that row
 * only. Re-scoring after a weight change is this one weighted pass over precomputed scores.
 * A row with no known component under the given weights scores NaN (counted in `unscored`); so does
 * every row when the data set has no component at all (e.g. an OI without wallets, categories or
 * future values).
 */
import { normalise, type Normalisation } from "./normalise.js";

/** Definition of one component of a composite index over rows of type R. */
export interface ComponentSpec<R, K extends string = string> {
  key: K;
  /** Short label for tables and charts. */
  label: string;
  /** Display group (e.g. "relationship" for tenure, frequency, recency, breadth). */
  group: string;
  /** Unit of the raw value ("currency", "days", "per year", "count", ...). */
  unit: string;
  /** "higher" when more is better for the index; "lower" scores 100 − normalised (recency, complaints). */
  better: "higher" | "lower";
  /** Default normalisation (overridable per component). */
  normalisation: Normalisation;
  /** Raw value of a row; null / undefined / NaN = unknown for this row. */
  raw(row: R): number | null | undefined;
  /**
   * Score given to rows whose raw value is unknown instead of leaving them out (e.g. recency of a
   * customer who never bought scores 0). Undefined = the row is absent for this component.
   */
  missingScore?: number;
}

/** A component after normalisation. */
export interface PreparedComponent<K extends string = string> {
  key: K;
  label: string;
  group: string;
  unit: string;
  better: "higher" | "lower";
  normalisation: Normalisation;
  /** "present", or absent for the whole data set (no known value, or all known values equal). */
  status: "present" | "absent";
  /** Why the component is absent, in plain words; undefined when present. */
  absentReason?: string;
  /** Raw value per row (NaN = unknown). */
  raw: Float64Array;
  /** Normalised 0-100 score per row (NaN = unknown for this row, or component absent). */
  scores: Float64Array;
  /** Bounds used by the normalisation (winsorised for minmax). */
  lo: number;
  hi: number;
  /** True when present and scored for every row (lets re-scoring skip the per-row presence test). */
  complete: boolean;
}

/** Normalised components of an index, ready to be re-weighted cheaply. */
export interface CompositeModel<K extends string = string> {
  /** Row identifiers, in input order. */
  ids: string[];
  components: PreparedComponent<K>[];
  /** Soft problems (absent components, imputations), de-duplicated. */
  warnings: string[];
}

/** Options of {@link prepareComposite}. */
export interface PrepareOptions<K extends string = string> {
  /** Override the normalisation of some components. */
  normalisation?: Partial<Record<K, Normalisation>>;
  /** Winsorising quantiles of minmax (default [0.01, 0.99]). */
  winsoriseQuantiles?: readonly [number, number];
}

/** Scores of every row under one set of weights. */
export interface CompositeScores<K extends string = string> {
  /** Index per row, 0-100 (NaN when no weighted component is known for the row). */
  scores: Float64Array;
  /** The weights used, normalised to sum 1 over the present components (absent ones are 0). */
  weights: Record<K, number>;
  /** Components absent from the whole data set (their weight was redistributed). */
  absent: K[];
  /** Rows that got NaN because none of their weighted components is known. */
  unscored: number;
}

/** One line of a row's breakdown. */
export interface ComponentContribution<K extends string = string> {
  key: K;
  label: string;
  group: string;
  unit: string;
  /** Raw value (null when unknown for this row). */
  raw: number | null;
  /** Normalised score 0-100 (null when absent for this row). */
  score: number | null;
  /** "present"; "absent" for the data set; "missing" for this row only. */
  status: "present" | "absent" | "missing";
  /** Weight after normalisation over the data set's present components. */
  weight: number;
  /** Weight after redistributing this row's missing components (what the index actually used). */
  effectiveWeight: number;
  /** effectiveWeight × score: the points this component adds to the index. */
  contribution: number;
}

/** A row's index and the components that make it up (contributions sum to the index). */
export interface CompositeBreakdown<K extends string = string> {
  id: string;
  index: number;
  components: ComponentContribution<K>[];
}

/** Normalise every component of `rows` once. */
export function prepareComposite<R, K extends string>(
  rows: readonly R[],
  id: (row: R) => string,
  specs: readonly ComponentSpec<R, K>[],
  options: PrepareOptions<K> = {},
): CompositeModel<K> {
  const warnings: string[] = [];
  const components = specs.map((spec): PreparedComponent<K> => {
    const method = options.normalisation?.[spec.key] ?? spec.normalisation;
    const raw = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const value = spec.raw(rows[i]);
      raw[i] = typeof value === "number" ? value : NaN;
    }
    const normalised = normalise(raw, method, { invert: spec.better === "lower", winsoriseQuantiles: options.winsoriseQuantiles });
    let absentReason: string | undefined;
    if (normalised.known === 0) absentReason = `no data for ${spec.label}`;
    else if (normalised.constant) absentReason = `${spec.label} is the same for everyone (${normalised.lo})`;
    if (absentReason === undefined && spec.missingScore !== undefined) {
      for (let i = 0; i < rows.length; i++) if (Number.isNaN(normalised.scores[i])) normalised.scores[i] = spec.missingScore;
    }
    if (absentReason !== undefined) {
      normalised.scores.fill(NaN);
      warnings.push(`${spec.key} left out: ${absentReason}; its weight goes to the other components`);
    }
    return {
      key: spec.key,
      label: spec.label,
      group: spec.group,
      unit: spec.unit,
      better: spec.better,
      normalisation: method,
      status: absentReason === undefined ? "present" : "absent",
      absentReason,
      raw,
      scores: normalised.scores,
      lo: normalised.lo,
      hi: normalised.hi,
      complete: absentReason === undefined && normalised.scores.every((x) => !Number.isNaN(x)),
    };
  });
  return { ids: rows.map(id), components, warnings };
}

/**
 * Validate `weights` (keys among the model's components, finite, ≥ 0) and normalise them to sum 1
 * over the present components. Throws when they are zero for every present component; when no
 * component is present at all, every weight is 0 and every row scores NaN.
 */
export function resolveWeights<K extends string>(model: CompositeModel<K>, weights: Partial<Record<K, number>>): Record<K, number> {
  const keys = new Set<string>(model.components.map((c) => c.key));
  for (const [key, value] of Object.entries(weights)) {
    if (!keys.has(key)) throw new Error(`unknown component: ${key} (expected one of ${[...keys].join(", ")})`);
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new Error(`invalid weight for ${key}: ${String(value)}`);
  }
  let total = 0;
  for (const c of model.components) if (c.status === "present") total += (weights[c.key] as number | undefined) ?? 0;
  const present = model.components.filter((c) => c.status === "present").map((c) => c.key);
  const out = {} as Record<K, number>;
  if (present.length === 0) {
    for (const c of model.components) out[c.key] = 0;
    return out;
  }
  if (!(total > 0)) throw new Error(`weights are zero for every available component (${present.join(", ")})`);
  for (const c of model.components) out[c.key] = c.status === "present" ? ((weights[c.key] as number | undefined) ?? 0) / total : 0;
  return out;
}

/** Score every row of `model` under `weights` (relative; normalised internally). */
export function scoreComposite<K extends string>(model: CompositeModel<K>, weights: Partial<Record<K, number>>): CompositeScores<K> {
  const resolved = resolveWeights(model, weights);
  const n = model.ids.length;
  const sum = new Float64Array(n);
  // Components known for every row add their weight once (fast path); the others per row.
  let completeWeight = 0;
  let partialWeight: Float64Array | null = null;
  for (const c of model.components) {
    const w = resolved[c.key];
    if (w === 0) continue;
    const s = c.scores;
    if (c.complete) {
      completeWeight += w;
      for (let i = 0; i < n; i++) sum[i] += w * s[i];
      continue;
    }
    partialWeight ??= new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = s[i];
      if (x === x) {
        sum[i] += w * x;
        partialWeight[i] += w;
      }
    }
  }
  let unscored = 0;
  for (let i = 0; i < n; i++) {
    const weight = partialWeight === null ? completeWeight : completeWeight + partialWeight[i];
    if (weight > 0) sum[i] = Math.min(100, Math.max(0, sum[i] / weight));
    else {
      sum[i] = NaN;
      unscored++;
    }
  }
  return { scores: sum, weights: resolved, absent: model.components.filter((c) => c.status === "absent").map((c) => c.key), unscored };
}

/** The component breakdown of row `index` under `weights`: contributions sum to the index. */
export function explainComposite<K extends string>(model: CompositeModel<K>, weights: Partial<Record<K, number>>, index: number): CompositeBreakdown<K> {
  if (!(Number.isInteger(index) && index >= 0 && index < model.ids.length)) throw new Error(`invalid row index: ${index}`);
  const resolved = resolveWeights(model, weights);
  let known = 0;
  for (const c of model.components) if (!Number.isNaN(c.scores[index])) known += resolved[c.key];
  let total = 0;
  const components = model.components.map((c): ComponentContribution<K> => {
    const raw = c.raw[index];
    const score = c.scores[index];
    const status = c.status === "absent" ? "absent" : Number.isNaN(score) ? "missing" : "present";
    const effectiveWeight = status === "present" && known > 0 ? resolved[c.key] / known : 0;
    const contribution = status === "present" ? effectiveWeight * score : 0;
    total += contribution;
    return {
      key: c.key, label: c.label, group: c.group, unit: c.unit,
      raw: Number.isNaN(raw) ? null : raw,
      score: Number.isNaN(score) ? null : score,
      status, weight: resolved[c.key], effectiveWeight, contribution,
    };
  });
  return { id: model.ids[index], index: known > 0 ? total : NaN, components };
}

/**
 * Rank of each row by descending score (1 = best; ties share the best rank; NaN rows rank last).
 * Compare two rankings to show each customer's rank shift after a weight change.
 */
export function rankDescending(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const key = (i: number) => (Number.isNaN(scores[i]) ? -Infinity : scores[i]);
  order.sort((a, b) => key(b) - key(a) || a - b);
  const ranks = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const i = order[r];
    ranks[i] = r > 0 && key(order[r - 1]) === key(i) ? ranks[order[r - 1]] : r + 1;
  }
  return ranks;
}
