import { isBluelampError } from '../../lib/errors.ts';
import { isMeasureId } from '../../measures/catalogue/index.ts';
import { parsePeriod } from '../../measures/period.ts';
import { addDays, dayNumber, londonDate } from '../../records/accountability/clock.ts';
import {
  ACTION_STEPS,
  CHALLENGE_STEPS,
  MEETING_TYPES,
  OWNER_ROLES,
  dueState,
  stepsFor,
  type Acting,
  type Challenge,
  type ChallengeStatus,
  type MeasureException,
  type Meeting,
  type MeetingType,
} from '../../records/accountability/meetings-types.ts';
import type { Actor, User } from '../../records/api.ts';
import { organisation } from '../layout-model.ts';
import { dataSpan } from '../models/filters.ts';
import {
  MEETING_TYPE_NAMES,
  actionRow,
  challengeRow,
  challengeTag,
  dueText,
  dueView,
  exceptionView,
  meetingRow,
  meetingSummary,
  namesOf,
  paragraphs,
  publicMeeting,
  timelineView,
  type Names,
} from '../models/meetings.ts';
import { can } from '../permissions.ts';
import { Refused } from '../refuse.ts';
import type { RequestContext, RouteDef } from '../route.ts';
import { formatDate } from '../../present/format.ts';

/**
 * Holding to account: the meetings at which the policing body holds the force to account
 * (/meetings), the written challenges raised at them or from a scorecard exception
 * (/challenges), the actions they agree, and their published notes on the public site
 * (/public/meetings). Who may take each step is the records' own rule (meetings-types.ts);
 * these pages offer only the steps it allows the signed-in user, and the records refuse the rest.
 */

type Form = Record<string, unknown>;
type Errors = Record<string, string>;

const body = (ctx: RequestContext): Form => (ctx.req.body ?? {}) as Form;
const query = (ctx: RequestContext): Form => (ctx.req.query ?? {}) as Form;
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const param = (ctx: RequestContext, name: string): string =>
  String((ctx.req.params as Record<string, unknown>)[name] ?? '');
const actorOf = (ctx: RequestContext): Actor => ({ userId: ctx.user?.id ?? null, via: 'web' });
const actingOf = (ctx: RequestContext): Acting => ({
  role: ctx.user?.role ?? null,
  userId: ctx.user?.id ?? null,
});
const today = (ctx: RequestContext) => londonDate(ctx.deps.clock.now());
/** One line a value, blank lines dropped. */
const lines = (v: unknown): string[] =>
  str(v)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
/** GOV.UK's error summary: each message links to its field (the page itself for the form's). */
const errorList = (errors: Errors) =>
  Object.entries(errors).map(([k, text]) => ({
    text,
    href: k === 'form' ? '#main-content' : `#${k}`,
  }));

