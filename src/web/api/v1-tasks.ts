import type { EscalatedTask, Task, User } from '../../records/api.ts';
import { DUE_SOON_DAYS, londonDate } from '../../records/accountability/clock.ts';
import { taskHref } from '../pages/tasks.ts';
import { ApiError } from '../schemas/api.ts';
import { ApiTasks, TasksQuery } from '../schemas/api-tasks.ts';
import { apiRoute, type ApiOperation } from './define.ts';

/**
 * Accountability API: the caller's tasks, the same items as the /tasks page (their findings,
 * delivery updates, challenges and actions; statutory responses for the policing body's office
 * and administrators) and what has been escalated to them. The OpenAPI document lists these (v1.ts).
 */
const apiTask = (t: Task) => ({
  subject: t.subject,
  kind: t.kind,
  id: t.id,
  title: t.title,
  context: t.context,
  quarter: t.quarter,
  dueOn: t.dueOn,
  dueImmediately: t.dueImmediately,
  state: t.state,
  daysLeft: t.daysLeft,
  href: taskHref(t),
});

export const operations: ApiOperation[] = [
  {
    method: 'GET',
    url: '/api/v1/tasks',
    access: 'signed_in',
    operationId: 'getTasks',
    summary:
      'What is due or overdue for the caller, most urgent first, and what escalated to them.',
    description:
      'Overdue items have passed their due date; due soon means within `dueSoonDays` days. A finding due "immediately" is due from its report’s publication. `escalatedToMe` lists items of people whose line is the caller, escalated once they were more than `escalateAfterDays` days overdue and still open.',
    query: TasksQuery,
    responses: {
      200: { description: "The caller's tasks.", schema: ApiTasks },
      400: { description: 'An unknown query parameter.', schema: ApiError },
      401: { description: 'No valid bearer token.', schema: ApiError },
    },
    example: { url: '/api/v1/tasks' },
    handler: async (ctx) => {
      const user = ctx.user as User;
      const now = ctx.deps.clock.now();
      const { tasks } = ctx.deps.records;
      const [mine, escalated, settings] = await Promise.all([
        tasks.forUser(user.id, now),
        tasks.escalatedTo(user.id, now),
        tasks.reminderSettings(),
      ]);
      const body: ApiTasks = {
        today: londonDate(now),
        dueSoonDays: DUE_SOON_DAYS,
        escalateAfterDays: settings.escalateAfterDays,
        tasks: mine.map(apiTask),
        escalatedToMe: escalated.map((e: EscalatedTask) => ({
          ...apiTask(e.task),
          escalatedOn: londonDate(e.escalation.escalatedAt),
          ownerUserId: e.escalation.ownerUserId,
        })),
      };
      return { status: 200, body };
    },
  },
];

export const routes = operations.map(apiRoute);
