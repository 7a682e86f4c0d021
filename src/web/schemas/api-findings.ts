import { z } from 'zod';
import { AGE_BANDS } from '../../records/accountability/age.ts';
import { FINDING_STATUSES } from '../../records/accountability/lifecycle.ts';
import {
  BOARD_DECISIONS,
  FINDING_KINDS,
  PEEL_GRADES,
  RAGS,
  REPORT_KINDS,
  SOURCE_KINDS,
} from '../../records/accountability/types.ts';
import { apiSchemas } from './api.ts';

/**
 * The findings register in the JSON API (src/web/api/v1-findings.ts): inspections and other
 * sources with their findings by status and the response's clock, findings with their RAG,
 * due flag and age, a finding's history, evidence (file metadata only, never a panel member's)
 * and board reviews, the lifecycle step and progress update a caller may post, and the audit
 * log. Field names follow the records' own (camelCase); dates "YYYY-MM-DD", moments ISO 8601.
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2024-02-29');
const Moment = z.string().describe('An ISO 8601 date and time (UTC).');
const Id = z.string().regex(/^\d{1,9}$/, 'an id (digits)');
const Status = z.enum(FINDING_STATUSES);

export const InspectionParams = z.object({ id: Id.describe('A report (source) id.') }).strict();
export const FindingParams = z.object({ id: Id.describe('A finding id.') }).strict();

export const FindingsQuery = z
  .object({
    source: Id.optional().describe('Only the findings of this report.'),
    kind: z.enum(FINDING_KINDS).optional().describe('Only findings of this kind.'),
    status: z
      .enum(['open', ...FINDING_STATUSES])
      .optional()
      .describe('Only findings with this status; "open" for any but closed or superseded.'),
    lead: Id.optional().describe('Only the findings this user (a strategic lead) leads.'),
    overdue: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: only open findings past their due date or due immediately.'),
  })
  .strict();

export const AuditQuery = z
  .object({
    subject: z
      .string()
      .regex(/^[a-z_]+:[A-Za-z0-9_@.:/ -]{1,100}$/, 'a subject like finding:3')
      .optional()
      .describe('Only the entries about this item, e.g. finding:3 or board_review:2.'),
    before: Id.optional().describe('Entries older than this entry id (the previous page’s next).'),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'a whole number from 1 to 200')
      .refine((s) => Number(s) >= 1 && Number(s) <= 200, 'a whole number from 1 to 200')
      .optional()
      .describe('Entries a page (1 to 200; 50 when omitted).'),
  })
  .strict();

export const TransitionBody = z
  .object({
    to: Status.describe('The status to move the finding to (one step of the lifecycle).'),
    note: z.string().trim().max(5000).optional().describe('Why, for the finding’s timeline.'),
  })
  .strict()
  .register(apiSchemas, { id: 'FindingTransition' });

export const UpdateBody = z
  .object({
    text: z.string().trim().min(1).max(10_000).describe('What has been done.'),
    coversOn: Day.describe('The date the evidence covers (not the day it is posted).'),
    rag: z.enum(RAGS).nullable().optional().describe('The RAG rating now; omitted: unchanged.'),
    link: z.string().trim().min(1).max(2000).nullable().optional(),
  })
  .strict()
  .register(apiSchemas, { id: 'FindingProgressUpdate' });

const Counts = z.record(z.string(), z.number().int()).describe('Findings by status.');

export const ApiResponseClock = z
  .object({
    responseId: z.string().nullable(),
    status: z.enum(['draft', 'approved', 'published']).nullable(),
    dueOn: Day.describe('The last of the 56 days beginning with the day of publication.'),
    publishedOn: Day.nullable(),
    clock: z.enum(['published', 'overdue', 'due_soon', 'on_time']),
  })
  .register(apiSchemas, { id: 'InspectionResponseClock' });

export const ApiInspection = z
  .object({
    id: z.string(),
    kind: z.enum(SOURCE_KINDS),
    title: z.string(),
    reportKind: z.enum(REPORT_KINDS).nullable(),
    publishedOn: Day,
    url: z.string().nullable(),
    peelGrades: z.record(z.string(), z.enum(PEEL_GRADES)).nullable(),
    findings: z.number().int(),
    byStatus: Counts,
    response: ApiResponseClock.nullable().describe('HMICFRS reports only: the s55 response.'),
  })
  .register(apiSchemas, { id: 'Inspection' });

export const ApiFinding = z
  .object({
    id: z.string(),
    sourceId: z.string(),
    ref: z.string(),
    kind: z.enum(FINDING_KINDS),
    text: z.string(),
    scope: z.enum(['national', 'force']),
    due: z.union([z.literal('immediately'), Day]).nullable(),
    leadUserId: z.string().nullable(),
    status: Status,
    rag: z.enum(RAGS).nullable(),
    dueFlag: z.enum(['immediately', 'overdue', 'due_soon']).nullable(),
    ageMonths: z.number().int().describe('Whole months since the source was published.'),
    ageBand: z.enum(AGE_BANDS.map((b) => b.id) as [string, ...string[]]),
    createdAt: Moment,
    updatedAt: Moment,
  })
  .register(apiSchemas, { id: 'Finding' });

export const ApiInspectionList = z
  .object({ today: Day, inspections: z.array(ApiInspection) })
  .register(apiSchemas, { id: 'InspectionList' });

export const ApiInspectionDetail = ApiInspection.extend({
  findingList: z.array(ApiFinding),
}).register(apiSchemas, { id: 'InspectionDetail' });

const AgeRow = z.object({
  band: z.string(),
  label: z.string(),
  open: z.number().int(),
  overdue: z.number().int(),
  immediately: z.number().int(),
});

export const ApiFindingList = z
  .object({
    today: Day,
    findings: z.array(ApiFinding),
    ageProfile: z.object({
      rows: z.array(AgeRow),
      total: AgeRow.omit({ band: true, label: true }),
    }),
  })
  .register(apiSchemas, { id: 'FindingList' });

const HistoryValue = z.union([z.string(), z.boolean(), z.null()]);

export const ApiEvidence = z
  .object({
    id: z.string(),
    text: z.string(),
    link: z.string().nullable(),
    coversOn: Day,
    addedAt: Moment,
    addedBy: z.string().nullable(),
    files: z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        mediaType: z.string(),
        bytes: z.number().int(),
        sha256: z.string(),
        addedAt: Moment,
        download: z.string().describe('The page address that downloads it (signed in).'),
      }),
    ),
  })
  .register(apiSchemas, { id: 'FindingEvidence' });

export const ApiFindingDetail = ApiFinding.extend({
  history: z.array(
    z.object({
      at: Moment,
      actorUserId: z.string().nullable(),
      via: z.enum(['web', 'api', 'cli', 'system']),
      action: z.string(),
      before: z.record(z.string(), HistoryValue),
      after: z.record(z.string(), HistoryValue),
      note: z.string().nullable(),
    }),
  ),
  evidence: z.array(ApiEvidence),
  boardReviews: z.array(
    z.object({
      id: z.string(),
      board: z.string(),
      heldOn: Day,
      decision: z.enum(BOARD_DECISIONS),
      note: z.string().nullable(),
      recordedAt: Moment,
      recordedBy: z.string().nullable(),
    }),
  ),
  nextSteps: z
    .array(z.object({ to: Status, label: z.string() }))
    .describe('The steps the caller may take now.'),
}).register(apiSchemas, { id: 'FindingDetail' });

export const ApiUpdateResult = z
  .object({ evidence: ApiEvidence, rag: z.enum(RAGS).nullable() })
  .register(apiSchemas, { id: 'FindingProgressUpdateResult' });

export const ApiAuditPage = z
  .object({
    entries: z.array(
      z.object({
        id: z.number().int(),
        at: Moment,
        actorUserId: z.string().nullable(),
        via: z.enum(['web', 'api', 'cli', 'system']),
        action: z.string(),
        subject: z.string(),
        details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      }),
    ),
    next: z.string().nullable().describe('The address of the next (older) page, or null.'),
  })
  .register(apiSchemas, { id: 'AuditPage' });
