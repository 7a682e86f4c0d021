/**
 * Disclosure control for the panel and public edition (DESIGN.md "Disclosure control"): the
 * one function every public view's data passes through, so no view can forget it.
 *
 * Method — the cell suppression used for published crime and health tables (ONS, Home Office):
 * 1. **Primary suppression.** Every count of 1 to 4 is withheld and printed "fewer than 5".
 *    Zero stays zero: a zero identifies nobody, and "none" is information a panel needs.
 * 2. **Small bases.** A rate, share, mean or interval over a base (denominator) of 1–4 is
 *    withheld, and so is its numerator, even a zero: "0 of fewer than 5 satisfied" would say
 *    something about every one of them.
 * 3. **Derived figures.** A rate, share, change, significance test, SPC mean or limit computed
 *    from a withheld count is withheld too; a share printed beside its total would give the
 *    count back (share × total), a change beside one side would give the other. A rate whose
 *    numerator is not printed but whose base is (the crime table's outcome rates) is treated
 *    as printing that numerator.
 * 4. **Secondary (complementary) suppression.** Every linear relation a reader can use is a
 *    constraint `total = Σ parts`: LPAs against the force, months against the period,
 *    comparison windows against their months, outcome rows against their total, the age bands
 *    against all open investigations, groups against "everyone else", a figure repeated in
 *    another table or result. A constraint is declared only where the published numbers
 *    satisfy it. In any constraint with exactly one withheld cell, the smallest other
 *    non-zero cell (a part before the total) is withheld as well, and this repeats to a fixed
 *    point, so every constraint has 0 or at least 2 withheld cells.
 * 5. **Bounds.** A reader also knows "fewer than 5" is 1–4 and a withheld count is 5 or more;
 *    bounds propagation over the constraints must not pin any withheld cell to one value
 *    (e.g. a total of 6 split into "fewer than 5" and a withheld 5); where it would, one more
 *    cell of the constraint is withheld, again to a fixed point.
 *
 * Also removed: lineage (SQL, parameters and row counts), and defensively any free-text field
 * (`quotes`, `comments`, `verbatim`, `freeText`); results carry no free text, and quotes reach
 * the public edition only through the approved, redacted quotes the analyst chose. Warnings
 * that state a withheld count say "fewer than 5" or "a withheld number" instead.
 *
 * Honest numbers: a withheld figure is not missing data. Each result gets a `disclosure` map
 * from the dotted path of every withheld field (`value`, `comparisons.0.absoluteChange`,
 * `table.3.share`) to its reason; the field itself is null. `no_data` stays `no_data`, and a
 * withheld value's target status is withheld too (`status: 'withheld'`). Renderers ask `suppressionAt` (or `disclosedText`) before
 * printing a null; a view that ignores the map prints a dash, which discloses nothing.
 *
 * Limits: the constraints are those of one output (every result passed in one call, so call
 * it once with all the results of an edition); SPC limits are withheld whenever any point is,
 * rather than proving the non-linear moving-range relation safe.
 */
import type { MeasureResult } from '../measures/result.ts';
import { getAt } from './disclosure/builder.ts';
import { protect, type SuppressionReason } from './disclosure/protect.ts';
import { resultsLedger } from './disclosure/result-ledger.ts';

export type { SuppressionReason } from './disclosure/protect.ts';

/** What disclosure control did to a result: the withheld fields by dotted path. */
export interface Disclosure {
  readonly edition: 'public';
  readonly suppressed: Readonly<Record<string, SuppressionReason>>;
}

/** A result after disclosure control: still a MeasureResult, with its `disclosure` map. */
export type PublicMeasureResult = MeasureResult & { readonly disclosure: Disclosure };

/** The text printed for a withheld figure. */
export const FEWER_THAN_5 = 'fewer than 5';
export const WITHHELD = 'withheld';

/** The note a public edition prints once, near its first table. */
export const SUPPRESSION_NOTE =
  'To protect the people counted, counts of 1 to 4 are shown as "fewer than 5", and rates over fewer than 5 cases are not shown. Some other figures are withheld so that those counts cannot be worked out from totals, differences or percentages.';

export function suppressedText(reason: SuppressionReason): string {
  return reason === 'fewer_than_5' ? FEWER_THAN_5 : WITHHELD;
}

/** Why the field at `path` of a result was withheld, or null if it was not. */
export function suppressionAt(
  result: MeasureResult | PublicMeasureResult,
  path: string | readonly (string | number)[],
): SuppressionReason | null {
  const key = typeof path === 'string' ? path : path.join('.');
  return ('disclosure' in result && result.disclosure.suppressed[key]) || null;
}

export const isSuppressed = (
  result: MeasureResult | PublicMeasureResult,
  path: string | readonly (string | number)[],
): boolean => suppressionAt(result, path) !== null;

