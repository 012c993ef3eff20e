import { describe, expect, it } from "vitest";
import { bgnbdConditionalExpectedPurchases, bgnbdConditionalExpectedPurchasesCurve } from "../../src/models/bgnbd.js";
import { mbgnbdConditionalExpectedPurchases, mbgnbdConditionalExpectedPurchasesCurve } from "../../src/models/mbgnbd.js";
import { pnbdConditionalExpectedPurchases, pnbdConditionalExpectedPurchasesCurve } from "../../src/models/pnbd.js";

// CDNOW estimates (weeks); horizons of 36 lifetimes months (4.345 weeks), crossing z = 0.75 for young customers
const bg = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
const mbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const pn = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const times = [0, ...Array.from({ length: 36 }, (_, k) => (k + 1) * 4.345)];
const histories = [
  [0, 0, 38.86],
  [0, 0, 1],
  [2, 30.43, 38.86],
  [26, 30.86, 31],
  [150, 35, 38], // heavy buyer: the Euler form
];

describe("conditional expected purchases at several horizons (the CLV fast path)", () => {
  const models = [
    ["BG/NBD", (t: number, x: number, tx: number, T: number) => bgnbdConditionalExpectedPurchases(bg, t, x, tx, T), (x: number, tx: number, T: number) => bgnbdConditionalExpectedPurchasesCurve(bg, times, x, tx, T)],
    ["MBG/NBD", (t: number, x: number, tx: number, T: number) => mbgnbdConditionalExpectedPurchases(mbg, t, x, tx, T), (x: number, tx: number, T: number) => mbgnbdConditionalExpectedPurchasesCurve(mbg, times, x, tx, T)],
    ["Pareto/NBD", (t: number, x: number, tx: number, T: number) => pnbdConditionalExpectedPurchases(pn, t, x, tx, T), (x: number, tx: number, T: number) => pnbdConditionalExpectedPurchasesCurve(pn, times, x, tx, T)],
  ] as const;
  for (const [name, one, curve] of models) {
    it(`${name}: the curve equals the one-horizon function bit for bit`, () => {
      for (const [x, tx, T] of histories) {
        const values = curve(x, tx, T);
        expect(values.length).toBe(times.length);
        times.forEach((t, k) => expect(values[k], `${name} t = ${t}, history ${x}, ${tx}, ${T}`).toBe(one(t, x, tx, T)));
        for (let k = 1; k < times.length; k++) expect(values[k]).toBeGreaterThan(values[k - 1]);
      }
    });
  }

  it("rejects a negative horizon and invalid parameters, naming them", () => {
    expect(() => bgnbdConditionalExpectedPurchasesCurve(bg, [1, -1], 2, 30, 38)).toThrow("invalid t: -1");
    expect(() => mbgnbdConditionalExpectedPurchasesCurve(mbg, [Number.NaN], 2, 30, 38)).toThrow("invalid t: NaN");
    expect(() => pnbdConditionalExpectedPurchasesCurve(pn, [-2], 2, 30, 38)).toThrow("invalid t: -2");
    expect(() => bgnbdConditionalExpectedPurchasesCurve({ ...bg, a: -1 }, [1], 2, 30, 38)).toThrow("invalid a: -1");
  });
});
