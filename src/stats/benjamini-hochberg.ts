/**
 * Benjamini–Hochberg adjustment of p-values, optionally used to control the false discovery
 * rate across the many survey comparisons of a quarter.
 *
 * Source: Y. Benjamini & Y. Hochberg, "Controlling the false discovery rate", JRSS B 57 (1995)
 * 289–300; adjusted values as R's `p.adjust(p, "BH")`: with p sorted ascending, the adjusted
 * p_(i) = min over j ≥ i of min(1, m·p_(j)/j), returned in the input order.
 */

/** BH-adjusted p-values, in the order given. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must lie in [0, 1], got ${p}`);
  }
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, i } = order[rank - 1]!;
    running = Math.min(running, (m * p) / rank);
    adjusted[i] = running;
  }
  return adjusted;
}

/** Which comparisons are discoveries at false discovery rate q (default 0.05). */
export function bhSignificant(pValues: readonly number[], q = 0.05): boolean[] {
  return benjaminiHochberg(pValues).map((p) => p <= q);
}
