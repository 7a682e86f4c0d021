/** Structured filters and count sides → SQL conditions with bound parameters. */
import { OFFENCE_SUBGROUPS } from '../../facts/reference/offence-subgroups.ts';
import type { SURVEYS } from '../../facts/tables.ts';
import type { CountSide, Filter, SourceName } from '../definition.ts';
import { CompileError, type Params } from './params.ts';
import { SOURCES } from './sources.ts';

type Survey = (typeof SURVEYS)[number];

export function compileFilter(
  f: Filter,
  source: SourceName,
  params: Params,
  /** The columns' SQL, when not the source's own (a scan's pre-grouped rows: compile/scan.ts). */
  columns: Readonly<Record<string, string>> = SOURCES[source].columns,
): string {
  const col = (name: string) => {
    const expr = columns[name];
    if (expr === undefined) throw new CompileError(`source ${source} has no column "${name}"`);
    return expr;
  };
  const sub = (x: Filter) => compileFilter(x, source, params, columns);
  if ('all' in f) return `(${f.all.map(sub).join(' AND ')})`;
  if ('any' in f) return `(${f.any.map(sub).join(' OR ')})`;
  if ('not' in f) return `(NOT coalesce(${sub(f.not)}, false))`;
  if ('eq' in f && f.col === 'scorecard_group' && 'offence_subgroup' in columns) {
    // A scorecard group is a set of offence subgroups: test the stored column, not the derived one.
    const subgroups = OFFENCE_SUBGROUPS.filter((s) => s.scorecardGroup === f.eq).map(
      (s) => s.subgroup,
    );
    if (subgroups.length === 0)
      throw new CompileError(`no offence subgroup is in scorecard group "${String(f.eq)}"`);
    return `${col('offence_subgroup')} IN (${subgroups.map((v) => params.bind(v)).join(', ')})`;
  }
  if ('eq' in f) return `${col(f.col)} = ${params.bind(f.eq)}`;
  if ('in' in f) return `${col(f.col)} IN (${f.in.map((v) => params.bind(v)).join(', ')})`;
  if ('notIn' in f)
    return `coalesce(${col(f.col)} NOT IN (${f.notIn.map((v) => params.bind(v)).join(', ')}), true)`;
  return `${col(f.col)} IS ${f.isNull ? '' : 'NOT '}NULL`;
}

/** A stable key for a count side, so identical sides across measures share one column. */
export const sideKey = (side: CountSide): string =>
  JSON.stringify([side.source, side.where ?? null, side.sum ?? null]);

/** The condition a count side puts on its source's rows ('true' when it counts them all). */
export const sideCondition = (side: CountSide, params: Params) =>
  side.where ? compileFilter(side.where, side.source, params) : 'true';

/** Survey sides: positive answers (numerator) and answers that count (denominator). */
export function surveySides(
  surveys: readonly Survey[],
  question: string,
  positive: readonly string[],
  excluded: readonly string[],
): { numerator: CountSide; denominator: CountSide } {
  const base: Filter[] = [
    { col: 'survey', in: surveys },
    { col: 'question', eq: question },
  ];
  const counted: Filter[] = [
    ...base,
    { col: 'answer', isNull: false },
    ...(excluded.length > 0 ? [{ col: 'answer', notIn: excluded } as const] : []),
  ];
  return {
    numerator: { source: 'survey', where: { all: [...base, { col: 'answer', in: positive }] } },
    denominator: { source: 'survey', where: { all: counted } },
  };
}

/** The source columns a filter reads (a scorecard group is read through the offence subgroup). */
export function filterColumns(f: Filter, source: SourceName): string[] {
  if ('all' in f) return f.all.flatMap((x) => filterColumns(x, source));
  if ('any' in f) return f.any.flatMap((x) => filterColumns(x, source));
  if ('not' in f) return filterColumns(f.not, source);
  if ('eq' in f && f.col === 'scorecard_group' && 'offence_subgroup' in SOURCES[source].columns)
    return ['offence_subgroup'];
  return [f.col];
}
