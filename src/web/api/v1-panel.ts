import type { z } from 'zod';
import { BluelampError } from '../../lib/errors.ts';
import type { HistoryEntry } from '../../records/accountability/history.ts';
import type { Complaint, WorkItem } from '../../records/accountability/panel-types.ts';
import type { RequestContext } from '../route.ts';
import { ApiError } from '../schemas/api.ts';
import {
  ApiComplaint,
  ApiComplaintDetail,
  ApiComplaintList,
  ApiWorkProgramme,
  ComplaintBody,
  ComplaintParams,
  ComplaintsQuery,
  WorkProgrammeQuery,
} from '../schemas/api-panel.ts';
import { NoQuery } from '../schemas/api.ts';
import { apiRoute, type ApiOperation } from './define.ts';

/**
 * The panel in the JSON API: complaints about the policing body's holder (list, one with its
 * timeline, recording a new one) and the work programme. view_panel reads, manage_panel
 * records; the records check the role again, as for the pages.
 */
const err = (description: string) => ({ description, schema: ApiError });
const COMMON = {
  400: err('A parameter or a body field is not valid.'),
  401: err('No valid bearer token.'),
  403: err("The token's role does not allow this."),
};

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

export const complaintJson = (c: Complaint): z.infer<typeof ApiComplaint> => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const workJson = (w: WorkItem) => ({
  ...w,
  papersRequested: [...w.papersRequested],
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
});

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

export const operations: ApiOperation[] = [
  {
    method: 'GET',
    url: '/api/v1/complaints',
    access: 'view_panel',
    operationId: 'listComplaints',
    summary: 'Complaints about the conduct of the policing body’s holder, newest received first.',
    query: ComplaintsQuery,
    responses: { 200: { description: 'The complaints.', schema: ApiComplaintList }, ...COMMON },
    example: { url: '/api/v1/complaints?status=recorded' },
    handler: async (ctx, { query }) => {
      const q = query as z.infer<typeof ComplaintsQuery>;
      const list = await ctx.deps.records.complaints.list({
        ...(q.year ? { year: q.year } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.category ? { category: q.category } : {}),
      });
      return { status: 200, body: { complaints: list.map(complaintJson) } };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/complaints/:id',
    access: 'view_panel',
    operationId: 'getComplaint',
    summary: 'One complaint with its timeline (who changed what, when).',
    params: ComplaintParams,
    query: NoQuery,
    responses: {
      200: { description: 'The complaint.', schema: ApiComplaintDetail },
      ...COMMON,
      404: err('There is no complaint with that id.'),
    },
    example: { url: '/api/v1/complaints/1' },
    handler: async (ctx, { params }) => {
      const { id } = params as { id: string };
      const c = await ctx.deps.records.complaints.byId(id);
      if (!c) throw new BluelampError('UNKNOWN_RECORD', 'There is no complaint with that id.');
      const history = await ctx.deps.records.complaints.history(id);
      return { status: 200, body: { complaint: complaintJson(c), timeline: timeline(history) } };
    },
  },
  {
    method: 'POST',
    url: '/api/v1/complaints',
    access: 'manage_panel',
    operationId: 'recordComplaint',
    summary: 'Records a complaint as received (the panel’s members and administrators).',
    query: NoQuery,
    body: { description: 'The complaint (JSON).', contentTypes: ['application/json'] },
    responses: {
      201: { description: 'Recorded.', schema: ApiComplaintDetail },
      ...COMMON,
    },
    example: {
      url: '/api/v1/complaints',
      form: {
        receivedOn: '2024-04-03',
        summary: 'Remarks made at a public meeting (authorisation test).',
        category: 'behaviour',
      },
    },
    handler: async (ctx) => {
      const input = bodyOf(ctx, ComplaintBody);
      const actor = { userId: ctx.user?.id ?? null, via: 'api' as const };
      const c = await ctx.deps.records.complaints.add(input, actor);
      const history = await ctx.deps.records.complaints.history(c.id);
      return { status: 201, body: { complaint: complaintJson(c), timeline: timeline(history) } };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/work-programme',
    access: 'view_panel',
    operationId: 'getWorkProgramme',
    summary: 'The panel’s work programme, by meeting date (undated items last).',
    query: WorkProgrammeQuery,
    responses: { 200: { description: 'The work programme.', schema: ApiWorkProgramme }, ...COMMON },
    example: { url: '/api/v1/work-programme' },
    handler: async (ctx, { query }) => {
      const q = query as z.infer<typeof WorkProgrammeQuery>;
      const items = await ctx.deps.records.workProgramme.list(q.status ? { status: q.status } : {});
      return { status: 200, body: { items: items.map(workJson) } };
    },
  },
];

export const routes = operations.map(apiRoute);
