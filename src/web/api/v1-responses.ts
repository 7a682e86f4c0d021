import type { z } from 'zod';
import { BluelampError, badInput } from '../../lib/errors.ts';
import { RESPONSE_DUTIES, londonDate } from '../../records/accountability/clock.ts';
import type { Actor, StatutoryResponse } from '../../records/api.ts';
import { responseClock } from '../models/responses.ts';
import type { RequestContext } from '../route.ts';
import { NoQuery } from '../schemas/api.ts';
import {
  ApiResponseDetail,
  ApiResponseList,
  ApproveBody,
  DraftBody,
  EditBody,
  PublishBody,
  RESPONSE_ERRORS,
  ResponseIdParams,
  WRITE_ERRORS,
  type ApiResponseSummary,
} from '../schemas/api-responses.ts';
import { apiRoute, type ApiOperation } from './define.ts';

/**
 * Statutory responses in the API: what is due when (every response, soonest due first, with
 * its clock for today) and each response with its items; and the same steps as the pages —
 * draft from the register, edit, approve (oversight only, the records' rule), publish (only
 * once approved). The records decide who may do what; these routes gate by capability.
 */
const today = (ctx: RequestContext) => londonDate(ctx.deps.clock.now());
const actorOf = (ctx: RequestContext): Actor => ({ userId: ctx.user?.id ?? null, via: 'api' });
const JSON_BODY = ['application/json'] as const;

function summary(r: StatutoryResponse, on: string): z.infer<typeof ApiResponseSummary> {
  const clock = responseClock(r.dueOn, on, r.publishedOn);
  return {
    id: r.id,
    inspection_id: r.sourceId,
    inspection_title: r.source.title,
    inspection_kind: r.source.kind,
    inspection_published_on: r.source.publishedOn,
    statute: r.statute,
    days: r.days,
    status: r.status,
    due_on: r.dueOn,
    published_on: r.publishedOn,
    copies_to: [...r.copiesTo],
    clock: { state: clock.state, days: clock.days, label: clock.label },
  };
}

const detail = (r: StatutoryResponse, on: string): z.infer<typeof ApiResponseDetail> => ({
  ...summary(r, on),
  intro: r.intro,
  items: r.items.map((i) => ({
    finding_id: i.findingId,
    ref: i.ref,
    kind: i.kind,
    text: i.text,
    position: i.position,
    planned_action: i.plannedAction,
  })),
  chief_officer_invited_on: r.chiefOfficerInvitedOn,
  chief_officer_comments: r.chiefOfficerComments,
  body_reply: r.bodyReply,
  approved_at: r.approvedAt?.toISOString() ?? null,
});

/** A JSON body read with its schema; a failure names the field and the rule. */
function bodyOf<S extends z.ZodType>(ctx: RequestContext, schema: S): z.output<S> {
  const r = schema.safeParse(ctx.req.body ?? {});
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw badInput(
    `The body field "${first?.path.join('.') || '(body)'}" is not valid: ${first?.message ?? 'invalid'}.`,
    'See /api/v1/openapi.json for what each operation takes.',
  );
}

const idOf = (params: unknown) => (params as { id: string }).id;

async function found(ctx: RequestContext, id: string): Promise<StatutoryResponse> {
  const r = await ctx.deps.records.responses.byId(id);
  if (!r) throw new BluelampError('UNKNOWN_RECORD', 'There is no response with that id.');
  return r;
}

