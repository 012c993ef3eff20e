import { describe, expect, it } from "vitest";
import { NodeDuckDB } from "../../src/node/duckdb.js";
import {
  civilFromEpochDay,
  epochDayFromCivil,
  periodEndEpochDay,
  periodIndexOf,
  periodIndexSql,
  periodLabel,
  periodLabelSql,
  periodStartEpochDay,
  periodStartSql,
} from "../../src/reports/periods.js";

const MS_PER_DAY = 86_400_000;

describe("civil dates", () => {
  it("agree with Date.UTC on every day from 1899 to 2101", () => {
    for (let d = epochDayFromCivil(1899, 1, 1); d <= epochDayFromCivil(2101, 12, 31); d++) {
      const date = new Date(d * MS_PER_DAY);
      const civil = civilFromEpochDay(d);
      if (civil.year !== date.getUTCFullYear() || civil.month !== date.getUTCMonth() + 1 || civil.day !== date.getUTCDate()) {
        throw new Error(`day ${d}: ${JSON.stringify(civil)} vs ${date.toISOString()}`);
      }
    }
    expect(epochDayFromCivil(1970, 1, 1)).toBe(0);
    expect(epochDayFromCivil(2024, 2, 29)).toBe(Date.UTC(2024, 1, 29) / MS_PER_DAY);
  });
});

describe("periods", () => {
  it("put month ends and the leap day in the right month and quarter", () => {
    const feb29 = epochDayFromCivil(2024, 2, 29);
    expect(periodLabel(periodIndexOf(feb29, "month"), "month")).toBe("2024-02");
    expect(periodLabel(periodIndexOf(feb29 + 1, "month"), "month")).toBe("2024-03");
    expect(periodEndEpochDay(periodIndexOf(feb29, "month"), "month")).toBe(feb29);
    expect(periodEndEpochDay(periodIndexOf(epochDayFromCivil(2023, 2, 1), "month"), "month")).toBe(epochDayFromCivil(2023, 2, 28));
    expect(periodLabel(periodIndexOf(epochDayFromCivil(2024, 3, 31), "quarter"), "quarter")).toBe("2024-Q1");
    expect(periodLabel(periodIndexOf(epochDayFromCivil(2024, 4, 1), "quarter"), "quarter")).toBe("2024-Q2");
    expect(periodStartEpochDay(periodIndexOf(epochDayFromCivil(2024, 8, 15), "quarter"), "quarter")).toBe(epochDayFromCivil(2024, 7, 1));
    expect(periodEndEpochDay(periodIndexOf(epochDayFromCivil(2024, 12, 31), "quarter"), "quarter")).toBe(epochDayFromCivil(2024, 12, 31));
    // Q1 of a leap year has 91 days, of a common year 90.
    const q1 = periodIndexOf(epochDayFromCivil(2024, 1, 1), "quarter");
    expect(periodEndEpochDay(q1, "quarter") - periodStartEpochDay(q1, "quarter") + 1).toBe(91);
    const q1c = periodIndexOf(epochDayFromCivil(2023, 1, 1), "quarter");
    expect(periodEndEpochDay(q1c, "quarter") - periodStartEpochDay(q1c, "quarter") + 1).toBe(90);
  });

  it("every day lies inside its own period (property, 1990-2030)", () => {
    for (const period of ["month", "quarter"] as const) {
      for (let d = epochDayFromCivil(1990, 1, 1); d <= epochDayFromCivil(2030, 12, 31); d++) {
        const p = periodIndexOf(d, period);
        if (!(periodStartEpochDay(p, period) <= d && d <= periodEndEpochDay(p, period))) throw new Error(`${period} ${d}`);
      }
    }
    expect(periodStartEpochDay(periodIndexOf(0, "month") + 1, "month")).toBe(31);
  });

  it("SQL expressions match the TypeScript functions on every day 1999-2101", async () => {
    const db = await NodeDuckDB.open();
    try {
      for (const period of ["month", "quarter"] as const) {
        const lo = epochDayFromCivil(1999, 1, 1);
        const hi = epochDayFromCivil(2101, 12, 31);
        const rows = await db.query<{ d: number; p: number; s: number; l: string }>(
          `SELECT d::INTEGER AS d, ${periodIndexSql("d", period)}::INTEGER AS p, ${periodStartSql(periodIndexSql("d", period), period)} AS s,
             ${periodLabelSql(periodIndexSql("d", period), period)} AS l FROM range(${lo}, ${hi + 1}) t(d) ORDER BY d`,
        );
        expect(rows.length).toBe(hi - lo + 1);
        for (const row of rows) {
          const p = periodIndexOf(row.d, period);
          if (row.p !== p || row.s !== periodStartEpochDay(p, period) || row.l !== periodLabel(p, period)) {
            throw new Error(`${period} day ${row.d}: sql ${JSON.stringify(row)} vs ts ${p}`);
          }
        }
      }
    } finally {
      db.close();
    }
  });
});
