import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), "cvw-score-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const names = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [names[i], v])));
}

// As of 2025-12-31, 365-day window. Revenue in window: A 200, B 50, C 0 → percentile 100, 50, 0.
// Purchase days per year (tenure floored at 90 days): A 2 × 365.25 / 364 = 2.007, B 1 × 365.25 / 90 = 4.058,
// C 1 × 365.25 / 730 = 0.500 → percentile 50, 100, 0. CVI with revenue 1 : frequency 1 → 75, 75, 0.
const log = file("log.csv", "customer_id,date,amount\nA,2025-01-01,100\nA,2025-06-01,100\nB,2025-12-01,50\nC,2024-01-01,500\n");

describe("cvw score", () => {
  it("scores a hand-computed case; absent components are reported and their weight redistributed", async () => {
    const weights = file("w.json", JSON.stringify({ cvi: { revenue: 1, frequency: 1, margin: 2 }, oi: "sales" }));
    const out = join(dir, "scores.csv");
    const { io, out: stdout } = capture();
    expect(await main(["score", log, "--weights", weights, "--as-of", "2025-12-31", "--out", out, "--json"], io)).toBe(0);
    const rows = readCsv(out);
    expect(rows.map((r) => [r.id, r.cvi])).toEqual([["A", "75.00"], ["B", "75.00"], ["C", "0.00"]]);
    expect(rows.map((r) => r.cvi_margin)).toEqual(["", "", ""]);
    const summary = JSON.parse(stdout.join(""));
    expect(summary.cviAbsent).toEqual(["margin", "breadth", "referrals", "complaints"]);
    expect(summary.cviWeights).toMatchObject({ revenue: 0.5, frequency: 0.5, margin: 0 });
    expect(summary.oiAbsent).toEqual(["walletGap", "crossSellGap", "futureValue"]);
    expect(rows.every((r) => r.oi === "" && r.opportunity_level === "low")).toBe(true);
    expect(summary.warnings).toContain("margin left out: no data for margin; its weight goes to the other components");
  });

  it("accepts a flat object of CVI weights", async () => {
    const weights = file("flat.json", JSON.stringify({ revenue: 3, frequency: 3 }));
    const out = join(dir, "flat.csv");
    const { io } = capture();
    expect(await main(["score", log, "--weights", weights, "--as-of", "2025-12-31", "--out", out], io)).toBe(0);
    expect(readCsv(out).map((r) => r.cvi)).toEqual(["75.00", "75.00", "0.00"]);
  });

  it("scores the demo company: every customer and prospect, tiers partition all rows", async () => {
    const out = join(dir, "demo.csv");
    const { io, out: stdout, err } = capture();
    const code = await main(["score", "data/demo/transactions.csv", "--customers", "data/demo/customers.csv", "--prospects", "data/demo/prospects.csv", "--profile", "finance", "--out", out, "--json"], io);
    expect(err.join("")).toBe("warning: 410 rows have a negative amount (returns / credits, total -262256.46); kept as returns\n"); // nothing rejected
    expect(code).toBe(0);
    const rows = readCsv(out);
    expect(rows.length).toBe(3400);
    const summary = JSON.parse(stdout.join(""));
    expect(summary).toMatchObject({ asOf: "2025-12-31", customers: 3000, prospects: 400, cviAbsent: [], oiAbsent: ["futureValue"] });
    expect(summary.tiers.reduce((s: number, t: { count: number }) => s + t.count, 0)).toBe(3400);
    expect(rows.filter((r) => r.kind === "prospect").every((r) => r.tier === "lead" && r.cvi === "" && Number(r.oi) >= 0)).toBe(true);
    expect(rows.filter((r) => r.kind === "customer").every((r) => Number(r.cvi) >= 0 && Number(r.cvi) <= 100 && r.tier !== "lead")).toBe(true);
    expect(summary.matrix.reduce((s: number, c: { resourceShare: number }) => s + c.resourceShare, 0)).toBe(100);
  });

  it("tiers by CLV from a future_value column", async () => {
    const customers = file("cust.csv", "customer_id,future_value,referrals\nA,10,0\nB,500,2\nC,1,0\n");
    const out = join(dir, "clv.csv");
    const { io } = capture();
    expect(await main(["score", log, "--customers", customers, "--tier-basis", "clv", "--as-of", "2025-12-31", "--out", out], io)).toBe(0);
    expect(readCsv(out).map((r) => [r.id, r.tier])).toEqual([["A", "silver"], ["B", "platinum"], ["C", "bronze"]]);
  });

  it("reads CLV from a `cvw clv`-style file: OI future value and tiers by CLV", async () => {
    const clv = file("clv.csv", "id,x,t_x,T,p_alive,expected_purchases,expected_spend,clv\nA,1,1,1,0.9,1,1,10\nB,0,0,1,1,1,1,500\nC,0,0,1,0.2,1,1,1\n");
    const out = join(dir, "clv2.csv");
    const { io, out: stdout } = capture();
    expect(await main(["score", log, "--clv", clv, "--tier-basis", "clv", "--as-of", "2025-12-31", "--out", out, "--json"], io)).toBe(0);
    const rows = readCsv(out);
    expect(rows.map((r) => r.tier)).toEqual(["silver", "platinum", "bronze"]);
    // OI = future value alone (no wallets, no categories): percentile of 10, 500, 1 → 50, 100, 0
    expect(rows.map((r) => r.oi)).toEqual(["50.00", "100.00", "0.00"]);
    expect(JSON.parse(stdout.join("")).oiAbsent).toEqual(["walletGap", "crossSellGap"]);
  });

  it("warns about rejected rows and unparseable values; --strict names the file, row, column and value", async () => {
    const bad = file("bad.csv", "customer_id,date,amount\nA,2025-01-01,100\nB,2025-13-45,5\n");
    const lenient = capture();
    expect(await main(["score", bad, "--out", join(dir, "x.csv"), "--json"], lenient.io)).toBe(0);
    expect(lenient.err.join("")).toContain(`${bad}: 1 of 2 rows rejected (1 unparseable_date); first: row 2 (line 3): column "date" value "2025-13-45"`);
    expect(JSON.parse(lenient.out.join("")).customers).toBe(1);
    const { io, err } = capture();
    expect(await main(["score", bad, "--out", join(dir, "x.csv"), "--strict"], io)).toBe(1);
    expect(err.join("")).toContain(`${bad}: row 2 (line 3): column "date" value "2025-13-45": date is empty or not a valid date`);
    const badAmount = file("bad2.csv", "customer_id,date,amount\nA,2025-01-01,100\nA,2025-02-01,abc\n");
    const e2 = capture();
    expect(await main(["score", badAmount, "--out", join(dir, "x.csv"), "--strict"], e2.io)).toBe(1);
    expect(e2.err.join("")).toContain('row 2 (line 3): column "amount" value "abc": amount is empty or not a number');
    const badCustomers = file("badc.csv", "customer_id,wallet_per_year\nA,5\nB,lots\nA,7\n");
    const e3 = capture();
    expect(await main(["score", log, "--customers", badCustomers, "--out", join(dir, "x.csv")], e3.io)).toBe(0);
    expect(e3.err.join("")).toContain(`${badCustomers}: 1 of 3 rows rejected (1 duplicate_id); first: row 3 (line 4): column "customer_id" value "A"`);
    expect(e3.err.join("")).toContain(`${badCustomers}: walletPerYear ("wallet_per_year"): 1 values are not numbers and were left empty (first at row 2)`);
    const e4 = capture();
    expect(await main(["score", log, "--customers", file("badc2.csv", "customer_id,wallet_per_year\nA,5\nB,lots\n"), "--out", join(dir, "x.csv"), "--strict"], e4.io)).toBe(1);
    expect(e4.err.join("")).toContain(`badc2.csv: row 2 (line 3): column "wallet_per_year" value "lots" is not a number`);
    const e5 = capture();
    expect(await main(["score", log, "--customers", badCustomers, "--out", join(dir, "x.csv"), "--strict"], e5.io)).toBe(1);
    expect(e5.err.join("")).toContain(`row 3 (line 4): column "customer_id" value "A": id already appeared on an earlier row`);
  });

  it("reports bad weights files and usage errors", async () => {
    const bad = file("badw.json", JSON.stringify({ cvi: { revenue: -1 } }));
    const e1 = capture();
    expect(await main(["score", log, "--weights", bad, "--out", join(dir, "x.csv")], e1.io)).toBe(1);
    expect(e1.err.join("")).toContain(`${bad}: cvi.revenue: invalid weight -1`);
    const e2 = capture();
    expect(await main(["score", log], e2.io)).toBe(2);
    expect(e2.err.join("")).toContain("missing --out FILE");
    const e3 = capture();
    expect(await main(["score", log, "--profile", "marketing", "--out", "x.csv"], e3.io)).toBe(2);
    expect(e3.err.join("")).toContain('invalid --profile: "marketing"');
  });
});
