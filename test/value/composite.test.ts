import { describe, expect, it } from "vitest";
import { explainComposite, prepareComposite, rankDescending, scoreComposite, type ComponentSpec } from "../../src/value/composite.js";
import { createRandom } from "../../src/demo/random.js";

interface Row { id: string; x: number | null; y: number | null; z: number | null }
const specs: ComponentSpec<Row, "x" | "y" | "z">[] = [
  { key: "x", label: "x", group: "g", unit: "u", better: "higher", normalisation: "percentile", raw: (r) => r.x },
  { key: "y", label: "y", group: "g", unit: "u", better: "lower", normalisation: "minmax", raw: (r) => r.y },
  { key: "z", label: "z", group: "g", unit: "u", better: "higher", normalisation: "percentile", raw: (r) => r.z },
];
const rows: Row[] = [
  { id: "a", x: 10, y: 5, z: null },
  { id: "b", x: 20, y: 0, z: null },
  { id: "c", x: 30, y: 10, z: null },
];
const plain = { winsoriseQuantiles: [0, 1] as const };

describe("composite index", () => {
  // x → [0, 50, 100]; y (lower is better) → 100 − [50, 0, 100] = [50, 100, 0]; z absent.
  it("is the weighted mean of the component scores (hand-computed)", () => {
    const model = prepareComposite(rows, (r) => r.id, specs, plain);
    const result = scoreComposite(model, { x: 3, y: 1 });
    expect([...result.scores]).toEqual([12.5, 62.5, 75]);
    expect(result.weights).toEqual({ x: 0.75, y: 0.25, z: 0 });
  });

  it("reports a component with no data as absent and redistributes its weight", () => {
    const model = prepareComposite(rows, (r) => r.id, specs, plain);
    expect(model.components[2].status).toBe("absent");
    expect(model.warnings).toEqual(["z left out: no data for z; its weight goes to the other components"]);
    const result = scoreComposite(model, { x: 3, y: 1, z: 4 });
    expect([...result.scores]).toEqual([12.5, 62.5, 75]);
    expect(result.absent).toEqual(["z"]);
    expect(explainComposite(model, { x: 3, y: 1, z: 4 }, 0).components[2]).toMatchObject({ status: "absent", score: null, weight: 0, contribution: 0 });
  });

  it("treats a constant component as absent", () => {
    const model = prepareComposite(rows.map((r) => ({ ...r, z: 7 })), (r) => r.id, specs, plain);
    expect(model.components[2]).toMatchObject({ status: "absent", absentReason: "z is the same for everyone (7)" });
  });

  it("redistributes a value missing for one row over that row's known components only", () => {
    const model = prepareComposite([rows[0], { ...rows[1], x: null }, rows[2]], (r) => r.id, specs, plain);
    // x over [10, 30] → [0, 100]; b has only y (100).
    expect([...scoreComposite(model, { x: 3, y: 1 }).scores]).toEqual([12.5, 100, 75]);
    const b = explainComposite(model, { x: 3, y: 1 }, 1);
    expect(b.components[0]).toMatchObject({ status: "missing", effectiveWeight: 0 });
    expect(b.components[1]).toMatchObject({ status: "present", weight: 0.25, effectiveWeight: 1, contribution: 100 });
  });

  it("scores missing values with missingScore when the spec gives one", () => {
    const withMissing = specs.map((s) => (s.key === "x" ? { ...s, missingScore: 0 } : s));
    const model = prepareComposite([rows[0], { ...rows[1], x: null }, rows[2]], (r) => r.id, withMissing, plain);
    expect([...scoreComposite(model, { x: 3, y: 1 }).scores]).toEqual([12.5, 25, 75]);
  });

  it("gives NaN (and counts it) when a row has no weighted component", () => {
    const model = prepareComposite([rows[0], { ...rows[1], x: null }, rows[2]], (r) => r.id, specs, plain);
    const result = scoreComposite(model, { x: 1 });
    expect(result.scores[1]).toBeNaN();
    expect(result.unscored).toBe(1);
  });

  it("explains each row: contributions sum to the index", () => {
    const model = prepareComposite(rows, (r) => r.id, specs, plain);
    const scores = scoreComposite(model, { x: 3, y: 1 }).scores;
    for (let i = 0; i < rows.length; i++) {
      const b = explainComposite(model, { x: 3, y: 1 }, i);
      expect(b.index).toBeCloseTo(scores[i], 12);
      expect(b.components.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(scores[i], 12);
    }
    expect(explainComposite(model, { x: 1 }, 2).components[0]).toMatchObject({ raw: 30, score: 100, weight: 1, contribution: 100 });
  });

  it("rejects bad weights with the bad value", () => {
    const model = prepareComposite(rows, (r) => r.id, specs, plain);
    expect(() => scoreComposite(model, { x: -1 })).toThrow("invalid weight for x: -1");
    expect(() => scoreComposite(model, { w: 1 } as never)).toThrow("unknown component: w");
    expect(() => scoreComposite(model, { z: 1 })).toThrow("weights are zero for every available component (x, y)");
    expect(() => explainComposite(model, { x: 1 }, 3)).toThrow("invalid row index: 3");
  });

  it("property: weights scaled by any positive factor give identical scores and ranking", () => {
    const rng = createRandom(11);
    const many: Row[] = Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, x: rng.logNormal(0, 2), y: rng.int(50), z: rng.bernoulli(0.1) ? null : rng.gamma(2, 1) }));
    const model = prepareComposite(many, (r) => r.id, specs);
    for (let trial = 0; trial < 50; trial++) {
      const w = { x: rng.uniform(), y: rng.uniform(), z: rng.uniform() };
      const c = Math.exp(rng.normal() * 5);
      const a = scoreComposite(model, w).scores;
      const b = scoreComposite(model, { x: w.x * c, y: w.y * c, z: w.z * c }).scores;
      for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 9);
      expect([...rankDescending(b)]).toEqual([...rankDescending(a)]);
    }
  });
});

describe("rankDescending", () => {
  it("ranks from 1 (best), ties share a rank, NaN last", () => {
    expect([...rankDescending([50, 80, 50, NaN, 10])]).toEqual([2, 1, 2, 5, 4]);
  });
});

describe("composite index without any component", () => {
  it("scores every row NaN instead of throwing", () => {
    const model = prepareComposite(rows.map((r) => ({ ...r, x: null, y: null })), (r) => r.id, specs);
    const result = scoreComposite(model, { x: 1 });
    expect(result.unscored).toBe(3);
    expect(result.weights).toEqual({ x: 0, y: 0, z: 0 });
    expect(explainComposite(model, { x: 1 }, 0).index).toBeNaN();
  });
});
