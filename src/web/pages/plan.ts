import { z } from 'zod';
import { BluelampError, isBluelampError } from '../../lib/errors.ts';
import { dayNumber, londonDate } from '../../records/accountability/clock.ts';
import { mayUpdateDelivery } from '../../records/accountability/delivery.ts';
import {
  CommitmentInput,
  ConsultationInput,
  DeliveryInput,
  DeliveryPatch,
  MeasureLinkInput,
  ObjectiveInput,
  OutcomeInput,
  PlanInput,
  PriorityInput,
} from '../../records/accountability/plan-types.ts';
import type { Actor, Plan } from '../../records/api.ts';
import { can } from '../permissions.ts';
import type { RequestContext, RouteDef } from '../route.ts';
import { organisation } from '../layout-model.ts';
import { dataSpan, defaultPeriod } from '../models/filters.ts';
import {
  commitmentPageModel,
  consultationModel,
  editModel,
  planNav,
  planPageModel,
  type FormState,
} from '../models/plan-pages.ts';
import { monitoringReport, printHtml, reportQuarters } from '../models/plan-report.ts';
import { dueDaysOf, KNOWN_MEASURE_IDS } from '../models/plan.ts';

/**
 * The Police and Crime Plan pages: the plan with its delivery (/plan), a commitment with its
 * updates, timeline and measures (/plan/commitments/:id), where its lead (or the policing
 * body's office, for the body's own) posts the quarter's update; the consultation responses;
 * the plan's editing forms; and the panel's quarterly monitoring report as a page and a PDF.
 * Who may do what to one commitment is the records' rule (mayUpdateDelivery); the pages only
 * show a form to those it would let through.
 */
const actorOf = (ctx: RequestContext): Actor => ({ userId: ctx.user?.id ?? null, via: 'web' });
const body = (ctx: RequestContext) => (ctx.req.body ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const param = (ctx: RequestContext, k: string) =>
  str((ctx.req.params as Record<string, unknown>)[k]);
const todayOf = (ctx: RequestContext) => londonDate(ctx.deps.clock.now());

/** The plan the pages are about: the one in force today (else the latest), or null. */
async function currentPlan(ctx: RequestContext): Promise<Plan | null> {
  return ctx.deps.records.plan.current(todayOf(ctx));
}

/** Field errors from a zod failure, keyed by the form field (first message each). */
function fieldErrors(error: z.ZodError, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) {
    const k = `${prefix}${String(i.path[0] ?? 'form')}`;
    out[k] ??= i.message.charAt(0).toUpperCase() + i.message.slice(1);
  }
  return out;
}

/** A records refusal a form can show beside itself (bad input, a step not allowed now). */
const formError = (e: unknown) =>
  isBluelampError(e) && (e.code === 'BAD_INPUT' || e.code === 'INVALID_TRANSITION');

// ---- The plan ------------------------------------------------------------------------------

async function showPlan(ctx: RequestContext) {
  const plan = await currentPlan(ctx);
  const org = await organisation(ctx.deps);
  const data = await dataSpan(ctx.deps);
  const model = await planPageModel(ctx, {
    plan,
    org,
    period: defaultPeriod(data),
    today: todayOf(ctx),
    dueDays: await dueDaysOf(ctx),
  });
  return ctx.render('plan.njk', model);
}

// ---- A commitment --------------------------------------------------------------------------

async function showCommitment(
  ctx: RequestContext,
  id: string,
  form: FormState | null = null,
  status = 200,
) {
  const c = await ctx.deps.records.plan.commitment(id);
  if (!c) throw new BluelampError('UNKNOWN_RECORD', 'There is no commitment with that id.');
  const data = await dataSpan(ctx.deps);
  const model = await commitmentPageModel(ctx, {
    c,
    org: await organisation(ctx.deps),
    period: defaultPeriod(data),
    today: todayOf(ctx),
    dueDays: await dueDaysOf(ctx),
    form,
  });
  return ctx.render('plan-commitment.njk', model, status);
}

