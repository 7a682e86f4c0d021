/**
 * The period and area a scorecard or measure page (or download) is for: read from the query
 * string, checked against what the data covers and what the user may see, with the defaults
 * a reader expects (the latest complete quarter; a scoped user's own first area).
 */
import { freshnessQuery, SOURCES } from '../../measures/compile.ts';
import { covers, spanLabel, union, type Span } from '../../measures/coverage.ts';
import { financialYearOf, monthIndex, monthOf, parsePeriod } from '../../measures/period.ts';
import { isBluelampError } from '../../lib/errors.ts';
import { formatPeriodLabel } from '../../present/format.ts';
import type { WebDeps } from '../deps.ts';
import type { RequestContext } from '../route.ts';

/** What the facts cover: their months and the local policing areas named in them. */
export interface DataSpan {
  readonly span: Span | null;
  readonly lpas: readonly string[];
}

/** The data's span and areas, read once per data version. */
export async function dataSpan(deps: WebDeps): Promise<DataSpan> {
  return deps.facts.use(({ store, dataVersion }) =>
    deps.results.getOrCompute(
      { dataVersion, kind: 'web-data-span', period: '', edition: 'full' },
      async () => {
        const tables = [...new Set(Object.values(SOURCES).flatMap((s) => s.tables))];
        const rows = await store.all<{ first_month: string | null; last_month: string | null }>(
          freshnessQuery(tables).sql,
        );
        const span = union(
          rows.map((r) =>
            r.first_month && r.last_month ? { from: r.first_month, to: r.last_month } : null,
          ),
        );
        const lpaRows = await store.all<{ lpa: string }>(
          'SELECT DISTINCT lpa FROM crimes WHERE lpa IS NOT NULL ORDER BY lpa',
        );
        return { span, lpas: lpaRows.map((r) => String(r.lpa)) };
      },
    ),
  );
}

export interface Choice {
  readonly value: string;
  readonly text: string;
  readonly selected: boolean;
}
export interface ChoiceGroup {
  readonly label: string;
  readonly items: readonly Choice[];
}

const quarterOf = (month: string): string => {
  const fy = financialYearOf(month);
  const q = Math.floor((monthIndex(month) - monthIndex(`${fy.slice(0, 4)}-04`)) / 3) + 1;
  return `${fy}-Q${q}`;
};

/** Complete periods of one kind inside the span, newest first. */
function completePeriods(span: Span, kind: 'quarter' | 'month' | 'year', max: number): string[] {
  const out: string[] = [];
  for (let i = monthIndex(span.to); i >= monthIndex(span.from) && out.length < max; i--) {
    const m = monthOf(i);
    const label = kind === 'month' ? m : kind === 'quarter' ? quarterOf(m) : financialYearOf(m);
    if (out.includes(label)) continue;
    const months = parsePeriod(label).months;
    if (months.every((x) => covers(span, x))) out.push(label);
  }
  return out;
}

/** The latest quarter the data covers in full (else its latest month). */
export function defaultPeriod(data: DataSpan): string | null {
  if (!data.span) return null;
  return completePeriods(data.span, 'quarter', 1)[0] ?? data.span.to;
}

/** The periods offered: recent quarters, months and financial years (plus the one asked for). */
export function periodGroups(data: DataSpan, selected: string): ChoiceGroup[] {
  if (!data.span) return [];
  const group = (label: string, values: string[]): ChoiceGroup => ({
    label,
    items: values.map((v) => ({ value: v, text: formatPeriodLabel(v), selected: v === selected })),
  });
  const groups = [
    group('Quarters', completePeriods(data.span, 'quarter', 8)),
    group('Months', completePeriods(data.span, 'month', 12)),
    group('Financial years', completePeriods(data.span, 'year', 5)),
  ];
  if (!groups.some((g) => g.items.some((i) => i.selected)))
    groups.unshift(group('Chosen', [selected]));
  return groups;
}

/** The areas offered: a scoped user's own only; everyone else the force and every area. */
export function lpaChoices(
  data: DataSpan,
  scope: readonly string[] | null,
  selected: string | null,
): Choice[] {
  const areas = scope ?? data.lpas;
  const items = areas.map((a) => ({ value: a, text: a, selected: a === selected }));
  return scope
    ? items
    : [{ value: '', text: 'Whole force', selected: selected === null }, ...items];
}

export interface FieldError {
  /** The id of the form field it is about (the error summary links to it). */
  readonly field: 'period' | 'lpa';
  readonly text: string;
}

export interface PageQuery {
  readonly period: string;
  readonly lpa: string | null;
  readonly errors: readonly FieldError[];
}

const one = (v: unknown): string | null =>
  typeof v === 'string'
    ? v.trim()
    : Array.isArray(v) && typeof v[0] === 'string'
      ? v[0].trim()
      : null;

/**
 * The period and area asked for, or their defaults, with an error for each field that cannot
 * be used. The core has already answered 404 to a scoped user asking for another area.
 */
export function readQuery(ctx: RequestContext, data: DataSpan): PageQuery {
  const q = (ctx.req.query ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const fallback = defaultPeriod(data) ?? '';
  let period = one(q.period) || fallback;
  try {
    const p = parsePeriod(period);
    period = p.label;
    if (data.span && !p.months.some((m) => covers(data.span, m)))
      errors.push({
        field: 'period',
        text: `There is no data for ${formatPeriodLabel(p.label)}: the data covers ${spanLabel(data.span)}`,
      });
  } catch (e) {
    if (!isBluelampError(e)) throw e;
    errors.push({
      field: 'period',
      text: 'Enter a period like 2021/22-Q1 (a quarter), 2021-06 (a month) or 2021/22 (a year)',
    });
  }
  const asked = one(q.lpa) || null;
  let lpa = asked ?? ctx.lpaScope?.[0] ?? null;
  if (asked !== null && !ctx.lpaScope && !data.lpas.includes(asked)) {
    errors.push({ field: 'lpa', text: 'Choose a local policing area from the list' });
    lpa = null;
  }
  return { period, lpa, errors };
}

/** The query string for a page with this period and area (and any other fields kept). */
export function queryString(
  q: { period: string; lpa: string | null },
  extra: Record<string, string> = {},
): string {
  const p = new URLSearchParams({ period: q.period, ...(q.lpa ? { lpa: q.lpa } : {}), ...extra });
  return `?${p.toString()}`;
}
