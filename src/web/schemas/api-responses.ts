import { z } from 'zod';
import { POSITIONS, RESPONSE_STATUSES } from '../../records/accountability/types.ts';
import { apiSchemas, ApiError } from './api.ts';

/**
 * The statutory responses in the JSON API (src/web/api/v1-responses.ts): what is due when, and
 * each response with its items. Field names are snake_case, as the API's contract says;
 * `inspection_id` is the register's source id (the report answered). The clock is worked out
 * for today's London date, in the same words as the pages (src/web/models/clock.ts).
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2024-02-29');

export const ResponseIdParams = z
  .object({ id: z.string().regex(/^\d{1,9}$/, 'a response id (digits)') })
  .strict();

export const ApiResponseClock = z
  .object({
    state: z.enum(['overdue', 'due_today', 'due_soon', 'on_time', 'done', 'done_late']),
    /** Days to the due date (negative once past); for a published response, days late (0 = on time). */
    days: z.number().int(),
    label: z.string(),
  })
  .register(apiSchemas, { id: 'ResponseClock' });

export const ApiResponseSummary = z
  .object({
    id: z.string(),
    inspection_id: z.string(),
    inspection_title: z.string(),
    inspection_kind: z.enum(['hmicfrs', 'victims_commissioner']),
    inspection_published_on: Day,
    statute: z.string(),
    days: z.number().int().positive(),
    status: z.enum(RESPONSE_STATUSES),
    due_on: Day,
    published_on: Day.nullable(),
    copies_to: z.array(z.string()),
    clock: ApiResponseClock,
  })
  .register(apiSchemas, { id: 'StatutoryResponseSummary' });

export const ApiResponseItem = z
  .object({
    finding_id: z.string(),
    ref: z.string(),
    kind: z.enum(['recommendation', 'area_for_improvement', 'cause_of_concern']),
    text: z.string(),
    position: z.enum(POSITIONS).nullable(),
    planned_action: z.string(),
  })
  .register(apiSchemas, { id: 'StatutoryResponseItem' });

export const ApiResponseDetail = ApiResponseSummary.extend({
  intro: z.string(),
  items: z.array(ApiResponseItem),
  chief_officer_invited_on: Day.nullable(),
  chief_officer_comments: z.string(),
  body_reply: z.string(),
  approved_at: z.string().nullable(),
}).register(apiSchemas, { id: 'StatutoryResponse' });

export const ApiResponseList = z
  .object({ today: Day, responses: z.array(ApiResponseSummary) })
  .register(apiSchemas, { id: 'StatutoryResponseList' });

// ---- Request bodies (JSON; validated by the handlers, described in the document) -----------

export const DraftBody = z.object({ inspection_id: z.string().min(1) }).strict();

export const EditBody = z
  .object({
    intro: z.string(),
    chief_officer_invited_on: Day.nullable(),
    chief_officer_comments: z.string(),
    body_reply: z.string(),
    items: z.array(
      z
        .object({
          finding_id: z.string(),
          position: z.enum(POSITIONS).nullable(),
          planned_action: z.string(),
        })
        .strict(),
    ),
    note: z.string(),
  })
  .partial()
  .strict();

export const ApproveBody = z.object({ note: z.string() }).partial().strict();

export const PublishBody = z
  .object({
    published_on: Day,
    /** Defaults to the duty's (HMICFRS and the Secretary of State for s55). */
    copies_to: z.array(z.string().trim().min(1).max(200)).min(1).optional(),
  })
  .strict();

const err = (description: string) => ({ description, schema: ApiError });
export const RESPONSE_ERRORS = {
  401: err('No valid bearer token.'),
  403: err("The token's role does not allow this (only oversight approves)."),
  404: err('No response (or report) with that id.'),
};
export const WRITE_ERRORS = {
  ...RESPONSE_ERRORS,
  400: err('The body is not valid, or the report carries no duty to respond.'),
  409: err('Not in a state that allows this (e.g. publishing before approval).'),
};
