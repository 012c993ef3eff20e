import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe("cvw summary", () => {
  it("reports the CDNOW sample's published headline numbers", async () => {
    const { io, out } = capture();
    const code = await main(["summary", "data/cdnow/cdnow_sample.csv", "--json"], io);
    expect(code).toBe(0);
    const result = JSON.parse(out.join(""));
    expect(result).toMatchObject({
      rows: 6919,
      customers: 2357,
      firstDate: "1997-01-01",
      lastDate: "1998-06-30",
      totalAmount: 244091.94,
      columns: { customer: "masterid", date: "date", amount: "sales" },
    });
  });

  it("names the missing file", async () => {
    const { io, err } = capture();
    expect(await main(["summary", "data/none.csv"], io)).toBe(1);
    expect(err.join("")).toContain("data/none.csv: no such file");
  });

  it("rejects an unknown option with usage", async () => {
    const { io, err } = capture();
    expect(await main(["summary", "x.csv", "--bogus"], io)).toBe(2);
    expect(err.join("")).toContain("unknown option: --bogus");
  });
});
