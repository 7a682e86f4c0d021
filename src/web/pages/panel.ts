import { BluelampError, isBluelampError } from '../../lib/errors.ts';
import { formatDate } from '../../present/format.ts';
import { londonDate } from '../../records/accountability/clock.ts';
import { financialYear, financialYearOf } from '../../records/accountability/complaints.ts';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_NAMES,
  COMPLAINT_STATUSES,
  COMPLAINT_STATUS_NAMES,
  WORK_ITEM_STATUSES,
  WORK_ITEM_STATUS_NAMES,
  type Complaint,
  type ComplaintCategory,
  type ComplaintStatus,
  type WorkItem,
} from '../../records/accountability/panel-types.ts';
import type { Actor } from '../../records/api.ts';
import { organisation } from '../layout-model.ts';
import {
  complaintRow,
  complaintsReport,
  complaintSummary,
  namesOf,
  nextItems,
  reportYears,
  statusTag,
  stepChoices,
  timelineView,
  workRow,
  workTag,
  type Edition,
} from '../models/panel.ts';
import { can } from '../permissions.ts';
import { createViews } from '../render.ts';
import { refuse } from '../refuse.ts';
import type { RequestContext, RouteDef } from '../route.ts';

/**
 * The Police and Crime Panel's pages: an overview (/panel), the complaints about the policing
 * body's holder with their steps and timelines, the annual complaints report (page and PDF, in
 * full or as its public copy), and the work programme. view_panel reads; manage_panel writes,
 * and the records check the role again. Pages name the holder from the settings and records
 * (organisation), never a title of their own.
 */
const actorOf = (ctx: RequestContext): Actor => ({ userId: ctx.user?.id ?? null, via: 'web' });
const body = (ctx: RequestContext) => (ctx.req.body ?? {}) as Record<string, unknown>;
const query = (ctx: RequestContext) => (ctx.req.query ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const today = (ctx: RequestContext) => londonDate(ctx.deps.clock.now());

type Errors = Record<string, string>;
const errorList = (errors: Errors) =>
  Object.entries(errors).map(([k, text]) => ({ text, href: `#${k}` }));

/**
 * A GOV.UK date input's three fields as "YYYY-MM-DD": null when all are blank, else the date
 * or the error to show.
 */
export function dateField(
  b: Record<string, unknown>,
  name: string,
  label: string,
): { value: string | null; error?: string } {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => str(b[`${name}-${p}`]).trim());
  if (!d && !m && !y) return { value: null };
  if (!d || !m || !y) return { value: null, error: `${label} must include a day, month and year` };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y))
    return { value: null, error: `${label} must be a real date` };
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const ok = new Date(`${iso}T12:00:00Z`).toISOString().slice(0, 10) === iso;
  return ok ? { value: iso } : { value: null, error: `${label} must be a real date` };
}

const dateValues = (b: Record<string, unknown>, name: string) => ({
  day: str(b[`${name}-day`]),
  month: str(b[`${name}-month`]),
  year: str(b[`${name}-year`]),
});

/** The message of a refusal the records made (bad input, an invalid step), for the form. */
function userError(e: unknown): string {
  if (isBluelampError(e) && ['BAD_INPUT', 'INVALID_TRANSITION'].includes(e.code))
    return [e.message, e.hint].filter(Boolean).join(' ');
  throw e;
}

async function complaintOr404(ctx: RequestContext): Promise<Complaint> {
  const { id } = ctx.req.params as { id: string };
  const c = await ctx.deps.records.complaints.byId(id);
  if (!c) return refuse(ctx.reply, false, 'not_found') as never;
  return c;
}

async function workItemOr404(ctx: RequestContext): Promise<WorkItem> {
  const { id } = ctx.req.params as { id: string };
  const w = await ctx.deps.records.workProgramme.byId(id);
  if (!w) return refuse(ctx.reply, false, 'not_found') as never;
  return w;
}

const options = (
  values: readonly string[],
  names: Record<string, string>,
  chosen: string,
  all: string,
) => [
  { value: '', text: all, selected: chosen === '' },
  ...values.map((v) => ({ value: v, text: names[v] ?? v, selected: v === chosen })),
];

// ---- Overview ----------------------------------------------------------------------------------

