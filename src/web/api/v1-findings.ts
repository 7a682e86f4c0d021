import type { z } from 'zod';
import { BluelampError } from '../../lib/errors.ts';
import { ageBand, dueFlag, monthsSince } from '../../records/accountability/age.ts';
import { clockState, londonDate, s55DueOn } from '../../records/accountability/clock.ts';
import { nextSteps, OPEN_STATUSES } from '../../records/accountability/lifecycle.ts';
import type {
  Evidence,
  EvidenceFile,
  Finding,
  FindingSource,
  Rag,
  StatutoryResponse,
} from '../../records/api.ts';
import { ageProfileModel, registerEntries, type RegisterEntry } from '../models/findings.ts';
import type { RequestContext } from '../route.ts';
import { ApiError, NoQuery } from '../schemas/api.ts';
import {
  ApiAuditPage,
  ApiFinding,
  ApiFindingDetail,
  ApiFindingList,
  ApiInspectionDetail,
  ApiInspectionList,
  ApiUpdateResult,
  AuditQuery,
  FindingParams,
  FindingsQuery,
  InspectionParams,
  TransitionBody,
  UpdateBody,
} from '../schemas/api-findings.ts';
import { apiRoute, type ApiOperation } from './define.ts';

/**
 * The findings register in the JSON API: inspections and other sources, findings (filtered as
 * the register page filters them) with their history, evidence metadata and board reviews, a
 * lifecycle step and a progress update (JSON bodies, bearer tokens: no CSRF), and the audit
 * log. The records apply the same item rules as on the pages: a step the lifecycle does not
 * allow is 409 INVALID_TRANSITION, one this caller may not take 403 NOT_PERMITTED.
 */
const err = (description: string) => ({ description, schema: ApiError });
const COMMON = {
  400: err('A parameter or a body field is not valid.'),
  401: err('No valid bearer token.'),
  403: err("The token's role (or the finding's own rules) does not allow this."),
};
const NOT_FOUND = { 404: err('No finding or report with that id.') };
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

const unknown = (what: string) =>
  new BluelampError('UNKNOWN_RECORD', `There is no ${what} with that id.`);

function findingJson(f: Finding, source: FindingSource, rag: Rag | null, day: string) {
  return {
    id: f.id,
    sourceId: f.sourceId,
    ref: f.ref,
    kind: f.kind,
    text: f.text,
    scope: f.scope,
    due: f.due,
    leadUserId: f.leadUserId,
    status: f.status,
    rag,
    dueFlag: dueFlag(f, day),
    ageMonths: monthsSince(source.publishedOn, day),
    ageBand: ageBand(source.publishedOn, day),
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

const entryJson = (e: RegisterEntry, day: string) => findingJson(e.finding, e.source, e.rag, day);

function responseJson(s: FindingSource, r: StatutoryResponse | null, day: string) {
  if (s.kind !== 'hmicfrs') return null;
  const dueOn = r?.dueOn ?? s55DueOn(s.publishedOn);
  const publishedOn = r?.publishedOn ?? null;
  return {
    responseId: r?.id ?? null,
    status: r?.status ?? null,
    dueOn,
    publishedOn,
    clock: clockState({ dueOn, publishedOn }, day),
  };
}

function inspectionJson(
  s: FindingSource,
  findings: readonly Finding[],
  r: StatutoryResponse | null,
  day: string,
) {
  const own = findings.filter((f) => f.sourceId === s.id);
  const byStatus: Record<string, number> = {};
  for (const f of own) byStatus[f.status] = (byStatus[f.status] ?? 0) + 1;
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    reportKind: s.reportKind,
    publishedOn: s.publishedOn,
    url: s.url,
    peelGrades: s.peelGrades ? { ...s.peelGrades } : null,
    findings: own.length,
    byStatus,
    response: responseJson(s, r, day),
  };
}

function evidenceJson(findingId: string, e: Evidence, files: readonly EvidenceFile[]) {
  return {
    id: e.id,
    text: e.text,
    link: e.link,
    coversOn: e.coversOn,
    addedAt: e.addedAt.toISOString(),
    addedBy: e.addedBy,
    files: files
      .filter((x) => x.evidenceId === e.id)
      .map((x) => ({
        id: x.id,
        fileName: x.fileName,
        mediaType: x.mediaType,
        bytes: x.bytes,
        sha256: x.sha256,
        addedAt: x.addedAt.toISOString(),
        download: `/findings/${findingId}/evidence/${x.id}`,
      })),
  };
}

async function findingDetail(ctx: RequestContext, id: string) {
  const f = await ctx.deps.records.findings.byId(id);
  const source = f ? await ctx.deps.records.findingSources.byId(f.sourceId) : null;
  if (!f || !source) throw unknown('finding');
  const user = ctx.user as NonNullable<RequestContext['user']>;
  const [rag, history, evidence, files, reviews] = await Promise.all([
    ctx.deps.records.findings.rag(f.id),
    ctx.deps.records.findings.history(f.id),
    ctx.deps.records.findings.evidence(f.id),
    ctx.deps.records.evidenceFiles.forFinding(f.id, actor(ctx)),
    ctx.deps.records.boardReviews.forFinding(f.id),
  ]);
  return {
    ...findingJson(f, source, rag?.rag ?? null, today(ctx)),
    history: history.map((h) => ({
      at: h.at.toISOString(),
      actorUserId: h.actorUserId,
      via: h.via,
      action: h.action,
      before: { ...h.before },
      after: { ...h.after },
      note: h.note,
    })),
    evidence: evidence.map((e) => evidenceJson(f.id, e, files)),
    boardReviews: reviews.map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() })),
    nextSteps: OPEN_STATUSES.includes(f.status)
      ? nextSteps(f.status, { role: user.role, userId: user.id }, f.leadUserId).map((s) => ({
          to: s.to,
          label: s.label,
        }))
      : [],
  };
}

