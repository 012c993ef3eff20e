/**
 * P(alive) over one customer's history: at each time t since the first purchase, the model's
 * P(alive | x(t), t_x(t), t), where x(t) is the number of repeat purchases in (0, t] and t_x(t) the time
 * of the last one (0 if none). Between purchases it decays (the longer the silence, the likelier the
 * customer has left); each purchase resets it (lifetimes' `plot_history_alive`).
 */

/** One point of a {@link probabilityAliveHistory}. */
export interface AlivePoint {
  /** Time since the first purchase (model units). */
  t: number;
  /** Repeat purchases up to and including t. */
  x: number;
  /** Recency at t (model units). */
  tx: number;
  pAlive: number;
}

/**
 * P(alive) at `steps` + 1 equally spaced times in [0, T] and just before and at each repeat purchase
 * (so the jumps are drawn as jumps). `purchaseTimes` are the repeat purchases' times since the first
 * purchase (model units, > 0, any order; times after T are ignored). Throws on an invalid time.
 */
export function probabilityAliveHistory(
  probabilityAlive: (x: number, tx: number, T: number) => number,
  history: { purchaseTimes: ArrayLike<number>; T: number },
  options: { steps?: number } = {},
): AlivePoint[] {
  const { T } = history;
  const steps = options.steps ?? 100;
  if (!(T >= 0) || !Number.isFinite(T)) throw new RangeError(`invalid T: ${T}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`invalid steps: ${steps}`);
  const purchases: number[] = [];
  for (let i = 0; i < history.purchaseTimes.length; i++) {
    const t = history.purchaseTimes[i];
    if (!(t > 0) || !Number.isFinite(t)) throw new RangeError(`invalid purchase time at index ${i}: ${t}`);
    if (t <= T) purchases.push(t);
  }
  purchases.sort((a, b) => a - b);
  const times = new Set<number>();
  for (let k = 0; k <= steps; k++) times.add((k / steps) * T);
  const epsilon = T * 1e-6;
  for (const t of purchases) {
    times.add(Math.max(0, t - epsilon));
    times.add(t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const points: AlivePoint[] = [];
  let j = 0;
  let x = 0;
  let tx = 0;
  for (const t of sorted) {
    while (j < purchases.length && purchases[j] <= t) {
      x++;
      tx = purchases[j++];
    }
    points.push({ t, x, tx, pAlive: probabilityAlive(x, tx, t) });
  }
  return points;
}