async function overview(ctx: RequestContext) {
  const year = financialYearOf(today(ctx));
  const [thisYear, items, org] = await Promise.all([
    ctx.deps.records.complaints.list({ year }),
    ctx.deps.records.workProgramme.list(),
    organisation(ctx.deps),
  ]);
  const open = thisYear.filter((c) => c.outcome === null);
  const last = financialYearOf(`${Number(year.slice(0, 4))}-03-31`);
  return ctx.render('panel-overview.njk', {
    holder: org.policingBody.holder,
    year,
    lastYear: last,
    counts: {
      received: thisYear.length,
      open: open.length,
      informal: thisYear.filter((c) => c.status === 'informal_resolution').length,
    },
    openComplaints: open.slice(0, 5).map(complaintRow),
    next: nextItems(items, today(ctx)),
    canManage: can(ctx.user, 'manage_panel'),
  });
}

// ---- Complaints ----------------------------------------------------------------------------------

async function list(ctx: RequestContext) {
  const q = query(ctx);
  const year = str(q.year);
  const status = str(q.status);
  const category = str(q.category);
  const errors: Errors = {};
  let validYear = year;
  if (year !== '') {
    try {
      financialYear(year);
    } catch {
      errors.year = 'Choose a financial year from the list';
      validYear = '';
    }
  }
  const all = await ctx.deps.records.complaints.list();
  const shown = all.filter(
    (c) =>
      (validYear === '' || financialYearOf(c.receivedOn) === validYear) &&
      (status === '' || c.status === status) &&
      (category === '' || c.category === category),
  );
  const years = reportYears(all, today(ctx));
  return ctx.render(
    'panel-complaints.njk',
    {
      holder: (await organisation(ctx.deps)).policingBody.holder,
      rows: shown.map(complaintRow),
      total: all.length,
      filtered: year !== '' || status !== '' || category !== '',
      years: options(years, Object.fromEntries(years.map((y) => [y, y])), validYear, 'All years'),
      statuses: options(COMPLAINT_STATUSES, COMPLAINT_STATUS_NAMES, status, 'Any status'),
      categories: options(COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_NAMES, category, 'Any category'),
      reportYear: financialYearOf(`${Number(financialYearOf(today(ctx)).slice(0, 4))}-03-31`),
      canManage: can(ctx.user, 'manage_panel'),
      errors,
      errorList: errorList(errors),
    },
    Object.keys(errors).length ? 400 : 200,
  );
}

const categoryItems = (chosen: string) =>
  COMPLAINT_CATEGORIES.map((c) => ({
    value: c,
    text: COMPLAINT_CATEGORY_NAMES[c],
    checked: c === chosen,
  }));

async function newForm(ctx: RequestContext, b: Record<string, unknown> = {}, errors: Errors = {}) {
  return ctx.render(
    'panel-complaint-new.njk',
    {
      holder: (await organisation(ctx.deps)).policingBody.holder,
      values: { summary: str(b.summary), receivedOn: dateValues(b, 'receivedOn') },
      categories: categoryItems(str(b.category)),
      errors,
      errorList: errorList(errors),
    },
    Object.keys(errors).length ? 400 : 200,
  );
}

async function record(ctx: RequestContext) {
  const b = body(ctx);
  const errors: Errors = {};
  const received = dateField(b, 'receivedOn', 'The date it was received');
  if (received.error) errors.receivedOn = received.error;
  else if (received.value === null) errors.receivedOn = 'Enter the date it was received';
  else if (received.value > today(ctx))
    errors.receivedOn = 'The date it was received must be today or in the past';
  const summary = str(b.summary).trim();
  if (summary === '') errors.summary = 'Enter a summary of the complaint';
  else if (summary.length > 2000) errors.summary = 'The summary must be 2,000 characters or fewer';
  if (!(COMPLAINT_CATEGORIES as readonly string[]).includes(str(b.category)))
    errors.category = 'Select what the complaint is about';
  if (Object.keys(errors).length) return newForm(ctx, b, errors);
  const c = await ctx.deps.records.complaints.add(
    {
      receivedOn: received.value as string,
      summary,
      category: str(b.category) as ComplaintCategory,
    },
    actorOf(ctx),
  );
  return ctx.redirect(`/panel/complaints/${c.id}`, {
    text: `Complaint ${c.id} recorded as received.`,
    success: true,
  });
}

