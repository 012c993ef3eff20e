/**
 * The small diagnostic modules: calibration-frequency histogram (against a simulation at known
 * parameters), frequency/recency matrix, P(alive) history (BTYD walkthrough value) and the
 * heterogeneity densities (closed forms).
 */
import { describe, expect, it } from "vitest";
import { calibrationFrequencyHistogram } from "../../src/clv/calibrationFrequency.js";
import { frequencyRecencyMatrix } from "../../src/clv/frequencyRecencyMatrix.js";
import { probabilityAliveHistory } from "../../src/clv/pAliveHistory.js";
import { bgnbdProbabilityAlive, bgnbdProbabilityOfNPurchases } from "../../src/models/bgnbd.js";
import { pnbdProbabilityAlive } from "../../src/models/pnbd.js";
import { betaDensity, gammaDensity, heterogeneityCurves } from "../../src/models/heterogeneity.js";
import { simulateBgNbdSummary } from "../../src/models/simulate.js";

const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe("calibrationFrequencyHistogram", () => {
  it("matches a 40,000-customer BG/NBD simulation at the true parameters within 3 %", () => {
    const sim = simulateBgNbdSummary(bg, { customers: 40_000, T: { min: 27, max: 39 }, seed: 11 });
    const h = calibrationFrequencyHistogram((t, n) => bgnbdProbabilityOfNPurchases(bg, t, n), sim, { maxFrequency: 3, maxDistinctAges: 200 });
    expect(h.agesRounded).toBe(true);
    expect(h.bins.map((b) => b.label)).toEqual(["0", "1", "2", "3+"]);
    for (const bin of h.bins) expect(Math.abs(bin.expected - bin.actual) / bin.actual).toBeLessThan(0.03);
    expect(h.bins.reduce((s, b) => s + b.expected, 0)).toBeCloseTo(40_000, 6);
  });

  it("rejects a non-integer frequency", () => {
    expect(() => calibrationFrequencyHistogram(() => 0.1, { x: [1.5], T: [3] })).toThrow("invalid x at customer 1: 1.5");
  });
});

describe("frequencyRecencyMatrix", () => {
  it("has one cell for x = 0 and evaluates the other rows at bin mid-points", () => {
    const m = frequencyRecencyMatrix((x, tx, T) => x * 100 + tx / T, { T: 10, maxFrequency: 2, recencyBins: 5 });
    expect(m.cells).toHaveLength(11);
    expect(m.cells[0]).toEqual({ x: 0, tx: 0, tx0: 0, tx1: 2, value: 0 });
    expect(m.cells[1]).toMatchObject({ x: 1, tx: 1, tx0: 0, tx1: 2, value: 100.1 });
    expect(m.cells[10]).toMatchObject({ x: 2, tx: 9, value: 200.9 });
  });

  it("BG/NBD P(alive) matrix: 1 at x = 0 and rising with recency in each row (property)", () => {
    const m = frequencyRecencyMatrix((x, tx, T) => bgnbdProbabilityAlive(bg, x, tx, T), { T: 38.86, maxFrequency: 10 });
    expect(m.cells[0].value).toBe(1);
    for (let x = 1; x <= 10; x++) {
      const row = m.cells.filter((c) => c.x === x).map((c) => c.value);
      for (let k = 1; k < row.length; k++) expect(row[k]).toBeGreaterThan(row[k - 1]);
    }
  });
});

describe("probabilityAliveHistory", () => {
  const btyd = { r: 0.5533971, alpha: 10.5801985, s: 0.6060625, beta: 11.6562237 };

  it("ends at the BTYD walkthrough's P(alive | x = 26, t_x = 30.86, T = 31) = 0.9979", () => {
    const times = Array.from({ length: 26 }, (_, k) => (30.86 * (k + 1)) / 26);
    const points = probabilityAliveHistory((x, tx, T) => pnbdProbabilityAlive(btyd, x, tx, T), { purchaseTimes: times, T: 31 });
    const last = points[points.length - 1];
    expect(last).toMatchObject({ t: 31, x: 26 });
    expect(Math.abs(last.pAlive - 0.9979)).toBeLessThan(0.001);
  });

  it("decays between purchases and jumps up at a purchase (Pareto/NBD)", () => {
    const points = probabilityAliveHistory((x, tx, T) => pnbdProbabilityAlive(btyd, x, tx, T), { purchaseTimes: [10, 20], T: 40 }, { steps: 40 });
    for (let k = 1; k < points.length; k++) {
      if (points[k].x === points[k - 1].x) expect(points[k].pAlive).toBeLessThanOrEqual(points[k - 1].pAlive + 1e-12);
    }
    const at20 = points.findIndex((p) => p.t === 20);
    expect(points[at20].pAlive).toBeGreaterThan(points[at20 - 1].pAlive);
  });

  it("BG/NBD: 1 until the first repeat purchase", () => {
    const points = probabilityAliveHistory((x, tx, T) => bgnbdProbabilityAlive(bg, x, tx, T), { purchaseTimes: [5], T: 10 }, { steps: 10 });
    expect(points.filter((p) => p.t < 5).every((p) => p.pAlive === 1)).toBe(true);
    expect(() => probabilityAliveHistory(() => 1, { purchaseTimes: [0], T: 1 })).toThrow("invalid purchase time at index 0: 0");
  });
});

describe("heterogeneity densities", () => {
  it("equal the closed forms: Gamma(1, 2) = 2e^(−2v), Gamma(2, 3) at 1 = 9e^(−3), Beta(2, 2) at ½ = 1.5, Beta(1, 1) = 1", () => {
    expect(gammaDensity(1, 2, 0.7)).toBeCloseTo(2 * Math.exp(-1.4), 12);
    expect(gammaDensity(2, 3, 1)).toBeCloseTo(9 * Math.exp(-3), 12);
    expect(betaDensity(2, 2, 0.5)).toBeCloseTo(1.5, 12);
    expect(betaDensity(1, 1, 0.3)).toBeCloseTo(1, 12);
    expect(() => gammaDensity(0, 1, 1)).toThrow("invalid gamma parameters: shape 0, rate 1");
  });

  it("integrate to ≈ 1 with the model's mean (trapezoid over the sampled range; Gamma(3, 2), Beta(2.5, 4))", () => {
    const curves = heterogeneityCurves({ model: "bgnbd", params: { r: 3, alpha: 2, a: 2.5, b: 4 }, unit: "week" }, { points: 2000 });
    for (const curve of curves) {
      let mass = 0;
      let moment = 0;
      let prev = { value: 0, density: 0 };
      for (const p of curve.points) {
        mass += ((p.value - prev.value) * (p.density + prev.density)) / 2;
        moment += ((p.value - prev.value) * (p.value * p.density + prev.value * prev.density)) / 2;
        prev = p;
      }
      expect(mass).toBeGreaterThan(0.99);
      expect(mass).toBeLessThan(1.001);
      expect(Math.abs(moment - curve.mean)).toBeLessThan(0.02);
    }
    expect(curves[0].mean).toBe(1.5);
    expect(curves[1].mean).toBeCloseTo(2.5 / 6.5, 12);
  });
});