/** A GOV.UK date input's three fields as "YYYY-MM-DD"; null when all are empty. */
function dateFrom(
  form: Form,
  prefix: string,
  what: string,
): { value: string | null; error?: string } {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => str(form[`${prefix}-${p}`]));
  if (!d && !m && !y) return { value: null };
  if (!/^\d{1,2}$/.test(d ?? '') || !/^\d{1,2}$/.test(m ?? '') || !/^\d{4}$/.test(y ?? ''))
    return { value: null, error: `${what} must be a real date, like 27 3 2025` };
  const iso = `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
  try {
    dayNumber(iso);
  } catch {
    return { value: null, error: `${what} must be a real date, like 27 3 2025` };
  }
  return { value: iso };
}

const dateParts = (iso: string | null) => {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m
    ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' }
    : { day: '', month: '', year: '' };
};

/** "Title | https://…" a line: a paper and, when given, its link. */
function papersFrom(v: unknown): { title: string; link: string | null }[] {
  return lines(v).map((l) => {
    const [title = '', ...rest] = l.split('|');
    const link = rest.join('|').trim();
    return { title: title.trim(), link: link || null };
  });
}

/** A records refusal of the input, as the form's error summary; anything else is thrown on. */
function recordsError(e: unknown): Errors {
  if (isBluelampError(e) && e.code === 'BAD_INPUT') return { form: e.message };
  throw e;
}

async function people(ctx: RequestContext): Promise<{ users: User[]; names: Names }> {
  const users = await ctx.deps.records.users.list();
  return { users, names: namesOf(users) };
}

/** The users a challenge or action may be assigned to, as select options. */
function ownerOptions(users: readonly User[], selected: string, prompt: string) {
  return [
    { value: '', text: prompt, selected: selected === '' },
    ...users
      .filter((u) => !u.disabled && OWNER_ROLES.includes(u.role))
      .map((u) => ({
        value: u.id,
        text: `${u.displayName} (${u.role === 'lead' ? 'strategic lead' : 'policing body’s office'})`,
        selected: u.id === selected,
      })),
  ];
}

async function meetingOr404(ctx: RequestContext): Promise<Meeting> {
  const m = await ctx.deps.records.meetings.byId(param(ctx, 'id'));
  if (!m) throw new Refused('not_found');
  return m;
}

async function challengeOr404(ctx: RequestContext): Promise<Challenge> {
  const c = await ctx.deps.records.challenges.byId(param(ctx, 'id'));
  if (!c) throw new Refused('not_found');
  return c;
}

const subNav = (current: 'meetings' | 'challenges') => [
  { text: 'Meetings', href: '/meetings', active: current === 'meetings' },
  { text: 'Challenges', href: '/challenges', active: current === 'challenges' },
];

// ---- Meetings ----------------------------------------------------------------------------------

async function meetingsList(ctx: RequestContext) {
  const asked = str(query(ctx).type);
  const type = (MEETING_TYPES as readonly string[]).includes(asked)
    ? (asked as MeetingType)
    : undefined;
  const [meetings, challenges, actions] = await Promise.all([
    ctx.deps.records.meetings.list(type ? { type } : {}),
    ctx.deps.records.challenges.list(),
    ctx.deps.records.meetingActions.list({ status: 'open' }),
  ]);
  const rows = meetings.map((m) => {
    const own = challenges.filter((c) => c.meetingId === m.id);
    return meetingRow(m, {
      challenges: own.length,
      openChallenges: own.filter((c) => c.status === 'open').length,
      openActions: actions.filter((a) => a.meetingId === m.id).length,
    });
  });
  return ctx.render('meetings-list.njk', {
    subNav: subNav('meetings'),
    rows,
    types: [
      { value: '', text: 'All types', selected: !type },
      ...MEETING_TYPES.map((t) => ({
        value: t,
        text: MEETING_TYPE_NAMES[t],
        selected: t === type,
      })),
    ],
    filtered: Boolean(type),
    canManage: can(ctx.user, 'manage_meetings'),
  });
}

const typeItems = (selected: string) =>
  MEETING_TYPES.map((t) => ({
    value: t,
    text: `${MEETING_TYPE_NAMES[t]} meeting`,
    checked: t === selected,
  }));

async function renderNewMeeting(ctx: RequestContext, values: Form, errors: Errors = {}) {
  const held = dateParts(null);
  return ctx.render(
    'meetings-new.njk',
    {
      values: {
        subject: str(values.subject),
        location: str(values.location),
        attendees: str(values.attendees),
        agenda: str(values.agenda),
        papers: str(values.papers),
        notes: str(values.notes),
        held: {
          day: str(values['heldOn-day']) || held.day,
          month: str(values['heldOn-month']) || held.month,
          year: str(values['heldOn-year']) || held.year,
        },
      },
      types: typeItems(str(values.type)),
      errors,
      errorList: errorList(errors),
    },
    Object.keys(errors).length ? 400 : 200,
  );
}

async function addMeeting(ctx: RequestContext) {
  const form = body(ctx);
  const errors: Errors = {};
  const type = str(form.type);
  if (!(MEETING_TYPES as readonly string[]).includes(type))
    errors.type = 'Select the type of meeting';
  if (!str(form.subject)) errors.subject = 'Enter what the meeting is about';
  const held = dateFrom(form, 'heldOn', 'The date of the meeting');
  if (held.error) errors['heldOn-day'] = held.error;
  else if (held.value === null) errors['heldOn-day'] = 'Enter the date of the meeting';
  const papers = papersFrom(form.papers);
  if (papers.some((p) => p.link !== null && !/^https?:\/\/\S+$/i.test(p.link)))
    errors.papers = 'Give each paper’s link as a web address starting https://';
  if (papers.some((p) => p.title === '')) errors.papers = 'Give each paper a title before its link';
  if (Object.keys(errors).length) return renderNewMeeting(ctx, form, errors);
  try {
    const m = await ctx.deps.records.meetings.add(
      {
        type: type as MeetingType,
        subject: str(form.subject),
        heldOn: held.value as string,
        location: str(form.location),
        attendees: lines(form.attendees),
        agenda: lines(form.agenda),
        papers,
        notes: str(form.notes),
      },
      actorOf(ctx),
    );
    return ctx.redirect(`/meetings/${m.id}`, { text: 'Meeting added.', success: true });
  } catch (e) {
    return renderNewMeeting(ctx, form, recordsError(e));
  }
}

async function meetingPage(ctx: RequestContext, errors: Errors = {}, values: Form = {}) {
  const m = await meetingOr404(ctx);
  const [{ users, names }, challenges, actions, history] = await Promise.all([
    people(ctx),
    ctx.deps.records.challenges.list({ meetingId: m.id }),
    ctx.deps.records.meetingActions.list({ meetingId: m.id }),
    ctx.deps.records.meetings.history(m.id),
  ]);
  const who = actingOf(ctx);
  const manage = can(ctx.user, 'manage_meetings');
  const day = today(ctx);
  const actionViews = await Promise.all(
    actions.map(async (a) => ({
      ...actionRow(a, names, day),
      canDone:
        can(ctx.user, 'answer_challenges') &&
        stepsFor(ACTION_STEPS, a.status, who, a.ownerUserId).some((s) => s.to === 'done'),
      canDrop:
        manage &&
        stepsFor(ACTION_STEPS, a.status, who, a.ownerUserId).some((s) => s.to === 'dropped'),
      base: `/meetings/${m.id}/actions/${a.id}`,
      timeline: timelineView(await ctx.deps.records.meetingActions.history(a.id), names),
    })),
  );
  const due = dateParts(addDays(day, 28));
  return ctx.render(
    'meetings-view.njk',
    {
      subNav: subNav('meetings'),
      meeting: {
        id: m.id,
        subject: m.subject,
        caption: `${MEETING_TYPE_NAMES[m.type]} meeting`,
        summary: meetingSummary(m),
        attendees: m.attendees,
        agenda: m.agenda,
        papers: m.papers,
        notes: paragraphs(m.notes),
        notesText: typeof values.notes === 'string' ? values.notes : m.notes,
        published: m.notesPublishedOn ? formatDate(m.notesPublishedOn) : null,
        publicHref: m.notesPublishedOn ? `/public/meetings/${m.id}` : null,
      },
      challenges: challenges.map((c) => challengeRow(c, names, day)),
      actions: actionViews,
      canManage: manage,
      canPublish: manage && m.notesPublishedOn === null && m.notes.trim() !== '',
      raiseHref: `/challenges/new?meeting=${m.id}`,
      owners: ownerOptions(users, str(values.ownerUserId), 'Choose who owns it'),
      actionValues: {
        text: str(values.text),
        due: {
          day: str(values['dueOn-day']) || due.day,
          month: str(values['dueOn-month']) || due.month,
          year: str(values['dueOn-year']) || due.year,
        },
      },
      meetingTimeline: timelineView(history, names),
      errors,
      errorList: errorList(errors),
    },
    Object.keys(errors).length ? 400 : 200,
  );
}

async function saveNotes(ctx: RequestContext) {
  const m = await meetingOr404(ctx);
  const notes = str(body(ctx).notes);
  try {
    await ctx.deps.records.meetings.update(m.id, { notes }, actorOf(ctx));
  } catch (e) {
    return meetingPage(ctx, recordsError(e), body(ctx));
  }
  return ctx.redirect(`/meetings/${m.id}#notes`, { text: 'Notes saved.', success: true });
}

