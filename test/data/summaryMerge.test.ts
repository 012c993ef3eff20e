import { describe, expect, it } from "vitest";
import { summarizeColumns, summarizeTransactions, summaryRows } from "../../src/data/summary.js";
import { CDNOW_CAL_END, CDNOW_HOLDOUT_END, readCdnow } from "../support/readCdnow.js";

const hour = 1 / 24;

// Customer "a": first purchase day 0 at 10:15; another at 10:45 (same hour), 11:05, and on day 3 at
// 10:15 twice (identical times) and 22:00; a purchase on the last calibration day (7) at 23:30 and in
// the holdout on day 8 at 00:10. Customer "b": one purchase on day 5 at 15:00.
const at = (day: number, hours: number, minutes = 0) => day + (hours + minutes / 60) * hour;
const log = [
  { customerId: "a", epochDay: at(0, 10, 15), amount: 10 },
  { customerId: "a", epochDay: at(0, 10, 45), amount: 1 },
  { customerId: "a", epochDay: at(0, 11, 5), amount: 2 },
  { customerId: "a", epochDay: at(3, 10, 15), amount: 3 },
  { customerId: "a", epochDay: at(3, 10, 15), amount: 4 },
  { customerId: "a", epochDay: at(3, 22), amount: 5 },
  { customerId: "a", epochDay: at(7, 23, 30), amount: 6 },
  { customerId: "a", epochDay: at(8, 0, 10), amount: 7 },
  { customerId: "b", epochDay: at(5, 15), amount: 8 },
];
const options = { unit: "day" as const, calibrationEndEpochDay: 7, holdoutEndEpochDay: 9 };

