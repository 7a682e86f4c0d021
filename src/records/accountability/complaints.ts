import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import type { Db, RepoContext } from '../db.ts';
import { complaints } from '../schema.ts';
import { dayNumber, londonDate } from './clock.ts';
import { historyOf, recordChange, type HistoryFields } from './history.ts';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_OUTCOME_CODES,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATUS_NAMES,
  ComplaintInput,
  ComplaintPatch,
  ComplaintStep,
  outcomesFor,
  type Complaint,
  type ComplaintCategory,
  type ComplaintOutcome,
  type ComplaintsAnnualFigures,
  type ComplaintsRepo,
  type ComplaintStatus,
} from './panel-types.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';

/**
 * Complaints about the conduct of the policing body's holder, as the panel handles them: a
 * complaint is received, then recorded or not recorded; a recorded one goes to informal
 * resolution and is resolved; at any point before it ends it may be withdrawn or referred to
 * the IOPC (which may refer it back). The steps are one table; each change writes the row, its
 * timeline entry and its audit entry (statuses and dates only) in one transaction.
 */
export interface ComplaintTransition {
  readonly from: ComplaintStatus;
  readonly to: ComplaintStatus;
  /** What the step means, for the timeline and the buttons. */
  readonly label: string;
}

const t = (from: ComplaintStatus, to: ComplaintStatus, label: string): ComplaintTransition => ({
  from,
  to,
  label,
});

export const COMPLAINT_TRANSITIONS: readonly ComplaintTransition[] = [
  t('received', 'recorded', 'Record the complaint'),
  t('received', 'not_recorded', 'Do not record it'),
  t('recorded', 'informal_resolution', 'Start informal resolution'),
  t('informal_resolution', 'resolved', 'Resolve it'),
  // Before it ends, a complaint may be withdrawn, or referred when it alleges a crime.
  ...(['received', 'recorded', 'informal_resolution'] as const).flatMap((from) => [
    t(from, 'withdrawn', 'Withdrawn by the complainant'),
    t(from, 'referred_iopc', 'Refer it to the IOPC'),
  ]),
  t('referred_iopc', 'recorded', 'Referred back by the IOPC: record it'),
];

/** Who may change complaints (the command line and the system always may). */
export const COMPLAINT_HANDLERS = ['admin', 'panel'] as const;

export const complaintStepsFrom = (status: ComplaintStatus): ComplaintTransition[] =>
  COMPLAINT_TRANSITIONS.filter((x) => x.from === status);

/** "referred to the IOPC": the status's name as part of a sentence. */
const words = (s: ComplaintStatus) =>
  COMPLAINT_STATUS_NAMES[s].replace(/^./, (c) => c.toLowerCase());

/** The step's rule, or INVALID_TRANSITION saying which steps there are from here. */
export function checkComplaintStep(
  from: ComplaintStatus,
  to: ComplaintStatus,
): ComplaintTransition {
  const rule = COMPLAINT_TRANSITIONS.find((x) => x.from === from && x.to === to);
  if (rule) return rule;
  const next = complaintStepsFrom(from).map((x) => words(x.to));
  throw new BluelampError(
    'INVALID_TRANSITION',
    `A complaint that is ${words(from)} cannot become ${words(to)}.`,
    {
      hint: next.length
        ? `From ${words(from)} it can become: ${next.join(', ')}.`
        : `A complaint that is ${words(from)} is finished.`,
    },
  );
}

// ---- Financial years -------------------------------------------------------------------------

