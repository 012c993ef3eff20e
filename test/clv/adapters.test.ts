import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { transactionModelFromFit, type TransactionModelFit } from "../../src/clv/adapters.js";
import { fitMbgNbd } from "../../src/models/mbgnbd.js";
import { fitSbg } from "../../src/models/sbg.js";

const cbs = readFileSync("data/cdnow/cdnowSummary_cbs.csv", "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(",").map(Number));
const customers = { unit: "week" as const, x: cbs.map((r) => r[1]), tx: cbs.map((r) => r[2]), T: cbs.map((r) => r[3]) };

describe("transactionModelFromFit", () => {
  it("wraps an MBG/NBD fit: P(alive | x = 0) < 1 (unlike BG/NBD) and E[X(t)] rises with t", () => {
    const model = transactionModelFromFit(fitMbgNbd(customers));
    expect(model.model).toBe("mbgnbd");
    expect(model.unit).toBe("week");
    expect(model.probabilityAlive(0, 0, 38.86)).toBeLessThan(1);
    expect(model.expectedPurchases(78)).toBeGreaterThan(model.expectedPurchases(39));
    expect(model.discountedExpectedResidualPurchases).toBeUndefined();
  });

  it("refuses fits that are not transaction models", () => {
    const sbg = fitSbg({ alive: [1000, 869, 743, 653] });
    expect(() => transactionModelFromFit(sbg as unknown as TransactionModelFit)).toThrow('invalid fit unit for a transaction model: "period" (sbg)');
    const fake = { ...sbg, unit: "week", model: "gg" } as unknown as TransactionModelFit;
    expect(() => transactionModelFromFit(fake)).toThrow('no transaction-model adapter for "gg"');
  });
});
