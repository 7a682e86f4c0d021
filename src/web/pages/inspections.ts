import { clockState, daysLeft, londonDate, s55DueOn } from '../../records/accountability/clock.ts';
import {
  FINDING_KINDS,
  PEEL_GRADES,
  REPORT_KINDS,
  SOURCE_KINDS,
} from '../../records/accountability/types.ts';
import type { FindingSource, StatutoryResponse } from '../../records/api.ts';
import { formatDate, plural } from '../../present/format.ts';
import {
  KIND_WORDS,
  REPORT_KIND_WORDS,
  registerEntries,
  registerRow,
  SOURCE_KIND_WORDS,
  sourceKindText,
  statusCounts,
} from '../models/findings.ts';
import { can } from '../permissions.ts';
import { refuse } from '../refuse.ts';
import type { RequestContext, RouteDef } from '../route.ts';
import {
  actorOf,
  bodyOf,
  dateItems,
  errorList,
  formRefusal,
  readDate,
  type FieldErrors,
  type Fields,
} from './findings-forms.ts';

/**
 * The reports and other sources findings come from (HMICFRS inspections, IOPC learning,
 * coroners' reports, internal audit): each with its PEEL grades, its findings by status and,
 * for an inspection, the statutory response's clock (the response pages are /responses/:id).
 * Adding a source or a finding is manage_findings; the records check the role again.
 */

/** The accountability pages' own links, until a shared sub-navigation exists. */
export function subNavigation(current: string) {
  return [
    { text: 'Findings register', href: '/findings' },
    { text: 'Inspections and reports', href: '/inspections' },
    { text: 'Responses', href: '/responses' },
  ].map((i) => ({ ...i, active: i.href === current }));
}

const CLOCK_TAGS = {
  published: { text: 'Response published', classes: 'govuk-tag--green' },
  overdue: { text: 'Response overdue', classes: 'govuk-tag--red' },
  due_soon: { text: 'Response due soon', classes: 'govuk-tag--orange' },
  on_time: { text: 'Response on time', classes: 'govuk-tag--blue' },
} as const;

/** The s55 response's place on its clock, or for an inspection without one, its deadline. */
function responseClock(s: FindingSource, r: StatutoryResponse | null, today: string) {
  if (s.kind !== 'hmicfrs') return null;
  if (!r) {
    const dueOn = s55DueOn(s.publishedOn);
    const left = daysLeft(dueOn, today);
    return {
      tag: null,
      text:
        left < 0
          ? `No response recorded; it was due on ${formatDate(dueOn)}`
          : `No response drafted yet; due by ${formatDate(dueOn)}`,
      href: null,
    };
  }
  const state = clockState(r, today);
  const left = daysLeft(r.dueOn, today);
  return {
    tag: CLOCK_TAGS[state],
    text:
      state === 'published'
        ? `Published on ${formatDate(r.publishedOn ?? r.dueOn)}`
        : state === 'overdue'
          ? `Was due on ${formatDate(r.dueOn)}`
          : `Due by ${formatDate(r.dueOn)} (${plural(left, 'day')} left)`,
    href: `/responses/${r.id}`,
  };
}

const gradesOf = (s: FindingSource) =>
  Object.entries(s.peelGrades ?? {}).map(([area, grade]) => ({ area, grade }));

async function list(ctx: RequestContext) {
  const today = londonDate(ctx.deps.clock.now());
  const [sources, findings, responses] = await Promise.all([
    ctx.deps.records.findingSources.list(),
    ctx.deps.records.findings.list(),
    ctx.deps.records.responses.list(),
  ]);
  return ctx.render('inspections-list.njk', {
    subNavigation: subNavigation('/inspections'),
    canAdd: can(ctx.user, 'manage_findings'),
    sources: sources.map((s) => {
      const own = findings.filter((f) => f.sourceId === s.id);
      return {
        title: s.title,
        href: `/inspections/${s.id}`,
        kind: sourceKindText(s),
        published: formatDate(s.publishedOn),
        grades: gradesOf(s),
        findings: own.length,
        counts: statusCounts(own),
        response: responseClock(s, responses.find((r) => r.sourceId === s.id) ?? null, today),
      };
    }),
  });
}

async function sourceOr404(ctx: RequestContext): Promise<FindingSource> {
  const { id } = ctx.req.params as { id: string };
  const s = await ctx.deps.records.findingSources.byId(id);
  if (!s) return refuse(ctx.reply, false, 'not_found') as never;
  return s;
}

