/**
 * The demo force's Police and Crime Plan: fictional, in the shape of seed 003's draft plan —
 * four objectives, each with priorities; each priority with commitments (some the policing
 * body's own, some the Chief Constable's) and outcomes; catalogue measures evidencing them —
 * with quarterly delivery updates over the last four complete quarters (a spread of statuses,
 * a few missing) and consultation responses. Every title says "(demo)". Written through the
 * records repositories the caller passes (src/demo may not import src/records), so the plan's
 * rules, timeline and audit apply as to anyone's.
 */

import { londonParts } from '../lib/london-time.ts';

type Actor = { userId: string | null; via: 'system' };
const SYSTEM: Actor = { userId: null, via: 'system' };

type Owner = 'policing_body' | 'chief_constable';
type Status = 'complete' | 'on_track' | 'some_concerns' | 'off_track' | 'not_started';
type Channel = 'online_survey' | 'email' | 'letter' | 'public_meeting' | 'focus_group';
type Respondent =
  | 'resident'
  | 'victim_or_survivor'
  | 'business'
  | 'partner_organisation'
  | 'voluntary_sector'
  | 'elected_member';
type Support = 'supports' | 'partly_supports' | 'opposes' | 'no_view';

/** The parts of the records store this writes through (src/records/api.ts Records). */
export interface DemoPlanStore {
  readonly plan: {
    list(): Promise<readonly unknown[]>;
    add(
      input: { title: string; startsOn: string; endsOn: string; status: 'published' },
      actor: Actor,
    ): Promise<{ id: string }>;
    addObjective(
      input: { planId: string; title: string; description: string },
      actor: Actor,
    ): Promise<{ id: string }>;
    addPriority(
      input: { objectiveId: string; title: string; description: string },
      actor: Actor,
    ): Promise<{ id: string }>;
    addCommitment(
      input: { priorityId: string; text: string; owner: Owner; leadUserId: string | null },
      actor: Actor,
    ): Promise<{ id: string }>;
    addOutcome(input: { priorityId: string; text: string }, actor: Actor): Promise<{ id: string }>;
    linkMeasure(
      input: { commitmentId?: string; outcomeId?: string; measureId: string },
      knownMeasureIds: readonly string[],
      actor: Actor,
    ): Promise<unknown>;
  };
  readonly delivery: {
    post(
      commitmentId: string,
      input: { quarter: string; status: Status; narrative: string; evidence: string },
      actor: Actor,
    ): Promise<unknown>;
  };
  readonly consultation: {
    add(
      input: {
        planId: string;
        priorityId: string | null;
        receivedOn: string;
        channel: Channel;
        respondentType: Respondent;
        summary: string;
        support: Support | null;
      },
      actor: Actor,
    ): Promise<unknown>;
  };
}

interface DemoCommitment {
  readonly text: string;
  readonly owner: Owner;
  /** What the updates talk about, e.g. "the review of victim services". */
  readonly topic: string;
  readonly measures: readonly string[];
  /** Status in each of the last four quarters, oldest first; null = no update that quarter. */
  readonly statuses: readonly (Status | null)[];
}

interface DemoPriority {
  readonly title: string;
  readonly outcomes: readonly { text: string; measures: readonly string[] }[];
  readonly commitments: readonly DemoCommitment[];
}

interface DemoObjective {
  readonly title: string;
  readonly description: string;
  readonly priorities: readonly DemoPriority[];
}

const body = 'policing_body' as const;
const force = 'chief_constable' as const;

