/**
 * The demo force's holding-to-account records: fictional meetings in the shape of seed 004 (an
 * assurance and accountability meeting on violence against women and girls, where the chief
 * officer reports progress to the deputy of the policing body, who challenges what is still
 * short), a quarterly performance meeting, a thematic meeting and a public meeting still to
 * come, with agendas, papers, notes (some published), written challenges at every status (some
 * prompted by a scorecard exception) and actions with owners and due dates. Every subject says
 * "(demo)". Written through the records repositories (passed in: src/demo may not import
 * src/records), so the rules, timeline and audit apply as to anyone's.
 */

type Actor = { userId: string | null; via: 'system' };
const SYSTEM: Actor = { userId: null, via: 'system' };

type MeetingType = 'assurance_accountability' | 'thematic' | 'public' | 'performance';
type ChallengeEnd = 'open' | 'answered' | 'closed' | 'withdrawn';

/** The parts of the records store this writes through (src/records/api.ts Records). */
export interface DemoMeetingsStore {
  readonly users: { list(): Promise<readonly { id: string; role: string; disabled: boolean }[]> };
  readonly meetings: {
    list(): Promise<readonly unknown[]>;
    add(input: DemoMeetingInput, actor: Actor): Promise<{ id: string }>;
    publishNotes(id: string, actor: Actor): Promise<unknown>;
  };
  readonly challenges: {
    raise(input: DemoChallengeInput, actor: Actor): Promise<{ id: string }>;
    answer(id: string, response: string, actor: Actor): Promise<unknown>;
    transition(id: string, to: ChallengeEnd, actor: Actor, note?: string): Promise<unknown>;
  };
  readonly meetingActions: {
    add(
      input: { meetingId: string; text: string; ownerUserId: string; dueOn: string | null },
      actor: Actor,
    ): Promise<{ id: string }>;
    transition(id: string, to: 'done' | 'dropped', actor: Actor, note?: string): Promise<unknown>;
  };
}

interface DemoMeetingInput {
  type: MeetingType;
  subject: string;
  heldOn: string;
  location: string;
  attendees: string[];
  agenda: string[];
  papers: { title: string; link: string | null }[];
  notes: string;
}

interface DemoChallengeInput {
  question: string;
  raisedBy: string;
  raisedOn: string;
  ownerUserId: string;
  dueOn: string | null;
  meetingId: string | null;
  exception: { measureId: string; period: string; lpa: string; signal: string } | null;
}

interface DemoChallenge {
  question: string;
  raisedBy: string;
  /** Who answers: the demo lead or the policing body's office. */
  owner: 'lead' | 'oversight';
  /** Days after the meeting (or before today, without one) it is due. */
  dueAfter: number;
  status: ChallengeEnd;
  response?: string;
  exception?: DemoChallengeInput['exception'];
}

interface DemoAction {
  text: string;
  owner: 'lead' | 'oversight';
  dueAfter: number;
  status: 'open' | 'done' | 'dropped';
}

interface DemoMeeting {
  meeting: Omit<DemoMeetingInput, 'heldOn'>;
  /** Days before today it was held (negative: still to come). */
  age: number;
  publish: boolean;
  challenges: DemoChallenge[];
  actions: DemoAction[];
}

/** The demo scorecard's latest complete quarter (the demo data ends in March 2022). */
const PERIOD = '2021/22-Q4';
const DEPUTY = 'Deputy Police and Crime Commissioner';

