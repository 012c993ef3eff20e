import { describe, expect, it } from "vitest";
import { explainCvi, prepareCvi, scoreCvi } from "../../src/value/cvi.js";
import { rankDescending } from "../../src/value/composite.js";
import { customerFeatures, type CustomerFeatures } from "../../src/value/features.js";
import { CVI_COMPONENTS, CVI_PROFILES, type CviWeights } from "../../src/value/profiles.js";
import { generateDemoCompany } from "../../src/demo/generate.js";
import { createRandom } from "../../src/demo/random.js";
import { feature } from "./helpers.js";

// Three customers; with plain min-max ([0, 1] quantiles) every component score is 0, 50 or 100:
// revenue, margin, tenure, frequency, breadth → [0, 100, 50]; recency (lower better) → [100, 50, 0];
// referrals [0, 1, 0] → [0, 100, 0]; complaints [0, 2, 0] (lower better) → [100, 0, 100].
const three = [
  feature("f1", { revenueInWindow: 100, marginInWindow: 20, tenureDays: 100, frequencyPerYear: 2, recencyDays: 10, categories: ["a"], referrals: 0, complaints: 0 }),
  feature("f2", { revenueInWindow: 300, marginInWindow: 90, tenureDays: 300, frequencyPerYear: 6, recencyDays: 30, categories: ["a", "b", "c"], referrals: 1, complaints: 2 }),
  feature("f3", { revenueInWindow: 200, marginInWindow: 40, tenureDays: 200, frequencyPerYear: 4, recencyDays: 50, categories: ["a", "b"], referrals: 0, complaints: 0 }),
];
const plain = { winsoriseQuantiles: [0, 1] as const };

describe("CVI on a hand-computed case", () => {
  const model = prepareCvi(three, plain);

  it("balanced profile: mean of the eight component scores", () => {
    expect([...scoreCvi(model, "balanced").scores]).toEqual([25, 81.25, 43.75]); // 200/8, 650/8, 350/8
  });

  it("sales profile", () => {
    const s = scoreCvi(model, "sales").scores;
    expect(s[0]).toBeCloseTo(15, 12); // recency 100 × .10 + complaints 100 × .05
    expect(s[1]).toBeCloseTo(90, 12); // 35 + 10 + 5 + 15 + 5 + 15 + 5 + 0
    expect(s[2]).toBeCloseTo(45, 12); // 17.5 + 5 + 2.5 + 7.5 + 0 + 7.5 + 0 + 5
  });

  it("breakdown names raw value, score, weight and contribution per component", () => {
    const b = explainCvi(model, "sales", 1);
    expect(b.components.map((c) => c.key)).toEqual(CVI_COMPONENTS);
    expect(b.components[0]).toMatchObject({ key: "revenue", raw: 300, score: 100, weight: 0.35, contribution: 35, status: "present" });
    expect(b.components[7]).toMatchObject({ key: "complaints", raw: 2, score: 0, weight: 0.05, contribution: 0 });
    expect(b.index).toBeCloseTo(90, 12);
  });

  it("scores without margins and referrals: both absent, weight redistributed, not zero", () => {
    const reduced = prepareCvi(three.map((f) => ({ ...f, marginInWindow: null, referrals: null })), plain);
    const result = scoreCvi(reduced, "sales");
    expect(result.absent).toEqual(["margin", "referrals"]);
    expect(result.weights.margin).toBe(0);
    expect(result.weights.revenue).toBeCloseTo(0.35 / 0.85, 12);
    expect(result.scores[0]).toBeCloseTo(15 / 0.85, 12);
    expect(result.scores[1]).toBeCloseTo(75 / 0.85, 12);
    expect(result.scores[2]).toBeCloseTo(40 / 0.85, 12);
    expect(reduced.warnings).toContain("margin left out: no data for margin; its weight goes to the other components");
    expect(explainCvi(reduced, "sales", 0).components[1]).toMatchObject({ status: "absent", contribution: 0 });
  });

  it("a customer who never bought scores 0 on recency (not absent)", () => {
    const m = prepareCvi([...three, feature("f4", { revenueInWindow: 0, recencyDays: null, frequencyPerYear: 0 })], plain);
    expect(explainCvi(m, "sales", 3).components[4]).toMatchObject({ key: "recency", raw: null, score: 0, status: "present" });
  });

  it("profiles rank differently (finance favours margin)", () => {
    const f = [feature("hiRevenue", { revenueInWindow: 1000, marginInWindow: 50 }), feature("hiMargin", { revenueInWindow: 500, marginInWindow: 300 })];
    const m = prepareCvi(f);
    const sales = scoreCvi(m, "sales").scores;
    const finance = scoreCvi(m, "finance").scores;
    expect(sales[0]).toBeGreaterThan(sales[1]);
    expect(finance[1]).toBeGreaterThan(finance[0]);
  });

  it("rejects an unknown profile", () => {
    expect(() => scoreCvi(model, "marketing" as never)).toThrow("unknown profile: marketing");
  });
});

describe("CVI invariants (seeded demo data)", () => {
  const company = generateDemoCompany({ seed: 5, customers: 400, prospects: 0 });
  const base = customerFeatures(company.transactions, company.customers, { asOfEpochDay: company.endEpochDay });
  const rng = createRandom(99);
  const randomWeights = (): CviWeights => Object.fromEntries(CVI_COMPONENTS.map((k) => [k, rng.bernoulli(0.2) ? 0 : rng.uniform()])) as CviWeights;

  it("more revenue never lowers a customer's CVI (200 random raises, random weights, both normalisations)", () => {
    let violations = 0;
    for (let trial = 0; trial < 200; trial++) {
      const i = rng.int(base.length);
      const weights = trial % 4 === 0 ? CVI_PROFILES.sales : randomWeights();
      const normalisation = trial % 2 === 0 ? {} : { normalisation: { revenue: "minmax" as const } };
      const raised: CustomerFeatures[] = base.slice();
      raised[i] = { ...base[i], revenueInWindow: base[i].revenueInWindow + rng.exponential(trial % 3 === 0 ? 50_000 : 500) };
      const before = scoreCvi(prepareCvi(base, normalisation), weights).scores[i];
      const after = scoreCvi(prepareCvi(raised, normalisation), weights).scores[i];
      if (after < before - 1e-9) violations++;
    }
    expect(violations).toBe(0);
  });

  it("weights summing to anything give the same scores and ranking", () => {
    const model = prepareCvi(base);
    for (let trial = 0; trial < 30; trial++) {
      const w = randomWeights();
      const factor = Math.exp(4 * rng.normal());
      const scaled = Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v! * factor]));
      const a = scoreCvi(model, w).scores;
      const b = scoreCvi(model, scaled).scores;
      let maxDiff = 0;
      for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      expect(maxDiff).toBeLessThan(1e-9);
      expect([...rankDescending(b)]).toEqual([...rankDescending(a)]);
    }
  });

  it("every score lies in [0, 100] and every customer is scored", () => {
    const model = prepareCvi(base);
    for (const profile of ["balanced", "sales", "finance", "service"] as const) {
      const r = scoreCvi(model, profile);
      expect(r.unscored).toBe(0);
      expect(r.scores.every((s) => s >= 0 && s <= 100)).toBe(true);
    }
  });
});
