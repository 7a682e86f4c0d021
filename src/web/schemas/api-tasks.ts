import { z } from 'zod';
import { TASK_KINDS } from '../../records/accountability/tasks.ts';
import { apiSchemas } from './api.ts';

/**
 * GET /api/v1/tasks: what is due or overdue for the caller (the same items as the /tasks page),
 * and the items escalated to them as someone's line. Dates are calendar dates (London).
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ApiTask = z
  .object({
    subject: z
      .string()
      .describe('The item as escalations name it, e.g. finding:3, commitment:2@2024-25 Q2.'),
    kind: z.enum(TASK_KINDS),
    id: z
      .string()
      .describe("The item's id (a finding, response, commitment, challenge or action)."),
    title: z.string(),
    context: z.string().describe('Where it comes from: the report, the meeting, the quarter owed.'),
    quarter: z.string().nullable().describe('Delivery updates: the quarter owed, e.g. 2024-25 Q2.'),
    dueOn: Day.nullable().describe(
      "Due date; for a finding due immediately, its report's publication.",
    ),
    dueImmediately: z.boolean(),
    state: z.enum(['overdue', 'due_soon', 'later']),
    daysLeft: z.number().int().nullable().describe('Days to the due date; negative once passed.'),
    href: z.string().describe("The item's page in the web app."),
  })
  .register(apiSchemas, { id: 'Task' });

export const ApiEscalatedTask = ApiTask.extend({
  escalatedOn: Day,
  ownerUserId: z.string().nullable(),
}).register(apiSchemas, { id: 'EscalatedTask' });

export const ApiTasks = z
  .object({
    today: Day,
    /** Overdue and due-soon thresholds, for a client to say what it shows. */
    dueSoonDays: z.number().int(),
    escalateAfterDays: z.number().int(),
    tasks: z.array(ApiTask),
    escalatedToMe: z.array(ApiEscalatedTask),
  })
  .register(apiSchemas, { id: 'Tasks' });
export type ApiTasks = z.infer<typeof ApiTasks>;

export const TasksQuery = z.object({}).strict();
