import type { z } from 'zod';
import { BluelampError } from '../../lib/errors.ts';
import { londonDate } from '../../records/accountability/clock.ts';
import type { HistoryEntry } from '../../records/accountability/history.ts';
import {
  dueState,
  type Challenge,
  type Meeting,
  type MeetingAction,
} from '../../records/accountability/meetings-types.ts';
import type { RequestContext } from '../route.ts';
import { ApiError, NoQuery } from '../schemas/api.ts';
import {
  AnswerChallengeBody,
  ApiChallengeDetail,
  ApiChallengeList,
  ApiMeetingDetail,
  ApiMeetingList,
  ApiChallenge,
  ChallengeParams,
  ChallengesQuery,
  MeetingParams,
  MeetingsQuery,
  RaiseChallengeBody,
} from '../schemas/api-meetings.ts';
import { apiRoute, type ApiOperation } from './define.ts';

/**
 * Holding to account in the JSON API: meetings (with their challenges, actions and timeline),
 * written challenges (filtered by status or overdue), raising one (admin or oversight) and
 * answering one (its owner only: the records' rule). The same records and rules as the pages.
 */
const err = (description: string) => ({ description, schema: ApiError });
const COMMON = {
  400: err('A parameter or a body field is not valid.'),
  401: err('No valid bearer token.'),
  403: err("The token's role does not allow this."),
};
const JSON_BODY = ['application/json'] as const;

const today = (ctx: RequestContext) => londonDate(ctx.deps.clock.now());
const actor = (ctx: RequestContext) => ({ userId: ctx.user?.id ?? null, via: 'api' as const });

/** A JSON body read with its schema; a failure names the field and the rule. */
function bodyOf<S extends z.ZodType>(ctx: RequestContext, schema: S): z.output<S> {
  const r = schema.safeParse(ctx.req.body ?? {});
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw new BluelampError(
    'BAD_INPUT',
    `The body field "${first?.path.join('.') || '(body)'}" is not valid: ${first?.message ?? 'invalid'}.`,
    { hint: 'See /api/v1/openapi.json for what each operation takes.' },
  );
}

const due = (item: Challenge | MeetingAction, day: string) => {
  const state = dueState(item, day);
  return { state, overdue: state === 'overdue' };
};

const timeline = (entries: readonly HistoryEntry[]) =>
  entries.map((h) => ({
    at: h.at.toISOString(),
    actorUserId: h.actorUserId,
    via: h.via,
    action: h.action,
    before: { ...h.before },
    after: { ...h.after },
    note: h.note,
  }));