async function publishNotes(ctx: RequestContext) {
  const m = await meetingOr404(ctx);
  await ctx.deps.records.meetings.publishNotes(m.id, actorOf(ctx));
  return ctx.redirect(`/meetings/${m.id}#notes`, {
    text: 'Notes published on the public site.',
    success: true,
  });
}

async function addAction(ctx: RequestContext) {
  const m = await meetingOr404(ctx);
  const form = body(ctx);
  const errors: Errors = {};
  if (!str(form.text)) errors.text = 'Enter what is to be done';
  if (!str(form.ownerUserId)) errors.ownerUserId = 'Choose who owns the action';
  const due = dateFrom(form, 'dueOn', 'The due date');
  if (due.error) errors['dueOn-day'] = due.error;
  if (Object.keys(errors).length) return meetingPage(ctx, errors, form);
  try {
    await ctx.deps.records.meetingActions.add(
      {
        meetingId: m.id,
        text: str(form.text),
        ownerUserId: str(form.ownerUserId),
        dueOn: due.value,
      },
      actorOf(ctx),
    );
  } catch (e) {
    return meetingPage(ctx, recordsError(e), form);
  }
  return ctx.redirect(`/meetings/${m.id}#actions`, { text: 'Action added.', success: true });
}

function actionStep(to: 'done' | 'dropped') {
  return async (ctx: RequestContext) => {
    const m = await meetingOr404(ctx);
    const a = await ctx.deps.records.meetingActions.byId(param(ctx, 'actionId'));
    if (!a || a.meetingId !== m.id) throw new Refused('not_found');
    await ctx.deps.records.meetingActions.transition(a.id, to, actorOf(ctx), str(body(ctx).note));
    return ctx.redirect(`/meetings/${m.id}#actions`, {
      text: to === 'done' ? 'Action marked done.' : 'Action dropped.',
      success: true,
    });
  };
}