export const operations: ApiOperation[] = [
  {
    method: 'GET',
    url: '/api/v1/inspections',
    access: 'view_accountability',
    operationId: 'listInspections',
    summary: 'Inspections and other reports findings come from, newest first.',
    query: NoQuery,
    responses: { 200: { description: 'The reports.', schema: ApiInspectionList }, ...COMMON },
    example: { url: '/api/v1/inspections' },
    handler: async (ctx) => {
      const day = today(ctx);
      const [sources, findings, responses] = await Promise.all([
        ctx.deps.records.findingSources.list(),
        ctx.deps.records.findings.list(),
        ctx.deps.records.responses.list(),
      ]);
      const inspections = sources.map((s) =>
        inspectionJson(s, findings, responses.find((r) => r.sourceId === s.id) ?? null, day),
      );
      return { status: 200, body: { today: day, inspections } };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/inspections/:id',
    access: 'view_accountability',
    operationId: 'getInspection',
    summary: 'One report, with its findings.',
    params: InspectionParams,
    query: NoQuery,
    responses: {
      200: { description: 'The report.', schema: ApiInspectionDetail },
      ...COMMON,
      ...NOT_FOUND,
    },
    example: { url: '/api/v1/inspections/1' },
    handler: async (ctx, { params }) => {
      const { id } = params as z.infer<typeof InspectionParams>;
      const s = await ctx.deps.records.findingSources.byId(id);
      if (!s) throw unknown('report');
      const day = today(ctx);
      const { entries } = await registerEntries(ctx.deps, { source: s.id });
      const response = await ctx.deps.records.responses.forSource(s.id);
      return {
        status: 200,
        body: {
          ...inspectionJson(
            s,
            entries.map((e) => e.finding),
            response,
            day,
          ),
          findingList: entries.map((e) => entryJson(e, day)),
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/findings',
    access: 'view_accountability',
    operationId: 'listFindings',
    summary: 'The findings register, filtered, with the age profile of the open ones.',
    query: FindingsQuery,
    responses: { 200: { description: 'The findings.', schema: ApiFindingList }, ...COMMON },
    example: { url: '/api/v1/findings?status=open' },
    handler: async (ctx, { query }) => {
      const q = query as z.infer<typeof FindingsQuery>;
      const { entries, today: day } = await registerEntries(ctx.deps, {
        ...(q.source ? { source: q.source } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.lead ? { lead: q.lead } : {}),
        ...(q.overdue === 'true' ? { overdue: true } : {}),
      });
      const profile = ageProfileModel(entries, day);
      return {
        status: 200,
        body: {
          today: day,
          findings: entries.map((e) => entryJson(e, day)),
          ageProfile: { rows: profile.rows, total: profile.total },
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/findings/:id',
    access: 'view_accountability',
    operationId: 'getFinding',
    summary: 'One finding, with its history, evidence (file metadata) and board reviews.',
    description:
      'Evidence files are listed for every role but the panel; download one from the `download` page address when signed in.',
    params: FindingParams,
    query: NoQuery,
    responses: {
      200: { description: 'The finding.', schema: ApiFindingDetail },
      ...COMMON,
      ...NOT_FOUND,
    },
    example: { url: '/api/v1/findings/1' },
    handler: async (ctx, { params }) => ({
      status: 200,
      body: await findingDetail(ctx, (params as z.infer<typeof FindingParams>).id),
    }),
  },
  {
    method: 'POST',
    url: '/api/v1/findings/:id/transitions',
    access: 'work_findings',
    operationId: 'transitionFinding',
    summary: 'Takes one lifecycle step (e.g. in_progress → evidence_submitted).',
    description:
      'Who may take each step is the lifecycle table: the finding’s strategic lead starts work and submits evidence, oversight approves or declines closure, an administrator allocates.',
    params: FindingParams,
    query: NoQuery,
    body: {
      description: 'The status to move to, and a note for the timeline.',
      contentTypes: JSON_BODY,
      schema: TransitionBody,
    },
    responses: {
      200: { description: 'The finding after the step.', schema: ApiFinding },
      ...COMMON,
      ...NOT_FOUND,
      409: err('The lifecycle does not allow that step from the finding’s status.'),
    },
    example: { url: '/api/v1/findings/999999/transitions', form: { to: 'closed' } },
    handler: async (ctx, { params }) => {
      const { id } = params as z.infer<typeof FindingParams>;
      const b = bodyOf(ctx, TransitionBody);
      const f = await ctx.deps.records.findings.transition(id, b.to, actor(ctx), b.note);
      const [source, rag] = await Promise.all([
        ctx.deps.records.findingSources.byId(f.sourceId),
        ctx.deps.records.findings.rag(f.id),
      ]);
      if (!source) throw unknown('report');
      return { status: 200, body: findingJson(f, source, rag?.rag ?? null, today(ctx)) };
    },
  },
  {
    method: 'POST',
    url: '/api/v1/findings/:id/updates',
    access: 'work_findings',
    operationId: 'postFindingUpdate',
    summary: 'Posts a progress update (the finding’s strategic lead only), optionally with a RAG.',
    description:
      'Files are attached on the finding’s page; the API takes the text, the date the evidence covers and the RAG.',
    params: FindingParams,
    query: NoQuery,
    body: {
      description: 'The update: what has been done, the date it covers, the RAG.',
      contentTypes: JSON_BODY,
      schema: UpdateBody,
    },
    responses: {
      201: { description: 'The update as recorded.', schema: ApiUpdateResult },
      ...COMMON,
      ...NOT_FOUND,
      409: err('The finding is closed or superseded: it takes no more updates.'),
    },
    example: {
      url: '/api/v1/findings/999999/updates',
      form: { text: 'Example', coversOn: '2021-01-01' },
    },
    handler: async (ctx, { params }) => {
      const { id } = params as z.infer<typeof FindingParams>;
      const b = bodyOf(ctx, UpdateBody);
      const u = await ctx.deps.records.findings.postUpdate(
        id,
        { text: b.text, coversOn: b.coversOn, rag: b.rag ?? null, link: b.link ?? null },
        actor(ctx),
      );
      return {
        status: 201,
        body: {
          evidence: evidenceJson(id, u.evidence, u.file ? [u.file] : []),
          rag: u.rag?.rag ?? null,
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/audit',
    access: 'view_audit',
    operationId: 'listAudit',
    summary: 'The audit log, newest first, a page at a time (read-only).',
    query: AuditQuery,
    responses: { 200: { description: 'A page of entries.', schema: ApiAuditPage }, ...COMMON },
    example: { url: '/api/v1/audit?subject=finding:1' },
    handler: async (ctx, { query }) => {
      const q = query as z.infer<typeof AuditQuery>;
      const limit = q.limit ? Number(q.limit) : 50;
      const entries = await ctx.deps.records.audit.list({
        limit,
        ...(q.subject ? { subject: q.subject } : {}),
        ...(q.before ? { beforeId: Number(q.before) } : {}),
      });
      const last = entries.at(-1);
      const next =
        entries.length === limit && last
          ? `/api/v1/audit?${new URLSearchParams({
              ...(q.subject ? { subject: q.subject } : {}),
              before: String(last.id),
              limit: String(limit),
            }).toString()}`
          : null;
      return {
        status: 200,
        body: {
          entries: entries.map((a) => ({
            ...a,
            at: a.at.toISOString(),
            details: { ...a.details },
          })),
          next,
        },
      };
    },
  },
];

export const routes = operations.map(apiRoute);
