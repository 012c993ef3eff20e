import { describe, expect, it } from "vitest";
import { civilFromEpochDay, epochDayFromCivil } from "../../src/util/dates.js";

describe("civil date ↔ epoch day", () => {
  it("matches Date.UTC on known dates (epoch, leap days, century rules)", () => {
    const dates: [number, number, number][] = [[1970, 1, 1], [2000, 2, 29], [2000, 3, 1], [1900, 2, 28], [1900, 3, 1], [2100, 3, 1], [1969, 12, 31], [2024, 12, 31], [1600, 1, 1]];
    for (const [y, m, d] of dates) {
      const expected = Date.UTC(y, m - 1, d) / 86_400_000;
      expect(epochDayFromCivil(y, m, d)).toBe(expected);
      expect(civilFromEpochDay(expected)).toEqual({ year: y, month: m, day: d });
    }
  });

  it("round-trips every day from 1800 to 2300 and agrees with Date (property)", () => {
    const from = epochDayFromCivil(1800, 1, 1);
    const to = epochDayFromCivil(2300, 1, 1);
    for (let e = from; e < to; e++) {
      const c = civilFromEpochDay(e);
      expect(epochDayFromCivil(c.year, c.month, c.day)).toBe(e);
      if (e % 997 === 0) {
        const d = new Date(e * 86_400_000);
        expect([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]).toEqual([c.year, c.month, c.day]);
      }
    }
  });
});
