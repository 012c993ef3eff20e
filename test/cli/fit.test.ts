import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { meanRelativeDifference } from "../support/tolerance.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe("cvw fit", () => {
  it("fits CDNOW: BG/NBD to REFERENCES tolerances, holdout actual 1,882, predictions 1653.4 / 1665.5", async () => {
    const { io, out, err } = capture();
    const code = await main(
      ["fit", "data/cdnow/cdnow_sample.csv", "--customer", "masterid", "--date", "date", "--amount", "sales", "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--unit", "week", "--models", "bgnbd,pnbd,mbgnbd,gg", "--json"],
      io,
    );
    expect(code).toBe(0);
    const result = JSON.parse(out.join(""));
    expect(Object.keys(result)).toEqual(["summary", "models", "holdout", "meanPAlive"]);
    expect(result.summary).toEqual({ customers: 2357, repeaters: 946, repeatTransactions: 2457 });
    const bg = result.models.bgnbd;
    expect(Object.keys(bg)).toEqual(["params", "logLikelihood", "standardErrors", "converged"]);
    const paper = [0.243, 4.414, 0.793, 2.426];
    expect(meanRelativeDifference([bg.params.r, bg.params.alpha, bg.params.a, bg.params.b], paper)).toBeLessThan(1e-3);
    expect(Math.abs(bg.logLikelihood / -9582.4 - 1)).toBeLessThan(1e-3);
    expect(bg.converged).toBe(true);
    const pn = result.models.pnbd;
    expect(meanRelativeDifference([pn.params.r, pn.params.alpha, pn.params.s, pn.params.beta], [0.553, 10.578, 0.606, 11.669])).toBeLessThan(1e-3);
    expect(Math.abs(result.models.mbgnbd.params.r - 0.525)).toBeLessThan(1.5e-2);
    const gg = result.models.gg;
    expect(meanRelativeDifference([gg.params.p, gg.params.q, gg.params.gamma], [6.25, 3.74, 15.44])).toBeLessThan(1e-3);
    expect(result.holdout.actualPurchases).toBe(1882);
    expect(Math.abs(result.holdout.predicted.bgnbd - 1653.4)).toBeLessThan(0.1);
    expect(Math.abs(result.holdout.predicted.pnbd - 1665.5)).toBeLessThan(0.2);
    expect(result.meanPAlive.bgnbd).toBeGreaterThan(result.meanPAlive.pnbd);
    expect(err.join("")).toContain("P(alive) = 1 for customers with no repeat purchase under BG/NBD; consider MBG/NBD");
  });

  it("guesses the columns, omits the holdout without --holdout-end, fits only the chosen models", async () => {
    const { io, out } = capture();
    expect(await main(["fit", "data/cdnow/cdnow_sample.csv", "--calibration-end", "1997-09-30", "--models", "bgnbd", "--json"], io)).toBe(0);
    const result = JSON.parse(out.join(""));
    expect(Object.keys(result.models)).toEqual(["bgnbd"]);
    expect(result.holdout).toBeNull();
    expect(result.meanPAlive.pnbd).toBeUndefined();
  });

  it("leaves rejected rows out with a warning naming the first; --strict stops at it (exit 1)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cvw-fit-"));
    const file = join(dir, "bad.csv");
    writeFileSync(file, "customer_id,date,amount\na,2020-01-01,10\na,2020-02-30,5\nb,2020-01-03,7\na,2020-02-01,3\n");
    const lenient = capture();
    expect(await main(["fit", file, "--calibration-end", "2020-03-01", "--models", "gg", "--json"], lenient.io)).toBe(0);
    expect(lenient.err.join("")).toContain(`warning: ${file}: 1 of 4 rows rejected (1 unparseable_date); first: row 2 (line 3): column "date" value "2020-02-30": date is empty or not a valid date; left out`);
    expect(JSON.parse(lenient.out.join("")).summary).toEqual({ customers: 2, repeaters: 1, repeatTransactions: 1 });
    const { io, err } = capture();
    expect(await main(["fit", file, "--calibration-end", "2020-03-01", "--strict"], io)).toBe(1);
    expect(err.join("")).toContain(`${file}: row 2 (line 3): column "date" value "2020-02-30": date is empty or not a valid date (--strict; 1 of 4 rows rejected`);
    writeFileSync(file, "customer_id,date,amount\na,2020-01-01,10\na,2020-01-05,ten\n");
    const second = capture();
    expect(await main(["fit", file, "--calibration-end", "2020-03-01", "--strict"], second.io)).toBe(1);
    expect(second.err.join("")).toContain(`row 2 (line 3): column "amount" value "ten": amount is empty or not a number`);
  });

  it("reads the columns from a saved mapping, with a named column overriding it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cvw-fit-"));
    const mapping = join(dir, "m.json");
    writeFileSync(mapping, JSON.stringify({ version: 1, table: "transactions", columns: { customerId: "sampleid", date: "date", amount: "cds" } }));
    const { io, out } = capture();
    expect(await main(["fit", "data/cdnow/cdnow_sample.csv", "--mapping", mapping, "--amount", "sales", "--calibration-end", "1997-09-30", "--models", "gg", "--json"], io)).toBe(0);
    const gg = JSON.parse(out.join("")).models.gg;
    expect(meanRelativeDifference([gg.params.p, gg.params.q, gg.params.gamma], [6.25, 3.74, 15.44])).toBeLessThan(1e-3);
    const bad = capture();
    expect(await main(["fit", "data/cdnow/cdnow_sample.csv", "--amount", "price", "--calibration-end", "1997-09-30"], bad.io)).toBe(1);
    expect(bad.err.join("")).toContain('column "price" (--amount) is not in header');
  });

  it("rejects bad usage with exit code 2", async () => {
    const cases: [string[], string][] = [
      [["fit", "data/cdnow/cdnow_sample.csv"], "missing --calibration-end"],
      [["fit", "data/cdnow/cdnow_sample.csv", "--calibration-end", "1997-02-30"], 'invalid --calibration-end: "1997-02-30"'],
      [["fit", "data/cdnow/cdnow_sample.csv", "--calibration-end", "1997-09-30", "--models", "bgnbd,foo"], 'invalid --models entry: "foo"'],
      [["fit", "data/cdnow/cdnow_sample.csv", "--calibration-end", "1997-09-30", "--holdout-end", "1997-01-01"], "invalid --holdout-end"],
      [["fit", "data/cdnow/cdnow_sample.csv", "--calibration-end", "1997-09-30", "--unit", "year"], 'invalid --unit: "year"'],
    ];
    for (const [argv, message] of cases) {
      const { io, err } = capture();
      expect(await main(argv, io)).toBe(2);
      expect(err.join("")).toContain(message);
    }
  });

  it("reports a calibration end before every first purchase", async () => {
    const { io, err } = capture();
    expect(await main(["fit", "data/cdnow/cdnow_sample.csv", "--calibration-end", "1996-12-31"], io)).toBe(1);
    expect(err.join("")).toContain("no customer made a first purchase on or before 1996-12-31");
  });
});
