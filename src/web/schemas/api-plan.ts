import { z } from 'zod';
import {
  COMMITMENT_OWNERS,
  DELIVERY_STATUSES,
  DeliveryInput,
  PLAN_STATUSES,
} from '../../records/accountability/plan-types.ts';
import { apiSchemas } from './api.ts';

/**
 * The plan API's requests and responses (src/web/api/v1-plan.ts): the plan as a tree, its
 * commitments with their latest delivery status, one commitment with its updates, and the
 * quarterly update a lead posts. Ids are strings; moments are ISO 8601; dates "YYYY-MM-DD".
 */
const Id = z.string().describe('A record id.');
const Status = z.enum(DELIVERY_STATUSES);

export const CommitmentParams = z
  .object({
    id: z
      .string()
      .regex(/^\d{1,9}$/, 'a number')
      .describe('A commitment id.'),
  })
  .strict();

export const LatestStatus = z
  .object({ quarter: z.string(), status: Status })
  .nullable()
  .describe("The commitment's latest delivery update: its quarter and status (null: none yet).");

export const PlanCommitmentSummary = z
  .object({
    id: Id,
    priorityId: Id,
    ordinal: z.number(),
    text: z.string(),
    owner: z.enum(COMMITMENT_OWNERS),
    leadUserId: Id.nullable(),
    measureIds: z.array(z.string()),
    latest: LatestStatus,
  })
  .register(apiSchemas, { id: 'PlanCommitment' });

export const PlanTreeBody = z
  .object({
    id: Id,
    title: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    status: z.enum(PLAN_STATUSES),
    objectives: z.array(
      z.object({
        id: Id,
        ordinal: z.number(),
        title: z.string(),
        description: z.string(),
        priorities: z.array(
          z.object({
            id: Id,
            ordinal: z.number(),
            title: z.string(),
            description: z.string(),
            outcomes: z.array(
              z.object({
                id: Id,
                ordinal: z.number(),
                text: z.string(),
                measureIds: z.array(z.string()),
              }),
            ),
            commitments: z.array(PlanCommitmentSummary),
          }),
        ),
      }),
    ),
  })
  .register(apiSchemas, { id: 'PlanTree' });

export const PlanCommitments = z
  .object({ planId: Id, commitments: z.array(PlanCommitmentSummary) })
  .register(apiSchemas, { id: 'PlanCommitments' });

export const DeliveryUpdateBody = z
  .object({
    id: Id,
    commitmentId: Id,
    quarter: z.string().describe('A financial-year quarter, e.g. 2024-25 Q2.'),
    status: Status,
    narrative: z.string(),
    evidence: z.string(),
    dueOn: z.string().nullable(),
    submittedAt: z.string(),
    submittedBy: Id.nullable(),
    editable: z.boolean().describe('False once a later quarter’s update has superseded it.'),
  })
  .register(apiSchemas, { id: 'DeliveryUpdate' });

export const PlanCommitmentDetail = PlanCommitmentSummary.extend({
  planId: Id,
  objectiveId: Id,
  updates: z.array(DeliveryUpdateBody),
}).register(apiSchemas, { id: 'PlanCommitmentDetail' });

/** The body of POST /api/v1/plan/commitments/{id}/updates: the records' own schema. */
export const DeliveryUpdateRequest = DeliveryInput.register(apiSchemas, {
  id: 'DeliveryUpdateRequest',
});