// ---- Challenges --------------------------------------------------------------------------------

const SHOW = ['all', 'open', 'overdue', 'answered', 'closed'] as const;
type Show = (typeof SHOW)[number];
const SHOW_NAMES: Record<Show, string> = {
  all: 'All challenges',
  open: 'Open',
  overdue: 'Overdue',
  answered: 'Answered, awaiting a decision',
  closed: 'Closed or withdrawn',
};

function shown(c: Challenge, show: Show, day: string): boolean {
  if (show === 'all') return true;
  if (show === 'overdue') return dueState(c, day) === 'overdue';
  if (show === 'closed') return c.status === 'closed' || c.status === 'withdrawn';
  return c.status === show;
}

async function challengesList(ctx: RequestContext) {
  const asked = str(query(ctx).show);
  const show: Show = (SHOW as readonly string[]).includes(asked) ? (asked as Show) : 'all';
  const day = today(ctx);
  const [all, { names }, meetings] = await Promise.all([
    ctx.deps.records.challenges.list(),
    people(ctx),
    ctx.deps.records.meetings.list(),
  ]);
  const heldOn = new Map(meetings.map((m) => [m.id, m.heldOn]));
  // Those still with someone first (soonest due first, as the records list them), then the
  // finished ones, latest raised first.
  const finished = (c: Challenge) => c.status === 'closed' || c.status === 'withdrawn';
  const ordered = [
    ...all.filter((c) => !finished(c)),
    ...all.filter(finished).sort((a, b) => b.raisedOn.localeCompare(a.raisedOn)),
  ];
  const rows = ordered
    .filter((c) => shown(c, show, day))
    .map((c) => {
      const held = c.meetingId ? heldOn.get(c.meetingId) : undefined;
      return {
        ...challengeRow(c, names, day),
        meetingText: held ? `Meeting on ${formatDate(held)}` : null,
      };
    });
  return ctx.render('challenges-list.njk', {
    subNav: subNav('challenges'),
    rows,
    show: SHOW.map((s) => ({ value: s, text: SHOW_NAMES[s], selected: s === show })),
    heading: show === 'all' ? 'Challenges' : `Challenges: ${SHOW_NAMES[show].toLowerCase()}`,
    counts: {
      open: all.filter((c) => c.status === 'open').length,
      overdue: all.filter((c) => dueState(c, day) === 'overdue').length,
      answered: all.filter((c) => c.status === 'answered').length,
    },
    canRaise: can(ctx.user, 'manage_meetings'),
  });
}

