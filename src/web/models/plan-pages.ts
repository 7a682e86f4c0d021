/**
 * The view models of the plan's pages (src/web/pages/plan.ts): the plan, one commitment, the
 * consultation responses and the editing forms. Read from the records and the engine here,
 * turned into text here; the views only lay it out.
 */
import { mayUpdateDelivery } from '../../records/accountability/delivery.ts';
import {
  CONSULTATION_CHANNELS,
  DELIVERY_STATUSES,
  DELIVERY_STATUS_NAMES,
  RESPONDENT_TYPES,
  SUPPORT_LEVELS,
} from '../../records/accountability/plan-types.ts';
import {
  compareQuarters,
  parseQuarter,
  quarterMonths,
} from '../../records/accountability/quarter.ts';
import type {
  CommitmentInPlan,
  ConsultationResponse,
  Plan,
  PlanTree,
  User,
} from '../../records/api.ts';
import { SUPPRESSION_NOTE } from '../../present/disclosure.ts';
import { formatDate, formatDateTime, formatPeriodLabel } from '../../present/format.ts';
import { londonIso } from '../../lib/london-time.ts';
import { organisation, type Organisation } from '../layout-model.ts';
import { can, ROLE_NAMES, seesSuppressedOnly } from '../permissions.ts';
import type { RequestContext } from '../route.ts';
import {
  commitmentCard,
  deliveryTag,
  linkedResults,
  MEASURE_CHOICES,
  measureEvidence,
  measureIdsOf,
  measureTitle,
  nameOf,
  ownerText,
  reportingQuarters,
  statusCounts,
  timelineItems,
  updatesByCommitment,
  type MeasureEvidence,
  type UserNames,
} from './plan.ts';

/** A form sent back with what was typed and what is wrong (keys are the fields' ids). */
export interface FormState {
  readonly form: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, string>>;
}

const FIRST_FIELD: Record<string, string> = { receivedOn: 'receivedOn-day' };
const errorList = (form: FormState | null) =>
  Object.entries(form?.errors ?? {}).map(([k, text]) => ({
    text,
    href: `#${FIRST_FIELD[k] ?? k}`,
  }));

async function namesOf(ctx: RequestContext): Promise<{ names: UserNames; users: User[] }> {
  const users = await ctx.deps.records.users.list();
  return { names: new Map(users.map((u) => [u.id, u.displayName])), users };
}

/** The plan pages' own sub-navigation (the accountability landing links here too). */
export function planNav(ctx: RequestContext, current: string) {
  const items = [
    { href: '/plan', text: 'The plan' },
    { href: '/plan/monitoring-report', text: 'Monitoring report' },
    { href: '/plan/consultation', text: 'Consultation' },
    ...(can(ctx.user, 'manage_plan') ? [{ href: '/plan/edit', text: 'Edit the plan' }] : []),
    { href: '/accountability', text: 'All accountability' },
  ];
  return items.map((i) => ({ ...i, active: i.href === current }));
}

const planDates = (p: Plan) => `${formatDate(p.startsOn)} to ${formatDate(p.endsOn)}`;

function figuresNote(period: string | null, lpa: string | null): string {
  if (!period) return 'No data has been loaded, so the linked measures have no figures yet.';
  return `Measures show ${formatPeriodLabel(period)}, the latest complete quarter of data, ${lpa ? `for ${lpa}` : 'for the whole force'}.`;
}

async function evidenceFor(
  ctx: RequestContext,
  ids: readonly string[],
  period: string | null,
): Promise<(id: string) => MeasureEvidence> {
  const lpa = ctx.lpaScope?.[0] ?? null;
  const results = period ? await linkedResults(ctx, ids, { period, lpa }, 'audience') : new Map();
  return (id) => measureEvidence(id, results.get(id), ctx.deps.charts, period);
}

// ---- The plan ------------------------------------------------------------------------------

