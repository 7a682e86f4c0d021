import { z } from 'zod';
import { formatDate } from '../../present/format.ts';
import type { Actor, EscalatedTask, Task, User } from '../../records/api.ts';
import { OPEN_STATUSES, type FindingStatus } from '../../records/api.ts';
import {
  clockState,
  daysLeft,
  DUE_SOON_DAYS,
  londonDate,
} from '../../records/accountability/clock.ts';
import { MAX_ESCALATE_AFTER_DAYS } from '../../records/accountability/tasks.ts';
import { organisation } from '../layout-model.ts';
import { accountabilityNavFor } from '../navigation.ts';
import { can, ROLE_NAMES } from '../permissions.ts';
import type { RequestContext, RouteDef } from '../route.ts';

/**
 * What is due or overdue: `/tasks` for every signed-in user (their own items, grouped overdue,
 * due soon and later, and what has been escalated to them as someone's line), `/accountability`
 * (the landing of the accountability work: statutory response clocks, open findings by status,
 * everything overdue, the sections the role may open) and `/admin/lines` (who each user's
 * missed items escalate to, and after how many days). Items come from the records store's
 * tasks repository, which reads the accountability tables directly.
 */

const KIND_NAMES: Record<Task['kind'], string> = {
  finding: 'Finding',
  response: 'Statutory response',
  delivery_update: 'Delivery update',
  challenge: 'Challenge',
  action: 'Meeting action',
};

const STATUS_NAMES: Record<FindingStatus, string> = {
  awaiting_allocation: 'Awaiting allocation',
  allocated: 'Allocated',
  in_progress: 'In progress',
  evidence_submitted: 'Evidence submitted',
  approved_for_closure: 'Approved for closure',
  closed: 'Closed',
  superseded: 'Superseded',
};

/** The item's own page. */
export function taskHref(t: Pick<Task, 'kind' | 'id' | 'meetingId'>): string {
  switch (t.kind) {
    case 'finding':
      return `/findings/${t.id}`;
    case 'response':
      return `/responses/${t.id}`;
    case 'delivery_update':
      return `/plan/commitments/${t.id}`;
    case 'challenge':
      return `/challenges/${t.id}`;
    case 'action':
      return `/meetings/${t.meetingId ?? ''}`;
  }
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** When an item is due, in words: "Due 1 June 2024 – 39 days overdue". */
export function dueText(t: Task): string {
  if (t.dueImmediately && t.dueOn)
    return `Due immediately (report published ${formatDate(t.dueOn)})`;
  if (t.dueOn === null || t.daysLeft === null) return 'No due date';
  const on = `Due ${formatDate(t.dueOn)}`;
  if (t.daysLeft < 0) return `${on} – ${days(-t.daysLeft)} overdue`;
  if (t.daysLeft === 0) return `Due today (${formatDate(t.dueOn)})`;
  if (t.daysLeft <= DUE_SOON_DAYS) return `${on} – in ${days(t.daysLeft)}`;
  return on;
}

const TAGS: Record<Task['state'], { text: string; classes: string }> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due_soon: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  later: { text: 'Later', classes: 'govuk-tag--grey' },
};