export const DEMO_MEETINGS: readonly DemoMeeting[] = [
  {
    age: 60,
    publish: true,
    meeting: {
      type: 'assurance_accountability',
      subject: 'Violence against women and girls (demo)',
      location: 'Force headquarters, main conference room (demo)',
      attendees: [
        DEPUTY,
        'Temporary Chief Constable',
        'Assistant Chief Constable, Local Policing',
        'Head of Performance and Insight',
        'Chief Executive of the policing body’s office',
      ],
      agenda: [
        'Attendance times at reported domestic abuse incidents',
        'Action taken against perpetrators and referrals to the Crown Prosecution Service',
        'The specialist violence against women and girls officers in each local policing area',
        'Community scrutiny panels on violence against women and girls',
        'Domestic abuse training across departments',
        'Use of video response in the control room',
        'Commissioned services for victims of domestic abuse',
      ],
      papers: [
        { title: 'Violence against women and girls performance report (demo)', link: null },
        { title: 'Domestic abuse training: progress note (demo)', link: null },
      ],
      notes: [
        'The force reported faster attendance at domestic abuse incidents since the last meeting, more arrests of perpetrators and more files sent to the Crown Prosecution Service (demo).',
        'The specialist officers funded by the policing body are now in post in every area; their role is being refined with the local policing commanders (demo).',
        'Community scrutiny panels will start reviewing cases next quarter. Victim satisfaction remains a little below target, and video response in the control room is under-used (demo).',
        'The deputy asked for the commissioned services to be checked against national good practice before they are re-let (demo).',
      ].join('\n\n'),
    },
    challenges: [
      {
        question:
          'The domestic abuse arrest rate fell below its lower control limit in the quarter. What has changed in how arrest decisions are made, and how is the force making sure it does not continue? (demo)',
        raisedBy: DEPUTY,
        owner: 'lead',
        dueAfter: 21,
        status: 'closed',
        response:
          'Arrest decisions at domestic abuse incidents are now reviewed each morning by the duty inspector, and the rate has returned inside its limits in the months since (demo).',
        exception: {
          measureId: 'da_arrest_rate',
          period: PERIOD,
          lpa: '',
          signal: 'special cause of concern: below its lower limit',
        },
      },
      {
        question:
          'How will the force use video response in the control room to reach more domestic abuse victims quickly? (demo)',
        raisedBy: DEPUTY,
        owner: 'lead',
        dueAfter: 28,
        status: 'answered',
        response:
          'A pilot offering a video appointment to every eligible victim starts next month; take-up will be reported to the next meeting (demo).',
      },
    ],
    actions: [
      {
        text: 'Share the community scrutiny panels’ terms of reference with the policing body (demo).',
        owner: 'lead',
        dueAfter: 14,
        status: 'done',
      },
      {
        text: 'Report take-up of video response for domestic abuse victims to the next meeting (demo).',
        owner: 'lead',
        dueAfter: 45,
        status: 'open', // overdue by now
      },
      {
        text: 'Review commissioned domestic abuse services against national good practice (demo).',
        owner: 'oversight',
        dueAfter: 90,
        status: 'open',
      },
    ],
  },
  {
    age: 20,
    publish: false,
    meeting: {
      type: 'performance',
      subject: `Quarterly performance: ${PERIOD.replace('-', ' ')} (demo)`,
      location: 'Online (demo)',
      attendees: [
        DEPUTY,
        'Chief Constable',
        'Deputy Chief Constable',
        'Head of Performance and Insight',
      ],
      agenda: [
        'The scorecard for the quarter and its exceptions',
        '101 call answering',
        'Action taken rate for recorded crime',
        'Any other business',
      ],
      papers: [{ title: `Quarterly scorecard, ${PERIOD} (demo)`, link: null }],
      notes:
        'Draft notes: the scorecard was taken as read; the discussion focused on 101 call answering and the fall in the action taken rate (demo).',
    },
    challenges: [
      {
        question:
          'Fewer 101 calls were answered within 30 seconds than the target asks for. What is the plan to recover call answering, and by when? (demo)',
        raisedBy: DEPUTY,
        owner: 'lead',
        dueAfter: 30, // due soon
        status: 'open',
        exception: {
          measureId: 'calls_101_30s',
          period: PERIOD,
          lpa: '',
          signal: 'target missed',
        },
      },
      {
        question:
          'The action taken rate has run below its mean for seven points or more. What is driving the fall, and which crime groups does it affect? (demo)',
        raisedBy: 'Chief Executive of the policing body’s office',
        owner: 'lead',
        dueAfter: 14, // overdue
        status: 'open',
        exception: {
          measureId: 'action_taken_rate',
          period: PERIOD,
          lpa: '',
          signal: 'special cause of concern: in a run of 7 points below the mean',
        },
      },
    ],
    actions: [
      {
        text: 'Bring the 101 recovery plan to the next performance meeting (demo).',
        owner: 'lead',
        dueAfter: 40,
        status: 'open',
      },
    ],
  },
  {
    age: 120,
    publish: true,
    meeting: {
      type: 'thematic',
      subject: 'Neighbourhood policing and public confidence (demo)',
      location: 'Eastvale community hall (demo)',
      attendees: [DEPUTY, 'Assistant Chief Constable, Local Policing', 'Neighbourhood Inspector'],
      agenda: [
        'Public confidence survey results',
        'Visibility of neighbourhood officers',
        'Engagement with young people',
      ],
      papers: [{ title: 'Public confidence survey summary (demo)', link: null }],
      notes: [
        'Confidence in the force remains below the target the plan sets; the force set out its neighbourhood engagement plan (demo).',
        'The deputy welcomed the new ward surgeries and asked for results by area at a later meeting (demo).',
      ].join('\n\n'),
    },
    challenges: [
      {
        question:
          'Public confidence is below target. Which areas are furthest from it, and what will change there first? (demo)',
        raisedBy: DEPUTY,
        owner: 'lead',
        dueAfter: 28,
        status: 'closed',
        response:
          'Confidence is lowest in two areas; each now has a named neighbourhood inspector and a quarterly public meeting (demo).',
        exception: {
          measureId: 'confidence',
          period: PERIOD,
          lpa: '',
          signal: 'target missed',
        },
      },
      {
        question:
          'Will the force publish the results of its ward surgeries? (demo; withdrawn: covered by the engagement plan)',
        raisedBy: 'Police and Crime Panel member',
        owner: 'lead',
        dueAfter: 28,
        status: 'withdrawn',
      },
    ],
    actions: [
      {
        text: 'Produce confidence results by local policing area (demo).',
        owner: 'lead',
        dueAfter: 60,
        status: 'done',
      },
      {
        text: 'Arrange a joint youth engagement event (demo; dropped: replaced by the schools programme).',
        owner: 'oversight',
        dueAfter: 60,
        status: 'dropped',
      },
    ],
  },
  {
    age: -30,
    publish: false,
    meeting: {
      type: 'public',
      subject: 'Public accountability meeting: roads policing (demo)',
      location: 'Westbridge town hall (demo)',
      attendees: [DEPUTY, 'Chief Constable', 'Head of Roads Policing'],
      agenda: [
        'People killed or seriously injured on the roads',
        'Speed enforcement and community speed watch',
        'Questions from the public',
      ],
      papers: [],
      notes: '',
    },
    challenges: [],
    actions: [],
  },
];

