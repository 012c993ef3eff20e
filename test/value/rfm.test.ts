import { describe, expect, it } from "vitest";
import { quintileScores, rfmScores, rfmSegment, RFM_SEGMENTS } from "../../src/value/rfm.js";

describe("quintileScores", () => {
  it("gives 1..5 to five distinct values and two per score to ten", () => {
    expect([...quintileScores([50, 10, 40, 20, 30])]).toEqual([5, 1, 4, 2, 3]);
    expect([...quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it("keeps ties together at their mid-rank (6 of 10 equal → score 2, by hand: midrank 3.5)", () => {
    // ranks 1..6 tie: midrank 3.5 → 1 + ⌊5·3/10⌋ = 2; then ranks 7, 8, 9, 10 → 4, 4, 5, 5
    expect([...quintileScores([0, 0, 0, 0, 0, 0, 1, 2, 3, 4])]).toEqual([2, 2, 2, 2, 2, 2, 4, 4, 5, 5]);
    expect([...quintileScores([7, 7, 7])]).toEqual([3, 3, 3]);
  });

  it("is monotone: a larger value never gets a lower score (random property check)", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 20));
      const scores = quintileScores(values);
      let violations = 0;
      for (let i = 0; i < values.length; i++) {
        if (scores[i] < 1 || scores[i] > 5) violations++;
        for (let j = 0; j < values.length; j++) if (values[i] < values[j] && scores[i] > scores[j]) violations++;
      }
      expect(violations).toBe(0);
    }
  });

  it("returns an empty array on empty input and throws on a non-finite value", () => {
    expect(quintileScores([]).length).toBe(0);
    expect(() => quintileScores([1, NaN])).toThrow("invalid value at index 1: NaN");
  });
});

describe("rfmSegment", () => {
  it("names every cell of the 5 × 5 R × F grid with a known segment", () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) seen.add(rfmSegment(r, f));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
  });

  it("follows the published map at its corners", () => {
    expect(rfmSegment(5, 5)).toBe("champions");
    expect(rfmSegment(5, 1)).toBe("new customers");
    expect(rfmSegment(1, 5)).toBe("can't lose them");
    expect(rfmSegment(1, 1)).toBe("hibernating");
    expect(rfmSegment(3, 3)).toBe("need attention");
    expect(rfmSegment(4, 1)).toBe("promising");
    expect(() => rfmSegment(0, 3)).toThrow("invalid recency score: 0");
  });
});

describe("rfmScores", () => {
  it("scores recency on fewer days = better and names segments", () => {
    const result = rfmScores({ daysSinceLastPurchase: [1, 100, 5, 300, 2], frequency: [9, 0, 3, 1, 8], monetary: [500, 10, 60, 20, 400] });
    expect([...result.recency]).toEqual([5, 2, 3, 1, 4]);
    expect([...result.frequency]).toEqual([5, 1, 3, 2, 4]);
    expect([...result.monetary]).toEqual([5, 1, 3, 2, 4]);
    expect(result.segment).toEqual(["champions", "hibernating", "need attention", "hibernating", "loyal customers"]);
  });

  it("throws when the columns differ in length", () => {
    expect(() => rfmScores({ daysSinceLastPurchase: [1], frequency: [1, 2], monetary: [1] })).toThrow("invalid columns");
  });
});