async function detail(
  ctx: RequestContext,
  c: Complaint,
  form: { b?: Record<string, unknown>; errors?: Errors } = {},
  status = 200,
) {
  const [history, users, org] = await Promise.all([
    ctx.deps.records.complaints.history(c.id),
    ctx.deps.records.users.list(),
    organisation(ctx.deps),
  ]);
  const b = form.b ?? {};
  const errors = form.errors ?? {};
  const steps = stepChoices(c).map((s) => ({
    ...s,
    checked: str(b.to) === s.to,
    outcomes: s.outcomes.map((o) => ({ ...o, checked: str(b.outcome) === o.value })),
  }));
  return ctx.render(
    'panel-complaint.njk',
    {
      holder: org.policingBody.holder,
      complaint: {
        ...complaintRow(c),
        paragraphs: c.summary.split(/\n\s*\n/).filter((x) => x.trim()),
      },
      tag: statusTag(c.status),
      summaryRows: complaintSummary(c),
      steps,
      values: { note: str(b.note), on: dateValues(b, 'on') },
      canManage: can(ctx.user, 'manage_panel'),
      timeline: timelineView(history, namesOf(users)),
      errors,
      errorList: errorList(errors),
    },
    status,
  );
}

async function step(ctx: RequestContext) {
  const c = await complaintOr404(ctx);
  const b = body(ctx);
  const errors: Errors = {};
  const choice = stepChoices(c).find((s) => s.to === str(b.to));
  if (!choice) errors.to = 'Select what happens next';
  const on = dateField(b, 'on', 'The date');
  if (on.error) errors.on = on.error;
  else if (on.value !== null && on.value > today(ctx))
    errors.on = 'The date must be today or in the past';
  else if (on.value !== null && on.value < c.receivedOn)
    errors.on = `The date must be on or after the day it was received (${formatDate(c.receivedOn)})`;
  if (choice && choice.outcomes.length && !choice.outcomes.some((o) => o.value === str(b.outcome)))
    errors.outcome = 'Select the outcome';
  if (Object.keys(errors).length) return detail(ctx, c, { b, errors }, 400);
  try {
    const after = await ctx.deps.records.complaints.transition(
      c.id,
      {
        to: (choice as NonNullable<typeof choice>).to,
        ...(on.value ? { on: on.value } : {}),
        ...(choice?.outcomes.length ? { outcome: str(b.outcome) as never } : {}),
        ...(str(b.note).trim() ? { note: str(b.note) } : {}),
      },
      actorOf(ctx),
    );
    return ctx.redirect(`/panel/complaints/${c.id}`, {
      text: `Complaint ${c.id}: ${COMPLAINT_STATUS_NAMES[after.status as ComplaintStatus].toLowerCase()}.`,
      success: true,
    });
  } catch (e) {
    const message = userError(e);
    const field =
      isBluelampError(e) && e.code === 'BAD_INPUT' && /^on:/.test(e.message) ? 'on' : 'to';
    return detail(
      ctx,
      c,
      { b, errors: { [field]: message } },
      isBluelampError(e) ? e.httpStatus : 400,
    );
  }
}

// ---- The annual report ---------------------------------------------------------------------------

let views: ReturnType<typeof createViews> | undefined;

async function reportFor(ctx: RequestContext) {
  const q = query(ctx);
  const fallback = financialYearOf(`${Number(financialYearOf(today(ctx)).slice(0, 4))}-03-31`);
  const year = str(q.year) || fallback;
  const edition: Edition = str(q.edition) === 'public' ? 'public' : 'full';
  try {
    financialYear(year);
  } catch {
    throw new BluelampError('BAD_INPUT', `"${year}" is not a financial year.`, {
      hint: 'Choose a financial year like 2024-25.',
    });
  }
  const [figures, org, all] = await Promise.all([
    ctx.deps.records.complaints.annualFigures(year),
    organisation(ctx.deps),
    ctx.deps.records.complaints.list(),
  ]);
  return {
    report: complaintsReport(figures, edition, org),
    years: reportYears(all, today(ctx)),
  };
}

const reportHref = (year: string, edition: Edition, pdf = false) =>
  `/panel/complaints/report${pdf ? '.pdf' : ''}?year=${encodeURIComponent(year)}${edition === 'public' ? '&edition=public' : ''}`;

