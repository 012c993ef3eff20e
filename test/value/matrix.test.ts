import { describe, expect, it } from "vitest";
import { CELLS, DEFAULT_RESOURCE_SHARES, DEFAULT_STRATEGIES, valueOpportunityMatrix, type CellKey } from "../../src/value/matrix.js";
import { createRandom } from "../../src/demo/random.js";

describe("valueOpportunityMatrix", () => {
  it("places rows by user cut-offs; no value sits in the low-value row", () => {
    const m = valueOpportunityMatrix(
      [
        { value: 10, opportunity: 90, revenue: 5 },
        { value: 50, opportunity: 50, revenue: 7 },
        { value: 90, opportunity: 10, revenue: 100 },
        { value: null, opportunity: 95, kind: "prospect" },
      ],
      { valueCutoffs: [40, 70], opportunityCutoffs: [40, 70], budget: 1000 },
    );
    expect(m.assignments).toEqual(["low-high", "medium-medium", "high-low", "low-high"]);
    const cell = (k: CellKey) => m.cells.find((c) => c.key === k)!;
    expect(cell("low-high")).toMatchObject({ count: 2, customers: 1, prospects: 1, revenue: 5, strategy: "develop selectively", resourceShare: 10, budget: 100, budgetPerMember: 50 });
    expect(cell("high-low")).toMatchObject({ strategy: "retain & protect", revenue: 100, budget: 120 });
    expect(cell("high-high")).toMatchObject({ count: 0, budgetPerMember: null });
  });

  it("uses tertiles by default (x < cut → lower level)", () => {
    const rows = Array.from({ length: 9 }, (_, i) => ({ value: i + 1, opportunity: 9 - i }));
    const m = valueOpportunityMatrix(rows);
    expect(m.valueCutoffs[0]).toBeCloseTo(1 + 8 / 3, 12);
    expect(m.valueCutoffs[1]).toBeCloseTo(1 + 16 / 3, 12);
    expect(m.assignments).toEqual(["low-high", "low-high", "low-high", "medium-medium", "medium-medium", "medium-medium", "high-low", "high-low", "high-low"]);
  });

  it("has a named strategy per cell and default shares summing to 100 %", () => {
    expect(CELLS.length).toBe(9);
    expect(CELLS.every((c) => DEFAULT_STRATEGIES[c].length > 0)).toBe(true);
    expect(CELLS.reduce((s, c) => s + DEFAULT_RESOURCE_SHARES[c], 0)).toBe(100);
    expect(DEFAULT_STRATEGIES["low-low"]).toBe("reduce cost to serve");
  });

  it("takes edited strategies and shares, and rejects shares not summing to 100", () => {
    const shares = { ...DEFAULT_RESOURCE_SHARES, "high-high": 30, "low-low": 0, "low-medium": 3 };
    const m = valueOpportunityMatrix([{ value: 1, opportunity: 1 }], { resourceShares: shares, strategies: { "high-high": "key account programme" } });
    expect(m.cells[0]).toMatchObject({ key: "high-high", strategy: "key account programme", resourceShare: 30 });
    expect(() => valueOpportunityMatrix([], { resourceShares: { ...DEFAULT_RESOURCE_SHARES, "low-low": 2 } })).toThrow("resource shares sum to 99, not 100");
    expect(() => valueOpportunityMatrix([], { resourceShares: { ...DEFAULT_RESOURCE_SHARES, "low-low": -3, "high-high": 31 } })).toThrow("invalid resource share for low-low: -3");
    expect(() => valueOpportunityMatrix([], { valueCutoffs: [70, 40] })).toThrow("invalid valueCutoffs: [70, 40]");
  });

  it("property: every row lands in exactly one cell; cell counts add up; budget shares add up", () => {
    const rng = createRandom(8);
    for (let trial = 0; trial < 50; trial++) {
      const n = rng.int(500);
      const rows = Array.from({ length: n }, () => ({ value: rng.bernoulli(0.1) ? null : rng.uniform() * 100, opportunity: rng.uniform() * 100 }));
      const m = valueOpportunityMatrix(rows, { budget: 5000 });
      expect(m.assignments.length).toBe(n);
      expect(m.cells.reduce((s, c) => s + c.count, 0)).toBe(n);
      expect(m.cells.reduce((s, c) => s + c.resourceShare, 0)).toBe(100);
      expect(m.cells.reduce((s, c) => s + c.budget!, 0)).toBeCloseTo(5000, 9);
    }
  });
});
