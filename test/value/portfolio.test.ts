import { describe, expect, it } from "vitest";
import { generateDemoCompany } from "../../src/demo/generate.js";
import { customerFeatures } from "../../src/value/features.js";
import { portfolioRows, preparePortfolio, scorePortfolio } from "../../src/value/portfolio.js";
import { scoreCvi } from "../../src/value/cvi.js";
import { TIERS } from "../../src/value/tiers.js";

describe("portfolio on the demo company", () => {
  const company = generateDemoCompany({ seed: 21, customers: 500, prospects: 60 });
  const features = customerFeatures(company.transactions, company.customers, { asOfEpochDay: company.endEpochDay });
  const retention = new Map(company.customers.map((c) => [c.customerId, c.retentionCostPerYear]));
  const clv = new Map(features.map((f) => [f.customerId, Math.max(0, f.marginInWindow ?? 0) * 3]));
  const prepared = preparePortfolio({ features, prospects: company.prospects, retentionCostPerYear: retention, clv });

  it("scores every customer and prospect; tiers partition all rows", () => {
    const result = scorePortfolio(prepared, { cviWeights: "finance", oiWeights: "sales" });
    const rows = portfolioRows(prepared, result);
    expect(rows.length).toBe(560);
    expect(result.tiers.reduce((s, t) => s + t.count, 0)).toBe(560);
    expect(result.tiers.map((t) => t.tier)).toEqual(TIERS);
    expect(rows.filter((r) => r.kind === "prospect").every((r) => r.tier === "lead" && r.cvi === null && r.cell.startsWith("low-"))).toBe(true);
    expect(rows.filter((r) => r.tier === "lead").length).toBe(60 + features.filter((f) => !(f.revenueToDate > 0)).length);
    expect(result.matrix.cells.reduce((s, c) => s + c.count, 0)).toBe(560);
    expect(result.matrix.cells.reduce((s, c) => s + c.resourceShare, 0)).toBe(100);
  });

  it("uses the same CVI as scoreCvi and reports cost to serve and retention cost per tier", () => {
    const result = scorePortfolio(prepared, { cviWeights: "service" });
    const direct = scoreCvi(prepared.cvi, "service").scores;
    portfolioRows(prepared, result).slice(0, 500).forEach((r, i) => r.cvi !== null && expect(r.cvi).toBe(direct[i]));
    const platinum = result.tiers[0];
    expect(platinum.costToServePerCustomer).toBeGreaterThan(0);
    expect(platinum.retentionCostPerCustomer).toBeGreaterThan(0);
    expect(result.tiers.reduce((s, t) => s + (t.revenueShare ?? 0), 0)).toBeCloseTo(1, 9);
    // demo key accounts cost more to serve and keep, so the top tier's mean exceeds bronze's
    expect(platinum.retentionCostPerCustomer!).toBeGreaterThan(result.tiers[3].retentionCostPerCustomer!);
  });

  it("tiers by CLV on request, with CLV shares", () => {
    const result = scorePortfolio(prepared, { tierBasis: "clv", tierCutoffs: { platinum: 0.1, gold: 0.3, silver: 0.6 } });
    expect(result.tiers.reduce((s, t) => s + (t.clvShare ?? 0), 0)).toBeCloseTo(1, 9);
    const topClv = Math.max(...[...clv.values()]);
    const top = portfolioRows(prepared, result).find((r) => clv.get(r.id) === topClv)!;
    expect(top.tier).toBe("platinum");
    expect(() => scorePortfolio(preparePortfolio({ features }), { tierBasis: "clv" })).toThrow("invalid tierBasis: clv (no clv given)");
  });

  it("warns that future value is absent when none is given", () => {
    expect(scorePortfolio(prepared).warnings).toContain("futureValue left out: no data for predicted future value; its weight goes to the other components");
  });
});