/** The exception in a query or form (measure, period, lpa, signal), checked; null when absent. */
async function exceptionFrom(
  ctx: RequestContext,
  form: Form,
): Promise<{ value: MeasureException | null; error?: string }> {
  const measureId = str(form.measure);
  if (!measureId) return { value: null };
  const period = str(form.period);
  const lpa = str(form.lpa);
  const signal = str(form.signal);
  if (!isMeasureId(measureId))
    return { value: null, error: 'The measure is not one of the catalogue’s' };
  try {
    parsePeriod(period);
  } catch {
    return { value: null, error: 'The period of the measure exception is not a period' };
  }
  if (lpa && !(await dataSpan(ctx.deps)).lpas.includes(lpa))
    return { value: null, error: 'The area of the measure exception is not a local policing area' };
  if (!signal || signal.length > 300)
    return {
      value: null,
      error: 'Say what the measure shows (its signal), in 300 characters or fewer',
    };
  return { value: { measureId, period, lpa, signal } };
}

async function renderNewChallenge(
  ctx: RequestContext,
  values: Form,
  errors: Errors = {},
  status?: number,
) {
  const [{ users }, meetings, org, exception] = await Promise.all([
    people(ctx),
    ctx.deps.records.meetings.list(),
    organisation(ctx.deps),
    exceptionFrom(ctx, values),
  ]);
  if (exception.error) errors.exception ??= exception.error;
  const meetingId = str(values.meetingId) || str(values.meeting);
  const due = dateParts(addDays(today(ctx), 28));
  return ctx.render(
    'challenges-new.njk',
    {
      subNav: subNav('challenges'),
      exception: exceptionView(exception.value),
      hidden: exception.value
        ? {
            measure: exception.value.measureId,
            period: exception.value.period,
            lpa: exception.value.lpa,
            signal: exception.value.signal,
          }
        : null,
      values: {
        question: str(values.question),
        raisedBy: 'raisedBy' in values ? str(values.raisedBy) : org.policingBody.office,
        due: {
          day: 'dueOn-day' in values ? str(values['dueOn-day']) : due.day,
          month: 'dueOn-month' in values ? str(values['dueOn-month']) : due.month,
          year: 'dueOn-year' in values ? str(values['dueOn-year']) : due.year,
        },
      },
      owners: ownerOptions(users, str(values.ownerUserId), 'Choose who is to answer'),
      meetings: [
        { value: '', text: 'Not raised at a meeting', selected: meetingId === '' },
        ...meetings.map((m) => ({
          value: m.id,
          text: `${formatDate(m.heldOn)}: ${m.subject}`,
          selected: m.id === meetingId,
        })),
      ],
      errors,
      errorList: errorList(errors),
    },
    status ?? (Object.keys(errors).length ? 400 : 200),
  );
}

async function raiseChallenge(ctx: RequestContext) {
  const form = body(ctx);
  const errors: Errors = {};
  if (!str(form.question)) errors.question = 'Enter the question the challenge asks';
  if (!str(form.raisedBy)) errors.raisedBy = 'Enter who raised it, as a name or an office';
  if (!str(form.ownerUserId)) errors.ownerUserId = 'Choose who is to answer';
  const due = dateFrom(form, 'dueOn', 'The due date');
  if (due.error) errors['dueOn-day'] = due.error;
  const exception = await exceptionFrom(ctx, form);
  if (exception.error) errors.exception = exception.error;
  if (Object.keys(errors).length) return renderNewChallenge(ctx, form, errors);
  try {
    const c = await ctx.deps.records.challenges.raise(
      {
        question: str(form.question),
        raisedBy: str(form.raisedBy),
        ownerUserId: str(form.ownerUserId),
        dueOn: due.value,
        meetingId: str(form.meetingId) || null,
        exception: exception.value,
      },
      actorOf(ctx),
    );
    return ctx.redirect(`/challenges/${c.id}`, { text: 'Challenge raised.', success: true });
  } catch (e) {
    if (isBluelampError(e) && e.code === 'UNKNOWN_RECORD')
      return renderNewChallenge(ctx, form, { meetingId: 'Choose a meeting from the list' });
    return renderNewChallenge(ctx, form, recordsError(e));
  }
}

