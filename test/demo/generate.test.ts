import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateDemoCompany } from "../../src/demo/generate.js";
import { demoCompanyCsv } from "../../src/demo/csv.js";
import type { Transaction } from "../../src/types.js";

const company = generateDemoCompany();
const end = company.endEpochDay;

function byCustomer(lines: readonly Transaction[]): Map<string, Transaction[]> {
  const map = new Map<string, Transaction[]>();
  for (const t of lines) {
    const list = map.get(t.customerId) ?? [];
    list.push(t);
    map.set(t.customerId, list);
  }
  return map;
}
const lines = byCustomer(company.transactions);
const purchaseDays = (id: string) => [...new Set(lines.get(id)!.filter((t) => t.amount > 0).map((t) => t.epochDay))].sort((a, b) => a - b);

describe("generateDemoCompany: determinism", () => {
  it("gives the same bytes for the same seed, other bytes for another seed", () => {
    const small = (seed: number) => demoCompanyCsv(generateDemoCompany({ seed, customers: 150, prospects: 20 }));
    expect(small(7)).toEqual(small(7));
    expect(small(8).transactions).not.toEqual(small(7).transactions);
  });

  it("the committed data/demo files are the default generator's output", () => {
    const csv = demoCompanyCsv(company);
    expect(readFileSync("data/demo/transactions.csv", "utf8")).toBe(csv.transactions);
    expect(readFileSync("data/demo/customers.csv", "utf8")).toBe(csv.customers);
    expect(readFileSync("data/demo/prospects.csv", "utf8")).toBe(csv.prospects);
  });

  it("rejects bad options", () => {
    expect(() => generateDemoCompany({ customers: 0 })).toThrow("invalid customers: 0");
    expect(() => generateDemoCompany({ years: -1 })).toThrow("invalid years: -1");
  });
});

describe("generateDemoCompany: shape", () => {
  it("spans 2023-01-01 .. 2025-12-31 with 3,000 customers and 400 prospects", () => {
    expect(company.startEpochDay).toBe(Date.UTC(2023, 0, 1) / 86_400_000);
    expect(end).toBe(Date.UTC(2025, 11, 31) / 86_400_000);
    expect(company.customers.length).toBe(3000);
    expect(company.prospects.length).toBe(400);
    expect(lines.size).toBe(3000);
    const days = company.transactions.map((t) => t.epochDay);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(company.startEpochDay);
    expect(Math.max(...days)).toBeLessThanOrEqual(end);
    expect(company.transactions.every((t) => { const dow = (t.epochDay + 4) % 7; return dow !== 0 && dow !== 6; })).toBe(true);
  });

  it("has 5-8 categories with different margin rates, and the three channels", () => {
    const categories = new Set(company.transactions.map((t) => t.category));
    expect(categories.size).toBeGreaterThanOrEqual(5);
    expect(categories.size).toBeLessThanOrEqual(8);
    const rate = (c: string) => {
      const list = company.transactions.filter((t) => t.category === c && t.amount > 0);
      return list.reduce((s, t) => s + t.margin!, 0) / list.reduce((s, t) => s + t.amount, 0);
    };
    expect(rate("managed services")).toBeGreaterThan(0.45);
    expect(rate("it hardware")).toBeLessThan(0.12);
    expect(new Set(company.transactions.map((t) => t.channel))).toEqual(new Set(["web", "field sales", "partner"]));
  });

  it("has prospects with wallets and fits in [0, 1]", () => {
    expect(company.prospects.every((p) => p.walletPerYear! > 0 && p.fit! >= 0 && p.fit! <= 1)).toBe(true);
  });

  it("each customer's first purchase is on its acquisition date", () => {
    expect(company.customers.every((c) => purchaseDays(c.customerId)[0] === c.acquisitionEpochDay)).toBe(true);
  });
});

