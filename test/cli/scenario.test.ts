import { describe, expect, it } from "vitest";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { loadScenarioBaseline } from "../../src/cli/commands/scenario.js";
import { runScenario, NO_CHANGE } from "../../src/scenarios/index.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe("cvw scenario", () => {
  it("values the Northwind demo: losing the biggest client removes exactly its value and its referrals' value", async () => {
    const { baseline } = await loadScenarioBaseline({ file: "data/demo/transactions.csv", customersFile: "data/demo/customers.csv" });
    expect(baseline.n).toBe(3000);
    expect(baseline.has).toMatchObject({ referrals: true, complaints: true, categories: true, acquisitionCost: true });
    // the demo's biggest client by revenue (data/demo/README.md: ≈ 7.5 % of all revenue)
    const tx = readFileSync("data/demo/transactions.csv", "utf8").trim().split("\n").slice(1);
    const revenue = new Map<string, number>();
    for (const line of tx) {
      const f = line.split(",");
      revenue.set(f[0], (revenue.get(f[0]) ?? 0) + Number(f[f.length - 2]));
    }
    const biggest = [...revenue.entries()].sort((a, b) => b[1] - a[1])[0][0];
    expect(baseline.customerIds[baseline.rank[0]]).toBe(biggest);
    const base = runScenario(baseline, NO_CHANGE);
    const i = baseline.rank[0];
    const lost = runScenario(baseline, { removeIds: [biggest] });
    expect(base.equity - lost.equity).toBeCloseTo(base.customerValue![i] + base.customerReferralValue![i], 4);
    expect(base.currentValue - lost.currentValue).toBeCloseTo(base.customerValue![i], 4);
    expect(base.referralValue - lost.referralValue).toBeCloseTo(base.customerReferralValue![i], 4);
    // a referrer (the most valuable customer with referrals): their referred customers' value goes too
    const j = Array.from(baseline.rank).find((k) => baseline.referralsPerPurchase[k] > 0)!;
    expect(base.customerReferralValue![j]).toBeGreaterThan(0);
    const lostReferrer = runScenario(baseline, { removeIds: [baseline.customerIds[j]] });
    expect(base.equity - lostReferrer.equity).toBeCloseTo(base.customerValue![j] + base.customerReferralValue![j], 4);
    expect(base.referralValue - lostReferrer.referralValue).toBeCloseTo(base.customerReferralValue![j], 4);
    // next-year profit loses their first-year margin
    expect(base.profitByYear[0] - lost.profitByYear[0]).toBeGreaterThan(0);
    // churn -5% raises equity; complaint-driven churn is estimated from the data
    expect(runScenario(baseline, { churnPct: -5 }).equity).toBeGreaterThan(base.equity);
    expect(Math.max(...baseline.complaintChurnShare)).toBeGreaterThan(0);
    expect(runScenario(baseline, { complaintChurnPct: -50 }).equity).toBeGreaterThan(base.equity);
  });

  it("prints JSON with scenario differences and writes the comparison CSV (CDNOW)", async () => {
    const { io, out, err } = capture();
    const csv = join(mkdtempSync(join(tmpdir(), "cvw-")), "scenarios.csv");
    const code = await main(["scenario", "data/cdnow/cdnow_sample.csv", "--scenario", "Churn -5%: churn=-5%", "--scenario", "remove-top=1", "--json", "--out", csv, "--horizon-years", "3"], io);
    expect(err.join("")).toContain("no margin column");
    expect(code).toBe(0);
    const json = JSON.parse(out.join(""));
    expect(json.customers).toBe(2349); // customers with a positive purchase (8 only bought for 0)
    expect(json.asOf).toBe("1998-06-30");
    expect(json.scenarios.map((s: { name: string }) => s.name)).toEqual(["Churn -5%", "Scenario 2"]);
    expect(json.scenarios[0].equityChange).toBeGreaterThan(0);
    expect(json.scenarios[1].equityChange).toBeLessThan(0);
    expect(json.baseline.profitByYear).toHaveLength(3);
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    expect(lines).toHaveLength(4); // header, baseline, two scenarios
    expect(lines[0]).toContain("equity,equity_change");
  });

  it("names a bad lever with usage exit code 2", async () => {
    const { io, err } = capture();
    expect(await main(["scenario", "data/cdnow/cdnow_sample.csv", "--scenario", "churn=-5pt"], io)).toBe(2);
    expect(err.join("")).toContain('invalid unit of churn: "pt"');
  });
});
