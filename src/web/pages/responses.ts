import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type nunjucks from 'nunjucks';
import { BluelampError, isBluelampError } from '../../lib/errors.ts';
import { dayNumber, londonDate } from '../../records/accountability/clock.ts';
import { mayApproveResponse } from '../../records/accountability/responses.ts';
import { POSITIONS, type Position } from '../../records/accountability/types.ts';
import type { Actor, ResponseEditInput, StatutoryResponse } from '../../records/api.ts';
import { formatDate } from '../../present/format.ts';
import { organisation } from '../layout-model.ts';
import {
  editFormModel,
  editValuesOf,
  letterModel,
  newResponseModel,
  publicLetterHref,
  responsePageModel,
  responsesListModel,
  SOURCE_KIND_LABELS,
  type EditValues,
} from '../models/responses.ts';
import { can } from '../permissions.ts';
import { Refused } from '../refuse.ts';
import { createViews, OWN_ASSETS_DIR } from '../render.ts';
import type { RequestContext, RouteDef } from '../route.ts';

/**
 * Statutory responses (s55 for HMICFRS reports, s49A for the Victims' Commissioner's): the list
 * of reports with a duty and their clocks, drafting from the register, editing, approval (the
 * records allow oversight only), publication; and on the public site the published letters as
 * HTML and PDF. Who may take each step is the records' rule (responses.ts); these routes gate
 * the pages by capability, and show each button only to those the rule lets use it.
 */
type Body = Record<string, unknown>;

const today = (ctx: RequestContext) => londonDate(ctx.deps.clock.now());
const actorOf = (ctx: RequestContext): Actor => ({ userId: ctx.user?.id ?? null, via: 'web' });
const idOf = (ctx: RequestContext) => (ctx.req.params as { id: string }).id;
const bodyOf = (ctx: RequestContext) => (ctx.req.body ?? {}) as Body;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

async function responseOr404(ctx: RequestContext, id = idOf(ctx)): Promise<StatutoryResponse> {
  const r = await ctx.deps.records.responses.byId(id);
  if (!r) throw new Refused('not_found');
  return r;
}

async function userNames(ctx: RequestContext): Promise<Map<string, string>> {
  return new Map((await ctx.deps.records.users.list()).map((u) => [u.id, u.displayName]));
}

/** A GOV.UK date input's three fields as a date: null when all are empty, 'invalid' otherwise wrong. */
function dateFrom(body: Body, prefix: string) {
  const parts = {
    day: str(body[`${prefix}-day`]).trim(),
    month: str(body[`${prefix}-month`]).trim(),
    year: str(body[`${prefix}-year`]).trim(),
  };
  if (!parts.day && !parts.month && !parts.year) return { parts, date: null };
  const iso = `${parts.year.padStart(4, '0')}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  try {
    if (
      !/^\d{4}$/.test(parts.year) ||
      !/^\d{1,2}$/.test(parts.month) ||
      !/^\d{1,2}$/.test(parts.day)
    )
      return { parts, date: 'invalid' as const };
    dayNumber(iso);
    return { parts, date: iso };
  } catch {
    return { parts, date: 'invalid' as const };
  }
}

// ---- The list and drafting -----------------------------------------------------------------

async function listPage(ctx: RequestContext) {
  const duties = await ctx.deps.records.responses.duties();
  return ctx.render(
    'responses-list.njk',
    responsesListModel(duties, today(ctx), { canDraft: can(ctx.user, 'manage_responses') }),
  );
}

async function newPage(ctx: RequestContext) {
  const sourceId = str((ctx.req.query as Body).source);
  const entry = (await ctx.deps.records.responses.duties()).find((d) => d.source.id === sourceId);
  if (!entry) throw new Refused('not_found');
  if (entry.response) return ctx.redirect(`/responses/${entry.response.id}`);
  const findings = await ctx.deps.records.findings.list({ sourceId });
  return ctx.render('responses-new.njk', {
    ...newResponseModel(entry, findings, today(ctx)),
    canDraft: can(ctx.user, 'manage_responses'),
  });
}

async function draft(ctx: RequestContext) {
  const r = await ctx.deps.records.responses.draft(str(bodyOf(ctx).sourceId), actorOf(ctx));
  return ctx.redirect(`/responses/${r.id}/edit`, {
    text: `Draft response created from the register, with ${r.items.length} ${r.items.length === 1 ? 'finding' : 'findings'}. Due ${formatDate(r.dueOn)}.`,
    success: true,
  });
}

// ---- One response --------------------------------------------------------------------------

async function showPage(
  ctx: RequestContext,
  r: StatutoryResponse,
  problem: { errors?: Record<string, string>; values?: Record<string, unknown> } = {},
  status = 200,
) {
  const history = await ctx.deps.records.responses.history(r.id);
  const errors = problem.errors ?? {};
  return ctx.render(
    'responses-show.njk',
    {
      r: responsePageModel(r, history, await userNames(ctx), today(ctx), {
        edit: can(ctx.user, 'manage_responses'),
        approve: ctx.user !== null && mayApproveResponse(ctx.user.role),
      }),
      errors,
      errorList: Object.entries(errors).map(([k, text]) => ({ text, href: `#${k}` })),
      values: problem.values ?? null,
    },
    status,
  );
}

