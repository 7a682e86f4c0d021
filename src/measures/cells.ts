/**
 * Cells: one number per (series, month, LPA). Every additive value — a window, a comparison, an
 * LPA breakdown, a monthly series — is a sum over cells, so one scan serves them all.
 * Force-level sources store their cells under the LPA key ''.
 */
export type Cells = Map<string, Map<string, Map<string, number>>>;

export const FORCE = '';

export function addCell(
  cells: Cells,
  key: string,
  month: string,
  lpa: string | null,
  value: number,
): void {
  let byMonth = cells.get(key);
  if (!byMonth) cells.set(key, (byMonth = new Map()));
  let byLpa = byMonth.get(month);
  if (!byLpa) byMonth.set(month, (byLpa = new Map()));
  const k = lpa ?? FORCE;
  byLpa.set(k, (byLpa.get(k) ?? 0) + value);
}

/** The sum of a series over months, for one LPA or (null) the whole force. */
export function sumCells(
  cells: Cells,
  key: string,
  months: readonly string[],
  lpa: string | null,
): number {
  const byMonth = cells.get(key);
  if (!byMonth) return 0;
  let total = 0;
  for (const m of months) {
    const byLpa = byMonth.get(m);
    if (!byLpa) continue;
    if (lpa === null) for (const v of byLpa.values()) total += v;
    else total += byLpa.get(lpa) ?? 0;
  }
  return total;
}

/** LPAs that have any cell in a series, sorted. */
export function lpasOf(cells: Cells, key: string): string[] {
  const out = new Set<string>();
  for (const byLpa of cells.get(key)?.values() ?? [])
    for (const l of byLpa.keys()) if (l !== FORCE) out.add(l);
  return [...out].sort((a, b) => a.localeCompare(b, 'en-GB'));
}
