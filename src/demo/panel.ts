/**
 * The demo panel's records: fictional complaints about the conduct of the policing body's
 * holder over the last two years, at a spread of statuses (recorded and resolved informally,
 * not recorded, withdrawn, referred to the IOPC, still open), and a work programme in the
 * shape of a panel's (seed 003: routine reports at every meeting, the annual complaints
 * report, the precept, topics the panel asked for). Every summary and title says "(demo)" and
 * names no one. Written through the records repositories the caller passes in (src/demo may
 * not import src/records), so the panel's rules, timeline and audit apply.
 */

type Actor = { userId: string | null; via: 'system' };
const SYSTEM: Actor = { userId: null, via: 'system' };

type Category =
  'behaviour' | 'public_statements' | 'use_of_office' | 'integrity' | 'correspondence' | 'other';
type To =
  'recorded' | 'not_recorded' | 'informal_resolution' | 'resolved' | 'withdrawn' | 'referred_iopc';
type Outcome =
  'explanation_provided' | 'apology_given' | 'outside_regulations' | 'not_about_conduct';

/** The parts of the records store this writes through (src/records/api.ts Records). */
export interface DemoPanelStore {
  readonly complaints: {
    list(): Promise<readonly unknown[]>;
    add(
      input: { receivedOn: string; summary: string; category: Category },
      actor: Actor,
    ): Promise<{ id: string }>;
    transition(
      id: string,
      step: { to: To; on: string; outcome?: Outcome; note?: string },
      actor: Actor,
    ): Promise<unknown>;
  };
  readonly workProgramme: {
    list(): Promise<readonly unknown[]>;
    add(
      input: {
        title: string;
        description: string;
        meetingOn: string | null;
        papersRequested: string[];
        status: 'planned' | 'done' | 'deferred';
      },
      actor: Actor,
    ): Promise<unknown>;
  };
}

interface DemoComplaint {
  /** Days before today it was received. */
  age: number;
  category: Category;
  summary: string;
  /** Each step, days after receipt. */
  steps: { to: To; after: number; outcome?: Outcome; note?: string }[];
}

const resolvedInformally = (rec: number, start: number, end: number, outcome: Outcome) => [
  { to: 'recorded' as const, after: rec },
  {
    to: 'informal_resolution' as const,
    after: start,
    note: 'Referred to a sub-panel of three members (demo).',
  },
  { to: 'resolved' as const, after: end, outcome },
];

export const DEMO_COMPLAINTS: readonly DemoComplaint[] = [
  {
    age: 690,
    category: 'behaviour',
    summary:
      'Said to have spoken dismissively to a resident at a community engagement event (demo).',
    steps: resolvedInformally(6, 15, 48, 'apology_given'),
  },
  {
    age: 610,
    category: 'public_statements',
    summary: 'Objects to the priorities set out in the police and crime plan (demo).',
    steps: [{ to: 'not_recorded', after: 5, outcome: 'not_about_conduct' }],
  },
  {
    age: 540,
    category: 'correspondence',
    summary: 'Letters about a local policing matter went unanswered for several months (demo).',
    steps: resolvedInformally(4, 10, 40, 'explanation_provided'),
  },
  {
    age: 470,
    category: 'use_of_office',
    summary: 'Alleges that office resources were used for a private purpose (demo).',
    steps: [
      {
        to: 'referred_iopc',
        after: 3,
        note: 'The allegation, if true, could be an offence (demo).',
      },
    ],
  },
  {
    age: 400,
    category: 'behaviour',
    summary: 'Comments made during a radio interview were felt to be disrespectful (demo).',
    steps: [
      { to: 'recorded', after: 7 },
      { to: 'withdrawn', after: 25 },
    ],
  },
  {
    age: 300,
    category: 'other',
    summary: 'A complaint about an officer at a roadside stop, sent to the panel (demo).',
    steps: [
      {
        to: 'not_recorded',
        after: 6,
        outcome: 'outside_regulations',
        note: 'Passed to the force’s professional standards department (demo).',
      },
    ],
  },
  {
    age: 210,
    category: 'integrity',
    summary: 'Says a declaration of interests was not kept up to date (demo).',
    steps: resolvedInformally(5, 14, 70, 'explanation_provided'),
  },
  {
    age: 120,
    category: 'public_statements',
    summary: 'A social media post was said to single out a community group (demo).',
    steps: [
      { to: 'recorded', after: 8 },
      { to: 'informal_resolution', after: 20 },
    ],
  },
  {
    age: 60,
    category: 'correspondence',
    summary: 'No reply was received to a request for a meeting about rural crime (demo).',
    steps: [{ to: 'recorded', after: 5 }],
  },
  {
    age: 35,
    category: 'behaviour',
    summary: 'Unhappy with how a question was answered at a public meeting (demo).',
    steps: [{ to: 'not_recorded', after: 4, outcome: 'outside_regulations' }],
  },
  {
    age: 9,
    category: 'use_of_office',
    summary: 'Questions the cost of a recent office move (demo).',
    steps: [],
  },
];