async function editPage(
  ctx: RequestContext,
  r: StatutoryResponse,
  values: EditValues = editValuesOf(r),
  errors: Record<string, string> = {},
) {
  if (r.status !== 'draft')
    return ctx.redirect(`/responses/${r.id}`, {
      text: `This response is ${r.status}: only a draft can be edited.`,
    });
  return ctx.render(
    'responses-edit.njk',
    editFormModel(r, values, errors, today(ctx)),
    Object.keys(errors).length ? 400 : 200,
  );
}

/**
 * The edit form as typed, and as the records' edit input (or the problems found in it). A
 * field the form did not send is left as it is (a partial post changes only what it names).
 */
function readEditForm(r: StatutoryResponse, body: Body) {
  const errors: Record<string, string> = {};
  const sent = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  const current = editValuesOf(r);
  const dateSent = ['day', 'month', 'year'].some((p) => sent(`invited-${p}`) !== undefined);
  const invited = dateSent ? dateFrom(body, 'invited') : null;
  if (invited?.date === 'invalid')
    errors.invited =
      'Enter the date the chief officer was invited as a real date, for example 4 3 2024';
  const values: EditValues = {
    intro: sent('intro') ?? current.intro,
    invited: invited?.parts ?? current.invited,
    comments: sent('comments') ?? current.comments,
    reply: sent('reply') ?? current.reply,
    note: sent('note') ?? '',
    items: {},
  };
  const items: NonNullable<ResponseEditInput['items']> = [];
  for (const i of r.items) {
    const asked = sent(`position-${i.findingId}`);
    let position: Position | null = i.position;
    if (asked !== undefined && asked !== '') {
      if ((POSITIONS as readonly string[]).includes(asked)) position = asked as Position;
      else errors[`position-${i.findingId}`] = `Choose the force's position on ${i.ref}`;
    }
    const plannedAction = sent(`action-${i.findingId}`) ?? i.plannedAction;
    values.items[i.findingId] = { position: position ?? '', action: plannedAction };
    items.push({ findingId: i.findingId, position, plannedAction });
  }
  const input: ResponseEditInput = {
    intro: values.intro,
    chiefOfficerComments: values.comments,
    bodyReply: values.reply,
    items,
    ...(invited && invited.date !== 'invalid' ? { chiefOfficerInvitedOn: invited.date } : {}),
  };
  return { values, errors, input };
}

async function saveEdit(ctx: RequestContext) {
  const r = await responseOr404(ctx);
  if (r.status !== 'draft') return editPage(ctx, r);
  const { values, errors, input } = readEditForm(r, bodyOf(ctx));
  if (Object.keys(errors).length) return editPage(ctx, r, values, errors);
  try {
    await ctx.deps.records.responses.edit(r.id, input, actorOf(ctx), values.note);
  } catch (e) {
    if (isBluelampError(e) && e.code === 'BAD_INPUT')
      return editPage(ctx, r, values, { intro: e.message });
    throw e;
  }
  return ctx.redirect(`/responses/${r.id}`, { text: 'Draft saved.', success: true });
}

