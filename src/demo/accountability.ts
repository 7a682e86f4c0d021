/**
 * The demo force's accountability records: fictional inspections and findings in the shape of
 * seeds 000 and 001 (a thematic inspection of the response to violence against women and
 * girls with its recommendations, a crime-data-integrity inspection with four areas for
 * improvement), a recent PEEL-style report whose response is still on the clock, and an
 * internal audit, at a spread of statuses and ages. Every title says "(demo)". Written through
 * the records repositories (the caller passes them: src/demo may not import src/records), so
 * the lifecycle rules, history and audit apply as to anyone's.
 */

import { writeDemoMeetings, type DemoMeetingsStore } from './meetings.ts';
import { writeDemoPlan, type DemoPlanStore } from './plan.ts';
import { writeDemoPanel, type DemoPanelStore } from './panel.ts';

type Status =
  | 'awaiting_allocation'
  | 'allocated'
  | 'in_progress'
  | 'evidence_submitted'
  | 'approved_for_closure'
  | 'closed'
  | 'superseded';

type Rag = 'red' | 'amber' | 'green';
type Actor = { userId: string | null; via: 'system' };
const SYSTEM: Actor = { userId: null, via: 'system' };

/** The parts of the records store this writes through (src/records/api.ts Records). */
export interface DemoAccountabilityStore {
  readonly policingBodies: {
    current(on: Date): Promise<unknown>;
    add(
      input: { type: 'pcc'; name: string; roleTitles: { holder: string; office: string } },
      from: Date,
      actor: Actor,
    ): Promise<unknown>;
  };
  readonly findingSources: {
    list(): Promise<readonly unknown[]>;
    add(input: DemoSource, actor: Actor): Promise<{ id: string }>;
  };
  readonly findings: {
    add(input: DemoFindingInput, actor: Actor): Promise<{ id: string }>;
    transition(id: string, to: Status, actor: Actor, note?: string): Promise<unknown>;
    postUpdate(
      id: string,
      input: { text: string; coversOn: string; rag: Rag | null; link: null },
      actor: Actor,
      file?: { fileName: string; bytes: Uint8Array },
    ): Promise<unknown>;
  };
  readonly boardReviews: {
    record(
      findingId: string,
      input: {
        board: string;
        heldOn: string;
        decision: 'approve_closure' | 'decline_closure' | 'noted' | 'deferred';
        note: string | null;
      },
      actor: Actor,
    ): Promise<unknown>;
  };
  readonly responses: {
    draft(
      sourceId: string,
      actor: Actor,
    ): Promise<{ id: string; items: readonly { findingId: string }[] }>;
    setIntro(id: string, intro: string, actor: Actor): Promise<unknown>;
    setItem(
      id: string,
      findingId: string,
      input: { position: 'accepted' | 'for_others'; plannedAction: string },
      actor: Actor,
    ): Promise<unknown>;
    approve(id: string, actor: Actor): Promise<unknown>;
    publish(
      id: string,
      input: { publishedOn: string; copiesTo: string[] },
      actor: Actor,
    ): Promise<unknown>;
  };
}

interface DemoSource {
  kind: 'hmicfrs' | 'internal_audit';
  title: string;
  reportKind: 'peel' | 'thematic' | null;
  publishedOn: string;
  url: null;
  peelGrades: Record<
    string,
    'Outstanding' | 'Good' | 'Adequate' | 'Requires improvement' | 'Inadequate'
  > | null;
}

interface DemoFindingInput {
  sourceId: string;
  ref: string;
  kind: 'recommendation' | 'area_for_improvement' | 'cause_of_concern';
  text: string;
  scope: 'national' | 'force';
  due: string | null;
  leadUserId: string | null;
}

interface DemoFinding {
  ref: string;
  kind: DemoFindingInput['kind'];
  text: string;
  scope: DemoFindingInput['scope'];
  /** Days after publication it is due; 0 = immediately; null = no date. */
  dueAfter: number | null;
  status: Status;
  /** Posted (RAG green, or `evidenceRag`) just before the evidence is submitted for closure. */
  evidence?: string;
  evidenceRag?: Rag;
  /** A fictional file attached to the evidence. */
  file?: { name: string; content: string };
  /** Progress updates posted while it is in progress, oldest first. */
  updates?: readonly { text: string; rag: Rag }[];
  /** Closure declined once at the board, then a further update and a second submission. */
  declined?: { note: string; then: string };
  /** A board that noted progress without deciding anything. */
  noted?: { board: string; note: string };
}

/** How the response to a report stands: published after N days, a draft, or none. */
type ResponseState = { publishedAfter: number } | 'draft' | null;