export async function planPageModel(
  ctx: RequestContext,
  o: {
    plan: Plan | null;
    org: Organisation;
    period: string | null;
    today: string;
    dueDays: number;
  },
) {
  const base = {
    pageTitle: 'Police and Crime Plan',
    nav: planNav(ctx, '/plan'),
    canEdit: can(ctx.user, 'manage_plan'),
  };
  if (!o.plan) return { ...base, plan: null };
  const plan = o.plan;
  const [tree, updates, { names }] = await Promise.all([
    ctx.deps.records.plan.tree(plan.id),
    ctx.deps.records.delivery.forPlan(plan.id),
    namesOf(ctx),
  ]);
  const evidence = await evidenceFor(ctx, measureIdsOf(tree), o.period);
  const byCommitment = updatesByCommitment(updates);
  const reporting = reportingQuarters(o.today, o.dueDays);
  const commitments = tree.objectives.flatMap((x) => x.priorities.flatMap((p) => p.commitments));
  const counts = statusCounts(commitments, byCommitment, reporting.previous);
  return {
    ...base,
    pageTitle: plan.title,
    plan: { title: plan.title, dates: planDates(plan), draft: plan.status === 'draft' },
    summary: {
      quarter: reporting.previous,
      months: quarterMonths(reporting.previous),
      total: commitments.length,
      rows: [
        ...DELIVERY_STATUSES.map((s) => ({ tag: deliveryTag(s), count: counts.get(s) ?? 0 })),
        { tag: null, count: counts.get('none') ?? 0 },
      ],
    },
    notes: [
      figuresNote(o.period, ctx.lpaScope?.[0] ?? null),
      ...(seesSuppressedOnly(ctx.user) ? [SUPPRESSION_NOTE] : []),
    ],
    objectives: tree.objectives.map((ob, i) => ({
      id: `objective-${ob.id}`,
      ref: `${i + 1}`,
      title: ob.title,
      description: ob.description,
      priorities: ob.priorities.map((p, j) => ({
        ref: `${i + 1}.${j + 1}`,
        title: p.title,
        outcomes: p.outcomes.map((x) => ({ text: x.text, measures: x.measureIds.map(evidence) })),
        commitments: p.commitments.map((c, k) =>
          commitmentCard({
            c,
            ref: `${i + 1}.${j + 1}.${k + 1}`,
            updates: byCommitment.get(c.id) ?? [],
            names,
            org: o.org,
            evidence,
            reporting,
            planStartsOn: plan.startsOn,
            planEndsOn: plan.endsOn,
          }),
        ),
      })),
    })),
  };
}

// ---- One commitment ------------------------------------------------------------------------

const STATUS_ITEMS = (checked: string) =>
  DELIVERY_STATUSES.map((s) => ({
    value: s,
    text: DELIVERY_STATUS_NAMES[s],
    checked: s === checked,
  }));

