import { describe, expect, it } from "vitest";
import { simpleClv, simpleClvRetentionElasticity } from "../../src/clv/simpleClv.js";

/** Small seeded generator (mulberry32) so property tests are reproducible. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Direct cash-flow sum Σ_{t=1}^{N} m r^t / (1+d)^t, written out independently of the closed form. */
function cashFlowSum(m: number, r: number, d: number, periods: number): number {
  let total = 0;
  let alive = 1;
  let discount = 1;
  for (let t = 1; t <= periods; t++) {
    alive *= r;
    discount /= 1 + d;
    total += m * alive * discount;
  }
  return total;
}

describe("simpleClv", () => {
  it("gives the textbook value m·r/(1+d−r) (Gupta & Lehmann 2003: m=100, r=80 %, d=10 % → 266.67)", () => {
    expect(simpleClv({ marginPerPeriod: 100, retentionRate: 0.8, discountRatePerPeriod: 0.1 })).toBeCloseTo(800 / 3, 10);
    expect(simpleClv({ marginPerPeriod: 100, retentionRate: 0.8, discountRatePerPeriod: 0.1, includeInitialMargin: true })).toBeCloseTo(100 + 800 / 3, 10);
    expect(simpleClv({ marginPerPeriod: 100, retentionRate: 0.8, discountRatePerPeriod: 0.1, acquisitionCost: 50 })).toBeCloseTo(800 / 3 - 50, 10);
  });

  it("matches the period-by-period cash-flow sum for finite horizons", () => {
    const random = rng(7);
    for (let i = 0; i < 200; i++) {
      const m = random() * 200 - 20;
      const r = random();
      const d = random() * 0.3;
      const n = Math.floor(random() * 40);
      expect(simpleClv({ marginPerPeriod: m, retentionRate: r, discountRatePerPeriod: d, horizonPeriods: n })).toBeCloseTo(cashFlowSum(m, r, d, n), 9);
    }
    // r = 1, d = 0: m per period, exactly
    expect(simpleClv({ marginPerPeriod: 10, retentionRate: 1, discountRatePerPeriod: 0, horizonPeriods: 12 })).toBe(120);
  });

  it("finite horizon tends to the infinite-horizon value", () => {
    const inf = simpleClv({ marginPerPeriod: 30, retentionRate: 0.9, discountRatePerPeriod: 0.05 });
    expect(simpleClv({ marginPerPeriod: 30, retentionRate: 0.9, discountRatePerPeriod: 0.05, horizonPeriods: 2000 })).toBeCloseTo(inf, 8);
    expect(cashFlowSum(30, 0.9, 0.05, 2000)).toBeCloseTo(inf, 8);
  });

  it("property: rises with retention and falls with discount (positive margin)", () => {
    const random = rng(42);
    for (let i = 0; i < 500; i++) {
      const m = 1 + random() * 100;
      const d = random() * 0.5;
      const r1 = random() * 0.99;
      const r2 = r1 + (1 - r1) * random() * 0.99 + 1e-6;
      const horizon = random() < 0.5 ? undefined : 1 + Math.floor(random() * 30);
      const base = { marginPerPeriod: m, discountRatePerPeriod: d, horizonPeriods: horizon };
      expect(simpleClv({ ...base, retentionRate: r2 })).toBeGreaterThan(simpleClv({ ...base, retentionRate: r1 }));
      const d2 = d + 0.01 + random() * 0.2;
      expect(simpleClv({ ...base, retentionRate: r1, discountRatePerPeriod: d2 })).toBeLessThan(simpleClv({ ...base, retentionRate: r1 }));
    }
  });

  it("retention elasticity (1+d)/(1+d−r) equals the finite-difference elasticity", () => {
    for (const [r, d] of [[0.8, 0.1], [0.5, 0.02], [0.95, 0.12]]) {
      const f = (rr: number) => simpleClv({ marginPerPeriod: 1, retentionRate: rr, discountRatePerPeriod: d });
      const h = 1e-6;
      const numeric = ((f(r * (1 + h)) - f(r * (1 - h))) / (2 * h)) / f(r);
      expect(simpleClvRetentionElasticity(r, d)).toBeCloseTo(numeric, 6);
    }
    expect(simpleClvRetentionElasticity(0.8, 0.1)).toBeCloseTo(1.1 / 0.3, 12);
  });

  it("rejects invalid input with the bad value", () => {
    expect(() => simpleClv({ marginPerPeriod: 1, retentionRate: 1.2, discountRatePerPeriod: 0.1 })).toThrow("invalid retentionRate: 1.2");
    expect(() => simpleClv({ marginPerPeriod: 1, retentionRate: 0.5, discountRatePerPeriod: -0.2 })).toThrow("invalid discountRatePerPeriod: -0.2");
    expect(() => simpleClv({ marginPerPeriod: NaN, retentionRate: 0.5, discountRatePerPeriod: 0.1 })).toThrow("invalid marginPerPeriod: NaN");
    expect(() => simpleClv({ marginPerPeriod: 1, retentionRate: 0.5, discountRatePerPeriod: 0.1, horizonPeriods: 2.5 })).toThrow("invalid horizonPeriods: 2.5");
  });
});