interface DemoInspection {
  source: Omit<DemoSource, 'publishedOn' | 'url'>;
  /** Days before today it was published. */
  age: number;
  /**
   * A fixed publication date instead (overrides `age`): the demo's crime data end in March 2022,
   * so a report from its last year keeps `recommendations_open` in figures over the demo's
   * periods as well as in the register today.
   */
  publishedOn?: string;
  findings: DemoFinding[];
  response: ResponseState;
}

const rec = 'recommendation' as const;
const afi = 'area_for_improvement' as const;

export const DEMO_INSPECTIONS: readonly DemoInspection[] = [
  {
    source: {
      kind: 'hmicfrs',
      title: 'Police response to violence against women and girls (demo)',
      reportKind: 'thematic',
      peelGrades: null,
    },
    age: 300,
    response: { publishedAfter: 50 },
    findings: [
      {
        ref: 'Recommendation 1',
        kind: rec,
        text: 'Record the protected characteristics of victims accurately and consistently.',
        scope: 'force',
        dueAfter: 180,
        status: 'approved_for_closure',
        evidence: 'Ethnicity recording of victims reached 86% after short learning videos (demo).',
        file: {
          name: 'Ethnicity recording audit (demo).csv',
          content:
            'month,victims_recorded,ethnicity_recorded\n2021-08,1180,896\n2021-09,1215,1009\n2021-10,1242,1068\n',
        },
      },
      {
        ref: 'Recommendation 2',
        kind: rec,
        text: 'Introduce a single national survey to measure the satisfaction of victims.',
        scope: 'national',
        dueAfter: null,
        status: 'superseded',
      },
      {
        ref: 'Recommendation 3',
        kind: rec,
        text: 'Adopt a strategy and action plan for violence against women and girls, monitored and managed.',
        scope: 'force',
        dueAfter: 240,
        status: 'in_progress',
        updates: [
          {
            text: 'Draft strategy agreed with partners; an owner named for each action (demo).',
            rag: 'amber',
          },
          {
            text: 'Action plan monitored monthly by the working group; two actions behind (demo).',
            rag: 'amber',
          },
        ],
      },
      {
        ref: 'Recommendation 4',
        kind: rec,
        text: 'Pursue and disrupt the perpetrators of violence against women and girls relentlessly.',
        scope: 'force',
        dueAfter: 270,
        status: 'evidence_submitted',
        evidence:
          'Perpetrator programme in every area; quarterly disruption returns attached (demo).',
        file: {
          name: 'Disruption returns Q1-Q3 (demo).csv',
          content: 'quarter,perpetrators_managed,disruptions\nQ1,64,41\nQ2,71,52\nQ3,69,58\n',
        },
      },
      {
        ref: 'Recommendation 5',
        kind: rec,
        text: 'Make sure victims get support tailored to their needs at every stage of the case.',
        scope: 'force',
        dueAfter: 365,
        status: 'allocated',
      },
    ],
  },
  {
    source: {
      kind: 'hmicfrs',
      title: 'Crime data integrity inspection (demo)',
      reportKind: 'peel',
      peelGrades: { 'Crime data integrity': 'Good' },
    },
    age: 700,
    response: { publishedAfter: 48 },
    findings: [
      {
        ref: 'AFI 1',
        kind: afi,
        text: 'Improve how violent crimes are recorded, particularly harassment, stalking, coercive and controlling behaviour, and domestic abuse.',
        scope: 'force',
        dueAfter: 365,
        status: 'closed',
        evidence: 'Rolling audit of stalking and harassment shows 94% compliance (demo).',
        file: {
          name: 'Stalking and harassment audit summary (demo).txt',
          content:
            'Rolling audit of stalking and harassment recording (demo data).\n250 incidents audited; 235 recorded correctly (94%).\n',
        },
      },
      {
        ref: 'AFI 2',
        kind: afi,
        text: 'Train all officers and staff in crime recording roles in the Home Office Counting Rules.',
        scope: 'force',
        dueAfter: 365,
        status: 'closed',
        evidence: 'Counting rules training completed by 97% of crime recording staff (demo).',
      },
      {
        ref: 'AFI 3',
        kind: afi,
        text: 'Improve how modern slavery crimes reported through the national referral mechanism are identified and recorded.',
        scope: 'force',
        dueAfter: 365,
        status: 'evidence_submitted',
        evidence: 'Referrals now recorded by the public service desk on receipt (demo).',
        evidenceRag: 'amber',
        declined: {
          note: 'One quarter of audit is not enough: show the change has lasted (demo).',
          then: 'Second quarter audited: 96% of referrals recorded on receipt (demo).',
        },
      },
      {
        ref: 'AFI 4',
        kind: afi,
        text: 'Improve how equality data is collected and analysed through the crime reporting and recording systems.',
        scope: 'force',
        dueAfter: 365,
        status: 'in_progress',
        updates: [
          {
            text: 'Equality fields added to the crime recording form; completion still low (demo).',
            rag: 'red',
          },
        ],
      },
    ],
  },
  {
    source: {
      kind: 'hmicfrs',
      title: 'PEEL inspection of the demo force (demo)',
      reportKind: 'peel',
      peelGrades: { 'Investigating crime': 'Adequate', 'Responding to the public': 'Good' },
    },
    age: 45,
    response: 'draft',
    findings: [
      {
        ref: 'Cause of concern 1, recommendation 1',
        kind: rec,
        text: 'Answer emergency calls within the national standard.',
        scope: 'force',
        dueAfter: 0,
        status: 'allocated',
      },
      {
        ref: 'AFI 1',
        kind: afi,
        text: 'Make sure investigations are supervised and victims are updated.',
        scope: 'force',
        dueAfter: 180,
        status: 'awaiting_allocation',
      },
    ],
  },
  {
    source: {
      kind: 'hmicfrs',
      title: 'PEEL 2021/22: an inspection of the demo force (demo)',
      reportKind: 'peel',
      peelGrades: {
        'Preventing crime': 'Good',
        'Investigating crime': 'Requires improvement',
        'Protecting vulnerable people': 'Adequate',
      },
    },
    age: 0,
    publishedOn: '2021-06-15',
    response: { publishedAfter: 50 },
    findings: [
      {
        ref: 'AFI 1',
        kind: afi,
        text: 'Make sure crimes are allocated to officers with the skills to investigate them.',
        scope: 'force',
        dueAfter: 365,
        status: 'in_progress',
        updates: [
          {
            text: 'Allocation policy rewritten; training for investigators booked (demo).',
            rag: 'amber',
          },
        ],
      },
      {
        ref: 'AFI 2',
        kind: afi,
        text: 'Improve how the force records the reasons victims withdraw support (demo).',
        scope: 'force',
        dueAfter: 270,
        status: 'allocated',
      },
      {
        ref: 'AFI 3',
        kind: afi,
        text: 'Review how neighbourhood teams use problem-solving plans.',
        scope: 'force',
        dueAfter: null,
        status: 'awaiting_allocation',
      },
    ],
  },
  {
    source: {
      kind: 'internal_audit',
      title: 'Internal audit: property and exhibits (demo)',
      reportKind: null,
      peelGrades: null,
    },
    age: 200,
    response: null,
    findings: [
      {
        ref: 'Finding 1',
        kind: rec,
        text: 'Reconcile the property store with the records system every quarter.',
        scope: 'force',
        dueAfter: 90, // now overdue
        status: 'in_progress',
        updates: [
          {
            text: 'First reconciliation found 40 items to trace; a second is booked (demo).',
            rag: 'red',
          },
        ],
        noted: {
          board: 'Joint Audit Committee',
          note: 'Progress noted; to be reviewed again next quarter (demo).',
        },
      },
    ],
  },
];