describe("summarizeTransactions: what counts as the same purchase (mergeWithin)", () => {
  it("the default merges by calendar day and is the same as mergeWithin: \"day\" (CDNOW, REFERENCES §1)", () => {
    const cdnow = readCdnow("data/cdnow/cdnow_sample.csv", "sampleid");
    const base = { unit: "week" as const, calibrationEndEpochDay: CDNOW_CAL_END, holdoutEndEpochDay: CDNOW_HOLDOUT_END };
    expect(summaryRows(summarizeTransactions(cdnow, { ...base, mergeWithin: "day" }))).toEqual(summaryRows(summarizeTransactions(cdnow, base)));
    // ... and still rejects times of day
    expect(() => summarizeTransactions(log, options)).toThrow('invalid epochDay at transaction 0 (customer "a"): 0.4270833333333333');
  });

  it("\"exact\" merges only identical times; T runs to the end of the calibration day", () => {
    const s = summarizeTransactions(log, { ...options, mergeWithin: "exact" });
    const first = at(0, 10, 15);
    // purchases at 10:15, 10:45, 11:05, day 3 10:15 (×2 merged), day 3 22:00, day 7 23:30 → x = 5
    expect(s.x[0]).toBe(5);
    expect(s.tx[0]).toBeCloseTo(at(7, 23, 30) - first, 12);
    expect(s.T[0]).toBeCloseTo(8 - first, 12);
    expect(s.monetary[0]).toBeCloseTo((1 + 2 + 3 + 4 + 5 + 6) / 5, 12);
    expect(s.firstEpochDay[0]).toBe(0);
    expect(s.lastEpochDay[0]).toBe(7);
    expect(s.transactions[0]).toBe(7);
    expect(s.xHoldout![0]).toBe(1);
    expect(s.holdoutSpend![0]).toBe(7);
    expect(s.T[1]).toBeCloseTo(8 - at(5, 15), 12);
    expect(s.holdoutLength).toBe(2);
  });

  it("\"hour\" merges within clock hours and measures from the start of each hour", () => {
    const s = summarizeTransactions(log, { ...options, unit: "week", mergeWithin: "hour" });
    // hours: day 0 10h (10:15, 10:45), day 0 11h, day 3 10h, day 3 22h, day 7 23h → x = 4
    expect(s.x[0]).toBe(4);
    expect(s.tx[0]).toBeCloseTo((at(7, 23) - at(0, 10)) / 7, 12);
    // the last hour of the calibration end day starts at 7 + 23/24
    expect(s.T[0]).toBeCloseTo((at(7, 23) - at(0, 10)) / 7, 12);
    expect(s.monetary[0]).toBeCloseTo((2 + 3 + 4 + 5 + 6) / 4, 12);
    expect(s.T[1]).toBeCloseTo((at(7, 23) - at(5, 15)) / 7, 12);
  });

  it("minutes and seconds of times given as fractions of a day land in the right period", () => {
    // 13:00:00 is not exact in binary (13/24); it must not fall back into 12:59 or 12:00
    const rows = [
      { customerId: "m", epochDay: 100 + 13 / 24, amount: 1 },
      { customerId: "m", epochDay: 100 + 13 / 24 + 59 / 86_400, amount: 1 }, // 13:00:59: same minute
      { customerId: "m", epochDay: 100 + (13 * 60 + 1) / 1440, amount: 1 }, // 13:01
    ];
    const byMinute = summarizeTransactions(rows, { unit: "day", calibrationEndEpochDay: 100, mergeWithin: "minute" });
    expect(byMinute.x[0]).toBe(1);
    expect(byMinute.tx[0]).toBeCloseTo(1 / 1440, 12);
    expect(byMinute.T[0]).toBeCloseTo(1 - 13 / 24 - 1 / 1440, 12);
    expect(summarizeTransactions(rows, { unit: "day", calibrationEndEpochDay: 100, mergeWithin: "second" }).x[0]).toBe(2);
    expect(summarizeTransactions(rows, { unit: "day", calibrationEndEpochDay: 100, mergeWithin: "hour" }).x[0]).toBe(0);
    // 10000 + 32/86,400 days times 86,400 is 864,000,031.99999994 in binary: still second 32, not 31
    const seconds = [
      { customerId: "s", epochDay: 10_000 + 31 / 86_400, amount: 1 },
      { customerId: "s", epochDay: 10_000 + 32 / 86_400, amount: 1 },
    ];
    const bySecond = summarizeTransactions(seconds, { unit: "day", calibrationEndEpochDay: 10_000, mergeWithin: "second" });
    expect(bySecond.x[0]).toBe(1);
    expect(bySecond.tx[0]).toBeCloseTo(1 / 86_400, 14);
  });

  it("on whole-day input, \"hour\" gives the day-level x and t_x, and T longer by 23 hours", () => {
    const days = log.map((row) => ({ ...row, epochDay: Math.floor(row.epochDay) }));
    const byDay = summarizeTransactions(days, options);
    const byHour = summarizeTransactions(days, { ...options, mergeWithin: "hour" });
    expect(Array.from(byHour.x)).toEqual(Array.from(byDay.x));
    expect(Array.from(byHour.tx)).toEqual(Array.from(byDay.tx));
    expect(Array.from(byHour.xHoldout!)).toEqual(Array.from(byDay.xHoldout!));
    for (let i = 0; i < byDay.n; i++) expect(byHour.T[i] - byDay.T[i]).toBeCloseTo(23 / 24, 12);
  });

  it("a calendar day belongs to the calibration up to its last instant (columnar input)", () => {
    const s = summarizeColumns(
      { customerIds: ["p"], customer: [0, 0, 0], epochDay: Float64Array.of(2.5, 7.999, 8), amount: [1, 1, 1] },
      { unit: "day", calibrationEndEpochDay: 7, holdoutEndEpochDay: 8, mergeWithin: "exact" },
    );
    expect(s.x[0]).toBe(1);
    expect(s.tx[0]).toBeCloseTo(5.499, 12);
    expect(s.T[0]).toBe(5.5);
    expect(s.xHoldout![0]).toBe(1);
  });

  it("rejects an unknown merge period and non-finite times, naming them", () => {
    expect(() => summarizeTransactions(log, { ...options, mergeWithin: "week" as never })).toThrow('invalid mergeWithin: "week"');
    expect(() => summarizeTransactions([{ customerId: "z", epochDay: Infinity, amount: 1 }], { ...options, mergeWithin: "exact" })).toThrow(
      'invalid epochDay at transaction 0 (customer "z"): Infinity',
    );
  });
});