async function approve(ctx: RequestContext) {
  const r = await responseOr404(ctx);
  const note = str(bodyOf(ctx).note);
  try {
    await ctx.deps.records.responses.approve(r.id, actorOf(ctx), note);
  } catch (e) {
    if (isBluelampError(e) && e.code === 'BAD_INPUT')
      return showPage(
        ctx,
        r,
        { errors: { approve: e.message }, values: { approveNote: note } },
        400,
      );
    throw e;
  }
  return ctx.redirect(`/responses/${r.id}`, {
    text: 'Response approved. It can now be published.',
    success: true,
  });
}

async function reopen(ctx: RequestContext) {
  const r = await responseOr404(ctx);
  await ctx.deps.records.responses.reopen(r.id, actorOf(ctx), str(bodyOf(ctx).note));
  return ctx.redirect(`/responses/${r.id}`, {
    text: 'Response reopened as a draft. It needs approval again before it is published.',
    success: true,
  });
}

async function publish(ctx: RequestContext) {
  const r = await responseOr404(ctx);
  const body = bodyOf(ctx);
  const on = dateFrom(body, 'publishedOn');
  const copiesText = str(body.copiesTo);
  const copiesTo = copiesText
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const errors: Record<string, string> = {};
  if (on.date === null || on.date === 'invalid')
    errors.publishedOn = 'Enter the publication date as a real date, for example 20 4 2024';
  else if (on.date < r.source.publishedOn)
    errors.publishedOn = `The publication date must be on or after the report's, ${formatDate(r.source.publishedOn)}`;
  else if (on.date > today(ctx))
    errors.publishedOn = 'The publication date cannot be in the future';
  if (copiesTo.length === 0) errors.copiesTo = 'Enter who the response is copied to, one per line';
  else if (copiesTo.some((c) => c.length > 200))
    errors.copiesTo = 'Each recipient must be 200 characters or fewer';
  if (r.status === 'approved' && Object.keys(errors).length)
    return showPage(
      ctx,
      r,
      { errors, values: { publishedOn: on.parts, copiesTo: copiesText } },
      400,
    );
  const published = await ctx.deps.records.responses.publish(
    r.id,
    { publishedOn: typeof on.date === 'string' && on.date !== 'invalid' ? on.date : '', copiesTo },
    actorOf(ctx),
  );
  return ctx.redirect(`/responses/${r.id}`, {
    text: `Response published on ${formatDate(published.publishedOn ?? '')}: it is now on the public site.`,
    success: true,
  });
}

// ---- The letter ----------------------------------------------------------------------------

const LETTER_CSS = readFileSync(join(OWN_ASSETS_DIR, 'letter.css'), 'utf8');
let documentViews: nunjucks.Environment | null = null;

async function letterOf(ctx: RequestContext, r: StatutoryResponse) {
  return letterModel(r, await organisation(ctx.deps), today(ctx));
}

async function previewPage(ctx: RequestContext) {
  const r = await responseOr404(ctx);
  return ctx.render('responses-letter.njk', {
    letter: await letterOf(ctx, r),
    back: { text: 'Back to the response', href: `/responses/${r.id}` },
    pdfHref: r.status === 'published' ? `${publicLetterHref(r.id)}.pdf` : null,
  });
}

/** A published response, or 404 as if there were none: nothing else is ever public. */
async function publishedOr404(ctx: RequestContext): Promise<StatutoryResponse> {
  const r = await ctx.deps.records.responses.byId(idOf(ctx));
  if (!r || r.status !== 'published') throw new Refused('not_found');
  return r;
}

async function publicList(ctx: RequestContext) {
  const published = (await ctx.deps.records.responses.list())
    .filter((r) => r.status === 'published')
    .sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? ''));
  return ctx.render('responses-public.njk', {
    responses: published.map((r) => ({
      title: r.source.title,
      kind: SOURCE_KIND_LABELS[r.source.kind],
      reportPublished: formatDate(r.source.publishedOn),
      published: formatDate(r.publishedOn ?? ''),
      href: publicLetterHref(r.id),
      pdfHref: `${publicLetterHref(r.id)}.pdf`,
    })),
  });
}

