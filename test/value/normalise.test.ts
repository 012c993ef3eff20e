import { describe, expect, it } from "vitest";
import { normalise, quantileSorted } from "../../src/value/normalise.js";
import { createRandom } from "../../src/demo/random.js";

describe("quantileSorted", () => {
  it("interpolates linearly like d3.quantile / R type 7", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe("normalise: percentile", () => {
  it("scores the share of values strictly below, lowest 0 and highest 100", () => {
    expect([...normalise([0, 0, 1, 5, 1000], "percentile").scores]).toEqual([0, 0, 50, 75, 100]);
  });
  it("is not squashed by one huge value", () => {
    expect([...normalise([1, 2, 3, 4, 1e9], "percentile").scores]).toEqual([0, 25, 50, 75, 100]);
  });
  it("keeps unknown values unknown and ranks among the known ones", () => {
    const s = normalise([10, NaN, 30], "percentile").scores;
    expect(s[0]).toBe(0);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBe(100);
  });
  it("inverts for lower-is-better components", () => {
    expect([...normalise([0, 2, 0], "percentile", { invert: true }).scores]).toEqual([100, 0, 100]);
  });
  it("flags a constant or empty component", () => {
    const c = normalise([7, 7, NaN], "percentile");
    expect(c.constant).toBe(true);
    expect([...c.scores].every(Number.isNaN)).toBe(true);
    expect(normalise([NaN], "minmax").known).toBe(0);
  });
});

describe("normalise: winsorised minmax", () => {
  it("is plain min-max with quantiles [0, 1]", () => {
    expect([...normalise([0, 5, 10], "minmax", { winsoriseQuantiles: [0, 1] }).scores]).toEqual([0, 50, 100]);
    expect([...normalise([0, 5, 10], "minmax", { winsoriseQuantiles: [0, 1], invert: true }).scores]).toEqual([100, 50, 0]);
  });
  it("caps at the 1st and 99th percentiles by default", () => {
    const values = Array.from({ length: 101 }, (_, i) => i); // p1 = 1, p99 = 99
    const c = normalise(values, "minmax");
    expect(c.lo).toBe(1);
    expect(c.hi).toBe(99);
    expect(c.scores[0]).toBe(0);
    expect(c.scores[50]).toBeCloseTo((49 / 98) * 100, 12);
    expect(c.scores[100]).toBe(100);
  });
  it("falls back to min and max when the percentiles coincide", () => {
    const values = [...Array(200).fill(0), 3]; // p1 = p99 = 0
    const c = normalise(values, "minmax");
    expect([c.lo, c.hi]).toEqual([0, 3]);
    expect(c.scores[200]).toBe(100);
  });
  it("rejects bad options", () => {
    expect(() => normalise([1, 2], "minmax", { winsoriseQuantiles: [0.9, 0.1] })).toThrow("invalid winsoriseQuantiles: [0.9, 0.1]");
    expect(() => normalise([1, 2], "zscore" as never)).toThrow("invalid normalisation: zscore");
  });
});

describe("normalise: property", () => {
  it("is non-decreasing in the value for both methods (400 random data sets)", () => {
    const rng = createRandom(7);
    let violations = 0;
    let checks = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 2 + rng.int(60);
      const values = Array.from({ length: n }, () => (rng.bernoulli(0.3) ? rng.int(4) : rng.logNormal(3, 2)));
      for (const method of ["percentile", "minmax"] as const) {
        const s = normalise(values, method).scores;
        for (let i = 0; i < n; i++) {
          if (!(s[i] >= 0 && s[i] <= 100)) violations++;
          for (let j = 0; j < n; j++) {
            checks++;
            if (values[i] < values[j] && s[i] > s[j]) violations++;
            if (values[i] === values[j] && s[i] !== s[j]) violations++;
          }
        }
      }
    }
    expect(checks).toBeGreaterThan(100_000);
    expect(violations).toBe(0);
  });
});