/** The first and last day of a financial year "2024-25" (1 April to 31 March). */
export function financialYear(label: string): { from: string; to: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  const start = m ? Number(m[1]) : NaN;
  if (!m || (start + 1) % 100 !== Number(m[2]))
    throw badInput(`"${label}" is not a financial year: use the form 2024-25.`);
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** The financial year a calendar date falls in: 2025-03-31 → "2024-25". */
export function financialYearOf(date: string): string {
  const [y, mo] = date.split('-').map(Number) as [number, number];
  const start = mo >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

// ---- The figures of the annual report ---------------------------------------------------------

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/**
 * The annual report's figures, worked from the complaints received in the year (pure, so the
 * test can check them by hand). Each table adds up to `received`.
 */
export function annualFigures(
  all: readonly Complaint[],
  year: string,
  asAt: string,
): ComplaintsAnnualFigures {
  const { from, to } = financialYear(year);
  const cohort = all.filter((c) => c.receivedOn >= from && c.receivedOn <= to);
  const count = (p: (c: Complaint) => boolean) => cohort.filter(p).length;
  const resolved = cohort.filter((c) => c.status === 'resolved' && c.outcomeOn !== null);
  const days = resolved.map((c) => dayNumber(c.outcomeOn as string) - dayNumber(c.receivedOn));
  const recorded = count((c) => c.recordedOn !== null);
  const notRecorded = count((c) => c.status === 'not_recorded');
  return {
    year,
    from,
    to,
    asAt,
    received: cohort.length,
    recorded,
    notRecorded,
    noRecordingDecision: cohort.length - recorded - notRecorded,
    byCategory: COMPLAINT_CATEGORIES.map((category) => ({
      category,
      count: count((c) => c.category === category),
    })),
    byOutcome: [
      ...COMPLAINT_OUTCOME_CODES.map((outcome) => ({
        outcome,
        count: count((c) => c.outcome === outcome),
      })),
      { outcome: 'open' as const, count: count((c) => c.outcome === null) },
    ],
    resolvedInformally: count((c) => c.status === 'resolved'),
    inInformalResolution: count((c) => c.status === 'informal_resolution'),
    daysToResolution: { count: days.length, median: days.length ? median(days) : null },
  };
}

// ---- The repository --------------------------------------------------------------------------

type Row = typeof complaints.$inferSelect;

const toComplaint = (r: Row): Complaint => ({
  id: String(r.id),
  receivedOn: r.receivedOn,
  recordedOn: r.recordedOn,
  summary: r.summary,
  category: r.category as ComplaintCategory,
  status: r.status as ComplaintStatus,
  outcome: r.outcome as ComplaintOutcome | null,
  outcomeOn: r.outcomeOn,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const snapshot = (c: Complaint): HistoryFields => ({
  status: c.status,
  receivedOn: c.receivedOn,
  recordedOn: c.recordedOn,
  category: c.category,
  summary: c.summary,
  outcome: c.outcome,
  outcomeOn: c.outcomeOn,
});

const subject = (id: string | number) => `complaint:${id}`;

/** A day of a step: a real date, not before receipt, not after today. */
function checkDay(on: string, field: string, receivedOn: string, today: string): void {
  dayNumber(on);
  if (on < receivedOn)
    throw badInput(`${field}: ${on} is before the complaint was received (${receivedOn}).`);
  if (on > today) throw badInput(`${field}: ${on} is in the future.`);
}

/** The columns a step sets besides the status. */
function stepColumns(c: Complaint, to: ComplaintStatus, on: string, outcome?: ComplaintOutcome) {
  const allowed = outcomesFor(to);
  if (allowed.length > 1 && outcome === undefined)
    throw badInput(`outcome: choose one of ${allowed.join(', ')}.`);
  if (outcome !== undefined && !allowed.includes(outcome))
    throw badInput(
      allowed.length
        ? `outcome: a complaint that becomes ${words(to)} ends ${allowed.join(' or ')}, not ${outcome}.`
        : `outcome: a complaint that becomes ${words(to)} has no outcome yet.`,
    );
  const ending = allowed.length ? (outcome ?? allowed[0]) : undefined;
  if (to === 'recorded') return { recordedOn: c.recordedOn ?? on, outcome: null, outcomeOn: null };
  if (ending !== undefined) return { outcome: ending, outcomeOn: on };
  return {};
}

export function complaintsRepo({ db, clock }: RepoContext): ComplaintsRepo {
  const today = () => londonDate(clock.now());

  async function load(tx: Db, id: string): Promise<Complaint> {
    const n = idNumber(id);
    const [row] = n === null ? [] : await tx.select().from(complaints).where(eq(complaints.id, n));
    if (!row) throw unknownRecord('complaint');
    return toComplaint(row);
  }

  async function write(tx: Db, id: string, set: Partial<typeof complaints.$inferInsert>) {
    const [row] = await tx
      .update(complaints)
      .set({ ...set, updatedAt: clock.now() })
      .where(eq(complaints.id, Number(id)))
      .returning();
    if (!row) throw unknownRecord('complaint');
    return toComplaint(row);
  }

  const mayHandle = async (tx: Db, actor: Actor) =>
    requireRole(await actingAs(tx, actor), COMPLAINT_HANDLERS, 'handle complaints');

  return {
    async add(input, actor) {
      const c = parse(ComplaintInput, input);
      dayNumber(c.receivedOn);
      if (c.receivedOn > today()) throw badInput(`receivedOn: ${c.receivedOn} is in the future.`);
      return db.transaction(async (tx) => {
        await mayHandle(tx, actor);
        const [row] = await tx
          .insert(complaints)
          .values({ ...c, status: 'received', createdAt: clock.now(), updatedAt: clock.now() })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const added = toComplaint(row);
        await recordChange(
          tx,
          clock.now(),
          {
            subject: subject(added.id),
            action: 'added',
            before: null,
            after: snapshot(added),
            audit: { status: added.status, category: added.category },
          },
          actor,
        );
        return added;
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(complaints).where(eq(complaints.id, n));
      return row ? toComplaint(row) : null;
    },

    async list(filter = {}) {
      const year = filter.year === undefined ? null : financialYear(filter.year);
      const rows = await db
        .select()
        .from(complaints)
        .where(
          and(
            filter.status === undefined ? undefined : eq(complaints.status, filter.status),
            filter.category === undefined ? undefined : eq(complaints.category, filter.category),
            year === null ? undefined : gte(complaints.receivedOn, year.from),
            year === null ? undefined : lte(complaints.receivedOn, year.to),
          ),
        )
        .orderBy(desc(complaints.receivedOn), desc(complaints.id));
      return rows.map(toComplaint);
    },

    async update(id, patch, actor, note) {
      const p = parse(ComplaintPatch, patch);
      return db.transaction(async (tx) => {
        await mayHandle(tx, actor);
        const before = await load(tx, id);
        if (p.receivedOn !== undefined) {
          dayNumber(p.receivedOn);
          const firstStep = before.recordedOn ?? before.outcomeOn ?? today();
          if (p.receivedOn > firstStep)
            throw badInput(`receivedOn: ${p.receivedOn} is after the complaint was dealt with.`);
        }
        const after = await write(tx, id, p);
        await recordChange(
          tx,
          clock.now(),
          {
            subject: subject(id),
            action: 'updated',
            before: snapshot(before),
            after: snapshot(after),
            note: note ?? null,
            audit: { status: after.status },
          },
          actor,
        );
        return after;
      });
    },

    async transition(id, step, actor) {
      const s = parse(ComplaintStep, step);
      return db.transaction(async (tx) => {
        await mayHandle(tx, actor);
        const before = await load(tx, id);
        checkComplaintStep(before.status, s.to);
        const on = s.on ?? today();
        checkDay(on, 'on', before.receivedOn, today());
        const after = await write(tx, id, {
          status: s.to,
          ...stepColumns(before, s.to, on, s.outcome),
        });
        await recordChange(
          tx,
          clock.now(),
          {
            subject: subject(id),
            action: 'transition',
            before: snapshot(before),
            after: snapshot(after),
            note: s.note ?? null,
            audit: { status: after.status, from: before.status, on },
          },
          actor,
        );
        return after;
      });
    },

    history: (id) => historyOf(db, subject(idNumber(id) ?? -1)),

    async annualFigures(year) {
      const { from, to } = financialYear(year);
      const rows = await db
        .select()
        .from(complaints)
        .where(and(gte(complaints.receivedOn, from), lte(complaints.receivedOn, to)));
      return annualFigures(rows.map(toComplaint), year, today());
    },
  };
}

/** The outcome's name, for pages and the report. */
export const outcomeName = (o: ComplaintOutcome | 'open'): string =>
  o === 'open' ? 'Not yet concluded' : COMPLAINT_OUTCOMES[o].name;