async function publicLetter(ctx: RequestContext) {
  const r = await publishedOr404(ctx);
  return ctx.render('responses-letter.njk', {
    letter: await letterOf(ctx, r),
    back: { text: 'Back to inspection responses', href: '/public/responses' },
    pdfHref: `${publicLetterHref(r.id)}.pdf`,
  });
}

async function publicPdf(ctx: RequestContext) {
  const r = await publishedOr404(ctx);
  if (!ctx.deps.documents.pdfAvailable())
    throw new BluelampError('DEPENDENCY_MISSING', 'The PDF of this letter cannot be made here.', {
      hint: 'Read the letter as a web page instead: the same address without ".pdf".',
    });
  documentViews ??= createViews();
  const html = documentViews.render('letter-document.njk', {
    letter: await letterOf(ctx, r),
    css: LETTER_CSS,
  });
  const bytes = await ctx.deps.documents.pdf(html);
  return ctx.reply
    .type('application/pdf')
    .header('Content-Disposition', `inline; filename="response-${r.id}-${r.publishedOn}.pdf"`)
    .send(bytes);
}

// The demo force's responses: 1 and 2 are published, 3 is a draft (src/demo/accountability.ts).
export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/responses',
    access: 'view_accountability',
    example: { url: '/responses' },
    handler: listPage,
  },
  {
    method: 'GET',
    url: '/responses/new',
    access: 'manage_responses',
    example: { url: '/responses/new?source=3' },
    handler: newPage,
  },
  {
    method: 'POST',
    url: '/responses',
    access: 'manage_responses',
    // The demo's internal audit (source 4) has no duty: refused as bad input, nothing drafted.
    example: { url: '/responses', form: { sourceId: '4' } },
    handler: draft,
  },
  {
    method: 'GET',
    url: '/responses/:id',
    access: 'view_accountability',
    example: { url: '/responses/3' },
    handler: async (ctx) => showPage(ctx, await responseOr404(ctx)),
  },
  {
    method: 'GET',
    url: '/responses/:id/edit',
    access: 'manage_responses',
    example: { url: '/responses/3/edit' },
    handler: async (ctx) => editPage(ctx, await responseOr404(ctx)),
  },
  {
    method: 'POST',
    url: '/responses/:id/edit',
    access: 'manage_responses',
    example: { url: '/responses/999999/edit', form: { intro: 'Matrix' } },
    handler: saveEdit,
  },
  {
    method: 'POST',
    url: '/responses/:id/approve',
    access: 'manage_responses',
    example: { url: '/responses/999999/approve', form: { note: '' } },
    handler: approve,
  },
  {
    method: 'POST',
    url: '/responses/:id/reopen',
    access: 'manage_responses',
    example: { url: '/responses/999999/reopen', form: { note: '' } },
    handler: reopen,
  },
  {
    method: 'POST',
    url: '/responses/:id/publish',
    access: 'manage_responses',
    example: {
      url: '/responses/999999/publish',
      form: {
        'publishedOn-day': '1',
        'publishedOn-month': '1',
        'publishedOn-year': '2020',
        copiesTo: 'HMICFRS',
      },
    },
    handler: publish,
  },
  {
    method: 'GET',
    url: '/responses/:id/letter',
    access: 'view_accountability',
    example: { url: '/responses/3/letter' },
    handler: previewPage,
  },
  {
    method: 'GET',
    url: '/public/responses',
    access: 'public',
    example: { url: '/public/responses' },
    handler: publicList,
  },
  {
    method: 'GET',
    url: '/public/responses/:id',
    access: 'public',
    example: { url: '/public/responses/1' },
    handler: publicLetter,
  },
  {
    method: 'GET',
    url: '/public/responses/:id.pdf',
    access: 'public',
    // A draft: answered 404 (the PDF itself is printed in test/web/responses.test.ts).
    example: { url: '/public/responses/3.pdf' },
    handler: publicPdf,
  },
];