/** A long text cut for a list, at a word; the item's page shows it whole. */
export function shortened(text: string, max = 140): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd()}…`;
}

function itemOf(t: Task) {
  return {
    subject: t.subject,
    kind: KIND_NAMES[t.kind],
    title: shortened(t.title),
    href: taskHref(t),
    context: t.context,
    due: dueText(t),
    state: t.state,
    tag: TAGS[t.state],
  };
}

const GROUPS: readonly { state: Task['state']; heading: string; hint: string }[] = [
  { state: 'overdue', heading: 'Overdue', hint: 'Past their due date.' },
  {
    state: 'due_soon',
    heading: 'Due soon',
    hint: `Due within ${DUE_SOON_DAYS} days.`,
  },
  { state: 'later', heading: 'Later', hint: 'Due later, or with no due date.' },
];

async function names(ctx: RequestContext): Promise<Map<string, User>> {
  return new Map((await ctx.deps.records.users.list()).map((u) => [u.id, u]));
}

/** The /tasks page's model: the user's items by group, and what was escalated to them. */
export async function tasksModel(ctx: RequestContext) {
  const user = ctx.user as User;
  const now = ctx.deps.clock.now();
  const [tasks, escalated, people, settings] = await Promise.all([
    ctx.deps.records.tasks.forUser(user.id, now),
    ctx.deps.records.tasks.escalatedTo(user.id, now),
    names(ctx),
    ctx.deps.records.tasks.reminderSettings(),
  ]);
  const items = tasks.map(itemOf);
  return {
    today: formatDate(londonDate(now)),
    total: items.length,
    counts: Object.fromEntries(
      GROUPS.map((g) => [g.state, items.filter((i) => i.state === g.state).length]),
    ),
    groups: GROUPS.map((g) => ({
      ...g,
      id: g.state.replace('_', '-'),
      items: items.filter((i) => i.state === g.state),
    })),
    escalated: escalated.map((e: EscalatedTask) => ({
      ...itemOf(e.task),
      owner: e.escalation.ownerUserId
        ? (people.get(e.escalation.ownerUserId)?.displayName ?? 'A former user')
        : '—',
      escalatedOn: formatDate(londonDate(e.escalation.escalatedAt)),
    })),
    escalateAfterDays: settings.escalateAfterDays,
  };
}

/** What each section of the accountability work is for, shown on the landing. */
const SECTION_HINTS: Record<string, string> = {
  '/tasks': 'What is due or overdue for you.',
  '/findings':
    'HMICFRS recommendations, areas for improvement and causes of concern, from publication to closure.',
  '/inspections':
    'The reports findings come from: inspections, IOPC learning, coroners’ reports, audits.',
  '/responses': 'The statutory response to each HMICFRS report, due within 56 days of publication.',
  '/plan': 'The Police and Crime Plan, its commitments and their quarterly delivery updates.',
  '/meetings': 'The holding-to-account programme: meetings, their papers, notes and actions.',
  '/challenges': 'Written challenges and the answers given.',
  '/panel': 'The Police and Crime Panel: complaints and the work programme.',
};

const CLOCK_TAGS: Record<ReturnType<typeof clockState>, { text: string; classes: string }> = {
  published: { text: 'Published', classes: 'govuk-tag--green' },
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due_soon: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  on_time: { text: 'On time', classes: 'govuk-tag--blue' },
};

/** The /accountability landing's model. */
export async function accountabilityModel(ctx: RequestContext) {
  const user = ctx.user as User;
  const now = ctx.deps.clock.now();
  const today = londonDate(now);
  const records = ctx.deps.records;
  const [responses, sources, findings, all, org, people] = await Promise.all([
    records.responses.list(),
    records.findingSources.list(),
    records.findings.list(),
    records.tasks.all(now),
    organisation(ctx.deps),
    names(ctx),
  ]);
  const sourceTitle = new Map(sources.map((s) => [s.id, s.title]));
  const clocks = responses
    .map((r) => {
      const state = clockState(r, today);
      const left = daysLeft(r.dueOn, today);
      return {
        href: `/responses/${r.id}`,
        report: sourceTitle.get(r.sourceId) ?? 'A report',
        due: formatDate(r.dueOn),
        left:
          state === 'published'
            ? `on ${formatDate(r.publishedOn ?? r.dueOn)}`
            : left < 0
              ? `${days(-left)} overdue`
              : left === 0
                ? 'Due today'
                : `${days(left)} left`,
        tag: CLOCK_TAGS[state],
        sort: state === 'published' ? Number.POSITIVE_INFINITY : left,
      };
    })
    .sort((a, b) => a.sort - b.sort);
  const open = findings.filter((f) => OPEN_STATUSES.includes(f.status));
  const byStatus = OPEN_STATUSES.map((s) => ({
    status: s,
    text: STATUS_NAMES[s],
    count: open.filter((f) => f.status === s).length,
    href: `/findings?status=${s}`,
  }));
  const overdue = all.filter((t) => t.state === 'overdue');
  const showOwners = can(user, 'manage_findings');
  const OVERDUE_SHOWN = 20;
  return {
    today: formatDate(today),
    holder: org.policingBody.holder,
    office: org.policingBody.office,
    clocks: clocks.slice(0, 10),
    clocksMore: Math.max(0, clocks.length - 10),
    openTotal: open.length,
    byStatus,
    overdueTotal: overdue.length,
    overdueByKind: (Object.keys(KIND_NAMES) as Task['kind'][])
      .map((k) => ({ kind: KIND_NAMES[k], count: overdue.filter((t) => t.kind === k).length }))
      .filter((x) => x.count > 0),
    overdue: overdue.slice(0, OVERDUE_SHOWN).map((t) => ({
      ...itemOf(t),
      owner: t.ownerUserId
        ? (people.get(t.ownerUserId)?.displayName ?? 'A former user')
        : org.policingBody.office,
    })),
    overdueMore: Math.max(0, overdue.length - OVERDUE_SHOWN),
    showOwners,
    manageLines: can(user, 'admin_users'),
    sections: accountabilityNavFor(user, '/accountability')
      .filter((s) => s.href !== '/accountability')
      .map((s) => ({ ...s, hint: SECTION_HINTS[s.href] ?? '' })),
  };
}

// ---- Lines: who each user escalates to -----------------------------------------------------

const actorOf = (ctx: RequestContext): Actor => ({ userId: ctx.user?.id ?? null, via: 'web' });
const LINE_FIELD = /^line_(\d{1,9})$/;

const DaysField = z.coerce
  .number({ error: 'Enter the number of days as a whole number' })
  .int('Enter the number of days as a whole number')
  .min(0, 'The number of days must be 0 or more')
  .max(MAX_ESCALATE_AFTER_DAYS, `The number of days must be ${MAX_ESCALATE_AFTER_DAYS} or fewer`);

async function renderLines(
  ctx: RequestContext,
  opts: { errors?: Record<string, string>; values?: Record<string, string> } = {},
) {
  const [people, lines, settings] = await Promise.all([
    ctx.deps.records.users.list(),
    ctx.deps.records.tasks.lines(),
    ctx.deps.records.tasks.reminderSettings(),
  ]);
  const lineOf = new Map(lines.map((l) => [l.userId, l.lineUserId]));
  const errors = opts.errors ?? {};
  const values = opts.values ?? {};
  const active = people.filter((p) => !p.disabled);
  const rows = people.map((p) => {
    const field = `line_${p.id}`;
    const chosen = values[field] ?? lineOf.get(p.id) ?? '';
    return {
      id: p.id,
      field,
      name: p.displayName,
      email: p.email,
      role: ROLE_NAMES[p.role],
      disabled: p.disabled,
      error: errors[field],
      options: [
        { value: '', text: 'No one', selected: chosen === '' },
        ...active
          .filter((o) => o.id !== p.id)
          .map((o) => ({
            value: o.id,
            text: `${o.displayName} – ${ROLE_NAMES[o.role]}`,
            selected: o.id === chosen,
          })),
      ],
    };
  });
  const errorList = Object.entries(errors).map(([k, text]) => ({ text, href: `#${k}` }));
  return ctx.render(
    'admin-lines.njk',
    {
      rows,
      escalateAfterDays: values.escalateAfterDays ?? String(settings.escalateAfterDays),
      errors,
      errorList,
    },
    errorList.length ? 400 : 200,
  );
}