async function item(ctx: RequestContext) {
  const s = await sourceOr404(ctx);
  const { entries, today } = await registerEntries(ctx.deps, { source: s.id });
  const response = await ctx.deps.records.responses.forSource(s.id);
  return ctx.render('inspections-item.njk', {
    subNavigation: subNavigation('/inspections'),
    source: {
      id: s.id,
      title: s.title,
      summary: [
        { key: 'Kind', value: sourceKindText(s) },
        { key: 'Published', value: formatDate(s.publishedOn) },
        ...(s.url ? [{ key: 'Report', value: s.url, href: s.url }] : []),
      ],
      grades: gradesOf(s),
    },
    response: responseClock(s, response, today),
    counts: statusCounts(entries.map((e) => e.finding)),
    rows: entries.map(registerRow),
    canAdd: can(ctx.user, 'manage_findings'),
  });
}

// ---- Adding a report or other source ---------------------------------------------------------

const radios = (values: readonly string[], words: Record<string, string>, chosen?: string) =>
  values.map((v) => ({ value: v, text: words[v] ?? v, checked: v === chosen }));

async function renderNewSource(ctx: RequestContext, values: Fields = {}, errors: FieldErrors = {}) {
  return ctx.render(
    'inspections-add.njk',
    {
      values,
      errors,
      errorList: errorList(errors, {
        kind: 'kind',
        reportKind: 'reportKind',
        publishedOn: 'publishedOn-day',
      }),
      kinds: radios(SOURCE_KINDS, SOURCE_KIND_WORDS, values.kind),
      reportKinds: radios(REPORT_KINDS, REPORT_KIND_WORDS, values.reportKind),
      publishedOn: dateItems(values, 'publishedOn', !!errors.publishedOn),
      grades: PEEL_GRADES.join(', '),
    },
    Object.keys(errors).length ? 400 : 200,
  );
}

/** "Area: Grade" lines as PEEL grades, or the message naming the line that is not one. */
function readGrades(text: string): { grades: Record<string, string> | null } | { error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return { grades: null };
  const grades: Record<string, string> = {};
  for (const [i, line] of lines.entries()) {
    const m = /^(.+?)\s*:\s*(.+)$/.exec(line);
    const grade = PEEL_GRADES.find((g) => g.toLowerCase() === m?.[2]?.trim().toLowerCase());
    if (!m?.[1] || !grade)
      return {
        error: `Line ${i + 1} of the PEEL grades must be an area, a colon and one of: ${PEEL_GRADES.join(', ')}`,
      };
    grades[m[1].trim()] = grade;
  }
  return { grades };
}

async function addSource(ctx: RequestContext) {
  const body = bodyOf(ctx);
  const errors: FieldErrors = {};
  const kind = body.kind ?? '';
  if (!(SOURCE_KINDS as readonly string[]).includes(kind))
    errors.kind = 'Select the kind of source';
  const reportKind = body.reportKind ?? '';
  if (kind === 'hmicfrs' && !(REPORT_KINDS as readonly string[]).includes(reportKind))
    errors.reportKind = 'Select whether the inspection is PEEL, thematic or joint';
  const title = (body.title ?? '').trim();
  if (!title) errors.title = 'Enter the title of the report';
  else if (title.length > 300) errors.title = 'The title must be 300 characters or fewer';
  const published = readDate(
    body,
    'publishedOn',
    'the date it was published',
    londonDate(ctx.deps.clock.now()),
  );
  if ('error' in published) errors.publishedOn = published.error;
  const url = (body.url ?? '').trim();
  if (url && !/^https?:\/\/[^\s]+$/.test(url))
    errors.url = 'Enter the address of the report, starting https://';
  const grades = readGrades(body.peelGrades ?? '');
  if ('error' in grades) errors.peelGrades = grades.error;
  if (Object.keys(errors).length) return renderNewSource(ctx, body, errors);
  try {
    const s = await ctx.deps.records.findingSources.add(
      {
        kind: kind as (typeof SOURCE_KINDS)[number],
        title,
        reportKind: kind === 'hmicfrs' ? (reportKind as (typeof REPORT_KINDS)[number]) : null,
        publishedOn: (published as { date: string }).date,
        url: url || null,
        peelGrades: (grades as { grades: Record<string, (typeof PEEL_GRADES)[number]> | null })
          .grades,
      },
      actorOf(ctx),
    );
    return ctx.redirect(`/inspections/${s.id}`, {
      text: `${s.title} has been added. Add its findings next.`,
      success: true,
    });
  } catch (e) {
    const r = formRefusal(e);
    if (!r) throw e;
    return renderNewSource(ctx, body, { title: r.message });
  }
}

// ---- Adding a finding to a source ------------------------------------------------------------

