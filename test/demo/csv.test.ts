import { describe, expect, it } from "vitest";
import { demoCompanyCsv, epochDayToIso } from "../../src/demo/csv.js";
import type { DemoCompany } from "../../src/demo/generate.js";

describe("demoCompanyCsv", () => {
  it("writes ISO dates, two-decimal money, empty nulls and quoted commas", () => {
    const company: DemoCompany = {
      startEpochDay: 0,
      endEpochDay: 10,
      transactions: [{ customerId: "C1", epochDay: 19358, amount: -12.5, margin: -3, category: "paper & print", channel: "web", orderId: "R1", quantity: -1 }],
      customers: [{ customerId: "C1", name: 'Acme, "Inc"', segment: "retail", acquisitionEpochDay: 19358, acquisitionChannel: "referral", acquisitionCost: 150, referredBy: "C0", referrals: 0, complaints: 1, walletPerYear: 900, isKeyAccount: false, churnEpochDay: null, costToServePerYear: 120, retentionCostPerYear: 60 }],
      prospects: [{ prospectId: "P1", name: "B", segment: "retail", walletPerYear: 100, fit: 0.25, source: "trade fair" }],
    };
    const csv = demoCompanyCsv(company);
    expect(csv.transactions).toBe("customer_id,date,order_id,category,channel,quantity,amount,margin\nC1,2023-01-01,R1,paper & print,web,-1,-12.50,-3.00\n");
    expect(csv.customers.split("\n")[1]).toBe('C1,"Acme, ""Inc""",retail,2023-01-01,referral,150.00,C0,0,1,900,false,,120,60');
    expect(csv.prospects).toBe("prospect_id,name,segment,wallet_per_year,fit,source\nP1,B,retail,100,0.25,trade fair\n");
  });

  it("converts epoch days to ISO dates", () => {
    expect(epochDayToIso(0)).toBe("1970-01-01");
    expect(epochDayToIso(20453)).toBe("2025-12-31");
  });
});
