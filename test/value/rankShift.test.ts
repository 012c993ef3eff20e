import { describe, expect, it } from "vitest";
import { rankShift } from "../../src/value/rankShift.js";

describe("rankShift", () => {
  it("lists the union of both top-N with ranks under each weighting", () => {
    const ids = ["a", "b", "c", "d"];
    const rows = rankShift(ids, [90, 80, 10, 5], [10, 80, 95, 5], 2);
    expect(rows.map((r) => [r.id, r.rankA, r.rankB, r.shift, r.inTopA, r.inTopB])).toEqual([
      ["a", 1, 3, -2, true, false],
      ["b", 2, 2, 0, true, true],
      ["c", 3, 1, 2, false, true],
    ]);
  });

  it("ties share the best rank and NaN scores rank last and never enter the top", () => {
    const rows = rankShift(["a", "b", "c"], [50, 50, NaN], [NaN, 20, 10], 3);
    expect(rows.map((r) => [r.id, r.rankA, r.rankB])).toEqual([
      ["b", 1, 1],
      ["a", 1, 3],
      ["c", 3, 2],
    ]);
    expect(rows.find((r) => r.id === "c")!.inTopA).toBe(false);
  });

  it("property: identical scores give zero shift for every row, and the union has topN rows", () => {
    const scores = Array.from({ length: 200 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 100);
    const ids = scores.map((_, i) => `r${i}`);
    const rows = rankShift(ids, scores, scores, 25);
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r.shift === 0)).toBe(true);
  });

  it("rejects a bad topN or mismatched lengths", () => {
    expect(() => rankShift(["a"], [1], [1], 0)).toThrow("invalid topN: 0");
    expect(() => rankShift(["a"], [1, 2], [1], 1)).toThrow("invalid scores length");
  });
});