async function reportPage(ctx: RequestContext) {
  const { report, years } = await reportFor(ctx);
  return ctx.render('panel-complaints-report.njk', {
    report,
    years: years.map((y) => ({ value: y, text: y, selected: y === report.year })),
    fullHref: reportHref(report.year, 'full'),
    publicHref: reportHref(report.year, 'public'),
    pdfHref: reportHref(report.year, report.edition, true),
    pdfAvailable: ctx.deps.documents.pdfAvailable(),
  });
}

async function reportPdf(ctx: RequestContext) {
  const { report } = await reportFor(ctx);
  if (!ctx.deps.documents.pdfAvailable())
    throw new BluelampError('DEPENDENCY_MISSING', 'PDFs cannot be printed on this server.', {
      hint: 'Chromium is not installed here; read the report as a web page instead.',
    });
  views ??= createViews();
  const html = views.render('panel-complaints-report-print.njk', {
    report,
    printedOn: formatDate(today(ctx)),
  });
  const pdf = await ctx.deps.documents.pdf(html);
  const name = `complaints-report-${report.year}${report.edition === 'public' ? '-public' : ''}.pdf`;
  return ctx.reply
    .type('application/pdf')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .send(pdf);
}

// ---- The work programme ----------------------------------------------------------------------------

const papersOf = (v: unknown) =>
  str(v)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The work item form's fields, checked: the values, or the errors by field. */
function workForm(b: Record<string, unknown>, withStatus: boolean) {
  const errors: Errors = {};
  const title = str(b.title).trim();
  if (title === '') errors.title = 'Enter a title';
  else if (title.length > 200) errors.title = 'The title must be 200 characters or fewer';
  const description = str(b.description).trim();
  if (description.length > 4000)
    errors.description = 'The description must be 4,000 characters or fewer';
  const meeting = dateField(b, 'meetingOn', 'The meeting date');
  if (meeting.error) errors.meetingOn = meeting.error;
  const papers = papersOf(b.papersRequested);
  if (papers.length > 30) errors.papersRequested = 'List 30 papers or fewer';
  else if (papers.some((p) => p.length > 300))
    errors.papersRequested = 'Each paper must be 300 characters or fewer';
  const status = str(b.status);
  if (withStatus && !(WORK_ITEM_STATUSES as readonly string[]).includes(status))
    errors.status = 'Select the status';
  return {
    errors,
    values: {
      title,
      description,
      meetingOn: meeting.value,
      papersRequested: papers,
      ...(withStatus ? { status: status as WorkItem['status'] } : {}),
    },
  };
}

const formValues = (b: Record<string, unknown>) => ({
  title: str(b.title),
  description: str(b.description),
  papersRequested: str(b.papersRequested),
  meetingOn: dateValues(b, 'meetingOn'),
});

async function programme(
  ctx: RequestContext,
  b: Record<string, unknown> = {},
  errors: Errors = {},
) {
  const items = await ctx.deps.records.workProgramme.list();
  const t = today(ctx);
  return ctx.render(
    'panel-work-programme.njk',
    {
      holder: (await organisation(ctx.deps)).policingBody.holder,
      upcoming: items
        .filter((w) => w.meetingOn === null || w.meetingOn >= t || w.status !== 'done')
        .map(workRow),
      past: items
        .filter((w) => w.meetingOn !== null && w.meetingOn < t && w.status === 'done')
        .map(workRow),
      canManage: can(ctx.user, 'manage_panel'),
      values: formValues(b),
      errors,
      errorList: errorList(errors),
    },
    Object.keys(errors).length ? 400 : 200,
  );
}

async function addItem(ctx: RequestContext) {
  const b = body(ctx);
  const { errors, values } = workForm(b, false);
  if (Object.keys(errors).length) return programme(ctx, b, errors);
  const w = await ctx.deps.records.workProgramme.add(values, actorOf(ctx));
  return ctx.redirect('/panel/work-programme', {
    text: `Added to the work programme: ${w.title}.`,
    success: true,
  });
}