async function postUpdate(ctx: RequestContext) {
  const id = param(ctx, 'id');
  const c = await ctx.deps.records.plan.commitment(id);
  if (!c) throw new BluelampError('UNKNOWN_RECORD', 'There is no commitment with that id.');
  const who = { role: ctx.user?.role ?? null, userId: ctx.user?.id ?? null };
  if (!mayUpdateDelivery(c, who))
    throw new BluelampError(
      'NOT_PERMITTED',
      'You cannot report on the delivery of this commitment.',
      {
        hint: "Only the commitment's lead can, or the policing body's office for a commitment the body delivers.",
      },
    );
  const b = body(ctx);
  const values = {
    quarter: str(b.quarter),
    status: str(b.status),
    narrative: str(b.narrative),
    evidence: str(b.evidence),
  };
  const parsed = DeliveryInput.safeParse(values);
  if (!parsed.success)
    return showCommitment(
      ctx,
      id,
      { form: 'post', values, errors: fieldErrors(parsed.error) },
      400,
    );
  try {
    await ctx.deps.records.delivery.post(id, parsed.data, actorOf(ctx));
  } catch (e) {
    if (!formError(e)) throw e;
    return showCommitment(
      ctx,
      id,
      { form: 'post', values, errors: { 'post-form': (e as Error).message } },
      (e as BluelampError).httpStatus,
    );
  }
  return ctx.redirect(`/plan/commitments/${id}`, {
    text: `Delivery update for ${parsed.data.quarter} posted.`,
    success: true,
  });
}

async function editUpdate(ctx: RequestContext) {
  const updateId = param(ctx, 'id');
  const u = await ctx.deps.records.delivery.byId(updateId);
  if (!u) throw new BluelampError('UNKNOWN_RECORD', 'There is no delivery update with that id.');
  const b = body(ctx);
  const values = {
    status: str(b.status),
    narrative: str(b.narrative),
    evidence: str(b.evidence),
    note: str(b.note),
  };
  const parsed = DeliveryPatch.required({ status: true, narrative: true }).safeParse(values);
  if (!parsed.success)
    return showCommitment(
      ctx,
      u.commitmentId,
      { form: 'edit', values, errors: fieldErrors(parsed.error, 'edit-') },
      400,
    );
  try {
    await ctx.deps.records.delivery.edit(updateId, parsed.data, actorOf(ctx), values.note);
  } catch (e) {
    if (!formError(e)) throw e;
    return showCommitment(
      ctx,
      u.commitmentId,
      { form: 'edit', values, errors: { 'edit-form': (e as Error).message } },
      (e as BluelampError).httpStatus,
    );
  }
  return ctx.redirect(`/plan/commitments/${u.commitmentId}`, {
    text: `Delivery update for ${u.quarter} changed.`,
    success: true,
  });
}

// ---- Consultation --------------------------------------------------------------------------