export async function commitmentPageModel(
  ctx: RequestContext,
  o: {
    c: CommitmentInPlan;
    org: Organisation;
    period: string | null;
    today: string;
    dueDays: number;
    form: FormState | null;
  },
) {
  const { c, form } = o;
  const [updates, timeline, { names }, tree] = await Promise.all([
    ctx.deps.records.delivery.forCommitment(c.id),
    ctx.deps.records.delivery.timeline(c.id),
    namesOf(ctx),
    ctx.deps.records.plan.tree(c.plan.id),
  ]);
  const evidence = await evidenceFor(ctx, c.measureIds, o.period);
  const reporting = reportingQuarters(o.today, o.dueDays);
  const oi = tree.objectives.findIndex((x) => x.id === c.objective.id);
  const pi = tree.objectives[oi]?.priorities.findIndex((x) => x.id === c.priority.id) ?? -1;
  const ki = tree.objectives[oi]?.priorities[pi]?.commitments.findIndex((x) => x.id === c.id) ?? -1;
  const ref = `${oi + 1}.${pi + 1}.${ki + 1}`;
  const card = commitmentCard({
    c,
    ref,
    updates,
    names,
    org: o.org,
    evidence,
    reporting,
    planStartsOn: c.plan.startsOn,
    planEndsOn: c.plan.endsOn,
  });
  const who = { role: ctx.user?.role ?? null, userId: ctx.user?.id ?? null };
  const canPost = ctx.user !== null && mayUpdateDelivery(c, who);
  const inPlan = (q: string) => {
    const x = parseQuarter(q);
    return x.endsOn >= c.plan.startsOn && x.startsOn <= c.plan.endsOn;
  };
  const latest = updates.at(-1)?.quarter ?? null;
  const open = [reporting.previous, reporting.current].filter(
    (q) =>
      inPlan(q) &&
      !updates.some((u) => u.quarter === q) &&
      (latest === null || compareQuarters(q, latest) > 0),
  );
  const editable = canPost ? (updates.find((u) => u.editable) ?? null) : null;
  const posting = form?.form === 'post' ? form : null;
  const editing = form?.form === 'edit' ? form : null;
  const chosenQuarter = posting?.values.quarter || (open.length === 1 ? open[0] : '') || '';
  const canLink = can(ctx.user, 'manage_plan');
  return {
    pageTitle: `Commitment ${ref}`,
    nav: planNav(ctx, ''),
    errorList: errorList(form),
    card,
    objective: `${oi + 1}. ${c.objective.title}`,
    priority: `${oi + 1}.${pi + 1} ${c.priority.title}`,
    updates: [...updates].reverse().map((u) => ({
      quarter: u.quarter,
      months: quarterMonths(u.quarter),
      tag: deliveryTag(u.status),
      narrative: u.narrative,
      evidence: u.evidence,
      submitted: `${nameOf(names, u.submittedBy)}, ${formatDateTime(londonIso(u.submittedAt))}`,
      state: u.editable ? 'Can still be changed' : 'Superseded by a later update',
    })),
    post:
      canPost && open.length > 0
        ? {
            action: `/plan/commitments/${c.id}/updates`,
            quarters: open.map((q) => ({
              value: q,
              text: `${q} (${quarterMonths(q)})`,
              checked: q === chosenQuarter,
            })),
            single: open.length === 1 ? open[0] : null,
            singleText: open.length === 1 ? `${open[0]} (${quarterMonths(open[0]!)})` : null,
            statuses: STATUS_ITEMS(posting?.values.status ?? ''),
            values: posting?.values ?? {},
            errors: posting?.errors ?? {},
          }
        : null,
    edit: editable
      ? {
          action: `/plan/updates/${editable.id}`,
          quarter: editable.quarter,
          statuses: STATUS_ITEMS(editing?.values.status ?? editable.status),
          values: editing?.values ?? {
            narrative: editable.narrative,
            evidence: editable.evidence,
          },
          errors: editing?.errors ?? {},
        }
      : null,
    postNote: canPost
      ? null
      : "Only this commitment's lead can post its delivery updates" +
        (c.owner === 'policing_body' ? ", or the policing body's office." : '.'),
    measures: c.links.map((l) => ({ ...evidence(l.measureId), linkId: l.id })),
    figuresNote: figuresNote(o.period, ctx.lpaScope?.[0] ?? null),
    suppressionNote: seesSuppressedOnly(ctx.user) ? SUPPRESSION_NOTE : null,
    link: canLink
      ? {
          target: `commitment:${c.id}`,
          back: `/plan/commitments/${c.id}`,
          measures: MEASURE_CHOICES.filter((m) => !c.measureIds.includes(m.value)),
        }
      : null,
    timeline: timelineItems(timeline, names, o.org),
  };
}

// ---- Consultation --------------------------------------------------------------------------

