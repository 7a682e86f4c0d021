import { z } from 'zod';
import { BluelampError } from '../../lib/errors.ts';
import { londonDate } from '../../records/accountability/clock.ts';
import type { Commitment, DeliveryUpdate, Plan, PlanTree } from '../../records/api.ts';
import type { RequestContext } from '../route.ts';
import { ApiError, NoQuery } from '../schemas/api.ts';
import {
  CommitmentParams,
  DeliveryUpdateBody,
  PlanCommitmentDetail,
  PlanCommitments,
  PlanTreeBody,
} from '../schemas/api-plan.ts';
import { apiRoute, type ApiOperation } from './define.ts';

/**
 * The plan's API: the plan in force as a tree, its commitments with their latest status, one
 * commitment with its quarterly updates, and posting an update (JSON, the same rules as the
 * page: the commitment's lead, or the policing body's office for the body's own; one per
 * quarter). The OpenAPI document lists these (v1.ts).
 */
const err = (description: string) => ({ description, schema: ApiError });
const COMMON = {
  401: err('No valid bearer token.'),
  403: err("The token's role does not allow this."),
  404: err('There is no plan, or no commitment with that id.'),
};

async function planOf(ctx: RequestContext): Promise<Plan> {
  const plan = await ctx.deps.records.plan.current(londonDate(ctx.deps.clock.now()));
  if (!plan) throw new BluelampError('UNKNOWN_RECORD', 'There is no plan yet.');
  return plan;
}

const updateBody = (u: DeliveryUpdate): z.infer<typeof DeliveryUpdateBody> => ({
  ...u,
  submittedAt: u.submittedAt.toISOString(),
});

type Latest = ReadonlyMap<string, { quarter: string; status: DeliveryUpdate['status'] }>;

async function latestOf(ctx: RequestContext, planId: string): Promise<Latest> {
  const m = new Map<string, { quarter: string; status: DeliveryUpdate['status'] }>();
  // Oldest quarter first: the last one set for each commitment is its latest.
  for (const u of await ctx.deps.records.delivery.forPlan(planId))
    m.set(u.commitmentId, { quarter: u.quarter, status: u.status });
  return m;
}

const commitmentBody = (c: Commitment & { measureIds: readonly string[] }, latest: Latest) => ({
  id: c.id,
  priorityId: c.priorityId,
  ordinal: c.ordinal,
  text: c.text,
  owner: c.owner,
  leadUserId: c.leadUserId,
  measureIds: [...c.measureIds],
  latest: latest.get(c.id) ?? null,
});

function treeBody(t: PlanTree, latest: Latest): z.infer<typeof PlanTreeBody> {
  return {
    id: t.id,
    title: t.title,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    status: t.status,
    objectives: t.objectives.map((o) => ({
      id: o.id,
      ordinal: o.ordinal,
      title: o.title,
      description: o.description,
      priorities: o.priorities.map((p) => ({
        id: p.id,
        ordinal: p.ordinal,
        title: p.title,
        description: p.description,
        outcomes: p.outcomes.map((x) => ({
          id: x.id,
          ordinal: x.ordinal,
          text: x.text,
          measureIds: [...x.measureIds],
        })),
        commitments: p.commitments.map((c) => commitmentBody(c, latest)),
      })),
    })),
  };
}

async function commitmentDetail(ctx: RequestContext, id: string) {
  const c = await ctx.deps.records.plan.commitment(id);
  if (!c) throw new BluelampError('UNKNOWN_RECORD', 'There is no commitment with that id.');
  const updates = await ctx.deps.records.delivery.forCommitment(c.id);
  const last = updates.at(-1);
  const latest: Latest = new Map(
    last ? [[c.id, { quarter: last.quarter, status: last.status }]] : [],
  );
  return {
    ...commitmentBody(c, latest),
    planId: c.plan.id,
    objectiveId: c.objective.id,
    updates: updates.map(updateBody),
  };
}

