import { z } from 'zod';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_OUTCOME_CODES,
  COMPLAINT_STATUSES,
  WORK_ITEM_STATUSES,
} from '../../records/accountability/panel-types.ts';
import { apiSchemas } from './api.ts';

/**
 * The panel in the JSON API (src/web/api/v1-panel.ts): complaints about the policing body's
 * holder (never who made them) with their timeline, and the work programme. Field names are
 * the records' own; dates are "YYYY-MM-DD", moments ISO 8601.
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2024-02-29');
const Moment = z.string().describe('An ISO 8601 date and time (UTC).');
const Id = z.string().regex(/^\d{1,9}$/, 'an id (digits)');
const FinancialYear = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'a financial year like 2024-25')
  .describe('A financial year (1 April to 31 March), e.g. 2024-25.');
const Outcome = z.enum(COMPLAINT_OUTCOME_CODES as [string, ...string[]]);

export const ComplaintParams = z.object({ id: Id.describe('A complaint id.') }).strict();

export const ComplaintsQuery = z
  .object({
    year: FinancialYear.optional().describe('Only complaints received in this financial year.'),
    status: z.enum(COMPLAINT_STATUSES).optional().describe('Only complaints with this status.'),
    category: z.enum(COMPLAINT_CATEGORIES).optional().describe('Only complaints of this category.'),
  })
  .strict();

export const WorkProgrammeQuery = z
  .object({
    status: z.enum(WORK_ITEM_STATUSES).optional().describe('Only items with this status.'),
  })
  .strict();

export const ApiComplaint = z
  .object({
    id: Id,
    receivedOn: Day,
    recordedOn: Day.nullable().describe(
      'The day it was recorded under the regulations; null while not.',
    ),
    summary: z.string().describe('What the complaint is about, as recorded: never who made it.'),
    category: z.enum(COMPLAINT_CATEGORIES),
    status: z.enum(COMPLAINT_STATUSES),
    outcome: Outcome.nullable(),
    outcomeOn: Day.nullable(),
    createdAt: Moment,
    updatedAt: Moment,
  })
  .register(apiSchemas, { id: 'Complaint' });

const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ApiPanelTimelineEntry = z
  .object({
    at: Moment,
    actorUserId: z.string().nullable(),
    via: z.enum(['web', 'api', 'cli', 'system']),
    action: z.string(),
    before: z.record(z.string(), Value),
    after: z.record(z.string(), Value),
    note: z.string().nullable(),
  })
  .register(apiSchemas, { id: 'PanelTimelineEntry' });

export const ApiComplaintList = z
  .object({ complaints: z.array(ApiComplaint) })
  .register(apiSchemas, { id: 'ComplaintList' });

export const ApiComplaintDetail = z
  .object({ complaint: ApiComplaint, timeline: z.array(ApiPanelTimelineEntry) })
  .register(apiSchemas, { id: 'ComplaintDetail' });

export const ComplaintBody = z
  .object({
    receivedOn: Day.describe('The day it was received.'),
    summary: z.string().min(1).max(2000).describe('What it is about; never who made it.'),
    category: z.enum(COMPLAINT_CATEGORIES),
  })
  .strict()
  .register(apiSchemas, { id: 'NewComplaint' });

export const ApiWorkItem = z
  .object({
    id: Id,
    title: z.string(),
    description: z.string(),
    meetingOn: Day.nullable(),
    papersRequested: z.array(z.string()),
    status: z.enum(WORK_ITEM_STATUSES),
    createdAt: Moment,
    updatedAt: Moment,
  })
  .register(apiSchemas, { id: 'WorkProgrammeItem' });

export const ApiWorkProgramme = z
  .object({ items: z.array(ApiWorkItem) })
  .register(apiSchemas, { id: 'WorkProgramme' });
