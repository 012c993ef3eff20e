/**
 * R's `all.equal` tolerance measure, as used by CLVTools / BTYD `expect_equal(tolerance = t)`: the mean
 * relative difference over the whole vector, Σ|actual − expected| / Σ|expected|.
 */
export function meanRelativeDifference(actual: number[], expected: number[]): number {
  let num = 0;
  let den = 0;
  expected.forEach((e, i) => {
    num += Math.abs(actual[i] - e);
    den += Math.abs(e);
  });
  return num / den;
}
