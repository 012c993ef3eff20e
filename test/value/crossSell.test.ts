import { describe, expect, it } from "vitest";
import { crossSellGaps } from "../../src/value/crossSell.js";
import { feature } from "./helpers.js";

// Segment s, 3 buyers. Category a: 2 buyers at 100 and 300 per year → 2/3 × 200 = 133.33;
// b: 2 buyers at 50 and 100 per year → 2/3 × 75 = 50; c: 1 buyer at 50 per year → 1/3 × 50 = 16.67.
const year = 365.25;
const base = [
  feature("c1", { segment: "s", tenureDays: year, categories: ["a", "b"], categoryRevenue: { a: 100, b: 50 } }),
  feature("c2", { segment: "s", tenureDays: year, categories: ["a"], categoryRevenue: { a: 300 } }),
  feature("c3", { segment: "s", tenureDays: 2 * year, categories: ["b", "c"], categoryRevenue: { b: 200, c: 100 } }),
];

describe("crossSellGaps", () => {
  it("sums penetration × spend of the categories not bought (hand-computed)", () => {
    const [g1, g2, g3] = crossSellGaps(base, 1);
    expect(g1.gapPerYear).toBeCloseTo(50 / 3, 10);
    expect(g1.nextCategory).toBe("c");
    expect(g2.gapPerYear).toBeCloseTo(50 + 50 / 3, 10);
    expect(g2.nextCategory).toBe("b");
    expect(g3.gapPerYear).toBeCloseTo(400 / 3, 10);
    expect(g3.nextCategory).toBe("a");
  });

  it("uses the segment's figures, or the whole base's for small segments", () => {
    const withT = [...base, feature("c4", { segment: "t", tenureDays: year, categories: ["c"], categoryRevenue: { c: 10 } })];
    expect(crossSellGaps(withT, 1)[3].gapPerYear).toBe(0); // segment t buys only c
    // min 2: segment t borrows the whole base: a 2/4 × 200 = 100, b 2/4 × 75 = 37.5
    expect(crossSellGaps(withT, 2)[3].gapPerYear).toBeCloseTo(137.5, 10);
  });

  it("is unknown when the log has no categories", () => {
    expect(crossSellGaps([feature("x")])[0]).toEqual({ customerId: "x", gapPerYear: null, nextCategory: null });
    expect(() => crossSellGaps([], 0)).toThrow("invalid minSegmentCustomers: 0");
  });
});
