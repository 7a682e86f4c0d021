import { asc, eq } from 'drizzle-orm';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { RepoContext } from '../db.ts';
import { boardReviews } from '../schema.ts';
import { dayNumber, londonDate } from './clock.ts';
import { findingWriter } from './findings.ts';
import { checkTransition, OPEN_STATUSES, type FindingStatus } from './lifecycle.ts';
import { actingAs, idNumber, parse, requireRole } from './shared.ts';
import {
  BoardReviewInput,
  type BoardDecision,
  type BoardReview,
  type BoardReviewsRepo,
} from './types.ts';

/**
 * A board's decisions on findings (the force's Service Improvement Board, where the Deputy Chief
 * Constable oversees the recommendations and the policing body is represented). A decision to
 * approve or decline closure is the lifecycle's own step, so lifecycle.ts says who may record it
 * and from which status; the review and the step are one transaction, one timeline entry.
 */
const STEP: Partial<Record<BoardDecision, FindingStatus>> = {
  approve_closure: 'approved_for_closure',
  decline_closure: 'in_progress',
};

type Row = typeof boardReviews.$inferSelect;

const toReview = (r: Row): BoardReview => ({
  id: String(r.id),
  findingId: String(r.findingId),
  board: r.board,
  heldOn: r.heldOn,
  decision: r.decision as BoardDecision,
  note: r.note,
  recordedAt: r.recordedAt,
  recordedBy: r.recordedBy === null ? null : String(r.recordedBy),
});

export function boardReviewsRepo(ctx: RepoContext): BoardReviewsRepo {
  const { db, clock } = ctx;
  const { load, record, write } = findingWriter(ctx);
  return {
    async record(findingId, input, actor) {
      const r = parse(BoardReviewInput, input);
      if (dayNumber(r.heldOn) > dayNumber(londonDate(clock.now())))
        throw badInput('heldOn: a board review is recorded after the meeting, not before.');
      return db.transaction(async (tx) => {
        const f = await load(tx, findingId);
        const who = await actingAs(tx, actor);
        const to = STEP[r.decision];
        if (to) checkTransition(f, to, who);
        else {
          requireRole(who, ['admin', 'oversight'], 'record a board review');
          if (!OPEN_STATUSES.includes(f.status))
            throw new BluelampError(
              'INVALID_TRANSITION',
              `A finding that is ${f.status.replaceAll('_', ' ')} is no longer reviewed.`,
            );
        }
        const [row] = await tx
          .insert(boardReviews)
          .values({
            findingId: Number(f.id),
            board: r.board,
            heldOn: r.heldOn,
            decision: r.decision,
            note: r.note,
            recordedAt: clock.now(),
            recordedBy: actor.userId === null ? null : Number(actor.userId),
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const after = to ? await write(tx, f, { status: to }) : f;
        await record(tx, f, after, 'board_review', actor, r.note, {
          after: { board: r.board, heldOn: r.heldOn, decision: r.decision },
          auditSubject: `board_review:${row.id}`,
          auditDetails: { finding: f.id, decision: r.decision, heldOn: r.heldOn },
        });
        return { review: toReview(row), finding: after };
      });
    },

    async forFinding(findingId) {
      const n = idNumber(findingId);
      if (n === null) return [];
      const rows = await db
        .select()
        .from(boardReviews)
        .where(eq(boardReviews.findingId, n))
        .orderBy(asc(boardReviews.heldOn), asc(boardReviews.id));
      return rows.map(toReview);
    },
  };
}
