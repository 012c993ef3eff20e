import { describe, expect, it } from "vitest";
import { DistinctTriples, DistinctValues } from "../../src/util/distinct.js";

describe("DistinctValues", () => {
  it("numbers values in order of first appearance; −0 equals 0; each NaN is its own", () => {
    const d = new DistinctValues(8);
    expect([3, 1, 3, 0, -0, 1, 2.5].map((v) => d.index(v))).toEqual([0, 1, 0, 2, 2, 1, 3]);
    expect(Array.from(d.values())).toEqual([3, 1, 0, 2.5]);
    expect(d.index(NaN)).toBe(4);
    expect(d.index(NaN)).toBe(5);
  });
});

describe("DistinctTriples", () => {
  it("agrees with a Map of string keys on 20,000 triples with many repeats (property)", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const n = 20_000;
    const d = new DistinctTriples(n);
    const reference = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const a = Math.floor(rand() * 20);
      const b = Math.floor(rand() * 10) / 7;
      const c = Math.floor(rand() * 5) + 0.5;
      const key = `${a}|${b}|${c}`;
      if (!reference.has(key)) reference.set(key, reference.size);
      expect(d.index(a, b, c)).toBe(reference.get(key));
    }
    expect(d.size).toBe(reference.size);
    const first = [...reference.keys()][0].split("|").map(Number);
    expect([d.a[0], d.b[0], d.c[0]]).toEqual(first);
  });
});