/** A date from the GOV.UK date input's three fields, or the text as typed (zod then refuses it). */
function dateOf(b: Record<string, unknown>, name: string): string {
  const [d = '', m = '', y = ''] = ['day', 'month', 'year'].map((p) =>
    str(b[`${name}-${p}`]).trim(),
  );
  if (!d && !m && !y) return '';
  return `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

const isDate = (d: string) => {
  try {
    dayNumber(d);
    return true;
  } catch {
    return false;
  }
};

async function showConsultation(ctx: RequestContext, form: FormState | null = null, status = 200) {
  const plan = await currentPlan(ctx);
  const model = await consultationModel(ctx, { plan, form, today: todayOf(ctx) });
  return ctx.render('plan-consultation.njk', model, status);
}

async function recordConsultation(ctx: RequestContext) {
  const plan = await currentPlan(ctx);
  if (!plan) throw new BluelampError('UNKNOWN_RECORD', 'There is no plan yet.');
  const b = body(ctx);
  const values = {
    priorityId: str(b.priorityId),
    'receivedOn-day': str(b['receivedOn-day']),
    'receivedOn-month': str(b['receivedOn-month']),
    'receivedOn-year': str(b['receivedOn-year']),
    channel: str(b.channel),
    respondentType: str(b.respondentType),
    summary: str(b.summary),
    support: str(b.support),
  };
  const parsed = ConsultationInput.safeParse({
    planId: plan.id,
    priorityId: values.priorityId || null,
    receivedOn: dateOf(b, 'receivedOn'),
    channel: values.channel,
    respondentType: values.respondentType,
    summary: values.summary,
    support: values.support || null,
  });
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  if (errors.receivedOn || !isDate(dateOf(b, 'receivedOn')))
    errors.receivedOn = 'Enter the date it was received, for example 27 3 2024';
  if (!parsed.success || Object.keys(errors).length > 0)
    return showConsultation(ctx, { form: 'consultation', values, errors }, 400);
  try {
    await ctx.deps.records.consultation.add(parsed.data, actorOf(ctx));
  } catch (e) {
    if (!formError(e)) throw e;
    const msg = (e as Error).message;
    const field = msg.startsWith('receivedOn') ? 'receivedOn' : 'consultation-form';
    return showConsultation(ctx, { form: 'consultation', values, errors: { [field]: msg } }, 400);
  }
  return ctx.redirect('/plan/consultation', {
    text: 'Consultation response recorded.',
    success: true,
  });
}

// ---- Editing the plan ----------------------------------------------------------------------

async function showEdit(ctx: RequestContext, form: FormState | null = null, status = 200) {
  const plan = await currentPlan(ctx);
  return ctx.render('plan-edit.njk', await editModel(ctx, { plan, form }), status);
}

/**
 * One of the editing forms: its fields read, checked with the records' own schema, written, and
 * the edit page again with the form's errors (and what was typed) when it is refused.
 */
function editForm<S extends z.ZodType>(
  name: string,
  fields: readonly string[],
  schema: S,
  toInput: (v: Record<string, string>, plan: Plan | null) => unknown,
  write: (ctx: RequestContext, input: z.output<S>) => Promise<unknown>,
  done: string,
) {
  return async (ctx: RequestContext) => {
    const b = body(ctx);
    const values = Object.fromEntries(fields.map((f) => [f, str(b[f])]));
    const plan = await currentPlan(ctx);
    const parsed = schema.safeParse(toInput(values, plan));
    if (!parsed.success)
      return showEdit(
        ctx,
        { form: name, values, errors: fieldErrors(parsed.error, `${name}-`) },
        400,
      );
    try {
      await write(ctx, parsed.data);
    } catch (e) {
      if (!formError(e)) throw e;
      const msg = (e as Error).message;
      const field = fields.find((f) => msg.startsWith(`${f}:`)) ?? 'form';
      return showEdit(ctx, { form: name, values, errors: { [`${name}-${field}`]: msg } }, 400);
    }
    return ctx.redirect(safeBack(values.back) ?? '/plan/edit', { text: done, success: true });
  };
}

/** Where a form may send the user back to: a plan page, never another site. */
const safeBack = (v: string | undefined) =>
  v && /^\/plan(\/commitments\/\d{1,9})?$/.test(v) ? v : null;

const orNull = (v: string | undefined) => (v ? v : null);

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/plan',
    access: 'view_accountability',
    example: { url: '/plan' },
    handler: showPlan,
  },
  {
    method: 'GET',
    url: '/plan/commitments/:id',
    access: 'view_accountability',
    example: { url: '/plan/commitments/1' },
    handler: (ctx) => showCommitment(ctx, param(ctx, 'id')),
  },
  {
    method: 'POST',
    url: '/plan/commitments/:id/updates',
    access: 'update_delivery',
    example: {
      url: '/plan/commitments/999999/updates',
      form: { quarter: '2021-22 Q1', status: 'on_track', narrative: 'Progress (example).' },
    },
    handler: postUpdate,
  },
  {
    method: 'POST',
    url: '/plan/updates/:id',
    access: 'update_delivery',
    example: {
      url: '/plan/updates/999999',
      form: { status: 'on_track', narrative: 'Progress (example).' },
    },
    handler: editUpdate,
  },
  {
    method: 'GET',
    url: '/plan/consultation',
    access: 'view_accountability',
    example: { url: '/plan/consultation' },
    handler: (ctx) => showConsultation(ctx),
  },
  {
    method: 'POST',
    url: '/plan/consultation',
    access: 'manage_plan',
    example: {
      url: '/plan/consultation',
      form: {
        priorityId: '',
        'receivedOn-day': '1',
        'receivedOn-month': '3',
        'receivedOn-year': '2021',
        channel: 'email',
        respondentType: 'resident',
        summary: 'A response recorded by the authorisation test (example).',
      },
    },
    handler: recordConsultation,
  },
  {
    method: 'GET',
    url: '/plan/edit',
    access: 'manage_plan',
    example: { url: '/plan/edit' },
    handler: (ctx) => showEdit(ctx),
  },
  {
    method: 'POST',
    url: '/plan/new',
    access: 'manage_plan',
    example: { url: '/plan/new', form: { title: '', startsOn: '', endsOn: '' } },
    handler: editForm(
      'plan',
      ['title', 'startsOn', 'endsOn'],
      PlanInput,
      (v) => ({ title: v.title, startsOn: v.startsOn, endsOn: v.endsOn }),
      (ctx, input) => ctx.deps.records.plan.add(input, actorOf(ctx)),
      'Plan added.',
    ),
  },
  {
    method: 'POST',
    url: '/plan/status',
    access: 'manage_plan',
    example: { url: '/plan/status', form: { planId: '999999', status: 'published' } },
    handler: editForm(
      'status',
      ['planId', 'status'],
      z.object({ planId: z.string(), status: z.enum(['draft', 'published']) }),
      (v) => v,
      (ctx, input) =>
        ctx.deps.records.plan.update(input.planId, { status: input.status }, actorOf(ctx)),
      'Plan status changed.',
    ),
  },
  {
    method: 'POST',
    url: '/plan/objectives',
    access: 'manage_plan',
    example: { url: '/plan/objectives', form: { title: '' } },
    handler: editForm(
      'objective',
      ['title', 'description'],
      ObjectiveInput,
      (v, plan) => ({ planId: plan?.id ?? '', title: v.title, description: v.description }),
      (ctx, input) => ctx.deps.records.plan.addObjective(input, actorOf(ctx)),
      'Objective added.',
    ),
  },
  {
    method: 'POST',
    url: '/plan/priorities',
    access: 'manage_plan',
    example: { url: '/plan/priorities', form: { objectiveId: '999999', title: 'Example' } },
    handler: editForm(
      'priority',
      ['objectiveId', 'title', 'description'],
      PriorityInput,
      (v) => v,
      (ctx, input) => ctx.deps.records.plan.addPriority(input, actorOf(ctx)),
      'Priority added.',
    ),
  },
  {
    method: 'POST',
    url: '/plan/commitments',
    access: 'manage_plan',
    example: {
      url: '/plan/commitments',
      form: { priorityId: '999999', text: 'Example', owner: 'chief_constable' },
    },
    handler: editForm(
      'commitment',
      ['priorityId', 'text', 'owner', 'leadUserId'],
      CommitmentInput,
      (v) => ({ ...v, leadUserId: orNull(v.leadUserId) }),
      (ctx, input) => ctx.deps.records.plan.addCommitment(input, actorOf(ctx)),
      'Commitment added.',
    ),
  },
  {
    method: 'POST',
    url: '/plan/outcomes',
    access: 'manage_plan',
    example: { url: '/plan/outcomes', form: { priorityId: '999999', text: 'Example' } },
    handler: editForm(
      'outcome',
      ['priorityId', 'text'],
      OutcomeInput,
      (v) => v,
      (ctx, input) => ctx.deps.records.plan.addOutcome(input, actorOf(ctx)),
      'Outcome added.',
    ),
  },
  {
    method: 'POST',
    url: '/plan/links',
    access: 'manage_plan',
    example: {
      url: '/plan/links',
      form: { target: 'commitment:999999', measureId: 'crime_total' },
    },
    handler: editForm(
      'link',
      ['target', 'measureId', 'back'],
      MeasureLinkInput,
      (v) => {
        const [kind, id] = v.target?.split(':') ?? [];
        return {
          commitmentId: kind === 'commitment' ? (id ?? '') : null,
          outcomeId: kind === 'outcome' ? (id ?? '') : null,
          measureId: v.measureId,
        };
      },
      (ctx, input) => ctx.deps.records.plan.linkMeasure(input, KNOWN_MEASURE_IDS, actorOf(ctx)),
      'Measure linked.',
    ),
  },
  {
    method: 'POST',
    url: '/plan/links/:id/remove',
    access: 'manage_plan',
    example: { url: '/plan/links/999999/remove', form: { back: '/plan/commitments/1' } },
    handler: async (ctx) => {
      await ctx.deps.records.plan.unlinkMeasure(param(ctx, 'id'), actorOf(ctx));
      return ctx.redirect(safeBack(str(body(ctx).back)) ?? '/plan/edit', {
        text: 'Measure unlinked.',
        success: true,
      });
    },
  },
  {
    method: 'GET',
    url: '/plan/monitoring-report',
    access: 'view_accountability',
    example: { url: '/plan/monitoring-report' },
    handler: async (ctx) => {
      const r = await reportFor(ctx);
      return ctx.render('plan-monitoring.njk', r.model, r.status);
    },
  },
  {
    method: 'GET',
    url: '/plan/monitoring-report.pdf',
    access: 'view_accountability',
    example: { url: '/plan/monitoring-report.pdf' },
    handler: async (ctx) => {
      const r = await reportFor(ctx);
      if (r.status !== 200 || !r.model.report)
        throw new BluelampError('BAD_INPUT', r.model.error ?? 'Choose a quarter of the plan.');
      if (!ctx.deps.documents.pdfAvailable())
        throw new BluelampError('DEPENDENCY_MISSING', 'PDFs cannot be printed on this server.', {
          hint: 'Chromium is not installed here; read the report as a web page instead.',
        });
      const pdf = await ctx.deps.documents.pdf(printHtml(r.model.report));
      const name = `monitoring-report-${r.model.report.quarter.replace(' ', '-')}.pdf`;
      return ctx.reply
        .type('application/pdf')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .send(pdf);
    },
  },
];

/** The monitoring report for the quarter asked (the last complete one by default). */
async function reportFor(ctx: RequestContext) {
  const plan = await currentPlan(ctx);
  const asked = str((ctx.req.query as Record<string, unknown>).quarter).trim();
  const choices = plan ? reportQuarters(plan, todayOf(ctx)) : [];
  const quarter = asked || choices[0] || '';
  const error =
    plan && asked && !choices.includes(asked)
      ? `Choose a quarter of the plan from the list (${choices.at(-1)} to ${choices[0]})`
      : null;
  const report =
    plan && !error && quarter
      ? await monitoringReport(ctx, {
          plan,
          quarter,
          org: await organisation(ctx.deps),
          data: await dataSpan(ctx.deps),
        })
      : null;
  const model = {
    nav: planNav(ctx, '/plan/monitoring-report'),
    plan,
    report,
    error,
    canEdit: can(ctx.user, 'manage_plan'),
    quarters: choices.map((q) => ({ value: q, text: q, selected: q === quarter })),
    pdfHref: report
      ? `/plan/monitoring-report.pdf?quarter=${encodeURIComponent(report.quarter)}`
      : null,
  };
  return { model, status: error ? 400 : 200 };
}