const challengeJson = (c: Challenge, day: string) => ({
  ...c,
  exception: c.exception ? { ...c.exception } : null,
  due: due(c, day),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const meetingJson = (m: Meeting) => ({
  ...m,
  attendees: [...m.attendees],
  agenda: [...m.agenda],
  papers: m.papers.map((p) => ({ ...p })),
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

const actionJson = (a: MeetingAction, day: string) => ({
  id: a.id,
  meetingId: a.meetingId,
  text: a.text,
  ownerUserId: a.ownerUserId,
  dueOn: a.dueOn,
  status: a.status,
  doneOn: a.doneOn,
  due: due(a, day),
});

const notFound = (what: string) =>
  new BluelampError('UNKNOWN_RECORD', `There is no ${what} with that id.`);

export const operations: ApiOperation[] = [
  {
    method: 'GET',
    url: '/api/v1/meetings',
    access: 'view_accountability',
    operationId: 'listMeetings',
    summary: 'Holding-to-account meetings, latest first.',
    query: MeetingsQuery,
    responses: { 200: { description: 'The meetings.', schema: ApiMeetingList }, ...COMMON },
    example: { url: '/api/v1/meetings?type=thematic' },
    handler: async (ctx, { query }) => {
      const { type } = query as z.infer<typeof MeetingsQuery>;
      const meetings = await ctx.deps.records.meetings.list(type ? { type } : {});
      return { status: 200, body: { meetings: meetings.map(meetingJson) } };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/meetings/:id',
    access: 'view_accountability',
    operationId: 'getMeeting',
    summary: 'One meeting with its challenges, actions and timeline.',
    params: MeetingParams,
    query: NoQuery,
    responses: {
      200: { description: 'The meeting.', schema: ApiMeetingDetail },
      ...COMMON,
      404: err('There is no meeting with that id.'),
    },
    example: { url: '/api/v1/meetings/1' },
    handler: async (ctx, { params }) => {
      const { id } = params as z.infer<typeof MeetingParams>;
      const m = await ctx.deps.records.meetings.byId(id);
      if (!m) throw notFound('meeting');
      const day = today(ctx);
      const [challenges, actions, history] = await Promise.all([
        ctx.deps.records.challenges.list({ meetingId: m.id }),
        ctx.deps.records.meetingActions.list({ meetingId: m.id }),
        ctx.deps.records.meetings.history(m.id),
      ]);
      return {
        status: 200,
        body: {
          ...meetingJson(m),
          challenges: challenges.map((c) => challengeJson(c, day)),
          actions: actions.map((a) => actionJson(a, day)),
          timeline: timeline(history),
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/challenges',
    access: 'view_accountability',
    operationId: 'listChallenges',
    summary: 'Written challenges, soonest due first, with their due clock for today.',
    query: ChallengesQuery,
    responses: { 200: { description: 'The challenges.', schema: ApiChallengeList }, ...COMMON },
    example: { url: '/api/v1/challenges?overdue=true' },
    handler: async (ctx, { query }) => {
      const q = query as z.infer<typeof ChallengesQuery>;
      const day = today(ctx);
      const all = await ctx.deps.records.challenges.list(q.status ? { status: q.status } : {});
      const shown =
        q.overdue === undefined
          ? all
          : all.filter((c) => (dueState(c, day) === 'overdue') === (q.overdue === 'true'));
      return {
        status: 200,
        body: { today: day, challenges: shown.map((c) => challengeJson(c, day)) },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/challenges/:id',
    access: 'view_accountability',
    operationId: 'getChallenge',
    summary: 'One challenge with the exception that prompted it and its timeline.',
    params: ChallengeParams,
    query: NoQuery,
    responses: {
      200: { description: 'The challenge.', schema: ApiChallengeDetail },
      ...COMMON,
      404: err('There is no challenge with that id.'),
    },
    example: { url: '/api/v1/challenges/1' },
    handler: async (ctx, { params }) => {
      const { id } = params as z.infer<typeof ChallengeParams>;
      const c = await ctx.deps.records.challenges.byId(id);
      if (!c) throw notFound('challenge');
      const history = await ctx.deps.records.challenges.history(c.id);
      return {
        status: 200,
        body: { ...challengeJson(c, today(ctx)), timeline: timeline(history) },
      };
    },
  },
  {
    method: 'POST',
    url: '/api/v1/challenges',
    access: 'manage_meetings',
    operationId: 'raiseChallenge',
    summary: 'Raises a written challenge (admin or oversight), for a lead or oversight owner.',
    description:
      'Optionally linked to a meeting and to the measure exception that prompted it (measure id, period, LPA with "" for the whole force, and the signal in words).',
    query: NoQuery,
    body: {
      description: 'The challenge, as JSON.',
      contentTypes: JSON_BODY,
      schema: RaiseChallengeBody,
    },
    responses: {
      201: { description: 'Raised.', schema: ApiChallenge },
      ...COMMON,
      404: err('There is no meeting with that id.'),
    },
    example: {
      url: '/api/v1/challenges',
      form: { question: 'Example question (test)?', raisedBy: 'Example office' },
    },
    handler: async (ctx) => {
      const b = bodyOf(ctx, RaiseChallengeBody);
      const c = await ctx.deps.records.challenges.raise(
        {
          question: b.question,
          raisedBy: b.raisedBy,
          ownerUserId: b.ownerUserId,
          ...(b.raisedOn ? { raisedOn: b.raisedOn } : {}),
          dueOn: b.dueOn ?? null,
          meetingId: b.meetingId ?? null,
          exception: b.exception ?? null,
        },
        actor(ctx),
      );
      return { status: 201, body: challengeJson(c, today(ctx)) };
    },
  },
  {
    method: 'POST',
    url: '/api/v1/challenges/:id/response',
    access: 'answer_challenges',
    operationId: 'answerChallenge',
    summary: "Answers an open challenge: its owner only. It becomes 'answered'.",
    params: ChallengeParams,
    query: NoQuery,
    body: {
      description: 'The answer, as JSON.',
      contentTypes: JSON_BODY,
      schema: AnswerChallengeBody,
    },
    responses: {
      200: { description: 'Answered.', schema: ApiChallenge },
      ...COMMON,
      403: err('Not the owner of the challenge, or a role that cannot answer.'),
      404: err('There is no challenge with that id.'),
      409: err('The challenge is not open.'),
    },
    example: { url: '/api/v1/challenges/999999/response', form: { response: 'Example answer.' } },
    handler: async (ctx, { params }) => {
      const { id } = params as z.infer<typeof ChallengeParams>;
      const { response } = bodyOf(ctx, AnswerChallengeBody);
      const c = await ctx.deps.records.challenges.answer(id, response, actor(ctx));
      return { status: 200, body: challengeJson(c, today(ctx)) };
    },
  },
];

export const routes = operations.map(apiRoute);
