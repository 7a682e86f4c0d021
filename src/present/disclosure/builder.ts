/**
 * Collects the ledger (cells, constraints, derived values) of a set of results. Every figure is
 * addressed by `i/path`: the result's index and the dotted path of the field in it
 * (`3/comparisons.0.numerator`, `3/table.2.share`).
 */
import type { Cell, Derived, Ledger, RatioPair, SumConstraint } from './protect.ts';

/** A path into a result: keys and array indexes. */
export type Path = readonly (string | number)[];

export const pathText = (path: Path): string => path.join('.');

export function getAt(root: unknown, path: Path): unknown {
  let x: unknown = root;
  for (const k of path) {
    if (x === null || typeof x !== 'object') return undefined;
    x = (x as Record<string | number, unknown>)[k];
  }
  return x;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export class LedgerBuilder {
  private readonly cells = new Map<string, Cell>();
  private readonly constraints: SumConstraint[] = [];
  private readonly derived: Derived[] = [];
  private readonly ratios: RatioPair[] = [];
  private hiddenCount = 0;

  constructor(private readonly results: readonly unknown[]) {}

  id(i: number, path: Path): string {
    return `${i}/${pathText(path)}`;
  }

  valueOf(id: string): number | null {
    return this.cells.get(id)?.value ?? null;
  }

  /** A printed count, if the field holds a number; its id, or null. */
  count(i: number, path: Path): string | null {
    const v = num(getAt(this.results[i], path));
    if (v === null) return null;
    const id = this.id(i, path);
    this.cells.set(id, { id, value: v });
    return id;
  }

  /** A count that a printed rate reveals without printing it (e.g. rate × base). */
  hidden(i: number, label: string, value: number): string {
    const id = `${i}/#${label}.${this.hiddenCount++}`;
    this.cells.set(id, { id, value: Math.round(value), hidden: true });
    return id;
  }

  /**
   * `total = Σ parts`, declared only when the published numbers satisfy it (a relation that
   * does not hold is not one a reader can use). Nulls leave it undeclared.
   */
  sum(total: string | null, parts: readonly (string | null)[]): void {
    if (total === null || parts.length === 0 || parts.some((p) => p === null)) return;
    const ids = parts as string[];
    const t = this.valueOf(total);
    const s = ids.reduce((a, p) => a + (this.valueOf(p) ?? NaN), 0);
    if (t === null || Math.abs(t - s) > 1e-9) return;
    this.constraints.push({ total, parts: ids });
  }

  /** A figure at `path` computed from `deps` (`bases` among them), if the field is set. */
  derive(
    i: number,
    path: Path,
    deps: readonly (string | null)[],
    bases: readonly (string | null)[] = [],
  ): void {
    const v = getAt(this.results[i], path);
    if (v === null || v === undefined) return;
    const keep = (xs: readonly (string | null)[]) => xs.filter((x): x is string => x !== null);
    this.derived.push({ id: this.id(i, path), deps: keep(deps), bases: keep(bases) });
  }

  ratio(numerator: string | null, base: string | null): void {
    if (numerator !== null && base !== null) this.ratios.push({ numerator, base });
  }

  ledger(): Ledger {
    return {
      cells: [...this.cells.values()],
      constraints: this.constraints,
      derived: this.derived,
      ratios: this.ratios,
    };
  }
}
