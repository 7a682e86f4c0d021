import {
  OFFENCE_SUBGROUPS,
  SCORECARD_CRIME_GROUPS,
  type OffenceSubgroupName,
  type ScorecardCrimeGroup,
} from '../facts/reference/offence-subgroups.ts';
import { OUTCOME_TYPE_CODES, type OutcomeTypeCode } from '../facts/reference/outcome-groups.ts';
import { TABLES } from '../facts/tables.ts';

/**
 * The columns a measure's filter may name, and the values an enumerated column may take, as
 * types (so a misspelt column, offence subgroup, outcome type, survey or flag fails to compile,
 * rather than counting 0) and as data (so `loadCatalogue` refuses the same mistakes in a
 * catalogue built at run time). Both derive from the fact tables' declarations
 * (src/facts/tables.ts) and the reference data; nothing is listed twice.
 */

type TableColumn = {
  [T in keyof typeof TABLES]: (typeof TABLES)[T]['columns'][number];
}[keyof typeof TABLES];

/** Boolean columns the compiler derives on fact sources (compile.ts `SOURCES`). */
export const DERIVED_BOOLEAN_COLUMNS = [
  'high_harm',
  'vawg_group',
  'action_taken',
  'has_victim',
  'answered_within_10s',
  'answered_within_30s',
] as const;

/** Enumerated columns whose vocabulary lives in the reference data, not in the table's declaration. */
interface ReferenceVocabularies {
  offence_subgroup: OffenceSubgroupName;
  outcome_type: OutcomeTypeCode;
  /** Derived on crime sources: the scorecard crime group of the offence subgroup. */
  scorecard_group: ScorecardCrimeGroup;
}

type DeclaredEnumColumn = Extract<TableColumn, { readonly values: readonly string[] }>;
type DeclaredVocabularies = {
  [C in Exclude<DeclaredEnumColumn['name'], keyof ReferenceVocabularies>]: Extract<
    DeclaredEnumColumn,
    { readonly name: C }
  >['values'][number];
};

/** Every enumerated column with the values it may take. */
export type Vocabularies = ReferenceVocabularies & DeclaredVocabularies;
export type EnumColumn = keyof Vocabularies;
export type BooleanColumn =
  | Extract<TableColumn, { readonly type: 'boolean' }>['name']
  | (typeof DERIVED_BOOLEAN_COLUMNS)[number];
/** Every column a filter may name. */
export type ColumnName = TableColumn['name'] | EnumColumn | BooleanColumn;
type FreeColumn = Exclude<ColumnName, EnumColumn | BooleanColumn>;

type EnumFilter = {
  [C in EnumColumn]:
    | { readonly col: C; readonly eq: Vocabularies[C] }
    | { readonly col: C; readonly in: readonly Vocabularies[C][] }
    | { readonly col: C; readonly notIn: readonly Vocabularies[C][] };
}[EnumColumn];

/** A condition on a fact source's columns, typed by the column's vocabulary. */
export type Filter =
  | EnumFilter
  | { readonly col: BooleanColumn; readonly eq: boolean }
  | { readonly col: FreeColumn; readonly eq: string | number | boolean }
  | { readonly col: FreeColumn; readonly in: readonly string[] }
  | { readonly col: FreeColumn; readonly notIn: readonly string[] }
  | { readonly col: ColumnName; readonly isNull: boolean }
  | { readonly all: readonly Filter[] }
  | { readonly any: readonly Filter[] }
  | { readonly not: Filter };

/** The vocabulary of each enumerated column, as data (a column in several tables: the union). */
export const VOCABULARIES: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const out = new Map<string, Set<string>>([
    ['offence_subgroup', new Set(OFFENCE_SUBGROUPS.map((s) => s.subgroup))],
    ['outcome_type', new Set(OUTCOME_TYPE_CODES)],
    ['scorecard_group', new Set(SCORECARD_CRIME_GROUPS)],
  ]);
  const reference = new Set(out.keys());
  for (const t of Object.values(TABLES))
    for (const c of t.columns as readonly { name: string; values?: readonly string[] }[]) {
      if (!c.values || reference.has(c.name)) continue;
      const set = out.get(c.name) ?? new Set<string>();
      for (const v of c.values) set.add(v);
      out.set(c.name, set);
    }
  return out;
})();

/**
 * Values in a filter that its column's vocabulary does not hold, each with its path under the
 * filter (`in[1]`, `all[0].eq`), for `loadCatalogue`'s report.
 */
export function vocabularyProblems(f: Filter, path: string): string[] {
  if ('all' in f) return f.all.flatMap((x, i) => vocabularyProblems(x, `${path}.all[${i}]`));
  if ('any' in f) return f.any.flatMap((x, i) => vocabularyProblems(x, `${path}.any[${i}]`));
  if ('not' in f) return vocabularyProblems(f.not, `${path}.not`);
  const vocab = VOCABULARIES.get(f.col);
  if (!vocab) return [];
  const check = (v: unknown, at: string) =>
    typeof v === 'string' && !vocab.has(v)
      ? [`${path}.${at}: "${v}" is not a value of ${f.col}`]
      : [];
  if ('eq' in f) return check(f.eq, 'eq');
  if ('in' in f) return f.in.flatMap((v, i) => check(v, `in[${i}]`));
  if ('notIn' in f) return f.notIn.flatMap((v, i) => check(v, `notIn[${i}]`));
  return [];
}

/** The enumerated columns that can take every one of the values `V` (e.g. the yes/no/n/a audit answers). */
export type ColumnWithValues<V extends string> = {
  [C in EnumColumn]: [V] extends [Vocabularies[C]] ? C : never;
}[EnumColumn];

/**
 * `{ col, eq }` and `{ col, in }` on an enumerated column named by a type parameter (a catalogue
 * helper's argument): the values are checked against that column's vocabulary, which TypeScript
 * cannot do through the `Filter` union for a column not yet known.
 */
export const equals = <C extends EnumColumn>(col: C, eq: Vocabularies[C]): Filter =>
  ({ col, eq }) as Filter;
export const oneOf = <C extends EnumColumn>(col: C, values: readonly Vocabularies[C][]): Filter =>
  ({ col, in: values }) as Filter;