const STEP_TEXT: Partial<Record<ChallengeStatus, { text: string; hint: string }>> = {
  closed: { text: 'Close it: the answer is accepted', hint: 'Nothing more is asked.' },
  open: {
    text: 'Ask for a further answer',
    hint: 'It goes back to the owner, open again. Say what is missing in the note.',
  },
  withdrawn: { text: 'Withdraw it', hint: 'It is no longer asked. Say why in the note.' },
};

async function challengePage(ctx: RequestContext, errors: Errors = {}, values: Form = {}) {
  const c = await challengeOr404(ctx);
  const [{ names }, history, meeting] = await Promise.all([
    people(ctx),
    ctx.deps.records.challenges.history(c.id),
    c.meetingId ? ctx.deps.records.meetings.byId(c.meetingId) : Promise.resolve(null),
  ]);
  const who = actingOf(ctx);
  const day = today(ctx);
  const row = challengeRow(c, names, day);
  const canAnswer =
    can(ctx.user, 'answer_challenges') &&
    stepsFor(CHALLENGE_STEPS, c.status, who, c.ownerUserId).some((s) => s.to === 'answered');
  const steps = can(ctx.user, 'manage_meetings')
    ? stepsFor(CHALLENGE_STEPS, c.status, who, c.ownerUserId).filter((s) => s.to !== 'answered')
    : [];
  return ctx.render(
    'challenges-view.njk',
    {
      subNav: subNav('challenges'),
      challenge: {
        id: c.id,
        question: paragraphs(c.question),
        status: challengeTag(c.status),
        due: dueView(c, day),
        response: c.response ? paragraphs(c.response) : null,
        respondedOn: c.respondedOn ? formatDate(c.respondedOn) : null,
        summary: [
          { key: 'Raised by', value: c.raisedBy },
          { key: 'Raised on', value: row.raised },
          { key: 'To be answered by', value: row.owner },
          { key: 'Due', value: dueText(row.due) },
        ],
        meeting: meeting
          ? {
              href: `/meetings/${meeting.id}`,
              text: `${formatDate(meeting.heldOn)}: ${meeting.subject}`,
            }
          : null,
      },
      exception: exceptionView(c.exception),
      canAnswer,
      answerText: str(values.response),
      steps: steps.map((s, i) => ({
        value: s.to,
        text: STEP_TEXT[s.to]?.text ?? s.label,
        hint: { text: STEP_TEXT[s.to]?.hint ?? '' },
        checked: str(values.to) ? str(values.to) === s.to : i === 0,
      })),
      timeline: timelineView(history, names),
      errors,
      errorList: errorList(errors),
    },
    Object.keys(errors).length ? 400 : 200,
  );
}

async function answerChallenge(ctx: RequestContext) {
  const c = await challengeOr404(ctx);
  const response = str(body(ctx).response);
  if (!response) return challengePage(ctx, { response: 'Enter your answer' }, body(ctx));
  try {
    await ctx.deps.records.challenges.answer(c.id, response, actorOf(ctx));
  } catch (e) {
    return challengePage(ctx, recordsError(e), body(ctx));
  }
  return ctx.redirect(`/challenges/${c.id}`, { text: 'Answer sent.', success: true });
}

async function challengeStatus(ctx: RequestContext) {
  const c = await challengeOr404(ctx);
  const form = body(ctx);
  const to = str(form.to);
  if (!['closed', 'open', 'withdrawn'].includes(to))
    return challengePage(ctx, { to: 'Choose what happens next' }, form);
  await ctx.deps.records.challenges.transition(
    c.id,
    to as ChallengeStatus,
    actorOf(ctx),
    str(form.note),
  );
  const done: Record<string, string> = {
    closed: 'Challenge closed.',
    open: 'A further answer has been asked for.',
    withdrawn: 'Challenge withdrawn.',
  };
  return ctx.redirect(`/challenges/${c.id}`, { text: done[to] ?? 'Saved.', success: true });
}

// ---- The public site ---------------------------------------------------------------------------

async function publicList(ctx: RequestContext) {
  const meetings = await ctx.deps.records.meetings.list({ published: true });
  return ctx.render('meetings-public-list.njk', {
    org: await organisation(ctx.deps),
    meetings: meetings.map(publicMeeting),
  });
}

