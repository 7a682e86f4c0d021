import { z } from 'zod';
import {
  ACTION_STATUSES,
  CHALLENGE_STATUSES,
  MEETING_TYPES,
  MeasureException,
  Paper,
} from '../../records/accountability/meetings-types.ts';
import { apiSchemas } from './api.ts';

/**
 * Holding to account in the JSON API (src/web/api/v1-meetings.ts): meetings with their
 * challenges and actions, written challenges with the measure exception that prompted them,
 * their due clock for today's London date and their timeline. Field names follow the records'
 * own (camelCase, as the measure results do); dates are "YYYY-MM-DD", moments ISO 8601.
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2024-02-29');
const Moment = z.string().describe('An ISO 8601 date and time (UTC).');
const Id = z.string().regex(/^\d{1,9}$/, 'an id (digits)');

export const MeetingParams = z.object({ id: Id.describe('A meeting id.') }).strict();
export const ChallengeParams = z.object({ id: Id.describe('A challenge id.') }).strict();

export const MeetingsQuery = z
  .object({
    type: z.enum(MEETING_TYPES).optional().describe('Only meetings of this type.'),
  })
  .strict();

export const ChallengesQuery = z
  .object({
    status: z.enum(CHALLENGE_STATUSES).optional().describe('Only challenges with this status.'),
    overdue: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: only challenges past their due date and not answered.'),
  })
  .strict();

export const ApiDue = z
  .object({
    state: z.enum(['finished', 'no_date', 'overdue', 'due_soon', 'on_time']),
    overdue: z.boolean(),
  })
  .describe('The due clock today: overdue once the due date has passed and it is still open.')
  .register(apiSchemas, { id: 'HoldingToAccountDue' });

export const ApiTimelineEntry = z
  .object({
    at: Moment,
    actorUserId: z.string().nullable(),
    via: z.enum(['web', 'api', 'cli', 'system']),
    action: z.string(),
    before: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    after: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    note: z.string().nullable(),
  })
  .register(apiSchemas, { id: 'HoldingToAccountTimelineEntry' });

export const ApiMeasureException = MeasureException.extend({
  lpa: z.string().describe("The local policing area; '' for the whole force."),
}).register(apiSchemas, { id: 'MeasureException' });

export const ApiChallenge = z
  .object({
    id: z.string(),
    question: z.string(),
    raisedBy: z.string(),
    raisedByUserId: z.string().nullable(),
    raisedOn: Day,
    ownerUserId: z.string().nullable(),
    dueOn: Day.nullable(),
    response: z.string().nullable(),
    respondedOn: Day.nullable(),
    status: z.enum(CHALLENGE_STATUSES),
    meetingId: z.string().nullable(),
    exception: ApiMeasureException.nullable(),
    due: ApiDue,
    createdAt: Moment,
    updatedAt: Moment,
  })
  .register(apiSchemas, { id: 'Challenge' });

export const ApiChallengeDetail = ApiChallenge.extend({
  timeline: z.array(ApiTimelineEntry),
}).register(apiSchemas, { id: 'ChallengeDetail' });

export const ApiChallengeList = z
  .object({ today: Day, challenges: z.array(ApiChallenge) })
  .register(apiSchemas, { id: 'ChallengeList' });

export const ApiMeetingAction = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    text: z.string(),
    ownerUserId: z.string().nullable(),
    dueOn: Day.nullable(),
    status: z.enum(ACTION_STATUSES),
    doneOn: Day.nullable(),
    due: ApiDue,
  })
  .register(apiSchemas, { id: 'MeetingAction' });

export const ApiMeeting = z
  .object({
    id: z.string(),
    type: z.enum(MEETING_TYPES),
    subject: z.string(),
    heldOn: Day,
    location: z.string(),
    attendees: z.array(z.string()).describe('Office titles.'),
    agenda: z.array(z.string()),
    papers: z.array(Paper),
    notes: z.string(),
    notesPublishedOn: Day.nullable(),
    createdAt: Moment,
    updatedAt: Moment,
  })
  .register(apiSchemas, { id: 'Meeting' });

export const ApiMeetingDetail = ApiMeeting.extend({
  challenges: z.array(ApiChallenge),
  actions: z.array(ApiMeetingAction),
  timeline: z.array(ApiTimelineEntry),
}).register(apiSchemas, { id: 'MeetingDetail' });

export const ApiMeetingList = z
  .object({ meetings: z.array(ApiMeeting) })
  .register(apiSchemas, { id: 'MeetingList' });

/** POST /api/v1/challenges: the records' own input (ChallengeInput). */
export const RaiseChallengeBody = z
  .object({
    question: z.string().min(1).max(5000),
    raisedBy: z.string().min(1).max(200).describe('A name or an office.'),
    raisedOn: Day.optional().describe('Today when omitted.'),
    ownerUserId: z.string().min(1).describe('A lead or oversight user, who answers it.'),
    dueOn: Day.nullable().optional(),
    meetingId: z.string().nullable().optional(),
    exception: MeasureException.nullable().optional(),
  })
  .register(apiSchemas, { id: 'RaiseChallenge' });

export const AnswerChallengeBody = z
  .object({ response: z.string().min(1).max(10_000) })
  .register(apiSchemas, { id: 'AnswerChallenge' });
