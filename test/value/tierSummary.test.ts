import { describe, expect, it } from "vitest";
import { summariseTiers } from "../../src/value/tierSummary.js";

describe("summariseTiers", () => {
  it("sums revenue, CLV and costs per tier (hand-computed)", () => {
    const figures = summariseTiers([
      { tier: "platinum", revenue: 600, margin: 200, clv: 1000, costToServePerYear: 50, retentionCostPerYear: 20 },
      { tier: "gold", revenue: 300, margin: 90, clv: 500, costToServePerYear: 30, retentionCostPerYear: null },
      { tier: "gold", revenue: 100, margin: 30, clv: 500, costToServePerYear: 10, retentionCostPerYear: 10 },
      { tier: "lead", revenue: null },
    ]);
    expect(figures.map((f) => f.tier)).toEqual(["platinum", "gold", "silver", "bronze", "lead"]);
    const [platinum, gold, silver, , lead] = figures;
    expect(platinum).toMatchObject({ count: 1, countShare: 0.25, revenue: 600, revenueShare: 0.6, clv: 1000, clvShare: 0.5, costToServePerCustomer: 50, marginAfterCostToServe: 150 });
    expect(gold).toMatchObject({ count: 2, revenue: 400, revenueShare: 0.4, costToServePerYear: 40, costToServePerCustomer: 20, retentionCostPerYear: 10, retentionCostPerCustomer: 10, marginAfterCostToServe: 80 });
    expect(silver).toMatchObject({ count: 0, revenue: 0, costToServePerCustomer: null });
    expect(lead).toMatchObject({ count: 1, revenue: 0, costToServePerYear: 0 });
  });

  it("reports figures as null when no row carries them", () => {
    const [platinum] = summariseTiers([{ tier: "platinum", revenue: 5 }]);
    expect(platinum).toMatchObject({ revenue: 5, margin: null, clv: null, clvShare: null, costToServePerYear: null, retentionCostPerYear: null, marginAfterCostToServe: null });
  });
});
