import type { CustomerFeatures } from "../../src/value/features.js";

/** A CustomerFeatures record with neutral defaults, overridden by `partial`. */
export function feature(customerId: string, partial: Partial<CustomerFeatures> = {}): CustomerFeatures {
  return {
    customerId,
    segment: null,
    revenueToDate: 100,
    revenueInWindow: 100,
    marginToDate: null,
    marginInWindow: null,
    spendPerYear: 100,
    firstPurchaseEpochDay: 0,
    lastPurchaseEpochDay: 0,
    purchaseDays: 1,
    tenureDays: 100,
    frequencyPerYear: 1,
    recencyDays: 10,
    categories: null,
    categoryRevenue: {},
    referrals: null,
    complaints: null,
    walletPerYear: null,
    isKeyAccount: null,
    churned: false,
    acquisitionCost: null,
    costToServePerYear: null,
    ...partial,
  };
}