export const operations: ApiOperation[] = [
  {
    method: 'GET',
    url: '/api/v1/responses',
    access: 'view_accountability',
    operationId: 'listResponses',
    summary: 'Every statutory response, soonest due first, with its clock for today.',
    query: NoQuery,
    responses: {
      200: { description: 'The responses.', schema: ApiResponseList },
      ...RESPONSE_ERRORS,
    },
    example: { url: '/api/v1/responses' },
    handler: async (ctx) => {
      const on = today(ctx);
      const list = await ctx.deps.records.responses.list();
      return { status: 200, body: { today: on, responses: list.map((r) => summary(r, on)) } };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/responses/:id',
    access: 'view_accountability',
    operationId: 'getResponse',
    summary: 'One statutory response with each finding, position and planned action.',
    params: ResponseIdParams,
    query: NoQuery,
    responses: {
      200: { description: 'The response.', schema: ApiResponseDetail },
      ...RESPONSE_ERRORS,
    },
    example: { url: '/api/v1/responses/3' },
    handler: async (ctx, { params }) => ({
      status: 200,
      body: detail(await found(ctx, idOf(params)), today(ctx)),
    }),
  },
  {
    method: 'POST',
    url: '/api/v1/responses',
    access: 'manage_responses',
    operationId: 'draftResponse',
    summary:
      "Drafts the response to a report with a duty (HMICFRS; Victims' Commissioner) from the register.",
    query: NoQuery,
    body: { description: 'JSON: {"inspection_id": "<source id>"}', contentTypes: JSON_BODY },
    responses: {
      201: { description: 'The new draft.', schema: ApiResponseDetail },
      ...WRITE_ERRORS,
    },
    example: { url: '/api/v1/responses', form: { inspection_id: '4' } },
    handler: async (ctx) => {
      const { inspection_id } = bodyOf(ctx, DraftBody);
      const r = await ctx.deps.records.responses.draft(inspection_id, actorOf(ctx));
      return { status: 201, body: detail(r, today(ctx)) };
    },
  },
  {
    method: 'POST',
    url: '/api/v1/responses/:id',
    access: 'manage_responses',
    operationId: 'editResponse',
    summary:
      'Saves any parts of a draft: introduction, items, the chief officer’s comments, the reply.',
    params: ResponseIdParams,
    query: NoQuery,
    body: {
      description:
        'JSON: any of intro, chief_officer_invited_on, chief_officer_comments, body_reply, items [{finding_id, position, planned_action}], note.',
      contentTypes: JSON_BODY,
    },
    responses: {
      200: { description: 'The draft as saved.', schema: ApiResponseDetail },
      ...WRITE_ERRORS,
    },
    example: { url: '/api/v1/responses/999999', form: { intro: 'Matrix' } },
    handler: async (ctx, { params }) => {
      const id = idOf(params);
      await found(ctx, id);
      const b = bodyOf(ctx, EditBody);
      const r = await ctx.deps.records.responses.edit(
        id,
        {
          ...(b.intro !== undefined ? { intro: b.intro } : {}),
          ...(b.chief_officer_invited_on !== undefined
            ? { chiefOfficerInvitedOn: b.chief_officer_invited_on }
            : {}),
          ...(b.chief_officer_comments !== undefined
            ? { chiefOfficerComments: b.chief_officer_comments }
            : {}),
          ...(b.body_reply !== undefined ? { bodyReply: b.body_reply } : {}),
          ...(b.items
            ? {
                items: b.items.map((i) => ({
                  findingId: i.finding_id,
                  position: i.position,
                  plannedAction: i.planned_action,
                })),
              }
            : {}),
        },
        actorOf(ctx),
        b.note,
      );
      return { status: 200, body: detail(r, today(ctx)) };
    },
  },
  {
    method: 'POST',
    url: '/api/v1/responses/:id/approve',
    access: 'manage_responses',
    operationId: 'approveResponse',
    summary: 'Approves a draft (oversight only), once every finding has a position and action.',
    params: ResponseIdParams,
    query: NoQuery,
    body: { description: 'JSON: {"note": "…"} (optional).', contentTypes: JSON_BODY },
    responses: {
      200: { description: 'The approved response.', schema: ApiResponseDetail },
      ...WRITE_ERRORS,
    },
    example: { url: '/api/v1/responses/999999/approve', form: { note: '' } },
    handler: async (ctx, { params }) => {
      const { note } = bodyOf(ctx, ApproveBody);
      const r = await ctx.deps.records.responses.approve(idOf(params), actorOf(ctx), note);
      return { status: 200, body: detail(r, today(ctx)) };
    },
  },
  {
    method: 'POST',
    url: '/api/v1/responses/:id/publish',
    access: 'manage_responses',
    operationId: 'publishResponse',
    summary:
      'Publishes an approved response with its date and copies-to list (refused before approval).',
    params: ResponseIdParams,
    query: NoQuery,
    body: {
      description:
        'JSON: {"published_on": "2024-04-20", "copies_to": ["…"]}; copies_to defaults to the duty’s.',
      contentTypes: JSON_BODY,
    },
    responses: {
      200: { description: 'The published response.', schema: ApiResponseDetail },
      ...WRITE_ERRORS,
    },
    example: { url: '/api/v1/responses/999999/publish', form: { published_on: '2020-01-01' } },
    handler: async (ctx, { params }) => {
      const id = idOf(params);
      const current = await found(ctx, id);
      const b = bodyOf(ctx, PublishBody);
      if (current.status === 'approved' && b.published_on > today(ctx))
        throw badInput('The body field "published_on" is not valid: it cannot be in the future.');
      const r = await ctx.deps.records.responses.publish(
        id,
        {
          publishedOn: b.published_on,
          copiesTo: b.copies_to ?? [...RESPONSE_DUTIES[current.source.kind].copiesTo],
        },
        actorOf(ctx),
      );
      return { status: 200, body: detail(r, today(ctx)) };
    },
  },
];

export const routes = operations.map(apiRoute);
