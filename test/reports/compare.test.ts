import { describe, expect, it } from "vitest";
import { comparePeriods } from "../../src/reports/compare.js";

const rows = [
  { periodIndex: 100, active: 50, margin: null as number | null },
  { periodIndex: 103, active: 80, margin: 0 },
  { periodIndex: 104, active: 60, margin: 10 },
];

describe("comparePeriods", () => {
  it("finds the previous quarter and the same quarter last year by index (4 back), with relative changes", () => {
    const [active, margin] = comparePeriods(rows, 104, "quarter", ["active", "margin"]);
    // 60 vs 80: −25 %; 60 vs 50: +20 %
    expect(active).toEqual({ key: "active", current: 60, previous: 80, sameLastYear: 50, changeVsPrevious: -0.25, changeVsLastYear: 0.2 });
    // a zero or null base gives no relative change
    expect(margin).toEqual({ key: "margin", current: 10, previous: 0, sameLastYear: null, changeVsPrevious: null, changeVsLastYear: null });
  });

  it("looks 12 back for months and gives null for absent periods", () => {
    const [active] = comparePeriods(rows, 112, "month", ["active"]);
    expect(active).toMatchObject({ current: null, previous: null, sameLastYear: 50, changeVsLastYear: null });
  });

  it("property: the change vs the previous period has the sign of current − previous", () => {
    for (let i = 0; i < 200; i++) {
      const a = Math.round(Math.random() * 200 - 100);
      const b = Math.round(Math.random() * 200 - 100);
      const [c] = comparePeriods([{ periodIndex: 1, v: a }, { periodIndex: 2, v: b }], 2, "month", ["v"]);
      if (a === 0) expect(c.changeVsPrevious).toBeNull();
      else expect(Math.sign(c.changeVsPrevious!)).toBe(Math.sign(b - a));
    }
  });

  it("rejects a bad period index or period with the value", () => {
    expect(() => comparePeriods(rows, 1.5, "quarter", ["active"])).toThrow("invalid periodIndex: 1.5");
    expect(() => comparePeriods(rows, 1, "week" as never, ["active"])).toThrow('invalid period: "week"');
  });
});
