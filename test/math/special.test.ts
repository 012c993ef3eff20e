import { describe, expect, it } from "vitest";
import { digamma, expintE, expintEScaled, gammaSign, hyp2f1, hyp2f1Many, hyp2f1OneContinuedFraction, lbeta, lgamma, log1pexp, logSumExp, trigamma } from "../../src/math/special.js";

/** Relative difference, with an absolute floor of 1 for values near zero. */
function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

describe("lgamma", () => {
  // Reference values: mpmath 1.3 at 30 digits.
  const cases: [number, number][] = [
    [1e-8, 18.420680738180208905],
    [0.5, 0.57236494292470008707],
    [1.5, -0.12078223763524522235],
    [2.5, 0.28468287047291915963],
    [3, Math.LN2],
    [10, 12.801827480081469611],
    [100, 359.13420536957539878],
    [1e6, 12815504.56914761166],
    [-0.5, 1.2655121234846453965],
    [-2.5, -0.056243716497674050673],
  ];
  it.each(cases)("lgamma(%d) matches mpmath to 1e-13", (x, expected) => {
    expect(rel(lgamma(x), expected)).toBeLessThan(1e-13);
  });
  it("lgamma(0.5) = ln √π and is exactly 0 near 1 and 2 to 1e-15", () => {
    expect(Math.abs(lgamma(0.5) - Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-15);
    expect(Math.abs(lgamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(lgamma(2))).toBeLessThan(1e-15);
  });
  it("matches ln((n−1)!) for integers", () => {
    let fact = 1;
    for (let n = 1; n <= 25; n++) {
      expect(rel(lgamma(n + 1), Math.log((fact *= n)))).toBeLessThan(1e-14);
    }
  });
  it("satisfies lgamma(x+1) = lgamma(x) + ln x (property)", () => {
    for (let x = 0.013; x < 60; x *= 1.37) {
      expect(Math.abs(lgamma(x + 1) - lgamma(x) - Math.log(x))).toBeLessThan(2e-14 * Math.max(1, Math.abs(lgamma(x))));
    }
  });
  it("has poles at non-positive integers and the right sign", () => {
    expect(lgamma(0)).toBe(Infinity);
    expect(lgamma(-3)).toBe(Infinity);
    expect(gammaSign(-0.5)).toBe(-1);
    expect(gammaSign(-1.5)).toBe(1);
    expect(gammaSign(2)).toBe(1);
  });
});

describe("digamma and trigamma", () => {
  const cases: [number, number, number][] = [
    [0.1, -10.423754940411076795, 101.43329915079275882],
    [0.5, -1.9635100260214234794, 4.9348022005446793094],
    [1, -0.57721566490153286061, 1.6449340668482264365],
    [2.5, 0.70315664064524318723, 0.49035775610023486497],
    [10, 2.2517525890667211076, 0.10516633568168574612],
    [1000, 6.9072551956488120521, 0.0010005001666666333334],
    [-0.5, 0.036489973978576520559, 8.9348022005446793094],
  ];
  it.each(cases)("at %d match mpmath to 1e-13", (x, psi, psi1) => {
    expect(Math.abs(digamma(x) - psi) / Math.abs(psi)).toBeLessThan(1e-13);
    expect(Math.abs(trigamma(x) - psi1) / Math.abs(psi1)).toBeLessThan(1e-13);
  });
  it("digamma is the derivative of lgamma (property)", () => {
    for (const x of [0.3, 1.7, 4.2, 33]) {
      const h = 1e-5;
      expect(Math.abs((lgamma(x + h) - lgamma(x - h)) / (2 * h) - digamma(x))).toBeLessThan(1e-8);
    }
  });
});

describe("lbeta, logSumExp, log1pexp", () => {
  it("lbeta(a, b) = ln(Γ(a)Γ(b)/Γ(a+b)) on closed forms", () => {
    expect(Math.abs(lbeta(1, 1))).toBeLessThan(1e-15);
    expect(Math.abs(lbeta(0.5, 0.5) - Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(Math.abs(lbeta(2, 3) - Math.log(1 / 12))).toBeLessThan(1e-14);
  });
  it("logSumExp and log1pexp are overflow-safe", () => {
    expect(logSumExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp(-Infinity, 3)).toBe(3);
    expect(logSumExp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(Math.abs(logSumExp(Math.log(2), Math.log(3)) - Math.log(5))).toBeLessThan(1e-15);
    expect(log1pexp(800)).toBe(800);
    expect(log1pexp(-800)).toBe(0);
    expect(Math.abs(log1pexp(0) - Math.LN2)).toBeLessThan(1e-16);
    expect(Math.abs(log1pexp(20) - Math.log1p(Math.exp(20)))).toBeLessThan(1e-14);
  });
});

describe("hyp2f1", () => {
  it("matches closed forms to 1e-13 (1e-11 in the logarithmic case)", () => {
    for (const z of [-20, -3, -0.9, -0.3, 0.01, 0.4, 0.74, 0.76, 0.9, 0.99, 0.999999]) {
      // 2F1(1,1;2;z) = −ln(1−z)/z
      expect(rel(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-11); // logarithmic case for z > 0.75
      // 2F1(a,b;b;z) = (1−z)^−a
      expect(rel(hyp2f1(0.37, 2.5, 2.5, z), Math.pow(1 - z, -0.37))).toBeLessThan(1e-13);
    }
    for (const y of [0.1, 0.5, 0.8, 0.95]) {
      // 2F1(1/2,1/2;3/2;y²) = arcsin(y)/y
      expect(rel(hyp2f1(0.5, 0.5, 1.5, y * y), Math.asin(y) / y)).toBeLessThan(1e-13);
      // 2F1(1/2,1;3/2;−y²) = arctan(y)/y
      expect(rel(hyp2f1(0.5, 1, 1.5, -y * y), Math.atan(y) / y)).toBeLessThan(1e-13);
    }
  });
  // mpmath 1.3 at 30 digits (arguments exactly representable).
  const cases: [number, number, number, number, number][] = [
    [0.5, 1.5, 2.0, 0.3, 1.1396613687192053064],
    [1.2, 2.3, 3.1, -0.7, 0.61434758532738741208],
    [1.2, 2.3, 3.1, -5, 0.1731731043524338295],
    [1.2, 2.3, 3.1, 0.99, 21.997925794319132778],
    [1, 0.5, 1.5, 0.999, 4.1488496699495446537],
    [0.5, 0.5, 1, 0.95, 1.8515049970729283522], // c − a − b = 0: logarithmic case
    [2, 3, 5, 0.97, 17.314967749382444668], // c − a − b = 0
    [1.5, 2.5, 3.0, 0.8, 6.7814035061803872427], // c − a − b = −1
    [45.486, 1.49, -48.514, 0.15, 0.82279110444055907991], // c < 0: terms tiny, then large after c + n crosses 0
  ];
  it.each(cases)("2F1(%d, %d; %d; %d) matches mpmath", (a, b, c, z, expected) => {
    expect(rel(hyp2f1(a, b, c, z), expected)).toBeLessThan(2e-11);
  });
  it("is continuous across the series / connection switch at z = 0.75 (property)", () => {
    for (const [a, b, c] of [[0.243, 2.426, 2.219], [3.5, 1.6, 5.2], [0.6, 1.2, 1.8]]) {
      const below = hyp2f1(a, b, c, 0.75 - 1e-12);
      const above = hyp2f1(a, b, c, 0.75 + 1e-12);
      expect(rel(below, above)).toBeLessThan(1e-11);
    }
  });
  // Large parameters with z > 0.75, where the 1 − z connection formula cancels catastrophically (it gave
  // 3.757367, −2.8e7 and NaN for the first three). mpmath 1.3 hyp2f1 at 40 digits, z = the double 1/1.1.
  const large: [number, number, number, number, number][] = [
    [1, 81, 101, 1 / 1.1, 3.756523734254955118797],
    [1, 241, 301, 1 / 1.1, 3.696573744764198050874],
    [1, 8001, 10001, 1 / 1.1, 3.667562992767474785226],
    [1, 81, 101, 0.99, 5.037178606931217358510],
    [1, 8001, 10001, 0.99, 4.809893489807857310175],
    [0.7, 50.2, 60.9, 0.99, 3.412649838260995135720],
    [2.5, 300.3, 280.1, 1 / 1.1, 4807.571985177725116075], // c − a − b < 0: Euler's transformation
    [2.5, 300.3, 280.1, 0.99, 206287402950053928.5194],
    // the connection formula's series 2F1(45.486, 1.49; −48.514; 0.15) has tiny terms before c + n crosses
    // zero and large ones after: it must not stop early (it gave 2.165727, off by 2e-4)
    [45.486, 1.49, 96.49, 0.85, 2.165307439896385021559],
  ];
  it.each(large)("2F1(%d, %d; %d; %d) with large parameters matches mpmath to 1e-12", (a, b, c, z, expected) => {
    expect(rel(hyp2f1(a, b, c, z), expected)).toBeLessThan(1e-12);
  });
  it("2F1(1, b; c; z) with integer b < c matches an exact rational sum at z = 10/11 (property)", () => {
    // Σ_n (b)_n/(c)_n zⁿ with z = 10/11 summed in BigInt rationals (each term floored at 30 digits); the
    // n-th term is below (10/11)ⁿ, so the tail after 1200 terms is below 11·(10/11)^1200 < 1e-48.
    for (const [b, c] of [[81, 101], [241, 301], [1001, 1201]]) {
      const scale = 10n ** 30n;
      let num = 1n; // term numerator/denominator kept separately
      let den = 1n;
      let sum = scale;
      for (let n = 0; n < 1200; n++) {
        num *= BigInt(b + n) * 10n;
        den *= BigInt(c + n) * 11n;
        sum += (num * scale) / den;
      }
      const exact = Number(sum) / 1e30;
      expect(rel(hyp2f1(1, b, c, 1 / 1.1), exact)).toBeLessThan(1e-13);
    }
  });
  it("2F1(1, β; α + β; z) rises with β towards 1/(1 − z), as sBG/BG-BB DERL need for large β (property)", () => {
    // (β)ₙ/(α+β)ₙ increases with β to 1, so the sum increases to Σ zⁿ = 1/(1 − z).
    for (const [alpha, z] of [[1, 1 / 1.1], [0.5, 0.95], [20, 0.8]]) {
      let previous = 1;
      for (const beta of [10, 80, 240, 1000, 8000, 1e5, 1e6]) {
        const value = hyp2f1(1, beta, alpha + beta, z);
        expect(value).toBeGreaterThan(previous);
        expect(value).toBeLessThan(1 / (1 - z));
        previous = value;
      }
      expect(rel(previous, 1 / (1 - z))).toBeLessThan(1e-3);
    }
  });
  it("uses Gauss's sum at z = 1 and rejects z > 1", () => {
    // 2F1(a,b;c;1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)); for (1,1,3): Γ(3)Γ(1)/(Γ(2)Γ(2)) = 2
    expect(rel(hyp2f1(1, 1, 3, 1), 2)).toBeLessThan(1e-14);
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow("invalid hyp2f1 argument z: 1.5");
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow("invalid hyp2f1 argument c: -2");
  });
});

describe("hyp2f1Many", () => {
  it("equals hyp2f1 bit for bit at every z, on both sides of 0.75 and for awkward parameters (property)", () => {
    const zs = [0, 1e-9, 0.05, 0.3, 0.5, 0.74, 0.75, 0.751, 0.9, 0.99, -0.4];
    const cases: [number, number, number][] = [
      [0.243, 2.426, 2.219], // BG/NBD, x = 0, direct form
      [-0.207, 2.976, 12.219], // Euler form with a − 1 < 0
      [45.486, 1.49, 96.49], // heavy buyer
      [-3, 2.5, 4.1], // terminating
      [1.5, 2.5, -48.514], // c < 0: the series must not stop while c + n < 0
      [0, 2, 3], // a = 0
    ];
    for (const [a, b, c] of cases) {
      const out = new Float64Array(zs.length);
      hyp2f1Many(a, b, c, zs, out);
      zs.forEach((z, k) => expect(out[k], `2F1(${a}, ${b}; ${c}; ${z})`).toBe(hyp2f1(a, b, c, z)));
    }
  });

  it("rejects what hyp2f1 rejects and a wrong output length", () => {
    expect(() => hyp2f1Many(1, 1, -2, [0.5], new Float64Array(1))).toThrow("invalid hyp2f1 argument c: -2");
    expect(() => hyp2f1Many(1, 1, 2, [0.5, 1.5], new Float64Array(2))).toThrow("invalid hyp2f1 argument z: 1.5");
    expect(() => hyp2f1Many(1, 1, 2, [0.5], new Float64Array(2))).toThrow("invalid out: length 2, expected 1");
  });
});

describe("expintE", () => {
  it("E_1 and E_2 match known values; e^x E_s(x) stays finite for large x", () => {
    // A&S table 5.1: E1(0.5) = 0.5597735947761608, E1(2) = 0.04890051070806112
    expect(rel(expintE(1, 0.5), 0.5597735947761608)).toBeLessThan(1e-11);
    expect(rel(expintE(1, 2), 0.04890051070806112)).toBeLessThan(1e-13);
    // E_s(x) recurrence: s E_{s+1}(x) = e^−x − x E_s(x) (property, non-integer s)
    for (const x of [0.05, 0.7, 1.3, 9]) {
      for (const s of [0.3, 0.606, 1.7]) {
        expect(rel(s * expintE(s + 1, x), Math.exp(-x) - x * expintE(s, x))).toBeLessThan(1e-12);
      }
    }
    expect(rel(expintEScaled(0.6, 2000), 1 / 2000.6)).toBeLessThan(1e-6);
    expect(expintE(2.5, 0)).toBe(1 / 1.5);
  });
});

describe("hyp2f1OneContinuedFraction: 2F1(1, b; c; z) and its derivatives near z = 1", () => {
  const out = new Float64Array(4);
  const cf = (b: number, c: number, z: number) => {
    expect(hyp2f1OneContinuedFraction(b, c, z, out)).toBe(true);
    return Array.from(out);
  };

  // Computed from z rather than 1 − z, F near z = 1 is conditioned like EPS / (1 − z) (the rounding of k·z
  // moves z by an ulp): the tolerance says so.
  const tol = (w: number) => 1e-13 + (10 * 2.220446049250313e-16) / w;
  it("matches closed forms up to z = 1 − 1e-9 within the conditioning: −ln(1−z)/z, artanh(√z)/√z, (1−z)^(−1/2)", () => {
    for (const gap of [0.5, 0.05, 1e-3, 1e-6, 1e-9]) {
      const z = 1 - gap;
      const w = 1 - z; // exact (Sterbenz), unlike gap
      // 2F1(1, 1; 2; z) = −ln(1−z)/z, d/dz = 1/(z(1−z)) + ln(1−z)/z²
      const [f1, , , d1] = cf(1, 2, z);
      expect(rel(f1, -Math.log(w) / z)).toBeLessThan(tol(w));
      expect(rel(d1, 1 / (z * w) + Math.log(w) / (z * z))).toBeLessThan(tol(w));
      // 2F1(1, 1/2; 3/2; z) = artanh(√z)/√z
      const [f2] = cf(0.5, 1.5, z);
      expect(rel(f2, Math.atanh(Math.sqrt(z)) / Math.sqrt(z))).toBeLessThan(tol(w));
      // 2F1(1, 1/2; 1; z) = (1−z)^(−1/2) (c − b = 1/2 < 1: F grows without bound as z → 1), d/dz = (1−z)^(−3/2)/2
      const [f3, , , d3] = cf(0.5, 1, z);
      expect(rel(f3, w ** -0.5)).toBeLessThan(tol(w));
      expect(rel(d3, w ** -1.5 / 2)).toBeLessThan(tol(w));
    }
  });

  it("agrees with hyp2f1 and its central differences for Pareto/NBD-sized parameters (b, c ≈ 400)", () => {
    for (const [b, c, z] of [
      [401, 403, 0.96],
      [401, 403, 0.999],
      [401.5, 421.7, 0.9998],
      [1.6, 2.8, 0.99],
      [0.5, 0.9, 0.97],
    ]) {
      const [F, Fb, Fc, Fz] = cf(b, c, z);
      expect(rel(F, hyp2f1(1, b, c, z))).toBeLessThan(1e-12);
      const h = 1e-6;
      const db = (hyp2f1(1, b * (1 + h), c, z) - hyp2f1(1, b * (1 - h), c, z)) / (2 * h * b);
      const dc = (hyp2f1(1, b, c * (1 + h), z) - hyp2f1(1, b, c * (1 - h), z)) / (2 * h * c);
      const hz = 1e-5 * (1 - z);
      const dz = (hyp2f1(1, b, c, z + hz) - hyp2f1(1, b, c, z - hz)) / (2 * hz);
      expect(Math.abs(Fb - db)).toBeLessThan(1e-6 * Math.abs(db));
      expect(Math.abs(Fc - dc)).toBeLessThan(1e-6 * Math.abs(dc));
      expect(Math.abs(Fz - dz)).toBeLessThan(1e-6 * Math.abs(dz));
    }
  });

  it("rejects arguments outside c > b > 0, 0 ≤ z < 1", () => {
    expect(() => hyp2f1OneContinuedFraction(2, 2, 0.5, out)).toThrow("invalid hyp2f1OneContinuedFraction arguments: b 2, c 2, z 0.5");
    expect(() => hyp2f1OneContinuedFraction(1, 2, 1, out)).toThrow("invalid hyp2f1OneContinuedFraction arguments: b 1, c 2, z 1");
  });
});
