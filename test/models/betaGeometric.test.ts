import { describe, expect, it } from "vitest";
import { bgnbdConditionalExpectedPurchases, bgnbdExpectedPurchases } from "../../src/models/bgnbd.js";
import { mbgnbdConditionalExpectedPurchases, mbgnbdExpectedPurchases } from "../../src/models/mbgnbd.js";
import { oneMinusScaledHyp2f1 } from "../../src/models/betaGeometric.js";

/**
 * Independent reference: 1 − (1−z)^A ₂F₁(A, B; C; z) by the defining power series (no transformation),
 * each term (1−z)^A (A)_n (B)_n / ((C)_n n!) z^n kept as a logarithm (all positive for A, B, C > 0),
 * summed relative to the largest term until the terms are 1e-40 of it and falling.
 */
function bracketBySeries(A: number, B: number, C: number, z: number): number {
  const logs: number[] = [A * Math.log1p(-z)];
  const logZ = Math.log(z);
  let logTerm = logs[0];
  let maxLog = logTerm;
  for (let n = 0; n < 20_000_000; n++) {
    const logRatio = Math.log(((A + n) / (C + n)) * ((B + n) / (n + 1))) + logZ;
    logTerm += logRatio;
    logs.push(logTerm);
    if (logTerm > maxLog) maxLog = logTerm;
    if (logRatio < 0 && logTerm < maxLog - 40 * Math.LN10) break;
  }
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - maxLog);
  return 1 - Math.exp(maxLog) * sum;
}

// Heavy buyers (x in the hundreds) at horizons of 5–10 years in weeks. Before the Euler form the BG/NBD
// and MBG/NBD expectations here came out as NaN, ±Infinity or hundreds of purchases.
// Reference values: mpmath 1.3.0, 60 digits, eq. 10 of Fader, Hardie & Lee (2005) (and its MBG/NBD
// analogue) evaluated as written, hyp2f1(r+x, b+x, a+b+x−1, z, maxterms=10**7).
const heavy = [
  { params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, x: 400, tx: 98, T: 100, t: 520, bgnbd: 156.58982615159647, mbgnbd: 157.08158249382887 },
  { params: { r: 0.5, alpha: 2, a: 1.5, b: 10 }, x: 400, tx: 98, T: 100, t: 520, bgnbd: 43.299204546568325, mbgnbd: 43.47074673608866 },
  { params: { r: 1.004, alpha: 7.99, a: 2.49, b: 45 }, x: 800, tx: 254.79999999999998, T: 260, t: 260, bgnbd: 0.018253883962632827, mbgnbd: 0.0182876937064314 },
  { params: { r: 1.2, alpha: 9.2, a: 2.93, b: 54.2 }, x: 2000, tx: 254.79999999999998, T: 260, t: 260, bgnbd: 6.0114851247646806e-12, mbgnbd: 6.0162824585815056e-12 },
  // the Northwind demo's biggest client (weekly BG/NBD fit on the demo log), 5 years ahead
  {
    params: { r: 1.0042848319270892, alpha: 7.988022461515584, a: 2.494673383062613, b: 44.99897637860125 },
    x: 236, tx: 154.71428571428572, T: 154.85714285714286, t: 260, bgnbd: 134.44654849567888, mbgnbd: 134.76788959750499,
  },
];

