import { describe, expect, it } from "vitest";
import { minimize, nelderMead, numericGradient, numericHessian, standardErrorsFromHessian, invertPositiveDefinite } from "../../src/math/optimize.js";

const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
const rosenbrockGradient = ([x, y]: number[]) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)];

describe("minimize", () => {
  it("finds the Rosenbrock minimum (1, 1) with an analytic gradient", () => {
    const result = minimize(rosenbrock, [-1.2, 1], { gradient: rosenbrockGradient });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
    expect(result.iterations).toBeLessThan(100);
    expect(result.message).toMatch(/converged/);
  });

  it("finds the Rosenbrock minimum with a numeric gradient and with restarts", () => {
    const result = minimize(rosenbrock, [-1.2, 1], { restarts: 2 });
    expect(result.converged).toBe(true);
    expect(result.restarts).toBe(2);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it("minimises a 4-d quadratic exactly, using valueAndGradient", () => {
    const center = [1, -2, 3, 0.5];
    const weights = [1, 10, 100, 1000];
    const result = minimize((x) => x.reduce((s, v, i) => s + weights[i] * (v - center[i]) ** 2, 0), [0, 0, 0, 0], {
      valueAndGradient: (x) => ({
        value: x.reduce((s, v, i) => s + weights[i] * (v - center[i]) ** 2, 0),
        gradient: x.map((v, i) => 2 * weights[i] * (v - center[i])),
      }),
    });
    expect(result.converged).toBe(true);
    result.x.forEach((v, i) => expect(v).toBeCloseTo(center[i], 8));
  });

  it("treats non-finite objective values as +Infinity and never returns NaN", () => {
    // log-barrier: defined only for x > 0; minimum at x = 1.
    const f = ([x]: number[]) => (x > 0 ? x - Math.log(x) : NaN);
    const result = minimize(f, [5], { gradient: ([x]) => [1 - 1 / x] });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(Number.isNaN(result.value)).toBe(false);
  });

  it("reports a non-finite start plainly", () => {
    const result = minimize(() => NaN, [1]);
    expect(result.converged).toBe(false);
    expect(result.value).toBe(Infinity);
    expect(result.message).toContain("not finite");
  });

  it("rejects an invalid start", () => {
    expect(() => minimize(rosenbrock, [NaN, 1])).toThrow("invalid x0");
  });
});

describe("nelderMead", () => {
  it("finds the Rosenbrock minimum without gradients", () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 5000 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });
});

describe("finite differences and standard errors", () => {
  it("numericGradient and numericHessian match the analytic Rosenbrock derivatives", () => {
    const x = [0.3, -0.7];
    const g = numericGradient(rosenbrock, x);
    const exact = rosenbrockGradient(x);
    g.forEach((v, i) => expect(Math.abs(v - exact[i])).toBeLessThan(1e-7 * Math.max(1, Math.abs(exact[i]))));
    // Hessian: [[2 − 400(y − 3x²), −400x], [−400x, 200]]
    const H = [[2 - 400 * (x[1] - 3 * x[0] ** 2), -400 * x[0]], [-400 * x[0], 200]];
    const fromGradient = numericHessian(rosenbrock, x, { gradient: rosenbrockGradient });
    const fromValues = numericHessian(rosenbrock, x);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        expect(Math.abs(fromGradient[i][j] - H[i][j])).toBeLessThan(1e-6 * Math.abs(H[i][j]) + 1e-8);
        expect(Math.abs(fromValues[i][j] - H[i][j])).toBeLessThan(1e-4 * Math.abs(H[i][j]) + 1e-6);
      }
    }
  });

  it("standard errors are √diag(H⁻¹), null when H is not positive definite", () => {
    // Normal mean with known σ = 2, n = 100: −LL'' = n/σ² = 25 ⇒ SE = 0.2.
    expect(standardErrorsFromHessian([[25]])![0]).toBeCloseTo(0.2, 14);
    const H = [[4, 2], [2, 3]]; // inverse = [[3, −2], [−2, 4]] / 8
    const se = standardErrorsFromHessian(H)!;
    expect(se[0]).toBeCloseTo(Math.sqrt(3 / 8), 14);
    expect(se[1]).toBeCloseTo(Math.sqrt(4 / 8), 14);
    const inv = invertPositiveDefinite(H)!;
    expect(inv[0][1]).toBeCloseTo(-2 / 8, 14);
    expect(standardErrorsFromHessian([[1, 2], [2, 1]])).toBeNull();
    expect(standardErrorsFromHessian([[0]])).toBeNull();
  });
});

describe("minimize with an initial inverse Hessian", () => {
  // f = ½ (x − c)ᵀ A (x − c) with A = [[4, 1], [1, 2]]: A⁻¹ = [[2, −1], [−1, 4]] / 7
  const A = [
    [4, 1],
    [1, 2],
  ];
  const c = [1, -2];
  const f = (x: number[]) => {
    const d = [x[0] - c[0], x[1] - c[1]];
    return 0.5 * (d[0] * (A[0][0] * d[0] + A[0][1] * d[1]) + d[1] * (A[1][0] * d[0] + A[1][1] * d[1]));
  };
  const gradient = (x: number[]) => {
    const d = [x[0] - c[0], x[1] - c[1]];
    return [A[0][0] * d[0] + A[0][1] * d[1], A[1][0] * d[0] + A[1][1] * d[1]];
  };
  const inverse = [
    [2 / 7, -1 / 7],
    [-1 / 7, 4 / 7],
  ];

  it("takes the Newton step first: the exact inverse Hessian of a quadratic converges in one iteration", () => {
    const warm = minimize(f, [10, 10], { gradient, initialInverseHessian: inverse });
    const cold = minimize(f, [10, 10], { gradient });
    expect(warm.converged).toBe(true);
    expect(warm.iterations).toBe(1);
    expect(cold.iterations).toBeGreaterThan(1);
    warm.x.forEach((v, i) => expect(v).toBeCloseTo(c[i], 10));
  });

  it("returns its inverse Hessian approximation, close to A⁻¹ after a cold run on a quadratic", () => {
    const result = minimize(f, [10, 10], { gradient });
    expect(result.inverseHessian).not.toBeNull();
    // exact after n updates only with exact line searches; the Wolfe steps leave ~1e-4
    result.inverseHessian!.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - inverse[i][j])).toBeLessThan(1e-3)));
  });

  it("names a malformed initial inverse Hessian", () => {
    expect(() => minimize(f, [0, 0], { gradient, initialInverseHessian: [[1, 0]] })).toThrow("invalid initialInverseHessian: 1 rows for 2 parameters");
    expect(() => minimize(f, [0, 0], { gradient, initialInverseHessian: [[1, 0], [0]] })).toThrow("invalid initialInverseHessian: row 1 has 1 entries for 2 parameters");
    expect(() => minimize(f, [0, 0], { gradient, initialInverseHessian: [[1, 0], [0, NaN]] })).toThrow("invalid initialInverseHessian[1][1]: NaN");
  });
});