async function publicView(ctx: RequestContext) {
  const m = await ctx.deps.records.meetings.byId(param(ctx, 'id'));
  if (!m || m.notesPublishedOn === null) throw new Refused('not_found');
  return ctx.render('meetings-public-view.njk', {
    org: await organisation(ctx.deps),
    meeting: publicMeeting(m),
  });
}

const EXAMPLE_DATE = { 'heldOn-day': '3', 'heldOn-month': '6', 'heldOn-year': '2024' };

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/meetings',
    access: 'view_accountability',
    example: { url: '/meetings?type=thematic' },
    handler: meetingsList,
  },
  {
    method: 'GET',
    url: '/meetings/new',
    access: 'manage_meetings',
    example: { url: '/meetings/new' },
    handler: (ctx) => renderNewMeeting(ctx, {}),
  },
  {
    method: 'POST',
    url: '/meetings',
    access: 'manage_meetings',
    example: {
      url: '/meetings',
      form: { type: 'thematic', subject: 'Example meeting (test)', ...EXAMPLE_DATE },
    },
    handler: addMeeting,
  },
  {
    method: 'GET',
    url: '/meetings/:id',
    access: 'view_accountability',
    example: { url: '/meetings/1' },
    handler: (ctx) => meetingPage(ctx),
  },
  {
    method: 'POST',
    url: '/meetings/:id/notes',
    access: 'manage_meetings',
    example: { url: '/meetings/2/notes', form: { notes: 'Example notes (test).' } },
    handler: saveNotes,
  },
  {
    method: 'POST',
    url: '/meetings/:id/publish',
    access: 'manage_meetings',
    example: { url: '/meetings/999999/publish', form: {} },
    handler: publishNotes,
  },
  {
    method: 'POST',
    url: '/meetings/:id/actions',
    access: 'manage_meetings',
    example: { url: '/meetings/2/actions', form: { text: 'Example action (test).' } },
    handler: addAction,
  },
  {
    // The owner (or the office) marks an action done; the records check which.
    method: 'POST',
    url: '/meetings/:id/actions/:actionId/done',
    access: 'answer_challenges',
    example: { url: '/meetings/1/actions/999999/done', form: {} },
    handler: actionStep('done'),
  },
  {
    method: 'POST',
    url: '/meetings/:id/actions/:actionId/drop',
    access: 'manage_meetings',
    example: { url: '/meetings/1/actions/999999/drop', form: {} },
    handler: actionStep('dropped'),
  },
  {
    method: 'GET',
    url: '/challenges',
    access: 'view_accountability',
    example: { url: '/challenges?show=overdue' },
    handler: challengesList,
  },
  {
    method: 'GET',
    url: '/challenges/new',
    access: 'manage_meetings',
    example: {
      url: '/challenges/new?measure=oc16_rate&period=2021/22-Q4&lpa=&signal=target%20missed',
    },
    handler: (ctx) => renderNewChallenge(ctx, query(ctx)),
  },
  {
    method: 'POST',
    url: '/challenges',
    access: 'manage_meetings',
    example: { url: '/challenges', form: { question: 'Example question (test)?' } },
    handler: raiseChallenge,
  },
  {
    method: 'GET',
    url: '/challenges/:id',
    access: 'view_accountability',
    example: { url: '/challenges/1' },
    handler: (ctx) => challengePage(ctx),
  },
  {
    // Only the challenge's owner may answer: the records refuse anyone else.
    method: 'POST',
    url: '/challenges/:id/response',
    access: 'answer_challenges',
    example: { url: '/challenges/999999/response', form: { response: 'Example answer.' } },
    handler: answerChallenge,
  },
  {
    // Close, withdraw or ask again: oversight only (the records' rule).
    method: 'POST',
    url: '/challenges/:id/status',
    access: 'manage_meetings',
    example: { url: '/challenges/999999/status', form: { to: 'closed' } },
    handler: challengeStatus,
  },
  {
    method: 'GET',
    url: '/public/meetings',
    access: 'public',
    example: { url: '/public/meetings' },
    handler: publicList,
  },
  {
    method: 'GET',
    url: '/public/meetings/:id',
    access: 'public',
    example: { url: '/public/meetings/1' },
    handler: publicView,
  },
];