/** A challenge raised outside any meeting, straight from the scorecard, for the office. */
const FROM_SCORECARD: DemoChallenge = {
  question:
    'Repeat victimisation has been above its mean for seven points or more. How are commissioned victim services working with the force on repeat victims? (demo)',
  raisedBy: 'Head of Performance and Insight',
  owner: 'oversight',
  dueAfter: 25,
  status: 'open',
  exception: {
    measureId: 'repeat_victim_rate_trc',
    period: PERIOD,
    lpa: '',
    signal: 'special cause of concern: in a run of 7 points above the mean',
  },
};

const DAY_MS = 86_400_000;
const dateBefore = (now: Date, days: number) =>
  new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
const dateAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Writes the demo meetings once (nothing when there are meetings already). Challenges and
 * actions are owned by the demo lead (`leadUserId`) or the first oversight user (the lead when
 * there is none). Returns how many meetings were written.
 */
export async function writeDemoMeetings(
  store: DemoMeetingsStore,
  opts: { now: Date; leadUserId: string },
): Promise<number> {
  if ((await store.meetings.list()).length > 0) return 0;
  const users = await store.users.list();
  const office = users.find((u) => u.role === 'oversight' && !u.disabled)?.id ?? opts.leadUserId;
  const ownerOf = (o: 'lead' | 'oversight') => (o === 'lead' ? opts.leadUserId : office);
  let written = 0;
  for (const d of DEMO_MEETINGS) {
    const heldOn = dateBefore(opts.now, d.age);
    const { id } = await store.meetings.add({ ...d.meeting, heldOn }, SYSTEM);
    if (d.publish) await store.meetings.publishNotes(id, SYSTEM);
    for (const c of d.challenges) await writeChallenge(store, c, id, heldOn, ownerOf(c.owner));
    for (const a of d.actions) {
      const action = await store.meetingActions.add(
        {
          meetingId: id,
          text: a.text,
          ownerUserId: ownerOf(a.owner),
          dueOn: dateAfter(heldOn, a.dueAfter),
        },
        SYSTEM,
      );
      if (a.status !== 'open')
        await store.meetingActions.transition(action.id, a.status, SYSTEM, 'Demo data');
    }
    written++;
  }
  const raisedOn = dateBefore(opts.now, 5);
  await writeChallenge(store, FROM_SCORECARD, null, raisedOn, ownerOf(FROM_SCORECARD.owner));
  return written;
}

async function writeChallenge(
  store: DemoMeetingsStore,
  c: DemoChallenge,
  meetingId: string | null,
  raisedOn: string,
  ownerUserId: string,
): Promise<void> {
  const { id } = await store.challenges.raise(
    {
      question: c.question,
      raisedBy: c.raisedBy,
      raisedOn,
      ownerUserId,
      dueOn: dateAfter(raisedOn, c.dueAfter),
      meetingId,
      exception: c.exception ?? null,
    },
    SYSTEM,
  );
  if (c.status === 'withdrawn') {
    await store.challenges.transition(id, 'withdrawn', SYSTEM, 'Demo data');
    return;
  }
  if (c.status === 'open') return;
  await store.challenges.answer(id, c.response ?? 'Answered (demo).', SYSTEM);
  if (c.status === 'closed') await store.challenges.transition(id, 'closed', SYSTEM, 'Demo data');
}
