import { describe, expect, it } from "vitest";
import { futureValueFromSummary } from "../../src/value/futureValue.js";
import { lifetimesCdnowCustomers } from "../support/readCdnow.js";

const summary = lifetimesCdnowCustomers();
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("futureValueFromSummary on CDNOW (BG/NBD + Gamma-Gamma)", () => {
  const lifetimes = futureValueFromSummary(summary, { monthConvention: "lifetimes" });

  it("reproduces lifetimes' customer_lifetime_value, 12 months at 1 %/month: Σ 71,509.90 (rel 1e-3), first customer 36.2785 (±0.05)", () => {
    expect(rel(lifetimes.total, 71509.9)).toBeLessThan(1e-3);
    expect(lifetimes.futureValue.get(summary.customerIds[0])!).toBeCloseTo(36.2785, 1);
    // parameters as published (Fader, Hardie & Lee 2005; lifetimes decimal=2)
    expect(lifetimes.bgnbd.r).toBeCloseTo(0.243, 2);
    expect(lifetimes.bgnbd.alpha).toBeCloseTo(4.414, 1);
    expect(lifetimes.gammaGamma.p).toBeCloseTo(6.25, 1);
  });

  it("36 months at 1 % gives lifetimes' Σ 145,180.00 (rel 1e-3)", () => {
    expect(rel(futureValueFromSummary(summary, { monthConvention: "lifetimes", horizon: 36 }).total, 145180.0)).toBeLessThan(1e-3);
  });

  it("properties: P(alive) in (0, 1], exactly 1 with no repeat purchase; future value ≥ 0 and grows with the horizon", () => {
    const longer = futureValueFromSummary(summary, { monthConvention: "lifetimes", horizon: 24 });
    summary.customerIds.forEach((id, i) => {
      const p = lifetimes.probabilityAlive.get(id)!;
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(1);
      if (summary.x[i] === 0) expect(p).toBe(1);
      expect(lifetimes.futureValue.get(id)!).toBeGreaterThanOrEqual(0);
      expect(longer.futureValue.get(id)!).toBeGreaterThan(lifetimes.futureValue.get(id)!);
    });
  });

  it("refuses a repeat customer with non-positive mean spend (returns not dropped), and a summary with no repeat customer", () => {
    const bad = { ...summary, monetary: Array.from(summary.monetary, (m, i) => (i === 0 ? -5 : m)) };
    expect(() => futureValueFromSummary(bad)).toThrow(`invalid mean spend of customer "${summary.customerIds[0]}": -5 (drop or net returns first)`);
    expect(() => futureValueFromSummary({ ...summary, x: Array.from(summary.x, () => 0) })).toThrow("no customer with a repeat purchase");
  });
});