const CHANNEL_NAMES: Record<(typeof CONSULTATION_CHANNELS)[number], string> = {
  online_survey: 'Online survey',
  email: 'Email',
  letter: 'Letter',
  public_meeting: 'Public meeting',
  focus_group: 'Focus group',
  social_media: 'Social media',
  other: 'Other',
};
const RESPONDENT_NAMES: Record<(typeof RESPONDENT_TYPES)[number], string> = {
  resident: 'Resident',
  victim_or_survivor: 'Victim or survivor',
  business: 'Business',
  partner_organisation: 'Partner organisation',
  voluntary_sector: 'Voluntary or community organisation',
  elected_member: 'Elected member',
  police_officer_or_staff: 'Police officer or staff',
  other: 'Other',
};
const SUPPORT_NAMES: Record<(typeof SUPPORT_LEVELS)[number], string> = {
  supports: 'Supports',
  partly_supports: 'Partly supports',
  opposes: 'Opposes',
  no_view: 'No view given',
};

/** Every priority of a tree with its reference ("2.3") and objective. */
function prioritiesOf(tree: PlanTree) {
  return tree.objectives.flatMap((o, i) =>
    o.priorities.map((p, j) => ({
      id: p.id,
      ref: `${i + 1}.${j + 1}`,
      title: p.title,
      objective: o.title,
    })),
  );
}

export async function consultationModel(
  ctx: RequestContext,
  o: { plan: Plan | null; form: FormState | null; today: string },
) {
  const base = {
    pageTitle: 'Consultation on the plan',
    nav: planNav(ctx, '/plan/consultation'),
    errorList: errorList(o.form),
  };
  if (!o.plan) return { ...base, plan: null };
  const [tree, responses] = await Promise.all([
    ctx.deps.records.plan.tree(o.plan.id),
    ctx.deps.records.consultation.list(o.plan.id),
  ]);
  const priorities = prioritiesOf(tree);
  const row = (r: ConsultationResponse) => ({
    receivedOn: formatDate(r.receivedOn),
    channel: CHANNEL_NAMES[r.channel] ?? r.channel,
    respondent: RESPONDENT_NAMES[r.respondentType] ?? r.respondentType,
    summary: r.summary,
    support: r.support ? SUPPORT_NAMES[r.support] : 'Not recorded',
  });
  const groups = [
    {
      id: 'plan-as-a-whole',
      title: 'The plan as a whole',
      objective: null as string | null,
      priorityId: null as string | null,
    },
    ...priorities.map((p) => ({
      id: `priority-${p.id}`,
      title: `${p.ref} ${p.title}`,
      objective: p.objective,
      priorityId: p.id as string | null,
    })),
  ]
    .map((g) => ({
      ...g,
      responses: responses.filter((r) => r.priorityId === g.priorityId).map(row),
    }))
    .filter((g) => g.responses.length > 0);
  const values = o.form?.values ?? {};
  const choices = <K extends string>(
    keys: readonly K[],
    names: Record<K, string>,
    chosen: string,
  ) =>
    keys.map((k) => ({ value: k, text: names[k], selected: k === chosen, checked: k === chosen }));
  return {
    ...base,
    plan: { title: o.plan.title, dates: planDates(o.plan) },
    total: responses.length,
    groups,
    form: can(ctx.user, 'manage_plan')
      ? {
          values,
          errors: o.form?.errors ?? {},
          priorities: [
            { value: '', text: 'The plan as a whole', selected: !values.priorityId },
            ...priorities.map((p) => ({
              value: p.id,
              text: `${p.ref} ${p.title}`,
              selected: p.id === values.priorityId,
            })),
          ],
          channels: [
            { value: '', text: 'Choose how it came in', selected: !values.channel },
            ...choices(CONSULTATION_CHANNELS, CHANNEL_NAMES, values.channel ?? ''),
          ],
          respondents: [
            { value: '', text: 'Choose who responded', selected: !values.respondentType },
            ...choices(RESPONDENT_TYPES, RESPONDENT_NAMES, values.respondentType ?? ''),
          ],
          supports: choices(SUPPORT_LEVELS, SUPPORT_NAMES, values.support ?? ''),
          today: formatDate(o.today),
        }
      : null,
  };
}