export const operations: ApiOperation[] = [
  {
    method: 'GET',
    url: '/api/v1/plan',
    access: 'view_accountability',
    operationId: 'getPlan',
    summary:
      'The Police and Crime Plan in force: objectives, priorities, outcomes and commitments.',
    description:
      'Each commitment has its owner (the policing body or the Chief Constable), its lead, the catalogue measures linked to it and its latest delivery status.',
    query: NoQuery,
    responses: { 200: { description: 'The plan as a tree.', schema: PlanTreeBody }, ...COMMON },
    example: { url: '/api/v1/plan' },
    handler: async (ctx) => {
      const plan = await planOf(ctx);
      const [tree, latest] = await Promise.all([
        ctx.deps.records.plan.tree(plan.id),
        latestOf(ctx, plan.id),
      ]);
      return { status: 200, body: treeBody(tree, latest) };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/plan/commitments',
    access: 'view_accountability',
    operationId: 'listPlanCommitments',
    summary: "The plan's commitments in order, each with its latest delivery status.",
    query: NoQuery,
    responses: { 200: { description: 'The commitments.', schema: PlanCommitments }, ...COMMON },
    example: { url: '/api/v1/plan/commitments' },
    handler: async (ctx) => {
      const plan = await planOf(ctx);
      const [tree, latest] = await Promise.all([
        ctx.deps.records.plan.tree(plan.id),
        latestOf(ctx, plan.id),
      ]);
      const commitments = tree.objectives.flatMap((o) =>
        o.priorities.flatMap((p) => p.commitments.map((c) => commitmentBody(c, latest))),
      );
      return { status: 200, body: { planId: plan.id, commitments } };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/plan/commitments/:id',
    access: 'view_accountability',
    operationId: 'getPlanCommitment',
    summary: 'One commitment with its delivery updates, oldest quarter first.',
    params: CommitmentParams,
    query: NoQuery,
    responses: {
      200: { description: 'The commitment.', schema: PlanCommitmentDetail },
      400: err('The id is not a number.'),
      ...COMMON,
    },
    example: { url: '/api/v1/plan/commitments/1' },
    handler: async (ctx, { params }) => ({
      status: 200,
      body: await commitmentDetail(ctx, (params as { id: string }).id),
    }),
  },
  {
    method: 'POST',
    url: '/api/v1/plan/commitments/:id/updates',
    access: 'update_delivery',
    operationId: 'postPlanDeliveryUpdate',
    summary: "Posts a commitment's delivery update for a quarter.",
    description:
      'JSON: `{"quarter": "2024-25 Q2", "status": "on_track", "narrative": "…", "evidence": "…"}`; status is one of complete, on_track, some_concerns, off_track, not_started. Only the commitment\'s lead may post, or the policing body\'s office for a commitment the body delivers; one update per quarter (409 for a second), not for a quarter that has not begun.',
    params: CommitmentParams,
    query: NoQuery,
    body: {
      description: 'The update (DeliveryUpdateRequest).',
      contentTypes: ['application/json'],
    },
    responses: {
      201: { description: 'Posted.', schema: DeliveryUpdateBody },
      400: err('The update is not valid: the message names the field and the rule.'),
      409: err('The commitment already has an update for that quarter, or a later one.'),
      ...COMMON,
      403: err('The token’s role does not allow this, or this user does not lead the commitment.'),
    },
    example: {
      url: '/api/v1/plan/commitments/999999/updates',
      form: { quarter: '2021-22 Q1', status: 'on_track', narrative: 'Progress (example).' },
    },
    handler: async (ctx, { params }) => {
      const id = (params as { id: string }).id;
      const c = await ctx.deps.records.plan.commitment(id);
      if (!c) throw new BluelampError('UNKNOWN_RECORD', 'There is no commitment with that id.');
      const input = ctx.req.body;
      if (input === null || typeof input !== 'object' || Array.isArray(input))
        throw new BluelampError('BAD_INPUT', 'Send the update as a JSON object.', {
          hint: 'Content-Type: application/json; fields quarter, status, narrative and evidence.',
        });
      const u = await ctx.deps.records.delivery.post(c.id, input as never, {
        userId: ctx.user?.id ?? null,
        via: 'api',
      });
      return { status: 201, body: updateBody(u) };
    },
  },
];

export const routes = operations.map(apiRoute);
