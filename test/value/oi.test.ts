import { describe, expect, it } from "vitest";
import { explainOi, prepareOi, scoreOi } from "../../src/value/oi.js";
import { feature } from "./helpers.js";

// Wallet gaps (currency/year): c1 1000 − 400 = 600, c2 max(0, 500 − 600) = 0, c3 unknown;
// prospects p1 2000 × 0.5 = 1000, p2 300 × median fit 0.3 = 90, p3 100 × 0.1 = 10.
// Pooled percentile over [0, 10, 90, 600, 1000]: c1 75, c2 0, p1 100, p2 50, p3 25.
// Future value c1 100, c2 300, c3 200 → 0, 100, 50. No categories → cross-sell absent.
const input = {
  customers: [
    feature("c1", { walletPerYear: 1000, spendPerYear: 400 }),
    feature("c2", { walletPerYear: 500, spendPerYear: 600 }),
    feature("c3", { walletPerYear: null }),
  ],
  prospects: [
    { prospectId: "p1", walletPerYear: 2000, fit: 0.5 },
    { prospectId: "p2", walletPerYear: 300, fit: null },
    { prospectId: "p3", walletPerYear: 100, fit: 0.1 },
  ],
  futureValue: new Map([["c1", 100], ["c2", 300], ["c3", 200]]),
};

describe("OI on a hand-computed case", () => {
  const model = prepareOi(input);

  it("builds comparable wallet gaps for customers and prospects", () => {
    const gaps = model.rows.map((r) => r.walletGap);
    expect(gaps[2]).toBeNull();
    [600, 0, null, 1000, 90, 10].forEach((g, i) => g !== null && expect(gaps[i]).toBeCloseTo(g, 10));
    expect(model.rows.map((r) => r.kind)).toEqual(["customer", "customer", "customer", "prospect", "prospect", "prospect"]);
    expect(model.warnings).toContain("1 prospect has no fit; the median fit 0.3 was used");
  });

  it("scores on one pooled 0-100 scale, redistributing absent and missing components", () => {
    const r = scoreOi(model, "sales"); // wallet .5, cross-sell .3 (absent), future .2 → .5/.7 and .2/.7
    expect(r.absent).toEqual(["crossSellGap"]);
    const expected = [37.5 / 0.7, 20 / 0.7, 50, 100, 50, 25];
    expected.forEach((e, i) => expect(r.scores[i]).toBeCloseTo(e, 10));
  });

  it("explains a prospect: wallet gap only", () => {
    const b = explainOi(model, "sales", 3);
    expect(b.components.map((c) => c.status)).toEqual(["present", "absent", "missing"]);
    expect(b.components[0]).toMatchObject({ raw: 1000, score: 100, effectiveWeight: 1 });
  });

  it("accepts future value as a plain object and for prospects", () => {
    const m = prepareOi({ ...input, futureValue: { c1: 100, p1: 50 } });
    expect(m.rows.map((r) => r.futureValue)).toEqual([100, null, null, 50, null, null]);
  });

  it("rejects out-of-range fits and clashing ids", () => {
    expect(() => prepareOi({ customers: [], prospects: [{ prospectId: "p", fit: 1.5 }] })).toThrow("invalid prospect fit: 1.5 (expected 0..1)");
    expect(() => prepareOi({ customers: [feature("x")], prospects: [{ prospectId: "x" }] })).toThrow("duplicate id in customers and prospects: x");
  });

  it("a larger wallet gap never lowers OI", () => {
    const base = prepareOi(input);
    const raised = prepareOi({ ...input, customers: input.customers.map((f, i) => (i === 1 ? { ...f, walletPerYear: 5000 } : f)) });
    expect(scoreOi(raised, "sales").scores[1]).toBeGreaterThan(scoreOi(base, "sales").scores[1]);
  });
});