export const DEMO_PLAN: readonly DemoObjective[] = [
  {
    title: 'Victims and survivors first (demo)',
    description: 'Victims get the support, information and justice they need to cope and recover.',
    priorities: [
      {
        title: "Victims' voices heard throughout the justice system (demo)",
        outcomes: [
          {
            text: 'Victims are kept informed and have a better experience of justice (demo).',
            measures: ['victims_code_compliance'],
          },
        ],
        commitments: [
          {
            text: 'Audit compliance with the Victims’ Code every quarter and publish the findings (demo).',
            owner: body,
            topic: 'the quarterly Victims’ Code audit',
            measures: ['victims_code_compliance'],
            statuses: ['on_track', 'on_track', 'on_track', 'complete'],
          },
          {
            text: 'Raise the satisfaction of victims of domestic abuse with the service they receive (demo).',
            owner: force,
            topic: 'the domestic abuse victim care plan',
            measures: ['sat_domestic_abuse', 'repeat_victim_rate_da'],
            statuses: ['on_track', 'some_concerns', 'some_concerns', 'on_track'],
          },
        ],
      },
      {
        title: 'Support services for every victim (demo)',
        outcomes: [
          {
            text: 'Victims recover from the harm they have suffered (demo).',
            measures: ['val_referral_rate'],
          },
        ],
        commitments: [
          {
            text: 'Commission an independent needs assessment of victim services (demo).',
            owner: body,
            topic: 'the victim needs assessment',
            measures: [],
            statuses: ['not_started', 'on_track', 'on_track', null],
          },
          {
            text: 'Refer every victim who wants support to the Victim Advice Line within two days (demo).',
            owner: force,
            topic: 'referrals to the Victim Advice Line',
            measures: ['val_referral_rate'],
            statuses: ['some_concerns', 'off_track', 'some_concerns', 'on_track'],
          },
        ],
      },
    ],
  },
  {
    title: 'A safer, more secure force area (demo)',
    description: 'Less crime and harm, with offenders brought to justice.',
    priorities: [
      {
        title: 'Less crime and reoffending (demo)',
        outcomes: [
          {
            text: 'Communities experience less harm from crime (demo).',
            measures: ['crime_total'],
          },
        ],
        commitments: [
          {
            text: 'Target the most harmful repeat offenders with partners (demo).',
            owner: force,
            topic: 'the repeat offender programme',
            measures: ['high_harm_repeat_nominals', 'repeat_victim_rate_trc'],
            statuses: ['on_track', 'on_track', 'on_track', 'on_track'],
          },
          {
            text: 'Fund youth diversion schemes in every local policing area (demo).',
            owner: body,
            topic: 'the youth diversion grants',
            measures: [],
            statuses: ['on_track', 'on_track', 'complete', 'complete'],
          },
        ],
      },
      {
        title: 'Organised crime disrupted and exploitation prevented (demo)',
        outcomes: [
          {
            text: 'Organised crime groups are disrupted and children are protected from exploitation (demo).',
            measures: ['priority_cse'],
          },
        ],
        commitments: [
          {
            text: 'Increase the disruption of organised crime groups and county lines (demo).',
            owner: force,
            topic: 'the organised crime disruption plan',
            measures: ['soc_disruptions'],
            statuses: ['on_track', 'some_concerns', 'on_track', 'on_track'],
          },
        ],
      },
      {
        title: 'Better outcomes for domestic abuse and sexual violence (demo)',
        outcomes: [
          {
            text: 'Victims are safeguarded from further harm (demo).',
            measures: ['repeat_victim_rate_da'],
          },
        ],
        commitments: [
          {
            text: 'Improve arrest rates and charging outcomes for domestic abuse (demo).',
            owner: force,
            topic: 'the domestic abuse arrest and charging review',
            measures: ['da_arrest_rate', 'vawg_oc16'],
            statuses: ['some_concerns', 'some_concerns', 'off_track', 'some_concerns'],
          },
          {
            text: 'Reduce the time rape case files wait with the Crown Prosecution Service (demo).',
            owner: force,
            topic: 'the rape file quality plan',
            measures: ['rape_cps_overdue'],
            statuses: ['off_track', 'off_track', 'some_concerns', null],
          },
        ],
      },
      {
        title: 'Less harm on the roads (demo)',
        outcomes: [
          {
            text: 'Fewer people are killed or seriously injured on the roads (demo).',
            measures: ['ksi'],
          },
        ],
        commitments: [
          {
            text: 'Recruit more specialist roads policing officers and target the most dangerous drivers (demo).',
            owner: force,
            topic: 'the roads policing recruitment',
            measures: ['ksi'],
            statuses: ['not_started', 'on_track', 'on_track', 'on_track'],
          },
          {
            text: 'Fund community speed watch schemes with road safety partners (demo).',
            owner: body,
            topic: 'the community speed watch fund',
            measures: [],
            statuses: ['on_track', 'on_track', 'on_track', 'on_track'],
          },
        ],
      },
    ],
  },
  {
    title: 'A modern, efficient force (demo)',
    description:
      'Value for money, a force that answers quickly, and a workforce like its communities.',
    priorities: [
      {
        title: 'Resources matched to demand (demo)',
        outcomes: [
          {
            text: 'The public can reach the police quickly when they need to (demo).',
            measures: ['calls_999_10s'],
          },
        ],
        commitments: [
          {
            text: 'Answer 999 and 101 calls within the national standards (demo).',
            owner: force,
            topic: 'the contact centre recovery plan',
            measures: ['calls_999_10s', 'calls_101_30s'],
            statuses: ['off_track', 'off_track', 'some_concerns', 'some_concerns'],
          },
          {
            text: 'Set a balanced budget each year with savings reinvested in the front line (demo).',
            owner: body,
            topic: 'the medium-term financial plan',
            measures: [],
            statuses: ['on_track', 'on_track', 'on_track', 'on_track'],
          },
        ],
      },
      {
        title: 'A workforce that reflects its communities (demo)',
        outcomes: [
          {
            text: 'The workforce better reflects the communities it serves (demo).',
            measures: ['ethnic_minority_officers_pct'],
          },
        ],
        commitments: [
          {
            text: 'Recruit more officers from under-represented groups and keep them (demo).',
            owner: force,
            topic: 'the positive action recruitment campaign',
            measures: ['female_officers_pct', 'ethnic_minority_officers_pct', 'attrition_officers'],
            statuses: ['on_track', 'on_track', 'some_concerns', 'on_track'],
          },
        ],
      },
      {
        title: 'Accurate and ethical recording (demo)',
        outcomes: [
          {
            text: 'Crime is recorded accurately, so the public can trust the figures (demo).',
            measures: ['cdi_compliance'],
          },
        ],
        commitments: [
          {
            text: 'Record victims’ protected characteristics on every crime report (demo).',
            owner: force,
            topic: 'the equality data improvement work',
            measures: ['recorded_ethnicity', 'recorded_sex'],
            statuses: ['some_concerns', 'on_track', 'on_track', 'complete'],
          },
        ],
      },
    ],
  },
  {
    title: 'Reassured communities (demo)',
    description: 'Visible, accessible policing that listens and acts on what communities say.',
    priorities: [
      {
        title: 'Every community has a voice in policing (demo)',
        outcomes: [
          {
            text: 'Community concerns are listened to and acted on, building trust (demo).',
            measures: ['understands_issues'],
          },
        ],
        commitments: [
          {
            text: 'Hold public accountability meetings in every local policing area each year (demo).',
            owner: body,
            topic: 'the programme of public meetings',
            measures: [],
            statuses: ['on_track', 'on_track', 'on_track', null],
          },
          {
            text: 'Agree local priorities with every parish and town council (demo).',
            owner: force,
            topic: 'the agreement of local priorities',
            measures: ['understands_issues', 'confidence'],
            statuses: ['on_track', 'on_track', 'some_concerns', 'on_track'],
          },
        ],
      },
      {
        title: 'Visible and easy to reach (demo)',
        outcomes: [
          {
            text: 'People can reach the police when they need to, and see them about (demo).',
            measures: ['sees_officer_weekly'],
          },
        ],
        commitments: [
          {
            text: 'Keep the promises of the local policing community charter (demo).',
            owner: force,
            topic: 'the community charter',
            measures: ['satisfied_local_policing', 'sees_officer_weekly', 'access_non_emergency'],
            statuses: ['not_started', 'on_track', 'on_track', 'on_track'],
          },
        ],
      },
    ],
  },
];

