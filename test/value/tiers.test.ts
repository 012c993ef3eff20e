import { describe, expect, it } from "vitest";
import { assignTiers, DEFAULT_TIER_CUTOFFS, isLeadCustomer, TIERS } from "../../src/value/tiers.js";
import { createRandom } from "../../src/demo/random.js";
import { feature } from "./helpers.js";

describe("assignTiers", () => {
  it("tiers by share of rows with a greater value (default top 5 / 20 / 50 %)", () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    const tiers = assignTiers(values);
    // 20 → share 0: platinum; 19..17 → 0.05..0.15: gold; 16..11 → 0.20..0.45: silver; 10..1: bronze
    expect(tiers[19]).toBe("platinum");
    expect(tiers.slice(16, 19)).toEqual(["gold", "gold", "gold"]);
    expect(tiers.filter((t) => t === "silver").length).toBe(6);
    expect(tiers.filter((t) => t === "bronze").length).toBe(10);
  });

  it("makes leads of flagged rows and unknown values; leads do not count in the ranking", () => {
    expect(assignTiers([90, 50, 10, 70], [false, false, false, true])).toEqual(["platinum", "silver", "bronze", "lead"]);
    expect(assignTiers([90, NaN])).toEqual(["platinum", "lead"]);
  });

  it("puts ties in the same (higher) tier", () => {
    expect(assignTiers([5, 5, 5, 1])).toEqual(["platinum", "platinum", "platinum", "bronze"]);
  });

  it("takes editable cut-offs and rejects bad ones", () => {
    expect(assignTiers([4, 3, 2, 1], undefined, { platinum: 0.25, gold: 0.5, silver: 0.75 })).toEqual(["platinum", "gold", "silver", "bronze"]);
    expect(() => assignTiers([1], undefined, { platinum: 0, gold: 0.5, silver: 0.7 })).toThrow("invalid platinum cut-off: 0");
    expect(() => assignTiers([1], undefined, { platinum: 0.5, gold: 0.2, silver: 0.7 })).toThrow("invalid cut-offs");
    expect(() => assignTiers([1, 2], [true])).toThrow("invalid isLead length: 1 (values: 2)");
  });

  it("property: tiers partition all rows, for random values, leads and cut-offs", () => {
    const rng = createRandom(3);
    let violations = 0;
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.int(300);
      const values = Array.from({ length: n }, () => (rng.bernoulli(0.05) ? NaN : rng.bernoulli(0.2) ? rng.int(5) : rng.uniform() * 100));
      const leads = Array.from({ length: n }, () => rng.bernoulli(0.1));
      const cuts = [rng.uniform(), rng.uniform(), rng.uniform()].map((x) => Math.max(1e-3, x)).sort((a, b) => a - b);
      const tiers = assignTiers(values, leads, { platinum: cuts[0], gold: cuts[1], silver: cuts[2] });
      expect(tiers.length).toBe(n);
      const counts = TIERS.map((t) => tiers.filter((x) => x === t).length);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      const ranked = values.filter((v, i) => !leads[i] && !Number.isNaN(v));
      for (let i = 0; i < n; i++) {
        if (!TIERS.includes(tiers[i])) violations++;
        // the documented rule, computed naively: share of ranked rows with a strictly greater value
        if (tiers[i] !== "lead") {
          const share = ranked.filter((v) => v > values[i]).length / ranked.length;
          const expected = share < cuts[0] ? "platinum" : share < cuts[1] ? "gold" : share < cuts[2] ? "silver" : "bronze";
          if (tiers[i] !== expected) violations++;
        }
        // leads are exactly the flagged or unknown rows
        if ((tiers[i] === "lead") !== (leads[i] || Number.isNaN(values[i]))) violations++;
        // a higher value never gets a lower tier
        for (let j = 0; j < n; j++) {
          if (tiers[i] !== "lead" && tiers[j] !== "lead" && values[i] > values[j] && TIERS.indexOf(tiers[i]) > TIERS.indexOf(tiers[j])) violations++;
        }
      }
    }
    expect(violations).toBe(0);
  });

  it("default cut-offs are 5 / 20 / 50 %", () => {
    expect(DEFAULT_TIER_CUTOFFS).toEqual({ platinum: 0.05, gold: 0.2, silver: 0.5 });
  });
});

describe("isLeadCustomer", () => {
  it("is true without a net purchase", () => {
    expect(isLeadCustomer(feature("a", { revenueToDate: 0 }))).toBe(true);
    expect(isLeadCustomer(feature("a", { revenueToDate: -5 }))).toBe(true);
    expect(isLeadCustomer(feature("a", { revenueToDate: 5 }))).toBe(false);
  });
});