describe("BG/NBD and MBG/NBD expectations of heavy buyers at long horizons", () => {
  it("E[Y(t) | x, t_x, T] matches 60-digit mpmath values (relative 1e-9)", () => {
    for (const h of heavy) {
      const bg = bgnbdConditionalExpectedPurchases(h.params, h.t, h.x, h.tx, h.T);
      expect(Math.abs(bg / h.bgnbd - 1), `bgnbd x = ${h.x}`).toBeLessThan(1e-9);
      const mbg = mbgnbdConditionalExpectedPurchases(h.params, h.t, h.x, h.tx, h.T);
      expect(Math.abs(mbg / h.mbgnbd - 1), `mbgnbd x = ${h.x}`).toBeLessThan(1e-9);
    }
  });

  it("the bracket 1 − (1−z)^A ₂F₁(A, B; C; z) equals its defining series summed in log space (relative 1e-9)", () => {
    for (const [r, a, b] of [[0.243, 0.793, 2.426], [1.004, 2.49, 45], [2, 5, 100]]) {
      for (const x of [0, 3, 50, 236, 800, 2000]) {
        for (const z of [0.05, 0.3, 0.615, 0.75, 0.8, 0.9, 0.95, 0.99]) {
          const A = r + x;
          const B = b + x;
          const C = a + b + x - 1;
          const expected = bracketBySeries(A, B, C, z);
          expect(Math.abs(oneMinusScaledHyp2f1(A, B, C, z) / expected - 1), `r=${r} a=${a} b=${b} x=${x} z=${z}`).toBeLessThan(1e-9);
        }
      }
    }
  });

  // Was a known defect of hyp2f1 (the connection formula's series with c = −48.514 stopped before its
  // terms grew again), fixed in src/math/special.ts.
  it("bracket at r=1.004 a=2.49 b=45 x=50 z=0.85 equals its defining series (once a hyp2f1 defect)", () => {
    const [A, B, C, z] = [1.004 + 50, 45 + 50, 2.49 + 45 + 50 - 1, 0.85];
    expect(Math.abs(oneMinusScaledHyp2f1(A, B, C, z) / bracketBySeries(A, B, C, z) - 1)).toBeLessThan(1e-9);
  });

  it("E[Y(t)] of the demo's biggest client is increasing and concave in t over 10 years (property)", () => {
    const h = heavy[4];
    for (const expect_ of [bgnbdConditionalExpectedPurchases, mbgnbdConditionalExpectedPurchases]) {
      const ys = Array.from({ length: 41 }, (_, i) => expect_(h.params, 13 * i, h.x, h.tx, h.T));
      for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeGreaterThan(ys[i - 1]);
      for (let i = 1; i + 1 < ys.length; i++) expect(ys[i + 1] - ys[i]).toBeLessThanOrEqual(ys[i] - ys[i - 1] + 1e-9 * ys[i]);
    }
  });

  it("E[X(t)] of a new customer stays finite and below the purchase rate times t at long horizons", () => {
    const p = heavy[4].params;
    for (const t of [52, 520, 5200, 52_000]) {
      for (const e of [bgnbdExpectedPurchases(p, t), mbgnbdExpectedPurchases(p, t)]) {
        expect(Number.isFinite(e)).toBe(true);
        expect(e).toBeGreaterThan(0);
        expect(e).toBeLessThan((p.r / p.alpha) * t); // E[λ] t bounds purchases when nobody drops out
      }
    }
  });

  it("bracket is 0 at z = 0", () => {
    expect(oneMinusScaledHyp2f1(236, 280, 281, 0)).toBe(0);
  });

  it("stays finite for a degenerate fit (a in the tens of thousands, b near 0: everyone leaves at the first purchase)", () => {
    // Parameters BG/NBD finds on a 4-customer upload with one repeat purchase (the Data page browser test).
    const p = { r: 0.5306357845532385, alpha: 13.559433574010006, a: 44729.785060323964, b: 0.00006706940344184043 };
    let previous = 0;
    for (const t of [1, 4.35, 13, 26, 52.18, 104]) {
      const population = bgnbdExpectedPurchases(p, t);
      // With b/(a+b) ≈ 0 the dropout probability is ≈ 1, so E[X(t)] → E[one purchase before dropping out] and
      // approaches 1 − (α/(α+t))^r from below; the survivor (x = 1) is almost surely gone.
      expect(population).toBeGreaterThan(previous);
      expect(population).toBeLessThanOrEqual(1 - (p.alpha / (p.alpha + t)) ** p.r + 1e-9);
      expect(population).toBeCloseTo(1 - (p.alpha / (p.alpha + t)) ** p.r, 3);
      previous = population;
      const conditional = bgnbdConditionalExpectedPurchases(p, t, 1, 3.857142857142857, 8.142857142857142);
      expect(Number.isFinite(conditional) && conditional >= 0 && conditional < 1e-6).toBe(true);
    }
  });
});