interface DemoWorkItem {
  title: string;
  description: string;
  /** Days from today of its meeting (negative: past); null: no meeting set. */
  meetingIn: number | null;
  papers: string[];
  status: 'planned' | 'done' | 'deferred';
}

const REPORT = 'Police and crime plan activity and performance monitoring report (demo)';

export const DEMO_WORK_PROGRAMME: readonly DemoWorkItem[] = [
  {
    title: REPORT,
    description: 'A routine item at every meeting.',
    meetingIn: -62,
    papers: ['Quarterly performance report'],
    status: 'done',
  },
  {
    title: 'Work programme (demo)',
    description: 'A routine item at every meeting.',
    meetingIn: -62,
    papers: [],
    status: 'done',
  },
  {
    title: REPORT,
    description: 'A routine item at every meeting.',
    meetingIn: 20,
    papers: ['Quarterly performance report', 'Delivery updates on the plan’s commitments'],
    status: 'planned',
  },
  {
    title: 'Annual report on complaints (demo)',
    description: 'Complaints about the conduct of the holder received in the last financial year.',
    meetingIn: 20,
    papers: [],
    status: 'planned',
  },
  {
    title:
      'Response to an inspection of the police response to violence against women and girls (demo)',
    description: 'How the recommendations are being taken forward.',
    meetingIn: 20,
    papers: ['The published response to the inspection', 'The force’s action plan'],
    status: 'planned',
  },
  {
    title: 'Diversity and inclusion (demo)',
    description: 'Added at the last meeting; the report was not ready.',
    meetingIn: 83,
    papers: ['Workforce diversity report'],
    status: 'deferred',
  },
  {
    title: 'Audit and finance update (demo)',
    description: '',
    meetingIn: 83,
    papers: ['Internal audit summary'],
    status: 'planned',
  },
  {
    title: 'Proposed precept and medium-term financial plan (demo)',
    description: 'A statutory item: the panel reviews the proposed precept and may veto it.',
    meetingIn: 146,
    papers: ['Precept proposal', 'Medium-term financial plan'],
    status: 'planned',
  },
  {
    title: 'Road safety (demo)',
    description: 'A possible task group; the approach is to be discussed.',
    meetingIn: null,
    papers: [],
    status: 'planned',
  },
];

const DAY_MS = 86_400_000;
const dateOf = (now: Date, days: number) =>
  new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Writes the demo complaints and work programme once (nothing when the panel already has
 * complaints). Returns how many complaints were written.
 */
export async function writeDemoPanel(store: DemoPanelStore, opts: { now: Date }): Promise<number> {
  if ((await store.complaints.list()).length > 0) return 0;
  for (const c of DEMO_COMPLAINTS) {
    const { id } = await store.complaints.add(
      { receivedOn: dateOf(opts.now, -c.age), summary: c.summary, category: c.category },
      SYSTEM,
    );
    for (const s of c.steps)
      await store.complaints.transition(
        id,
        {
          to: s.to,
          on: dateOf(opts.now, s.after - c.age),
          ...(s.outcome ? { outcome: s.outcome } : {}),
          note: s.note ?? 'Demo data',
        },
        SYSTEM,
      );
  }
  if ((await store.workProgramme.list()).length === 0)
    for (const w of DEMO_WORK_PROGRAMME)
      await store.workProgramme.add(
        {
          title: w.title,
          description: w.description,
          meetingOn: w.meetingIn === null ? null : dateOf(opts.now, w.meetingIn),
          papersRequested: w.papers,
          status: w.status,
        },
        SYSTEM,
      );
  return DEMO_COMPLAINTS.length;
}
