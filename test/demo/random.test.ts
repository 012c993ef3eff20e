import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/demo/random.js";

const N = 40_000;
function moments(draw: () => number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < N; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / N;
  return { mean, variance: s2 / N - mean * mean };
}

describe("createRandom", () => {
  it("is deterministic in its seed and differs across seeds", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xa);
  });

  it("reproduces the reference mulberry32 stream", () => {
    // Reference implementation (bryc/code, "mulberry32"), inlined here as the oracle.
    function mulberry32(a: number) {
      return function () {
        a |= 0;
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    const reference = mulberry32(12345);
    const ours = createRandom(12345);
    for (let i = 0; i < 1000; i++) expect(ours.uniform()).toBe(reference());
  });

  // Moments checked against the distributions' closed forms; tolerance ≈ 5 standard errors.
  it("draws uniforms, normals, gammas, betas, exponentials and Poissons with the right moments", () => {
    const rng = createRandom(1);
    const u = moments(rng.uniform);
    expect(u.mean).toBeCloseTo(0.5, 2);
    expect(u.variance).toBeCloseTo(1 / 12, 2);
    const z = moments(rng.normal);
    expect(Math.abs(z.mean)).toBeLessThan(0.025);
    expect(Math.abs(z.variance - 1)).toBeLessThan(0.04);
    const g = moments(() => rng.gamma(2, 3)); // mean 6, variance 18
    expect(Math.abs(g.mean - 6)).toBeLessThan(0.11);
    expect(Math.abs(g.variance - 18)).toBeLessThan(1.2);
    const gSmall = moments(() => rng.gamma(0.5, 2)); // mean 1, variance 2
    expect(Math.abs(gSmall.mean - 1)).toBeLessThan(0.04);
    const b = moments(() => rng.beta(2, 3)); // mean 0.4, variance 0.04
    expect(Math.abs(b.mean - 0.4)).toBeLessThan(0.005);
    expect(Math.abs(b.variance - 0.04)).toBeLessThan(0.002);
    const e = moments(() => rng.exponential(5));
    expect(Math.abs(e.mean - 5)).toBeLessThan(0.13);
    const p = moments(() => rng.poisson(3.5));
    expect(Math.abs(p.mean - 3.5)).toBeLessThan(0.05);
    expect(Math.abs(p.variance - 3.5)).toBeLessThan(0.15);
    const ln = moments(() => rng.logNormal(0, 0.5)); // mean e^{0.125}
    expect(Math.abs(ln.mean - Math.exp(0.125))).toBeLessThan(0.015);
  });

  it("draws integers and weighted indices in range with the right frequencies", () => {
    const rng = createRandom(2);
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) counts[rng.weightedIndex([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[0] / N - 0.25)).toBeLessThan(0.012);
    for (let i = 0; i < 1000; i++) {
      const k = rng.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
  });

  it("rejects bad parameters with the bad value", () => {
    const rng = createRandom(1);
    expect(() => createRandom(NaN)).toThrow("invalid seed: NaN");
    expect(() => rng.gamma(0, 1)).toThrow("invalid gamma shape: 0");
    expect(() => rng.poisson(-1)).toThrow("invalid poisson mean: -1");
    expect(() => rng.weightedIndex([0, 0])).toThrow("invalid weights: sum 0");
    expect(() => rng.int(0)).toThrow("invalid int bound: 0");
  });
});
