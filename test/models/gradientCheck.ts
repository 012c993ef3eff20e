/**
 * Test helper: checks a model's analytic log-likelihood gradient against central finite differences in
 * relative steps (θ·(1 ± h), h = 1e-6), each component to 1e-6 · max(1, |numeric|).
 */
import { expect } from "vitest";

/**
 * Expect `gradient(params, data)` to match the central differences of `logLikelihood(·, data)` in each
 * named parameter, in the order of `names`; `label` names the case in failure messages.
 */
export function expectGradientMatchesDifferences<P extends object, D>(
  logLikelihood: (params: P, data: D) => number,
  gradient: (params: P, data: D) => number[],
  params: P,
  data: D,
  names: readonly (keyof P & string)[],
  label = "",
): void {
  const analytic = gradient(params, data);
  const h = 1e-6;
  names.forEach((k, i) => {
    const v = (params as Record<string, number>)[k];
    const up = logLikelihood({ ...params, [k]: v * (1 + h) }, data);
    const down = logLikelihood({ ...params, [k]: v * (1 - h) }, data);
    const numeric = (up - down) / (2 * h * v);
    expect(Math.abs(analytic[i] - numeric), `${k}${label ? ` ${label}` : ""}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
  });
}

/** Five Pareto/NBD histories (x, t_x, T) covering x = 0, t_x = T, t_x near 0 and a heavy buyer. */
export const smallHistories = [
  { x: 0, tx: 0, T: 30 },
  { x: 3, tx: 12.5, T: 30 },
  { x: 7, tx: 29, T: 35 },
  { x: 1, tx: 2, T: 2 },
  { x: 40, tx: 0.5, T: 60 },
];