async function itemPage(
  ctx: RequestContext,
  w: WorkItem,
  b?: Record<string, unknown>,
  errors: Errors = {},
) {
  const [history, users] = await Promise.all([
    ctx.deps.records.workProgramme.history(w.id),
    ctx.deps.records.users.list(),
  ]);
  const source = b ?? {
    title: w.title,
    description: w.description,
    papersRequested: w.papersRequested.join('\n'),
    status: w.status,
    ...(w.meetingOn
      ? {
          'meetingOn-day': String(Number(w.meetingOn.slice(8, 10))),
          'meetingOn-month': String(Number(w.meetingOn.slice(5, 7))),
          'meetingOn-year': w.meetingOn.slice(0, 4),
        }
      : {}),
  };
  return ctx.render(
    'panel-work-item.njk',
    {
      item: workRow(w),
      tag: workTag(w.status),
      canManage: can(ctx.user, 'manage_panel'),
      values: { ...formValues(source), note: str(source.note) },
      statuses: WORK_ITEM_STATUSES.map((s) => ({
        value: s,
        text: WORK_ITEM_STATUS_NAMES[s],
        checked: str(source.status) === s,
      })),
      timeline: timelineView(history, namesOf(users)),
      errors,
      errorList: errorList(errors),
    },
    Object.keys(errors).length ? 400 : 200,
  );
}

async function editItem(ctx: RequestContext) {
  const w = await workItemOr404(ctx);
  const b = body(ctx);
  const { errors, values } = workForm(b, true);
  if (Object.keys(errors).length) return itemPage(ctx, w, b, errors);
  const note = str(b.note).trim();
  await ctx.deps.records.workProgramme.update(w.id, values, actorOf(ctx), note || undefined);
  return ctx.redirect(`/panel/work-programme/${w.id}`, {
    text: 'Work programme item saved.',
    success: true,
  });
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/panel',
    access: 'view_panel',
    example: { url: '/panel' },
    handler: overview,
  },
  {
    method: 'GET',
    url: '/panel/complaints',
    access: 'view_panel',
    example: { url: '/panel/complaints?status=received' },
    handler: list,
  },
  {
    method: 'GET',
    url: '/panel/complaints/new',
    access: 'manage_panel',
    example: { url: '/panel/complaints/new' },
    handler: (ctx) => newForm(ctx),
  },
  {
    method: 'POST',
    url: '/panel/complaints',
    access: 'manage_panel',
    example: {
      url: '/panel/complaints',
      form: {
        'receivedOn-day': '2',
        'receivedOn-month': '4',
        'receivedOn-year': '2024',
        summary: 'Remarks made about a resident at a public meeting (authorisation test).',
        category: 'behaviour',
      },
    },
    handler: record,
  },
  {
    method: 'GET',
    url: '/panel/complaints/report',
    access: 'view_panel',
    example: { url: '/panel/complaints/report?year=2024-25&edition=public' },
    handler: reportPage,
  },
  {
    method: 'GET',
    url: '/panel/complaints/report.pdf',
    access: 'view_panel',
    example: { url: '/panel/complaints/report.pdf?year=not-a-year' },
    handler: reportPdf,
  },
  {
    method: 'GET',
    url: '/panel/complaints/:id',
    access: 'view_panel',
    example: { url: '/panel/complaints/1' },
    handler: async (ctx) => detail(ctx, await complaintOr404(ctx)),
  },
  {
    method: 'POST',
    url: '/panel/complaints/:id/steps',
    access: 'manage_panel',
    example: { url: '/panel/complaints/999999/steps', form: { to: 'recorded' } },
    handler: step,
  },
  {
    method: 'GET',
    url: '/panel/work-programme',
    access: 'view_panel',
    example: { url: '/panel/work-programme' },
    handler: (ctx) => programme(ctx),
  },
  {
    method: 'POST',
    url: '/panel/work-programme',
    access: 'manage_panel',
    example: { url: '/panel/work-programme', form: { title: 'Example item (authorisation test)' } },
    handler: addItem,
  },
  {
    method: 'GET',
    url: '/panel/work-programme/:id',
    access: 'view_panel',
    example: { url: '/panel/work-programme/1' },
    handler: async (ctx) => itemPage(ctx, await workItemOr404(ctx)),
  },
  {
    method: 'POST',
    url: '/panel/work-programme/:id',
    access: 'manage_panel',
    example: { url: '/panel/work-programme/999999', form: { title: 'x', status: 'planned' } },
    handler: editItem,
  },
];