/**
 * The renderer's hook: the field at `path` formatted by `format`, its withheld text, or
 * `missing` (the view's dash) when it is simply not there.
 */
export function disclosedText(
  result: MeasureResult | PublicMeasureResult,
  path: string | readonly (string | number)[],
  format: (v: number) => string,
  missing: string,
): string {
  const reason = suppressionAt(result, path);
  if (reason) return suppressedText(reason);
  const keys = typeof path === 'string' ? path.split('.') : path;
  const v = getAt(result, keys);
  return typeof v === 'number' ? format(v) : missing;
}

const FREE_TEXT_KEYS = new Set(['quotes', 'comments', 'verbatim', 'freeText', 'free_text']);

/** Removes free-text fields at any depth (defensive: results carry none). */
function stripFreeText(x: unknown): void {
  if (Array.isArray(x)) for (const v of x) stripFreeText(v);
  else if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (FREE_TEXT_KEYS.has(k)) delete o[k];
      else stripFreeText(o[k]);
    }
  }
}

const COUNT_NOUNS =
  'responses?|respondents?|interviews?|cases?|crimes?|people|persons?|victims?|records?|outcomes?|incidents?|arrests?|offences?|referrals?|calls?|nominals?';
const STATED_COUNT = new RegExp(`\\b(\\d[\\d,]*)(\\s+(?:${COUNT_NOUNS})\\b)`, 'gi');

/** A warning with every count of 1–4, and every withheld count, taken out of its words. */
function scrubWarning(text: string, withheld: ReadonlySet<number>): string {
  return text.replace(STATED_COUNT, (all, n: string, rest: string) => {
    const v = Number(n.replace(/,/g, ''));
    if (v >= 1 && v <= 4) return `${FEWER_THAN_5}${rest}`;
    if (withheld.has(v)) return `a withheld number of${rest}`;
    return all;
  });
}

function setNull(root: unknown, keys: readonly string[]): void {
  let x = root as Record<string, unknown> | null;
  for (const k of keys.slice(0, -1)) {
    x = (x?.[k] ?? null) as Record<string, unknown> | null;
    if (x === null || typeof x !== 'object') return;
  }
  const last = keys.at(-1);
  if (x && last !== undefined && last in x) x[last] = null;
}

/**
 * Withheld SPC points cannot be null in the contract: they are left out of the chart (with
 * every limit, see `protect`), and the map records the chart as withheld in part.
 */
function dropWithheldPoints(r: MeasureResult, marks: Record<string, SuppressionReason>): void {
  if (!r.spc || !r.spc.points.some((p) => (p.y as number | null) === null)) return;
  for (const k of Object.keys(marks)) if (k.startsWith('spc.points.')) delete marks[k];
  r.spc.points = r.spc.points.filter((p) => (p.y as number | null) !== null);
  r.spc.points.forEach((p, k) => {
    for (const f of ['mean', 'lpl', 'upl'] as const) {
      p[f] = null;
      marks[`spc.points.${k}.${f}`] = 'derived';
    }
  });
  marks['spc.points'] = 'derived';
}

/**
 * The results of one public or panel output after disclosure control (see the module
 * comment). Pure: the input is not changed. Pass every result of the output in one call.
 */
export function suppressForPublic(results: readonly MeasureResult[]): PublicMeasureResult[] {
  const out = structuredClone(results) as MeasureResult[];
  const ledger = resultsLedger(out);
  const withheld = protect(ledger);
  const marks = out.map(() => ({}) as Record<string, SuppressionReason>);
  const withheldValues = out.map(() => new Set<number>());
  const value = new Map(ledger.cells.map((c) => [c.id, c.value]));

  for (const [id, reason] of withheld) {
    const slash = id.indexOf('/');
    const i = Number(id.slice(0, slash));
    const path = id.slice(slash + 1);
    const v = value.get(id);
    if (v !== undefined) withheldValues[i]?.add(v);
    if (path.startsWith('#')) continue; // a hidden count: its printed rate is withheld instead
    setNull(out[i], path.split('.'));
    (marks[i] as Record<string, SuppressionReason>)[path] = reason;
  }

  return out.map((r, i) => {
    const m = marks[i] as Record<string, SuppressionReason>;
    dropWithheldPoints(r, m);
    stripFreeText(r);
    // A withheld value's target status would say where the value lies: withheld with it (the
    // status says so itself, so it is not in the map of withheld, nulled fields).
    if (m.value !== undefined && r.status !== 'no_data') r.status = 'withheld';
    const n = withheldValues[i] as Set<number>;
    return {
      ...r,
      warnings: r.warnings.map((w) => scrubWarning(w, n)),
      lineage: { sql: [], rowCounts: {} },
      disclosure: { edition: 'public', suppressed: m },
    };
  });
}