/** Every measure the demo plan links: the caller may pass the catalogue's ids to check them. */
export const DEMO_PLAN_MEASURES: readonly string[] = [
  ...new Set(
    DEMO_PLAN.flatMap((o) =>
      o.priorities.flatMap((p) => [
        ...p.outcomes.flatMap((x) => x.measures),
        ...p.commitments.flatMap((c) => c.measures),
      ]),
    ),
  ),
];

/** The update's words for a status: fictional, about the commitment's topic. */
function narrative(topic: string, status: Status, quarter: string): string {
  switch (status) {
    case 'not_started':
      return `Work on ${topic} is due to start next quarter, once the lead is in post (demo).`;
    case 'on_track':
      return `On plan in ${quarter}: the milestones for ${topic} were met and the next steps agreed with partners (demo).`;
    case 'some_concerns':
      return `One milestone for ${topic} was missed in ${quarter}; a recovery plan has been agreed (demo).`;
    case 'off_track':
      return `Work on ${topic} is behind plan; the lead is to report to the next accountability meeting (demo).`;
    case 'complete':
      return `Delivered in ${quarter}: ${topic}, now monitored as part of normal business (demo).`;
  }
}

const CONSULTATION: readonly {
  /** [objective, priority] indexes, or null for the plan as a whole. */
  at: readonly [number, number] | null;
  daysBeforeStart: number;
  channel: Channel;
  respondentType: Respondent;
  summary: string;
  support: Support | null;
}[] = [
  {
    at: null,
    daysBeforeStart: 70,
    channel: 'online_survey',
    respondentType: 'resident',
    summary: 'Wants the plan to say more about visible neighbourhood policing (demo).',
    support: 'partly_supports',
  },
  {
    at: [0, 1],
    daysBeforeStart: 64,
    channel: 'email',
    respondentType: 'voluntary_sector',
    summary: 'Asks for longer funding terms for victim support services (demo).',
    support: 'supports',
  },
  {
    at: [0, 0],
    daysBeforeStart: 60,
    channel: 'focus_group',
    respondentType: 'victim_or_survivor',
    summary: 'Victims want regular updates on their case without having to chase them (demo).',
    support: 'supports',
  },
  {
    at: [1, 3],
    daysBeforeStart: 58,
    channel: 'public_meeting',
    respondentType: 'resident',
    summary: 'Speeding on rural roads is the main concern in several villages (demo).',
    support: 'supports',
  },
  {
    at: [1, 1],
    daysBeforeStart: 55,
    channel: 'letter',
    respondentType: 'elected_member',
    summary: 'Asks that county lines work includes the smaller market towns (demo).',
    support: 'partly_supports',
  },
  {
    at: [2, 0],
    daysBeforeStart: 50,
    channel: 'online_survey',
    respondentType: 'business',
    summary: 'Finds the 101 service slow to answer; prefers online reporting (demo).',
    support: 'opposes',
  },
  {
    at: [3, 0],
    daysBeforeStart: 45,
    channel: 'online_survey',
    respondentType: 'partner_organisation',
    summary: 'Welcomes local priorities agreed with parish councils (demo).',
    support: 'supports',
  },
  {
    at: [3, 1],
    daysBeforeStart: 40,
    channel: 'public_meeting',
    respondentType: 'resident',
    summary: 'Would like police stations to have published opening hours (demo).',
    support: 'no_view',
  },
];

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The financial year a moment is in (its start year) and its quarter, by the London date. */
function quarterAt(now: Date): { startYear: number; q: number } {
  const p = londonParts(now);
  const month = Number(p.month);
  const year = Number(p.year);
  return {
    startYear: month >= 4 ? year : year - 1,
    q: Math.floor(((month - 4 + 12) % 12) / 3) + 1,
  };
}