/** The path through the lifecycle to each demo status (lifecycle.ts's table allows each step). */
const PATH: Record<Status, Status[]> = {
  awaiting_allocation: [],
  allocated: ['allocated'],
  in_progress: ['allocated', 'in_progress'],
  evidence_submitted: ['allocated', 'in_progress', 'evidence_submitted'],
  approved_for_closure: ['allocated', 'in_progress', 'evidence_submitted', 'approved_for_closure'],
  closed: ['allocated', 'in_progress', 'evidence_submitted', 'approved_for_closure', 'closed'],
  superseded: ['superseded'],
};

const DAY_MS = 86_400_000;
const dateBefore = (now: Date, days: number) =>
  new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
const dateAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Writes the demo inspections once (nothing when the register already holds a source), with
 * the policing body when none is in office. Findings past allocation need a strategic lead:
 * `leadUserId` (the demo lead's account). Returns how many findings were written.
 */
export async function writeDemoAccountability(
  store: DemoAccountabilityStore & DemoMeetingsStore & DemoPlanStore & DemoPanelStore,
  opts: { now: Date; leadUserId: string; bodyName: string },
): Promise<number> {
  if ((await store.findingSources.list()).length > 0) return 0;
  if (!(await store.policingBodies.current(opts.now)))
    await store.policingBodies.add(
      {
        type: 'pcc',
        name: opts.bodyName,
        roleTitles: { holder: 'Police and Crime Commissioner', office: 'Office of the PCC' },
      },
      new Date(opts.now.getTime() - 1500 * DAY_MS),
      SYSTEM,
    );
  let written = 0;
  for (const inspection of DEMO_INSPECTIONS) {
    const publishedOn = inspection.publishedOn ?? dateBefore(opts.now, inspection.age);
    const age = inspection.publishedOn
      ? Math.max(0, Math.round((opts.now.getTime() - Date.parse(inspection.publishedOn)) / DAY_MS))
      : inspection.age;
    const source = await store.findingSources.add(
      { ...inspection.source, publishedOn, url: null },
      SYSTEM,
    );
    for (const f of inspection.findings) {
      const due =
        f.dueAfter === null
          ? null
          : f.dueAfter === 0
            ? 'immediately'
            : dateAfter(publishedOn, f.dueAfter);
      const lead =
        f.status === 'awaiting_allocation' || f.status === 'superseded' ? null : opts.leadUserId;
      const { id } = await store.findings.add(
        {
          sourceId: source.id,
          ref: f.ref,
          kind: f.kind,
          text: f.text,
          scope: f.scope,
          due,
          leadUserId: lead,
        },
        SYSTEM,
      );
      await walk(store, id, f, opts.now, Math.floor(age / 3));
      written++;
    }
    await writeResponse(store, source.id, publishedOn, inspection.response);
  }
  await writeDemoMeetings(store, opts);
  await writeDemoPlan(store, opts);
  await writeDemoPanel(store, opts);
  return written;
}

const BOARD = 'Service Improvement Board';

/**
 * Takes a demo finding along its path as its lead and the board would: progress updates while
 * in progress, evidence (with a file) before it is submitted, the board's decision for closure.
 * `recent` is how many days ago its evidence was dated.
 */
async function walk(
  store: DemoAccountabilityStore,
  id: string,
  f: DemoFinding,
  now: Date,
  recent: number,
): Promise<void> {
  const update = (text: string, rag: Rag, daysAgo: number, file?: DemoFinding['file']) =>
    store.findings.postUpdate(
      id,
      { text, coversOn: dateBefore(now, daysAgo), rag, link: null },
      SYSTEM,
      file ? { fileName: file.name, bytes: new TextEncoder().encode(file.content) } : undefined,
    );
  const review = (decision: 'approve_closure' | 'decline_closure', note: string, daysAgo: number) =>
    store.boardReviews.record(
      id,
      { board: BOARD, heldOn: dateBefore(now, daysAgo), decision, note },
      SYSTEM,
    );
  for (const to of PATH[f.status]) {
    if (to === 'evidence_submitted') {
      if (f.evidence) await update(f.evidence, f.evidenceRag ?? 'green', recent, f.file);
      await store.findings.transition(id, to, SYSTEM, 'Demo data');
      if (f.declined) {
        await review('decline_closure', f.declined.note, Math.max(1, recent - 20));
        await update(f.declined.then, 'green', Math.max(1, recent - 30));
        await store.findings.transition(id, to, SYSTEM, 'Demo data: submitted again');
      }
      continue;
    }
    if (to === 'approved_for_closure') {
      await review(
        'approve_closure',
        'Evidence accepted; the change has lasted (demo).',
        recent - 10,
      );
      continue;
    }
    await store.findings.transition(id, to, SYSTEM, 'Demo data');
    if (to === 'in_progress')
      for (const [i, u] of (f.updates ?? []).entries())
        await update(u.text, u.rag, Math.max(1, recent - 30 * i));
  }
  if (f.noted)
    await store.boardReviews.record(
      id,
      { board: f.noted.board, heldOn: dateBefore(now, 7), decision: 'noted', note: f.noted.note },
      SYSTEM,
    );
}

async function writeResponse(
  store: DemoAccountabilityStore,
  sourceId: string,
  publishedOn: string,
  state: ResponseState,
): Promise<void> {
  if (state === null) return;
  const draft = await store.responses.draft(sourceId, SYSTEM);
  await store.responses.setIntro(
    draft.id,
    'I am writing in response to the findings set out in this inspection report (demo).',
    SYSTEM,
  );
  const first = draft.items[0];
  if (state === 'draft') {
    // Half done: one position given, the rest still to write.
    if (first)
      await store.responses.setItem(
        draft.id,
        first.findingId,
        {
          position: 'accepted',
          plannedAction: 'A call-handling recovery plan is overseen monthly (demo).',
        },
        SYSTEM,
      );
    return;
  }
  for (const item of draft.items)
    await store.responses.setItem(
      draft.id,
      item.findingId,
      {
        position: 'accepted',
        plannedAction: 'Included in the force action plan, reviewed by the board (demo).',
      },
      SYSTEM,
    );
  await store.responses.approve(draft.id, SYSTEM);
  await store.responses.publish(
    draft.id,
    {
      publishedOn: dateAfter(publishedOn, state.publishedAfter),
      copiesTo: [
        'HM Inspectorate of Constabulary and Fire & Rescue Services',
        'The Home Secretary',
      ],
    },
    SYSTEM,
  );
}
