import { describe, expect, it } from "vitest";
import { quantileUnsorted, selectKth } from "../../src/value/select.js";
import { quantileSorted } from "../../src/value/normalise.js";
import { createRandom } from "../../src/demo/random.js";

describe("selectKth", () => {
  it("finds the k-th smallest and partitions around it (small hand case)", () => {
    const a = Float64Array.from([5, 1, 4, 1, 3]);
    expect(selectKth(a, 2)).toBe(3);
    expect([...a.subarray(0, 2)].every((x) => x <= 3) && [...a.subarray(3)].every((x) => x >= 3)).toBe(true);
    expect(() => selectKth(a, 5)).toThrow("invalid k: 5");
  });

  it("property: equals the sorted array's k-th entry, with many ties and large arrays", () => {
    const rng = createRandom(17);
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + rng.int(trial < 50 ? 200 : 5000);
      const values = Float64Array.from({ length: n }, () => (rng.bernoulli(0.4) ? rng.int(3) : rng.logNormal(0, 2)));
      const sorted = Float64Array.from(values).sort();
      for (const k of [0, n - 1, rng.int(n), Math.floor(n / 3)]) expect(selectKth(Float64Array.from(values), k)).toBe(sorted[k]);
    }
  });
});

describe("quantileUnsorted", () => {
  it("equals quantileSorted on the known values (NaN ignored)", () => {
    const rng = createRandom(18);
    for (let trial = 0; trial < 100; trial++) {
      const n = 1 + rng.int(1500);
      const values = Array.from({ length: n }, () => (rng.bernoulli(0.05) ? NaN : rng.bernoulli(0.3) ? rng.int(4) : rng.uniform() * 100));
      const known = Float64Array.from(values.filter((x) => !Number.isNaN(x))).sort();
      for (const p of [0, 1 / 3, 0.5, 2 / 3, 0.99, 1]) {
        const expected = quantileSorted(known, p);
        if (Number.isNaN(expected)) expect(quantileUnsorted(values, p)).toBeNaN();
        else expect(quantileUnsorted(values, p)).toBeCloseTo(expected, 10);
      }
    }
    expect(quantileUnsorted([NaN], 0.5)).toBeNaN();
  });
});
