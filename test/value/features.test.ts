import { describe, expect, it } from "vitest";
import { customerFeatures } from "../../src/value/features.js";
import type { CustomerRecord, Transaction } from "../../src/types.js";

const lines: Transaction[] = [
  { customerId: "A", epochDay: 100, amount: 100, margin: 30, category: "x" },
  { customerId: "A", epochDay: 100, amount: 50, margin: 10, category: "y" },
  { customerId: "B", epochDay: 995, amount: 10, category: "x" },
  { customerId: "A", epochDay: 800, amount: 200, margin: 50, category: "x" },
  { customerId: "A", epochDay: 850, amount: -40, margin: -12, category: "x" },
  { customerId: "A", epochDay: 1200, amount: 999, margin: 1, category: "z" }, // after the as-of day
];
const customers: CustomerRecord[] = [
  { customerId: "B", segment: "s", acquisitionEpochDay: 990, referrals: 2, complaints: 1, walletPerYear: 5000, churnEpochDay: 995, isKeyAccount: true, costToServePerYear: 70 },
  { customerId: "C", segment: "s" },
];

describe("customerFeatures", () => {
  const [b, c, a] = customerFeatures(lines, customers, { asOfEpochDay: 1000 });

  it("orders rows: customers table first, then new ids from the log", () => {
    expect([b.customerId, c.customerId, a.customerId]).toEqual(["B", "C", "A"]);
  });

  it("nets returns, splits the trailing window and ignores lines after the as-of day (hand-computed)", () => {
    expect(a.revenueToDate).toBe(310); // 100 + 50 + 200 − 40
    expect(a.revenueInWindow).toBe(160); // days 636..1000: 200 − 40
    expect(a.marginToDate).toBe(78);
    expect(a.marginInWindow).toBe(38);
    expect(a.categoryRevenue).toEqual({ x: 260, y: 50 });
    expect(a.categories).toEqual(["x", "y"]);
  });

  it("counts purchase days, tenure, frequency and recency in days and years", () => {
    expect(a.purchaseDays).toBe(2);
    expect([a.firstPurchaseEpochDay, a.lastPurchaseEpochDay]).toEqual([100, 800]);
    expect(a.tenureDays).toBe(900); // from the first purchase: no acquisition date
    expect(a.frequencyPerYear).toBeCloseTo((2 * 365.25) / 900, 12);
    expect(a.recencyDays).toBe(200);
    expect(a.spendPerYear).toBeCloseTo((160 * 365.25) / 365, 12);
  });

  it("takes tenure from the acquisition date and floors short tenures at 90 days", () => {
    expect(b.tenureDays).toBe(10);
    expect(b.frequencyPerYear).toBeCloseTo(365.25 / 90, 12);
    expect(b.spendPerYear).toBeCloseTo((10 * 365.25) / 90, 12);
  });

  it("carries the customers table's attributes", () => {
    expect(b).toMatchObject({ segment: "s", referrals: 2, complaints: 1, walletPerYear: 5000, churned: true, isKeyAccount: true, costToServePerYear: 70, marginToDate: null });
    expect(a).toMatchObject({ segment: null, referrals: null, complaints: null, walletPerYear: null, churned: false });
  });

  it("gives a customer who never bought zero revenue and margin, no recency and no tenure", () => {
    expect(c).toMatchObject({ revenueToDate: 0, marginToDate: 0, purchaseDays: 0, frequencyPerYear: 0, recencyDays: null, tenureDays: null, categories: [] });
  });

  it("reports categories as unknown when the log has none", () => {
    const [f] = customerFeatures([{ customerId: "A", epochDay: 1, amount: 5 }], [], { asOfEpochDay: 10 });
    expect(f.categories).toBeNull();
    expect(f.marginToDate).toBeNull();
  });

  it("rejects bad options and duplicate customers", () => {
    expect(() => customerFeatures([], [], { asOfEpochDay: 1.5 })).toThrow("invalid asOfEpochDay: 1.5");
    expect(() => customerFeatures([], [], { asOfEpochDay: 1, windowDays: 0 })).toThrow("invalid windowDays: 0");
    expect(() => customerFeatures([], [{ customerId: "X" }, { customerId: "X" }], { asOfEpochDay: 1 })).toThrow("duplicate customerId: X");
  });
});

describe("customerFeatures on the demo company", () => {
  it("reconciles: revenue and margin to date sum to the log's totals; one row per customer", async () => {
    const { generateDemoCompany } = await import("../../src/demo/generate.js");
    const company = generateDemoCompany({ seed: 3, customers: 300, prospects: 0 });
    const features = customerFeatures(company.transactions, company.customers, { asOfEpochDay: company.endEpochDay });
    expect(features.length).toBe(300);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(features.map((f) => f.revenueToDate))).toBeCloseTo(sum(company.transactions.map((t) => t.amount)), 6);
    expect(sum(features.map((f) => f.marginToDate!))).toBeCloseTo(sum(company.transactions.map((t) => t.margin!)), 6);
    expect(features.every((f) => f.purchaseDays >= 1 && f.tenureDays! >= f.recencyDays!)).toBe(true);
  });
});
