/**
 * Descriptive statistics shared by the other files here: an accurate sum and mean, and the
 * sample / population standard deviation.
 *
 * Sums use Neumaier's compensated summation (Neumaier 1974, an improved Kahan summation); the
 * mean adds R's second pass (mean = s + Σ(x − s)/n with s = Σx/n, as R's `mean.default` does),
 * so a value that is exactly the mean in decimal (0.2 of 0.1, 0.2, 0.3) compares equal to it.
 * That matters for SPC, where a point exactly on the mean breaks a shift.
 */

/** Σ values, compensated (Neumaier 1974). 0 for an empty list. */
export function sum(values: readonly number[]): number {
  let s = 0;
  let c = 0;
  for (const v of values) {
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Arithmetic mean with R's correction pass; NaN for an empty list. */
export function mean(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const first = sum(values) / n;
  return first + sum(values.map((v) => v - first)) / n;
}

/** Standard deviation about the mean: `sample` divides by n − 1 (NaN when n < 2), `population` by n. */
export function standardDeviation(
  values: readonly number[],
  kind: 'sample' | 'population',
): number {
  const n = values.length;
  const dof = kind === 'sample' ? n - 1 : n;
  if (dof < 1) return Number.NaN;
  const m = mean(values);
  return Math.sqrt(sum(values.map((v) => (v - m) ** 2)) / dof);
}