const DUE_CHOICES = { date: 'By a date', immediately: 'Immediately', none: 'No date given' };

async function renderNewFinding(
  ctx: RequestContext,
  s: FindingSource,
  values: Fields = {},
  errors: FieldErrors = {},
  status?: number,
) {
  const users = await ctx.deps.records.users.list();
  return ctx.render(
    'findings-add.njk',
    {
      source: { id: s.id, title: s.title, href: `/inspections/${s.id}` },
      values,
      errors,
      errorList: errorList(errors, {
        kind: 'kind',
        scope: 'scope',
        due: 'due',
        dueOn: 'dueOn-day',
      }),
      kinds: radios(FINDING_KINDS, KIND_WORDS, values.kind),
      scopes: radios(
        ['force', 'national'],
        { force: 'This force', national: 'National (for others to act on)' },
        values.scope ?? 'force',
      ),
      dues: Object.entries(DUE_CHOICES).map(([value, text]) => ({
        value,
        text,
        checked: values.due === value,
      })),
      dueOn: dateItems(values, 'dueOn', !!errors.dueOn),
      leads: [
        { value: '', text: 'Not yet: allocate it later' },
        ...users
          .filter((u) => u.role === 'lead' && !u.disabled)
          .map((u) => ({ value: u.id, text: u.displayName, selected: values.lead === u.id })),
      ],
    },
    status ?? (Object.keys(errors).length ? 400 : 200),
  );
}

async function addFinding(ctx: RequestContext) {
  const s = await sourceOr404(ctx);
  const body = bodyOf(ctx);
  const errors: FieldErrors = {};
  const ref = (body.ref ?? '').trim();
  if (!ref) errors.ref = 'Enter the report’s own reference, like Recommendation 2 or AFI 3';
  else if (ref.length > 120) errors.ref = 'The reference must be 120 characters or fewer';
  const kind = body.kind ?? '';
  if (!(FINDING_KINDS as readonly string[]).includes(kind))
    errors.kind = 'Select the kind of finding';
  const text = (body.text ?? '').trim();
  if (!text) errors.text = 'Enter the finding as the report words it';
  else if (text.length > 10_000) errors.text = 'The finding must be 10,000 characters or fewer';
  const scope = body.scope ?? '';
  if (scope !== 'force' && scope !== 'national') errors.scope = 'Select who is to act on it';
  const dueChoice = body.due ?? '';
  let due: string | null = null;
  if (dueChoice === 'immediately') due = 'immediately';
  else if (dueChoice === 'date') {
    const d = readDate(body, 'dueOn', 'the date it is due');
    if ('error' in d) errors.dueOn = d.error;
    else due = d.date;
  } else if (dueChoice !== 'none') errors.due = 'Select when it is due';
  if (Object.keys(errors).length) return renderNewFinding(ctx, s, body, errors);
  try {
    const f = await ctx.deps.records.findings.add(
      {
        sourceId: s.id,
        ref,
        kind: kind as (typeof FINDING_KINDS)[number],
        text,
        scope: scope as 'force' | 'national',
        due,
        leadUserId: body.lead ? body.lead : null,
      },
      actorOf(ctx),
    );
    return ctx.redirect(`/findings/${f.id}`, { text: `${f.ref} has been added.`, success: true });
  } catch (e) {
    const r = formRefusal(e);
    if (!r) throw e;
    return renderNewFinding(ctx, s, body, { ref: r.message }, r.httpStatus);
  }
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/inspections',
    access: 'view_accountability',
    example: { url: '/inspections' },
    handler: list,
  },
  {
    method: 'GET',
    url: '/inspections/new',
    access: 'manage_findings',
    example: { url: '/inspections/new' },
    handler: (ctx) => renderNewSource(ctx),
  },
  {
    method: 'POST',
    url: '/inspections',
    access: 'manage_findings',
    example: { url: '/inspections', form: { title: '' } },
    handler: addSource,
  },
  {
    method: 'GET',
    url: '/inspections/:id',
    access: 'view_accountability',
    example: { url: '/inspections/1' },
    handler: item,
  },
  {
    method: 'GET',
    url: '/inspections/:id/findings/new',
    access: 'manage_findings',
    example: { url: '/inspections/1/findings/new' },
    handler: async (ctx) => renderNewFinding(ctx, await sourceOr404(ctx)),
  },
  {
    method: 'POST',
    url: '/inspections/:id/findings',
    access: 'manage_findings',
    example: { url: '/inspections/1/findings', form: { ref: '' } },
    handler: async (ctx) => addFinding(ctx),
  },
];