async function saveLines(ctx: RequestContext) {
  const body = (ctx.req.body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') values[k] = v;
  const errors: Record<string, string> = {};
  const parsedDays =
    values.escalateAfterDays === undefined ? null : DaysField.safeParse(values.escalateAfterDays);
  if (parsedDays && !parsedDays.success)
    errors.escalateAfterDays = parsedDays.error.issues[0]?.message ?? 'Enter a number of days';
  const [people, lines, settings] = await Promise.all([
    ctx.deps.records.users.list(),
    ctx.deps.records.tasks.lines(),
    ctx.deps.records.tasks.reminderSettings(),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const lineOf = new Map(lines.map((l) => [l.userId, l.lineUserId]));
  const changes: { userId: string; line: string | null }[] = [];
  for (const [field, value] of Object.entries(values)) {
    const m = LINE_FIELD.exec(field);
    if (!m?.[1]) continue;
    const person = byId.get(m[1]);
    if (!person) continue; // a user removed since the page was drawn: nothing to set
    const line = value === '' ? null : value;
    if (line !== null) {
      const other = byId.get(line);
      if (!other || other.disabled)
        errors[field] = `Select who ${person.displayName} escalates to from the list`;
      else if (other.id === person.id)
        errors[field] = `${person.displayName} cannot escalate to themselves`;
    }
    if ((lineOf.get(person.id) ?? null) !== line) changes.push({ userId: person.id, line });
  }
  if (Object.keys(errors).length > 0) return renderLines(ctx, { errors, values });
  for (const c of changes) await ctx.deps.records.tasks.setLine(c.userId, c.line, actorOf(ctx));
  const newDays = parsedDays?.success ? parsedDays.data : null;
  if (newDays !== null && newDays !== settings.escalateAfterDays)
    await ctx.deps.records.settings.set({ escalateAfterDays: newDays }, actorOf(ctx));
  const changed =
    changes.length + (newDays !== null && newDays !== settings.escalateAfterDays ? 1 : 0);
  return ctx.redirect('/admin/lines', {
    text: changed === 0 ? 'Nothing was changed.' : 'Escalation lines saved.',
    success: changed > 0,
  });
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/tasks',
    access: 'signed_in',
    example: { url: '/tasks' },
    handler: async (ctx) => ctx.render('tasks.njk', await tasksModel(ctx)),
  },
  {
    method: 'GET',
    url: '/accountability',
    access: 'view_accountability',
    example: { url: '/accountability' },
    handler: async (ctx) => ctx.render('accountability.njk', await accountabilityModel(ctx)),
  },
  {
    method: 'GET',
    url: '/admin/lines',
    access: 'admin_users',
    example: { url: '/admin/lines' },
    handler: (ctx) => renderLines(ctx),
  },
  {
    method: 'POST',
    url: '/admin/lines',
    access: 'admin_users',
    // Sets nothing new: the default number of days, and no line fields.
    example: { url: '/admin/lines', form: { escalateAfterDays: '7' } },
    handler: saveLines,
  },
];