describe("generateDemoCompany: realism", () => {
  it("churn: 25-60 % of customers acquired over a year before the end have not bought in the last 180 days", () => {
    const old = company.customers.filter((c) => c.acquisitionEpochDay! < end - 365);
    const lapsed = old.filter((c) => purchaseDays(c.customerId).at(-1)! < end - 180);
    const rate = lapsed.length / old.length;
    expect(rate).toBeGreaterThan(0.25);
    expect(rate).toBeLessThan(0.6);
    // contract customers who left carry an explicit churn date, after their last purchase
    const churned = company.customers.filter((c) => c.churnEpochDay != null);
    expect(churned.length).toBeGreaterThan(100);
    expect(churned.every((c) => c.churnEpochDay! > purchaseDays(c.customerId).at(-1)! && c.acquisitionChannel !== "web")).toBe(true);
  });

  it("a few very large clients: top 1 % ≈ 12-30 % of revenue; one clearly the biggest (≥ 1.5 × the second), a key account", () => {
    const revenue = new Map<string, number>();
    for (const t of company.transactions) revenue.set(t.customerId, (revenue.get(t.customerId) ?? 0) + t.amount);
    const sorted = [...revenue.entries()].sort((a, b) => b[1] - a[1]);
    const total = sorted.reduce((s, [, r]) => s + r, 0);
    const top1 = sorted.slice(0, 30).reduce((s, [, r]) => s + r, 0) / total;
    expect(top1).toBeGreaterThan(0.12);
    expect(top1).toBeLessThan(0.3);
    expect(sorted[0][1]).toBeGreaterThan(1.5 * sorted[1][1]);
    expect(company.customers.find((c) => c.customerId === sorted[0][0])!.isKeyAccount).toBe(true);
    const keyAccounts = company.customers.filter((c) => c.isKeyAccount).length;
    expect(keyAccounts).toBeGreaterThan(20);
    expect(keyAccounts).toBeLessThan(150);
  });

  it("win-backs exist: customers who come back after a lapse of over a year", () => {
    let wonBack = 0;
    for (const c of company.customers) {
      const d = purchaseDays(c.customerId);
      if (d.some((day, i) => i > 0 && day - d[i - 1] > 365)) wonBack++;
    }
    expect(wonBack).toBeGreaterThan(50);
  });

  it("cross-selling exists: over 15 % of customers add a category more than 90 days after their first purchase", () => {
    let crossSold = 0;
    for (const c of company.customers) {
      const seen = new Set<string>();
      const first = c.acquisitionEpochDay!;
      let later = false;
      for (const t of lines.get(c.customerId)!) {
        if (t.amount <= 0) continue;
        if (!seen.has(t.category!) && t.epochDay - first > 90) later = true;
        seen.add(t.category!);
      }
      if (later) crossSold++;
    }
    expect(crossSold / company.customers.length).toBeGreaterThan(0.15);
  });

  it("referral counts are real: each equals the customers naming it as referrer, acquired later", () => {
    const byId = new Map(company.customers.map((c) => [c.customerId, c]));
    const counts = new Map<string, number>();
    for (const c of company.customers) {
      if (c.referredBy === null) continue;
      expect(c.acquisitionChannel).toBe("referral");
      expect(byId.get(c.referredBy)!.acquisitionEpochDay!).toBeLessThan(c.acquisitionEpochDay!);
      counts.set(c.referredBy, (counts.get(c.referredBy) ?? 0) + 1);
    }
    expect(counts.size).toBeGreaterThan(100);
    expect(company.customers.every((c) => c.referrals === (counts.get(c.customerId) ?? 0))).toBe(true);
  });

  it("complaints raise churn: complainers lapse more often", () => {
    const old = company.customers.filter((c) => c.acquisitionEpochDay! < end - 365);
    const lapseRate = (list: typeof old) => list.filter((c) => purchaseDays(c.customerId).at(-1)! < end - 180).length / list.length;
    const complainers = old.filter((c) => c.complaints! > 0);
    expect(complainers.length).toBeGreaterThan(100);
    expect(lapseRate(complainers)).toBeGreaterThan(lapseRate(old.filter((c) => c.complaints === 0)));
  });

  it("returns are negative lines (amount and margin) of a few percent of lines", () => {
    const returns = company.transactions.filter((t) => t.amount < 0);
    expect(returns.length / company.transactions.length).toBeGreaterThan(0.005);
    expect(returns.length / company.transactions.length).toBeLessThan(0.04);
    expect(returns.every((t) => t.orderId!.startsWith("R") && t.quantity! < 0)).toBe(true);
    // the margin of a return is negative unless the returned line was sold at a loss (thin IT margins)
    expect(returns.filter((t) => t.margin! > 0).length).toBeLessThan(0.05 * returns.length);
  });

  it("acquisition cost is highest for field sales, and cost fields are set", () => {
    const mean = (channel: string) => {
      const list = company.customers.filter((c) => c.acquisitionChannel === channel && !c.isKeyAccount);
      return list.reduce((s, c) => s + c.acquisitionCost!, 0) / list.length;
    };
    expect(mean("field sales")).toBeGreaterThan(mean("partner"));
    expect(mean("partner")).toBeGreaterThan(mean("web"));
    expect(company.customers.every((c) => c.walletPerYear! > 0 && c.costToServePerYear! > 0 && c.retentionCostPerYear > 0)).toBe(true);
  });
});
