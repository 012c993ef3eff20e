import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), "cvw-clv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = ["clv", "data/cdnow/cdnow_sample.csv", "--calibration-end", "1997-09-30", "--unit", "week", "--horizon", "12", "--horizon-unit", "month", "--discount-rate", "0.01", "--discount-per", "month"];

describe("cvw clv", () => {
  it("writes one row per CDNOW customer and reproduces lifetimes' total (Σ 71,509.90, rel 1e-3) with --month-convention lifetimes", async () => {
    const { io, out, err } = capture();
    const file = join(dir, "clv.csv");
    const code = await main([...base, "--model", "bgnbd", "--month-convention", "lifetimes", "--holdout-end", "1998-06-30", "--customer", "sampleid", "--out", file, "--json"], io);
    expect(err.join("")).not.toContain("rejected");
    expect(code).toBe(0);
    const json = JSON.parse(out.join(""));
    expect(json.customers).toBe(2357);
    expect(json.model.name).toBe("bgnbd");
    expect(json.settings.horizonInModelUnits).toBeCloseTo(52.14, 10);
    expect(Math.abs(json.totalClv - 71509.9) / 71509.9).toBeLessThan(1e-3);
    expect(json.holdout.actual).toBe(1882);
    expect(Math.abs(json.holdout.predicted - 1653.4)).toBeLessThan(0.1);
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines[0]).toBe("id,x,t_x,T,p_alive,expected_purchases,expected_spend,clv");
    expect(lines.length).toBe(2358);
    // sampleid 1 is lifetimes' first customer: CLV 36.2785 (|Δ| < 0.01: spend and recency from the raw log)
    const first = lines[1].split(",");
    expect(first[0]).toBe("1");
    expect(Number(first[1])).toBe(2);
    expect(Math.abs(Number(first[7]) - 36.2785)).toBeLessThan(0.01);
    const total = lines.slice(1).reduce((s, line) => s + Number(line.split(",")[7]), 0);
    expect(total).toBeCloseTo(json.totalClv, 0);
  });

  it("Pareto/NBD with --method dert at ln(1.1) per week matches CLVTools' Σ CLV 17,816.35 (rel 1e-3)", async () => {
    const { io, out } = capture();
    const code = await main(["clv", "data/cdnow/cdnow_sample.csv", "--calibration-end", "1997-09-30", "--model", "pnbd", "--method", "dert", "--discount-rate", "0.1", "--discount-per", "week", "--out", join(dir, "dert.csv"), "--json"], io);
    expect(code).toBe(0);
    const json = JSON.parse(out.join(""));
    expect(json.settings.continuousRatePerModelUnit).toBeCloseTo(Math.log(1.1), 12);
    expect(Math.abs(json.totalClv - 17816.35) / 17816.35).toBeLessThan(1e-3);
  });

  it("runs on the demo company, whose returns are negative lines: Gamma-Gamma fits and every expected spend is positive", async () => {
    // Before purchase days required a line with amount >= 0, return-only days made C00828's mean spend −17.53.
    const { io, out, err } = capture();
    const code = await main(["clv", "data/demo/transactions.csv", "--calibration-end", "2025-06-30", "--json"], io);
    expect(err.join("")).not.toContain("rejected");
    expect(code).toBe(0);
    const json = JSON.parse(out.join(""));
    // customers with a purchase line (amount >= 0) on or before the calibration end, counted from the raw file
    const lines = readFileSync("data/demo/transactions.csv", "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const buyers = new Set(lines.filter((f) => f[1] <= "2025-06-30" && Number(f[6]) >= 0).map((f) => f[0]));
    expect(json.customers).toBe(buyers.size);
    expect(json.spend.converged).toBe(true);
    expect(json.spend.params.p).toBeGreaterThan(0);
    const csv = capture();
    expect(await main(["clv", "data/demo/transactions.csv", "--calibration-end", "2025-06-30"], csv.io)).toBe(0);
    const rows = csv.out.join("").trim().split("\n").slice(1).map((line) => line.split(","));
    expect(rows.length).toBe(buyers.size);
    expect(rows.every((r) => Number(r[6]) > 0)).toBe(true);
    expect(rows.find((r) => r[0] === "C00828")).toBeDefined();
  });

  it("prints the CSV to stdout without --out", async () => {
    const { io, out } = capture();
    expect(await main([...base, "--horizon", "3"], io)).toBe(0);
    const lines = out.join("").trim().split("\n");
    expect(lines.length).toBe(2358);
    expect(lines[1].split(",").length).toBe(8);
  });

  it("rejects bad options with usage (exit 2) and a missing file or column (exit 1)", async () => {
    let c = capture();
    expect(await main([...base, "--model", "mbgnbd"], c.io)).toBe(2);
    expect(c.err.join("")).toContain('invalid --model: "mbgnbd" (bgnbd, pnbd)');
    c = capture();
    expect(await main([...base, "--discount-per", "fortnight"], c.io)).toBe(2);
    expect(c.err.join("")).toContain('invalid --discount-per: "fortnight"');
    c = capture();
    expect(await main([...base, "--method", "dert"], c.io)).toBe(2);
    expect(c.err.join("")).toContain("invalid --horizon with --method dert");
    c = capture();
    expect(await main(["clv", "data/cdnow/cdnow_sample.csv"], c.io)).toBe(2);
    expect(c.err.join("")).toContain("missing --calibration-end");
    c = capture();
    expect(await main(["clv", "data/none.csv", "--calibration-end", "1997-09-30"], c.io)).toBe(1);
    expect(c.err.join("")).toContain("data/none.csv: no such file");
    c = capture();
    expect(await main([...base, "--amount", "price"], c.io)).toBe(1);
    expect(c.err.join("")).toContain('column "price" (--amount) is not in header');
  });
});