// ---- Editing -------------------------------------------------------------------------------

export async function editModel(
  ctx: RequestContext,
  o: { plan: Plan | null; form: FormState | null },
) {
  const names = await organisation(ctx.deps);
  const f = (name: string) => ({
    values: o.form?.form === name ? o.form.values : {},
    errors: Object.fromEntries(
      Object.entries(o.form?.form === name ? o.form.errors : {}).map(([k, v]) => [
        k.slice(name.length + 1),
        v,
      ]),
    ),
  });
  const base = {
    pageTitle: 'Edit the plan',
    nav: planNav(ctx, '/plan/edit'),
    errorList: errorList(o.form),
    newPlan: f('plan'),
  };
  if (!o.plan) return { ...base, plan: null };
  const tree = await ctx.deps.records.plan.tree(o.plan.id);
  const { users } = await namesOf(ctx);
  const priorities = prioritiesOf(tree);
  const select = (
    items: { value: string; text: string }[],
    chosen: string | undefined,
    prompt: string,
  ) => [
    { value: '', text: prompt, selected: !chosen },
    ...items.map((i) => ({ ...i, selected: i.value === chosen })),
  ];
  const objective = f('objective');
  const priority = f('priority');
  const commitment = f('commitment');
  const outcome = f('outcome');
  const link = f('link');
  const targets = tree.objectives.flatMap((ob, i) =>
    ob.priorities.flatMap((p, j) => [
      ...p.commitments.map((c, k) => ({
        value: `commitment:${c.id}`,
        text: `Commitment ${i + 1}.${j + 1}.${k + 1}: ${c.text}`,
      })),
      ...p.outcomes.map((x, k) => ({
        value: `outcome:${x.id}`,
        text: `Outcome ${i + 1}.${j + 1} (${k + 1}): ${x.text}`,
      })),
    ]),
  );
  const leads = users
    .filter((u) => !u.disabled && (u.role === 'lead' || u.role === 'oversight'))
    .map((u) => ({ value: u.id, text: `${u.displayName} (${ROLE_NAMES[u.role]})` }));
  return {
    ...base,
    plan: {
      id: o.plan.id,
      title: o.plan.title,
      dates: planDates(o.plan),
      status: o.plan.status,
    },
    outline: tree.objectives.map((ob, i) => ({
      title: `${i + 1}. ${ob.title}`,
      priorities: ob.priorities.map((p, j) => ({
        title: `${i + 1}.${j + 1} ${p.title}`,
        commitments: p.commitments.length,
        outcomes: p.outcomes.length,
        measures: [...new Set([...p.commitments, ...p.outcomes].flatMap((x) => x.measureIds))]
          .map(measureTitle)
          .join(', '),
      })),
    })),
    objective,
    priority: {
      ...priority,
      objectives: select(
        tree.objectives.map((ob, i) => ({ value: ob.id, text: `${i + 1}. ${ob.title}` })),
        priority.values.objectiveId,
        'Choose an objective',
      ),
    },
    commitment: {
      ...commitment,
      priorities: select(
        priorities.map((p) => ({ value: p.id, text: `${p.ref} ${p.title}` })),
        commitment.values.priorityId,
        'Choose a priority',
      ),
      owners: [
        { value: 'chief_constable', text: ownerText('chief_constable', names) },
        { value: 'policing_body', text: ownerText('policing_body', names) },
      ].map((x) => ({ ...x, checked: x.value === commitment.values.owner })),
      leads: select(leads, commitment.values.leadUserId, 'No lead yet'),
    },
    outcome: {
      ...outcome,
      priorities: select(
        priorities.map((p) => ({ value: p.id, text: `${p.ref} ${p.title}` })),
        outcome.values.priorityId,
        'Choose a priority',
      ),
    },
    link: {
      ...link,
      targets: select(targets, link.values.target, 'Choose a commitment or outcome'),
      measures: select(MEASURE_CHOICES, link.values.measureId, 'Choose a measure'),
    },
  };
}
