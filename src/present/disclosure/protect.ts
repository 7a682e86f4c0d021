/**
 * The cell-suppression engine behind `suppressForPublic` (../disclosure.ts explains the method):
 * generic over numbered cells, linear constraints between them and values derived from them, so
 * it knows nothing of measures. Pure and deterministic: the same ledger gives the same answer.
 */

/** Why a figure is withheld. Only `fewer_than_5` is a statement about the value itself. */
export type SuppressionReason =
  /** A count of 1 to 4 (primary suppression). */
  | 'fewer_than_5'
  /** A count withheld so that a count of 1–4 cannot be worked out from a total (secondary). */
  | 'complementary'
  /** A figure over a base of 1–4: a rate or share, or the numerator of one (even a zero). */
  | 'small_base'
  /** A figure computed from a withheld count: a rate, share, change, limit or test. */
  | 'derived';

/** A count as published (or, for a `hidden` cell, as a published rate reveals it). */
export interface Cell {
  readonly id: string;
  readonly value: number;
  /**
   * A hidden cell is a count that is not printed but that a printed figure reveals (the
   * numerator behind a rate whose base is printed). It takes part like any other cell.
   */
  readonly hidden?: boolean;
}

/**
 * `total = Σ parts`: declared only where the numbers satisfy it, because that is what lets a
 * reader subtract. An equality (the same count shown twice) is a total with one part.
 */
export interface SumConstraint {
  readonly total: string;
  readonly parts: readonly string[];
}

/** A rate, share, change, interval, test or limit: withheld when any cell it uses is. */
export interface Derived {
  readonly id: string;
  readonly deps: readonly string[];
  /** Of `deps`, the bases (denominators): a base of 1–4 makes the reason `small_base`. */
  readonly bases?: readonly string[];
}

/** A rate's numerator and base: a base of 1–4 withholds the numerator too. */
export interface RatioPair {
  readonly numerator: string;
  readonly base: string;
}

export interface Ledger {
  readonly cells: readonly Cell[];
  readonly constraints: readonly SumConstraint[];
  readonly derived: readonly Derived[];
  readonly ratios: readonly RatioPair[];
}

/** The withheld cells and derived values, by id. */
export type Suppressions = ReadonlyMap<string, SuppressionReason>;

const isSmall = (v: number) => v >= 1 && v <= 4;

/** Runs primary, ratio and complementary suppression to a fixed point, then derivation. */
export function protect(ledger: Ledger): Suppressions {
  const value = new Map(ledger.cells.map((c) => [c.id, c.value]));
  const out = new Map<string, SuppressionReason>();
  for (const c of ledger.cells) if (isSmall(c.value)) out.set(c.id, 'fewer_than_5');
  // Constraints may name cells a ledger left out (a null figure): those are not part of them.
  const constraints = ledger.constraints
    .map((k) => ({ total: k.total, parts: k.parts.filter((p) => value.has(p)) }))
    .filter((k) => value.has(k.total) && k.parts.length > 0);

  for (let changed = true; changed;) {
    changed = false;
    for (const r of ledger.ratios) {
      if (out.get(r.base) === 'fewer_than_5' && value.has(r.numerator) && !out.has(r.numerator)) {
        out.set(r.numerator, 'small_base');
        changed = true;
      }
    }
    for (const k of constraints) {
      const cells = [k.total, ...k.parts];
      if (cells.filter((c) => out.has(c)).length !== 1) continue;
      const pick = complement(k, value, out);
      if (pick !== null) {
        out.set(pick, 'complementary');
        changed = true;
      }
    }
    if (changed) continue;
    // Exact recovery is closed; now the bounds a reader can derive from "fewer than 5" (1–4)
    // and from a withheld count (5 or more) must not pin a withheld cell to one value either.
    for (const id of pinnedCells(constraints, value, out)) {
      for (const k of constraints) {
        if (k.total !== id && !k.parts.includes(id)) continue;
        const pick = complement(k, value, out);
        if (pick !== null) {
          out.set(pick, 'complementary');
          changed = true;
          break;
        }
      }
    }
  }

  for (const d of ledger.derived) {
    const hit = d.deps.filter((x) => out.has(x));
    if (hit.length === 0) continue;
    const smallBase = (d.bases ?? []).some((b) => out.get(b) === 'fewer_than_5');
    out.set(d.id, smallBase ? 'small_base' : 'derived');
  }
  return out;
}

/**
 * The cell to withhold next in a constraint: the smallest published non-zero count, a part
 * before the total (a total is the figure readers most need). Never a zero: zero is published
 * as zero, and a withheld zero would tell a reader less than it costs.
 */
function complement(
  k: SumConstraint,
  value: ReadonlyMap<string, number>,
  out: ReadonlyMap<string, SuppressionReason>,
): string | null {
  const candidates = (ids: readonly string[]) =>
    ids
      .filter((c) => !out.has(c) && (value.get(c) ?? 0) !== 0)
      .sort((a, b) => (value.get(a) ?? 0) - (value.get(b) ?? 0) || a.localeCompare(b));
  return candidates(k.parts)[0] ?? candidates([k.total])[0] ?? null;
}

/** What a reader knows of a cell: its value, 1–4, 0–4, or 5 and over. */
function readerBounds(id: string, value: ReadonlyMap<string, number>, out: Suppressions) {
  const reason = out.get(id);
  if (reason === undefined) return [value.get(id) ?? 0, value.get(id) ?? 0] as [number, number];
  if (reason === 'fewer_than_5') return [1, 4] as [number, number];
  if (reason === 'small_base') return [0, 4] as [number, number];
  return [5, Infinity] as [number, number];
}

/**
 * Withheld cells a reader can pin to one value by interval reasoning over the constraints
 * (bounds propagation to a fixed point, integers, at most `rounds` passes).
 */
export function pinnedCells(
  constraints: readonly SumConstraint[],
  value: ReadonlyMap<string, number>,
  out: Suppressions,
  rounds = 64,
): string[] {
  const bounds = new Map<string, [number, number]>();
  const b = (id: string) => {
    let x = bounds.get(id);
    if (!x) bounds.set(id, (x = readerBounds(id, value, out)));
    return x;
  };
  for (let round = 0, changed = true; changed && round < rounds; round++) {
    changed = false;
    for (const k of constraints) {
      // total − Σ parts = 0: each cell's bounds from the others'.
      const terms = [{ id: k.total, sign: 1 }, ...k.parts.map((id) => ({ id, sign: -1 }))];
      for (const t of terms) {
        if (!out.has(t.id)) continue;
        let lo = 0;
        let hi = 0;
        for (const o of terms) {
          if (o === t) continue;
          const [l, h] = b(o.id);
          // The other terms' sum, moved to t's side: t.sign·x = −Σ o.sign·y.
          const s = -o.sign * t.sign;
          lo += s > 0 ? l : -h;
          hi += s > 0 ? h : -l;
        }
        const cur = b(t.id);
        const next: [number, number] = [
          Math.max(cur[0], Math.ceil(lo)),
          Math.min(cur[1], Math.floor(hi)),
        ];
        if (next[0] !== cur[0] || next[1] !== cur[1]) {
          bounds.set(t.id, next);
          changed = true;
        }
      }
    }
  }
  return [...bounds].filter(([id, [l, h]]) => out.has(id) && l === h).map(([id]) => id);
}
