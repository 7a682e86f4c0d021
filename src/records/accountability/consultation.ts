import { asc, eq } from 'drizzle-orm';
import { badInput } from '../../lib/errors.ts';
import type { RepoContext } from '../db.ts';
import { consultationResponses, planObjectives, planPriorities } from '../schema.ts';
import { dayNumber, londonDate } from './clock.ts';
import { recordChange } from './history.ts';
import { PLAN_EDITORS, planRow } from './plan.ts';
import {
  ConsultationInput,
  type ConsultationRepo,
  type ConsultationResponse,
} from './plan-types.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';

/**
 * Responses to the plan's consultation, each recorded against one of its priorities or against
 * the plan as a whole, by the policing body's office. A summary is what is kept (never the
 * respondent's identity); the audit log holds the channel and the priority, not the summary.
 */
type Row = typeof consultationResponses.$inferSelect;

const toResponse = (r: Row): ConsultationResponse => ({
  id: String(r.id),
  planId: String(r.planId),
  priorityId: r.priorityId === null ? null : String(r.priorityId),
  receivedOn: r.receivedOn,
  channel: r.channel as ConsultationResponse['channel'],
  respondentType: r.respondentType as ConsultationResponse['respondentType'],
  summary: r.summary,
  support: r.support as ConsultationResponse['support'],
  createdAt: r.createdAt,
  createdBy: r.createdBy === null ? null : String(r.createdBy),
});

export function consultationRepo({ db, clock }: RepoContext): ConsultationRepo {
  return {
    async add(input, actor) {
      const c = parse(ConsultationInput, input);
      dayNumber(c.receivedOn);
      if (c.receivedOn > londonDate(clock.now()))
        throw badInput('receivedOn: a response cannot be received in the future.');
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), PLAN_EDITORS, 'record consultation responses');
        const plan = await planRow(tx, c.planId);
        let priorityId: number | null = null;
        if (c.priorityId !== null) {
          const [p] = await tx
            .select({ id: planPriorities.id, planId: planObjectives.planId })
            .from(planPriorities)
            .innerJoin(planObjectives, eq(planObjectives.id, planPriorities.objectiveId))
            .where(eq(planPriorities.id, idNumber(c.priorityId) ?? -1));
          if (!p) throw unknownRecord('priority');
          if (p.planId !== plan.id) throw badInput('priorityId: that priority is in another plan.');
          priorityId = p.id;
        }
        const [row] = await tx
          .insert(consultationResponses)
          .values({
            planId: plan.id,
            priorityId,
            receivedOn: c.receivedOn,
            channel: c.channel,
            respondentType: c.respondentType,
            summary: c.summary,
            support: c.support,
            createdAt: clock.now(),
            createdBy: actor.userId === null ? null : Number(actor.userId),
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await recordChange(
          tx,
          clock.now(),
          {
            subject: `consultation:${row.id}`,
            action: 'recorded',
            before: null,
            after: {
              planId: String(plan.id),
              priorityId: priorityId === null ? null : String(priorityId),
              receivedOn: row.receivedOn,
              channel: row.channel,
              respondentType: row.respondentType,
              support: row.support,
              summary: row.summary,
            },
            audit: { plan: plan.id, priority: priorityId, channel: row.channel },
          },
          actor,
        );
        return toResponse(row);
      });
    },

    async list(planId) {
      const rows = await db
        .select()
        .from(consultationResponses)
        .where(eq(consultationResponses.planId, idNumber(planId) ?? -1))
        .orderBy(asc(consultationResponses.receivedOn), asc(consultationResponses.id));
      return rows.map(toResponse);
    },
  };
}