const label = (startYear: number, q: number) => `${startYear}-${pad((startYear + 1) % 100)} Q${q}`;

/** The `n` complete quarters before the one `now` is in, oldest first. */
function lastQuarters(now: Date, n: number): string[] {
  const { startYear, q } = quarterAt(now);
  const index = startYear * 4 + q - 1;
  const out: string[] = [];
  for (let i = index - n; i < index; i++) out.push(label(Math.floor(i / 4), (i % 4) + 1));
  return out;
}

/**
 * Writes the demo plan once (nothing when a plan exists): it started in the financial year two
 * before today's and runs four years. Commitments the Chief Constable delivers are led by the
 * demo lead, who posts their updates; the policing body's own are posted by the system as its
 * office. `measureIds` are the catalogue's ids when the caller has them (the demo's own list
 * otherwise). Returns the number of delivery updates written.
 */
export async function writeDemoPlan(
  store: DemoPlanStore,
  opts: { now: Date; leadUserId: string; measureIds?: readonly string[] },
): Promise<number> {
  if ((await store.plan.list()).length > 0) return 0;
  const known = opts.measureIds ?? DEMO_PLAN_MEASURES;
  const startYear = quarterAt(opts.now).startYear - 2;
  const plan = await store.plan.add(
    {
      title: `Safer Synthetic Shire Police and Crime Plan ${startYear}–${String(startYear + 4).slice(2)} (demo)`,
      startsOn: `${startYear}-04-01`,
      endsOn: `${startYear + 4}-03-31`,
      status: 'published',
    },
    SYSTEM,
  );
  const quarters = lastQuarters(opts.now, 4);
  const lead: Actor = { userId: opts.leadUserId, via: 'system' };
  const priorityIds: string[][] = [];
  let posted = 0;
  for (const o of DEMO_PLAN) {
    const objective = await store.plan.addObjective(
      { planId: plan.id, title: o.title, description: o.description },
      SYSTEM,
    );
    const ids: string[] = [];
    priorityIds.push(ids);
    for (const p of o.priorities) {
      const priority = await store.plan.addPriority(
        { objectiveId: objective.id, title: p.title, description: '' },
        SYSTEM,
      );
      ids.push(priority.id);
      for (const x of p.outcomes) {
        const outcome = await store.plan.addOutcome(
          { priorityId: priority.id, text: x.text },
          SYSTEM,
        );
        for (const m of x.measures)
          await store.plan.linkMeasure({ outcomeId: outcome.id, measureId: m }, known, SYSTEM);
      }
      for (const c of p.commitments) {
        const commitment = await store.plan.addCommitment(
          {
            priorityId: priority.id,
            text: c.text,
            owner: c.owner,
            leadUserId: c.owner === 'chief_constable' ? opts.leadUserId : null,
          },
          SYSTEM,
        );
        for (const m of c.measures)
          await store.plan.linkMeasure(
            { commitmentId: commitment.id, measureId: m },
            known,
            SYSTEM,
          );
        for (const [i, status] of c.statuses.entries()) {
          const quarter = quarters[i];
          if (!status || !quarter) continue;
          await store.delivery.post(
            commitment.id,
            {
              quarter,
              status,
              narrative: narrative(c.topic, status, quarter),
              evidence:
                status === 'not_started'
                  ? ''
                  : 'Quarterly delivery return and board minutes (demo).',
            },
            c.owner === 'chief_constable' ? lead : SYSTEM,
          );
          posted++;
        }
      }
    }
  }
  const start = Date.parse(`${startYear}-04-01T12:00:00Z`);
  for (const r of CONSULTATION)
    await store.consultation.add(
      {
        planId: plan.id,
        priorityId: r.at === null ? null : (priorityIds[r.at[0]]?.[r.at[1]] ?? null),
        receivedOn: new Date(start - r.daysBeforeStart * DAY_MS).toISOString().slice(0, 10),
        channel: r.channel,
        respondentType: r.respondentType,
        summary: r.summary,
        support: r.support,
      },
      SYSTEM,
    );
  return posted;
}
